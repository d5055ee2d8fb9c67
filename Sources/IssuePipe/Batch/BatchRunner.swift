import Foundation

/// Everything a batch needs to run, decided before it starts.
public struct BatchConfiguration: Sendable {
    public var items: [BatchItem]
    public var outputFolder: URL
    /// Write each file's stage dumps to `<out>/<stem>.stages/`.
    public var writeStages: Bool
    /// Worker processes at most at once.
    public var jobs: Int
    /// Seconds per file; nil or 0 for no limit.
    public var timeout: Double?
    public var maxMemoryBytes: UInt64?
    /// Convert even files whose output is up to date.
    public var force: Bool
    /// The password for a file (`--password`, `--passwords FILE`).
    public var passwords: PasswordBook
    public var pipeline: String?
    public var pipelinesFolder: String?
    public var ocrMode: OCRMode
    public var keepFurniture: Bool
    public var resume: ResumeCheck
    public var launcher: WorkerLauncher
    /// A worker is replaced after this many files (0: never), so what a
    /// library leaks or fragments stays bounded.
    public var maxFilesPerWorker: Int
    /// A worker whose resident memory has grown past this after a file is replaced; nil: no limit.
    public var workerRSSLimit: UInt64?
    /// One queue of OCR pages across files (`PageScheduler`): a worker between
    /// files reads pages of another worker's file. Only with two jobs or more.
    public var sharePages: Bool

    public init(items: [BatchItem], outputFolder: URL, writeStages: Bool = false, jobs: Int, timeout: Double?,
                maxMemoryBytes: UInt64?, force: Bool = false, passwords: PasswordBook = PasswordBook(),
                pipeline: String? = nil, pipelinesFolder: String? = nil, ocrMode: OCRMode = .auto,
                keepFurniture: Bool = false, resume: ResumeCheck, launcher: WorkerLauncher,
                maxFilesPerWorker: Int = 0, workerRSSLimit: UInt64? = nil, sharePages: Bool = true) {
        self.sharePages = sharePages
        self.maxFilesPerWorker = maxFilesPerWorker
        self.workerRSSLimit = workerRSSLimit
        self.items = items
        self.outputFolder = outputFolder
        self.writeStages = writeStages
        self.jobs = jobs
        self.timeout = timeout
        self.maxMemoryBytes = maxMemoryBytes
        self.force = force
        self.passwords = passwords
        self.pipeline = pipeline
        self.pipelinesFolder = pipelinesFolder
        self.ocrMode = ocrMode
        self.keepFurniture = keepFurniture
        self.resume = resume
        self.launcher = launcher
    }
}

/// What a batch reports while it runs.
public enum BatchEvent: Sendable {
    case started(BatchItem)
    case finished(BatchItem, BatchFileRecord)
    /// A line a worker wrote to standard error (poppler's complaints, mostly).
    case workerSaid(BatchItem, String)
    case skipReason(BatchItem, String)
}

/// Runs a batch: `jobs` worker processes at once, each converting file after
/// file, largest files first (so a big file does not start last and leave the
/// other workers idle at the end). A worker is replaced when it crashes, times
/// out, has done `maxFilesPerWorker` files or grew past `workerRSSLimit`; a file
/// whose worker crashed after other files is tried once more in a fresh one
/// (the crash may be an earlier file's doing), so a crash costs one file.
///
/// With `sharePages`, a worker between files first reads OCR pages other
/// workers' files are waiting for (`PageScheduler`), and waits for such pages
/// while files are still being converted, instead of finishing early.
public final class BatchRunner: Sendable {
    public let configuration: BatchConfiguration
    private let onEvent: @Sendable (BatchEvent) -> Void
    private let state = Locked(State())
    private let scheduler: PageScheduler?

    /// What the worker threads and `stop` share.
    private struct State {
        var queue: [BatchItem] = []
        var records: [BatchFileRecord] = []
        var running: Set<Int32> = []
        var stopSignal: Int32?
        var workers = WorkerCounts()
        /// Files taken from the queue and not finished: they may still post OCR pages.
        var inProgress = 0
    }

    public init(_ configuration: BatchConfiguration, onEvent: @escaping @Sendable (BatchEvent) -> Void = { _ in }) {
        self.configuration = configuration
        self.onEvent = onEvent
        scheduler = configuration.sharePages && configuration.jobs > 1 ? PageScheduler() : nil
    }

    public struct Outcome: Sendable {
        public var records: [BatchFileRecord]
        /// Files never started because the batch was stopped.
        public var notStarted: Int
        /// The signal that stopped the batch, if one did.
        public var stoppedBy: Int32?
        /// Workers started, and why they were replaced.
        public var workers: WorkerCounts
    }

    /// Runs every file and returns when all are done or the batch was stopped.
    public func run() -> Outcome {
        let sizes = Dictionary(configuration.items.map { item in
            (item.url, ((try? FileManager.default.attributesOfItem(atPath: item.url.path))?[.size] as? NSNumber)?.int64Value ?? 0)
        }, uniquingKeysWith: { a, _ in a })
        // Popped from the end: smallest last.
        let queue = configuration.items.sorted { (sizes[$0.url] ?? 0, $1.relativePath) < (sizes[$1.url] ?? 0, $0.relativePath) }
        state.withLock { $0.queue = queue }

        let group = DispatchGroup()
        // Sharing pages, a thread with no file of its own can still help (one long scan alone
        // is read on every core); its worker is started for its first page.
        let threads = scheduler != nil ? configuration.jobs : min(configuration.jobs, configuration.items.count)
        for _ in 0..<max(1, threads) {
            group.enter()
            Thread.detachNewThread { [self] in
                var slot = WorkerSlot()
                while let work = nextWork() {
                    switch work {
                    case .file(let item): finish(item, process(item, slot: &slot))
                    case .page(let job): help(job, slot: &slot)
                    }
                }
                if let worker = slot.worker { retire(worker) }
                group.leave()
            }
        }
        group.wait()
        let helped = scheduler?.pagesHelped
        return state.withLock {
            var workers = $0.workers
            workers.pagesShared = helped
            return Outcome(records: $0.records, notStarted: $0.queue.count, stoppedBy: $0.stopSignal, workers: workers)
        }
    }

    /// Stops launching files and kills the running workers (SIGKILL). Safe to
    /// call from a signal handler's queue, more than once.
    public func stop(signal: Int32) {
        let pids = state.withLock { state in
            if state.stopSignal == nil { state.stopSignal = signal }
            return state.running
        }
        for pid in pids { kill(pid, SIGKILL) }
        scheduler?.wakeAll()
    }

    /// A batch thread's worker process, kept from file to file.
    private struct WorkerSlot {
        var worker: WorkerProcess?
    }

    /// What a batch thread does next.
    private enum Work {
        case file(BatchItem)
        case page(PageScheduler.HelperJob)
    }

    /// A page another file waits for, else the next file; with the scheduler,
    /// waits while files are still converting (they may post pages); nil when
    /// all is done or the batch is stopping.
    private func nextWork() -> Work? {
        while !isStopping {
            if let job = scheduler?.helperJob() { return .page(job) }
            let (item, busy): (BatchItem?, Bool) = state.withLock { state in
                guard state.stopSignal == nil else { return (nil, false) }
                guard let item = state.queue.popLast() else { return (nil, state.inProgress > 0) }
                state.inProgress += 1
                return (item, true)
            }
            if let item { return .file(item) }
            guard busy, let scheduler else { return nil }
            scheduler.waitForChange()
        }
        return nil
    }

    private func finish(_ item: BatchItem, _ record: BatchFileRecord) {
        state.withLock {
            $0.records.append(record)
            $0.inProgress -= 1
        }
        scheduler?.wakeAll()
        onEvent(.finished(item, record))
    }

    private var isStopping: Bool { state.withLock { $0.stopSignal != nil } }

    private func process(_ item: BatchItem, slot: inout WorkerSlot) -> BatchFileRecord {
        let started = Date()
        let output = item.outputURL(in: configuration.outputFolder)
        func record(_ status: BatchStatus, _ result: WorkerResult? = nil, error: FileFailure? = nil) -> BatchFileRecord {
            BatchFileRecord(input: item.input, relativePath: item.relativePath, output: output.path, status: status,
                            error: error ?? result?.error, pageCount: result?.pageCount, pages: result?.pages,
                            warnings: result?.warnings ?? [], pipeline: result?.pipeline, sha256: result?.sha256,
                            seconds: Date().timeIntervalSince(started))
        }

        // A name that is not UTF-8 is read through an alias with its escaped name.
        var source = item.url
        if let raw = item.rawPath {
            do { source = try RawPathAlias.make(to: raw, name: item.url.lastPathComponent) } catch {
                return record(.failed, error: FileFailure(error))
            }
        }
        defer { if item.rawPath != nil { RawPathAlias.remove(source) } }
        // A link planted inside --out would send the output (and resume's read) elsewhere.
        let written = [output] + (configuration.writeStages ? [item.stagesURL(in: configuration.outputFolder)] : [])
        if let link = written.lazy.compactMap({ Self.symbolicLink(inside: self.configuration.outputFolder, on: $0) }).first {
            return record(.failed, error: FileFailure(IssuePipeError.writeFailed(
                path: output.path, reason: "\(link) is a symbolic link inside --out; refusing to write through it")))
        }
        if !configuration.force {
            switch configuration.resume.decide(input: source, output: output) {
            case .skip(let existing):
                return record(.skipped, existing)
            case .convert(let reason):
                onEvent(.skipReason(item, reason))
            }
        }
        onEvent(.started(item))
        removeStaleTemporaries(of: output)
        if configuration.writeStages { removeLeftovers(in: item.stagesURL(in: configuration.outputFolder)) }

        let outcome = runWorker(for: item, reading: source, writing: output, slot: &slot)
        switch outcome {
        case .finished(let result):
            return record(BatchStatus(finished: result), result)
        case .crashed(let failure), .timedOut(let failure), .interrupted(let failure):
            removeStaleTemporaries(of: output)
            return record(.failed, error: failure)
        }
    }

    /// Converts one file in this thread's worker process, retried once in a
    /// fresh worker when a worker that had done other files crashed on it.
    private func runWorker(for item: BatchItem, reading source: URL, writing output: URL, slot: inout WorkerSlot) -> WorkerOutcome {
        let request = WorkerRequest(
            input: source.path, output: output.path,
            stagesFolder: configuration.writeStages ? item.stagesURL(in: configuration.outputFolder).path : nil,
            password: configuration.passwords.password(for: item), pipeline: configuration.pipeline,
            pipelinesFolder: configuration.pipelinesFolder, ocrMode: configuration.ocrMode,
            keepFurniture: configuration.keepFurniture, maxMemoryBytes: configuration.maxMemoryBytes,
            sharePages: scheduler != nil ? true : nil)
        let (outcome, hadOthers) = convertOnce(request, item: item, slot: &slot)
        guard case .crashed = outcome, hadOthers, !isStopping else { return outcome }
        state.withLock { $0.workers.retried += 1 }
        return convertOnce(request, item: item, slot: &slot).outcome
    }

    /// One attempt, in the slot's worker (started when there is none), which is
    /// retired afterwards if it ended or reached a limit. Also tells whether the
    /// worker had converted other files before.
    private func convertOnce(_ request: WorkerRequest, item: BatchItem, slot: inout WorkerSlot) -> (outcome: WorkerOutcome, hadOthers: Bool) {
        guard let worker = slot.worker ?? startWorker(&slot) else {
            let reason = isStopping ? "the batch is stopping" : "cannot start \(configuration.launcher.executable.path)"
            return (.interrupted(FileFailure(IssuePipeError.workerCrashed(path: request.input, reason: reason))), false)
        }
        let hadOthers = worker.filesSent > 0 || worker.pagesHelped > 0
        let onEvent = self.onEvent
        let outcome = worker.convert(request, timeout: configuration.timeout, stopping: { isStopping },
                                     stderrLine: { line in onEvent(.workerSaid(item, line)) },
                                     servePages: { [self] pages, job in serveOwnPages(pages, worker: worker, file: job) })
        let reason: WorkerCounts.Reason?
        switch outcome {
        case .finished(let result):
            if configuration.maxFilesPerWorker > 0, worker.filesSent >= configuration.maxFilesPerWorker {
                reason = .maxFiles
            } else if let limit = configuration.workerRSSLimit, let resident = result.residentBytes, resident > limit {
                reason = .memory
            } else {
                reason = nil
            }
        case .crashed: reason = .crash
        case .timedOut: reason = .timeout
        case .interrupted: reason = .interrupted
        }
        if let reason {
            retire(worker)
            slot.worker = nil
            state.withLock { $0.workers.count(reason) }
        }
        return (outcome, hadOthers)
    }

    /// A file's OCR pages, while its worker waits in the OCR stage: posted to
    /// the scheduler; the worker reads its own pages as they come up and the
    /// others are read by workers between files. Nil when the worker ended or
    /// must end (its file timed out, the batch is stopping).
    private func serveOwnPages(_ pages: OCRPageBatch, worker: WorkerProcess, file: JobState) -> PagesReply? {
        guard let scheduler else { return nil }
        guard let id = scheduler.post(pages) else { return PagesReply(results: nil) }
        while let step = scheduler.ownerStep(id, cancelled: { file.timedOut || isStopping }) {
            switch step {
            case .done(let reply):
                return reply
            case .read(let target):
                guard let result = worker.readOwnPage(PageJob(pages, target: target, maxMemoryBytes: configuration.maxMemoryBytes)) else {
                    scheduler.abandon(id)
                    return nil
                }
                scheduler.deliver(id, result, byHelper: false)
            }
        }
        scheduler.abandon(id)
        return nil
    }

    /// Reads a page of another worker's file in this thread's worker (started
    /// when there is none). A worker that dies on it is replaced and the file
    /// is read by its owner alone (the death is counted, no file fails for it).
    private func help(_ job: PageScheduler.HelperJob, slot: inout WorkerSlot) {
        guard let scheduler else { return }
        guard let worker = slot.worker ?? startWorker(&slot) else {
            scheduler.deliver(job.posting, PageJobResult(page: job.target.number, failure: "no worker"), byHelper: true)
            return
        }
        let page = PageJob(job.pages, target: job.target, maxMemoryBytes: configuration.maxMemoryBytes)
        let reason: WorkerCounts.Reason?
        switch worker.help(page, timeout: configuration.timeout, stopping: { isStopping }) {
        case .read(let result):
            scheduler.deliver(job.posting, result, byHelper: true)
            if let limit = configuration.workerRSSLimit, let resident = result.residentBytes, resident > limit { reason = .memory } else { reason = nil }
        case .ended(let outcome):
            switch outcome {
            case .interrupted:
                scheduler.deliver(job.posting, PageJobResult(page: job.target.number, failure: "interrupted"), byHelper: true)
                reason = .interrupted
            case .timedOut:
                scheduler.helperDied(job.posting)
                reason = .timeout
            case .crashed, .finished:
                scheduler.helperDied(job.posting)
                reason = .crash
            }
        }
        if let reason {
            retire(worker)
            slot.worker = nil
            state.withLock { $0.workers.count(reason) }
        }
    }

    /// A new worker in the slot, known to `stop`; nil when the batch is stopping or it cannot start.
    private func startWorker(_ slot: inout WorkerSlot) -> WorkerProcess? {
        guard !isStopping, let worker = try? configuration.launcher.start() else { return nil }
        let accepted = state.withLock { state in
            state.running.insert(worker.pid)
            state.workers.started += 1
            return state.stopSignal == nil
        }
        if !accepted { kill(worker.pid, SIGKILL) }
        slot.worker = worker
        return worker
    }

    /// Ends a worker (if it still runs) and forgets it.
    private func retire(_ worker: WorkerProcess) {
        worker.close()
        state.withLock { _ = $0.running.remove(worker.pid) }
    }

    /// A killed worker's temporary stage dumps (`.1-extract.json.<pid>.tmp`).
    private func removeLeftovers(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where isAtomicWriteLeftover(name) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
    }

    /// The first path from below `folder` down to `file` (itself included) that is a symbolic link.
    static func symbolicLink(inside folder: URL, on file: URL) -> String? {
        let base = folder.standardizedFileURL.pathComponents, parts = file.standardizedFileURL.pathComponents
        guard parts.count > base.count, Array(parts.prefix(base.count)) == base else { return nil }
        var path = folder.standardizedFileURL.path
        for part in parts.dropFirst(base.count) {
            path = (path as NSString).appendingPathComponent(part)
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return path }
        }
        return nil
    }

    /// `writeAtomically` leaves `.<name>.<pid>.tmp` behind when its process is
    /// killed mid-write; such a file is garbage once we (re)write that output.
    private func removeStaleTemporaries(of output: URL) {
        let folder = output.deletingLastPathComponent()
        let prefix = "." + output.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4)
            if !middle.isEmpty, middle.allSatisfy(\.isNumber) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}

/// Passwords for encrypted PDFs: one for every file (`--password`) and one a
/// file name (`--passwords FILE`, a TSV of `name<TAB>password` lines; a header
/// line whose first field is `local_name` or `file`, blank lines and `#`
/// comments are skipped; the name is matched against the file name, then
/// against the relative path). A file's own entry wins over `--password`.
public struct PasswordBook: Sendable {
    public var fallback: String?
    public var byName: [String: String]

    public init(fallback: String? = nil, byName: [String: String] = [:]) {
        self.fallback = fallback
        self.byName = byName
    }

    public func password(for item: BatchItem) -> String? {
        byName[item.relativePath] ?? byName[item.url.lastPathComponent] ?? fallback
    }

    /// Reads the TSV; the password is the second column (the rest is ignored,
    /// so the corpus's PASSWORDS.tsv with its owner-password and note columns works).
    public static func parseTSV(_ text: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if index == 0, ["local_name", "file", "name"].contains(fields[0].lowercased()) { continue }
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw BatchUsageError("--passwords line \(index + 1): expected name<TAB>password")
            }
            result[fields[0]] = fields[1]
        }
        return result
    }
}
