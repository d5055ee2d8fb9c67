import Dispatch
import Foundation
import IssuePipe
import Logging

/// `58 files: 40 converted, 2 partial, 3 skipped, 13 failed (encrypted 3, not-a-pdf 2); 512 pages (500 text, 12 OCR) in 41.3 s`
func summary(_ report: BatchReport, report path: String?) -> String {
    let t = report.totals
    var text = "\(t.files) file\(t.files == 1 ? "" : "s"): \(t.converted) converted, "
        + (t.partial > 0 ? "\(t.partial) partial, " : "") + "\(t.skipped) skipped, \(t.failed) failed"
    if !t.failuresByCode.isEmpty {
        text += " (" + t.failuresByCode.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
    }
    if t.notStarted > 0 { text += ", \(t.notStarted) not started" }
    let convertedPages = report.files.filter { $0.status == .converted || $0.status == .partial }.reduce(0) { $0 + ($1.pageCount ?? 0) }
    text += "; \(t.pages) pages (\(t.textPages) text, \(t.ocrPages) OCR)"
    if t.warnings > 0 { text += ", \(t.warnings) warning\(t.warnings == 1 ? "" : "s") in \(t.filesWithWarnings) file\(t.filesWithWarnings == 1 ? "" : "s")" }
    text += String(format: "; %.1f s", report.wallSeconds)
    if convertedPages > 0, report.wallSeconds > 0 { text += String(format: ", %.1f pages/s", Double(convertedPages) / report.wallSeconds) }
    if let workers = report.workers, workers.restarts > 0 {
        let reasons = [("crash", workers.crash), ("timeout", workers.timeout), ("max files", workers.maxFiles), ("memory", workers.memory)]
            .filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        text += "; \(workers.started) workers (restarts: \(reasons))"
    }
    if report.interrupted { text += "; interrupted" }
    if let path { text += ". Report: \(path)" }
    return text
}

/// Per-file log lines, and on a terminal one updating line:
/// `[23/58] 41.2 pages/s · ETA 0:35 · 4 failed · chinese/x.pdf`.
final class BatchProgress: Sendable {
    private let total: Int
    private let logger: Logger
    private let verbose: Bool
    private let quiet: Bool
    private let state = Locked(State())

    /// What the workers' events change, read by the timer's redraws.
    private struct State {
        var done = 0
        var worked = 0 // done, not counting skipped files
        var failed = 0
        var partial = 0
        var pages = 0
        var running: [String] = []
        var startedAt = Date()
        var timer: DispatchSourceTimer?
        var stopNote: String?

        mutating func finished(_ item: BatchItem, _ record: BatchFileRecord) {
            done += 1
            if record.status != .skipped { worked += 1 }
            if record.status == .failed { failed += 1 }
            if record.status == .partial { partial += 1 }
            if record.status == .converted || record.status == .partial { pages += record.pageCount ?? 0 }
            running.removeAll { $0 == item.relativePath }
        }

        func statusLine(total: Int) -> String {
            let elapsed = Date().timeIntervalSince(startedAt)
            var parts = ["[\(done)/\(total)]"]
            if elapsed > 0 { parts.append(String(format: "%.1f pages/s", Double(pages) / elapsed)) }
            if worked > 0, done < total {
                let eta = elapsed / Double(done) * Double(total - done)
                parts.append(String(format: "ETA %d:%02d", Int(eta) / 60, Int(eta) % 60))
            }
            if partial > 0 { parts.append("\(partial) partial") }
            if failed > 0 { parts.append("\(failed) failed") }
            if let stopNote { parts.append("stopping (\(stopNote))") } else if let current = running.last { parts.append(current) }
            return parts.joined(separator: " · ")
        }
    }

    init(total: Int, logger: Logger, verbose: Bool, quiet: Bool) {
        self.total = total
        self.logger = logger
        self.verbose = verbose
        self.quiet = quiet
    }

    private var onTerminal: Bool { Console.shared.isTerminal && !quiet }

    func start() {
        state.withLock { $0.startedAt = Date() }
        guard onTerminal else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.redraw() }
        timer.resume()
        state.withLock { $0.timer = timer }
        redraw()
    }

    func end() {
        state.withLock { $0.timer }?.cancel()
        Console.shared.setStatus(nil)
    }

    func stopping(_ signal: Int32) {
        let note = signal == SIGTERM ? "SIGTERM" : "SIGINT"
        state.withLock { $0.stopNote = note }
        logger.warning("\(note): stopping; killing the running workers and writing the report")
    }

    func handle(_ event: BatchEvent) {
        switch event {
        case .started(let item):
            state.withLock { $0.running.append(item.relativePath) }
            logger.debug("start     \(item.input)")
        case .skipReason(let item, let reason):
            logger.debug("convert   \(item.input): \(reason)")
        case .workerSaid(let item, let line):
            logger.debug("  [\(item.relativePath)] \(line)")
        case .finished(let item, let record):
            state.withLock { $0.finished(item, record) }
            log(item, record)
        }
        redraw()
    }

    private func log(_ item: BatchItem, _ record: BatchFileRecord) {
        let seconds = String(format: "%.1f s", record.seconds)
        switch record.status {
        case .failed:
            let error = record.error ?? FileFailure(code: "unknown", message: "no reason given")
            logger.error("\(item.input): \(error.message) [\(error.code)]")
        case .converted, .partial:
            let partial = record.status == .partial
            var text = (partial ? "partial   " : "converted ") + "\(item.input) -> \(record.output) (\(record.pageCount ?? 0) pages"
            if let p = record.pages, p.ocr > 0 { text += ", \(p.ocr) OCR" }
            if !record.warnings.isEmpty {
                let codes = Dictionary(grouping: record.warnings, by: \.code).map { "\($0.key) ×\($0.value.count)" }.sorted()
                text += ", warnings: " + codes.joined(separator: ", ")
            }
            text += ", \(seconds))"
            if partial { text += ": text may be missing" }
            // A partial file is shown even on a terminal, where the progress line stands for the others.
            if (onTerminal && !partial) || quiet { logger.debug("\(text)") } else { logger.info("\(text)") }
        case .skipped:
            logger.debug("skipped   \(item.input) (up to date: \(record.output))")
        }
    }

    private func redraw() {
        guard onTerminal else { return }
        Console.shared.setStatus(state.withLock { $0.statusLine(total: total) })
    }
}
