import Foundation

/// `issuepipe batch --report FILE`: what happened to every file, and totals.
/// Files are sorted by input path, so the same run gives the same order.
public struct BatchReport: Codable, Hashable, Sendable {
    public static let currentVersion = 1

    public var reportVersion: Int = BatchReport.currentVersion
    public var tool: ToolInfo
    /// `--pipeline` as given, or `auto` when each file's pipeline was detected.
    public var pipeline: String
    /// `--ocr` mode.
    public var ocr: String
    /// `--shard K/N` when the batch was one shard; nil for a whole batch or a merged report.
    public var shard: String?
    /// True when SIGINT/SIGTERM stopped the batch before every file was done.
    public var interrupted: Bool
    /// Wall-clock seconds of the batch; for a merged report, the longest of its parts.
    public var wallSeconds: Double
    public var totals: BatchTotals
    /// The worker processes and their restarts (nil in reports written before workers were long-lived).
    public var workers: WorkerCounts?
    public var files: [BatchFileRecord]

    public init(tool: ToolInfo = .current, pipeline: String, ocr: String, shard: String?, interrupted: Bool,
                wallSeconds: Double, files: [BatchFileRecord], notStarted: Int = 0, workers: WorkerCounts? = nil) {
        self.workers = workers
        self.tool = tool
        self.pipeline = pipeline
        self.ocr = ocr
        self.shard = shard
        self.interrupted = interrupted
        self.wallSeconds = roundedSeconds(wallSeconds)
        self.files = files.sorted { $0.input < $1.input }
        self.totals = BatchTotals(files: self.files, notStarted: notStarted)
    }
}

/// The batch's worker processes: how many were started, and why workers were
/// replaced (a crash, `--timeout`, `--max-files-per-worker`, `--worker-rss-limit`,
/// the batch being stopped); `retried` counts files tried again in a fresh
/// worker after a crash.
public struct WorkerCounts: Codable, Hashable, Sendable {
    public var started = 0
    public var crash = 0
    public var timeout = 0
    public var maxFiles = 0
    public var memory = 0
    public var interrupted = 0
    public var retried = 0
    /// OCR pages read by a worker for another worker's file (the page
    /// scheduler); nil when the batch did not share pages.
    public var pagesShared: Int?

    public init() {}

    public enum Reason: Sendable { case crash, timeout, maxFiles, memory, interrupted }

    mutating func count(_ reason: Reason) {
        switch reason {
        case .crash: crash += 1
        case .timeout: timeout += 1
        case .maxFiles: maxFiles += 1
        case .memory: memory += 1
        case .interrupted: interrupted += 1
        }
    }

    /// Replacements, every reason together.
    public var restarts: Int { crash + timeout + maxFiles + memory }

    /// The counts of several batches (shards) together.
    public static func + (a: WorkerCounts, b: WorkerCounts) -> WorkerCounts {
        var sum = a
        sum.started += b.started; sum.crash += b.crash; sum.timeout += b.timeout
        sum.maxFiles += b.maxFiles; sum.memory += b.memory; sum.interrupted += b.interrupted; sum.retried += b.retried
        if a.pagesShared != nil || b.pagesShared != nil { sum.pagesShared = (a.pagesShared ?? 0) + (b.pagesShared ?? 0) }
        return sum
    }
}

public struct ToolInfo: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
    public init(name: String, version: String) { self.name = name; self.version = version }
    public static let current = ToolInfo(name: "issuepipe", version: IssuePipeVersion.string)
}

public enum BatchStatus: String, Codable, Sendable {
    /// Converted in this run; the output was written.
    case converted
    /// Converted in this run and written, but part of the text may be missing:
    /// the output has a `damaged-content`, `cmap-missing`, `ocr-failed` or `page-over-limit` warning.
    case partial
    /// The output was already there, for the same input bytes, pipeline version
    /// and libraries (`producedWith`).
    case skipped
    /// No output was written for this file in this run; `error` says why.
    case failed

    /// Warnings that say text is missing from the output: poppler's, and a page OCR left empty.
    public static let textLost = PopplerMessageLog.lossCodes.union(["ocr-failed", "page-over-limit"])

    /// The status of a file a worker finished with `result`.
    public init(finished result: WorkerResult) {
        if result.error != nil {
            self = .failed
        } else if result.warnings.contains(where: { Self.textLost.contains($0.code) }) {
            self = .partial
        } else {
            self = .converted
        }
    }
}

/// Why a file failed: an `IssuePipeError` code (`encrypted`, `not-a-pdf`,
/// `timeout`, `worker-crashed`, …) and a one-line message.
public struct FileFailure: Codable, Hashable, Sendable {
    public var code: String
    public var message: String
    public init(code: String, message: String) { self.code = code; self.message = message }
    public init(_ error: IssuePipeError) { self.init(code: error.code, message: error.reason) }
}

public struct PageMethodCounts: Codable, Hashable, Sendable {
    public var text: Int
    public var ocr: Int
    public init(text: Int = 0, ocr: Int = 0) { self.text = text; self.ocr = ocr }
    public init(_ pages: [PageSummary]) {
        self.init(text: pages.count { $0.method == .text }, ocr: pages.count { $0.method == .ocr })
    }
}

public struct BatchFileRecord: Codable, Hashable, Sendable {
    public var input: String
    /// The path mirrored under `--out` (and hashed for `--shard`).
    public var relativePath: String
    public var output: String
    public var status: BatchStatus
    public var error: FileFailure?
    public var pageCount: Int?
    /// Pages whose text came from the PDF's text layer and from OCR.
    public var pages: PageMethodCounts?
    public var warnings: [Warning]
    public var pipeline: PipelineInfo?
    /// SHA-256 of the input bytes.
    public var sha256: String?
    /// Seconds spent on this file (for a skipped file, on checking it).
    public var seconds: Double

    public init(input: String, relativePath: String, output: String, status: BatchStatus, error: FileFailure? = nil,
                pageCount: Int? = nil, pages: PageMethodCounts? = nil, warnings: [Warning] = [],
                pipeline: PipelineInfo? = nil, sha256: String? = nil, seconds: Double) {
        self.input = input
        self.relativePath = relativePath
        self.output = output
        self.status = status
        self.error = error
        self.pageCount = pageCount
        self.pages = pages
        self.warnings = warnings
        self.pipeline = pipeline
        self.sha256 = sha256
        self.seconds = roundedSeconds(seconds)
    }
}

public struct BatchTotals: Codable, Hashable, Sendable {
    public var files: Int
    public var converted: Int
    /// Converted with text possibly missing (status `partial`); not in `converted`.
    public var partial: Int
    public var skipped: Int
    public var failed: Int
    /// Files never started because the batch was interrupted (not in `files`).
    public var notStarted: Int
    /// Pages of converted, partial and skipped files.
    public var pages: Int
    public var textPages: Int
    public var ocrPages: Int
    /// Files with at least one warning, and warnings in all.
    public var filesWithWarnings: Int
    public var warnings: Int
    /// Failed files by error code.
    public var failuresByCode: [String: Int]
    /// Sum of the per-file seconds (more than the wall time when files ran in parallel).
    public var seconds: Double

    public init(files records: [BatchFileRecord], notStarted: Int = 0) {
        files = records.count
        converted = records.count { $0.status == .converted }
        partial = records.count { $0.status == .partial }
        skipped = records.count { $0.status == .skipped }
        failed = records.count { $0.status == .failed }
        self.notStarted = notStarted
        let done = records.filter { $0.status != .failed }
        pages = done.reduce(0) { $0 + ($1.pageCount ?? 0) }
        textPages = done.reduce(0) { $0 + ($1.pages?.text ?? 0) }
        ocrPages = done.reduce(0) { $0 + ($1.pages?.ocr ?? 0) }
        filesWithWarnings = records.count { !$0.warnings.isEmpty }
        warnings = records.reduce(0) { $0 + $1.warnings.count }
        var byCode: [String: Int] = [:]
        for record in records where record.status == .failed { byCode[record.error?.code ?? "unknown", default: 0] += 1 }
        failuresByCode = byCode
        seconds = roundedSeconds(records.reduce(0) { $0 + $1.seconds })
    }

    enum CodingKeys: String, CodingKey {
        case files, converted, partial, skipped, failed, notStarted, pages, textPages, ocrPages
        case filesWithWarnings, warnings, failuresByCode, seconds
    }

    /// Reads reports written before `partial` existed too (`report merge` recomputes the totals anyway).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        files = try c.decode(Int.self, forKey: .files)
        converted = try c.decode(Int.self, forKey: .converted)
        partial = try c.decodeIfPresent(Int.self, forKey: .partial) ?? 0
        skipped = try c.decode(Int.self, forKey: .skipped)
        failed = try c.decode(Int.self, forKey: .failed)
        notStarted = try c.decode(Int.self, forKey: .notStarted)
        pages = try c.decode(Int.self, forKey: .pages)
        textPages = try c.decode(Int.self, forKey: .textPages)
        ocrPages = try c.decode(Int.self, forKey: .ocrPages)
        filesWithWarnings = try c.decode(Int.self, forKey: .filesWithWarnings)
        warnings = try c.decode(Int.self, forKey: .warnings)
        failuresByCode = try c.decode([String: Int].self, forKey: .failuresByCode)
        seconds = try c.decode(Double.self, forKey: .seconds)
    }
}

extension BatchReport {
    /// Joins the reports of several shards (or runs). Totals are recomputed
    /// from the files. A file (same input path) in two reports is an error,
    /// unless `lastWins`: then the report later in the list wins, which is how a
    /// retried shard replaces its first attempt.
    public static func merge(_ reports: [BatchReport], lastWins: Bool = false) throws -> BatchReport {
        guard !reports.isEmpty else { throw BatchUsageError("no reports to merge") }
        var byInput: [String: (record: BatchFileRecord, report: Int)] = [:]
        for (index, report) in reports.enumerated() {
            for record in report.files {
                if let earlier = byInput[record.input], !lastWins {
                    throw BatchUsageError("\(record.input) is in report \(earlier.report + 1) and in report \(index + 1) "
                                          + "(overlapping shards? use --last-wins to let the later report win)")
                }
                byInput[record.input] = (record, index)
            }
        }
        func common(_ values: [String]) -> String {
            let distinct = Array(Set(values)).sorted()
            return distinct.count == 1 ? distinct[0] : "mixed: " + distinct.joined(separator: ", ")
        }
        let tools = Set(reports.map(\.tool))
        let tool = tools.count == 1 ? tools.first! : ToolInfo(name: "issuepipe", version: common(reports.map(\.tool.version)))
        return BatchReport(tool: tool, pipeline: common(reports.map(\.pipeline)), ocr: common(reports.map(\.ocr)),
                           shard: nil, interrupted: reports.contains(where: \.interrupted),
                           wallSeconds: reports.map(\.wallSeconds).max() ?? 0,
                           files: byInput.values.map(\.record),
                           notStarted: reports.reduce(0) { $0 + $1.totals.notStarted },
                           workers: reports.compactMap(\.workers).reduce(nil) { ($0 ?? WorkerCounts()) + $1 })
    }
}

func roundedSeconds(_ s: Double) -> Double { (s * 1000).rounded() / 1000 }
