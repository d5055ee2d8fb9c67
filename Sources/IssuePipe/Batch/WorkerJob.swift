import Foundation

/// One file `issuepipe batch` asks a worker process to convert. Sent as one
/// JSON line on the worker's standard input (not on its command line, so a
/// password does not show in `ps`); a worker takes one request after another.
public struct WorkerRequest: Codable, Hashable, Sendable {
    public var input: String
    public var output: String
    public var stagesFolder: String?
    public var password: String?
    public var pipeline: String?
    public var pipelinesFolder: String?
    public var ocrMode: OCRMode
    public var keepFurniture: Bool
    /// RLIMIT_AS for the worker, in bytes; nil for no limit.
    public var maxMemoryBytes: UInt64?
    /// Send the file's OCR pages to the batch's page scheduler (`PageJobs.swift`)
    /// instead of reading them; nil or false: read them here.
    public var sharePages: Bool?

    public init(input: String, output: String, stagesFolder: String? = nil, password: String? = nil,
                pipeline: String? = nil, pipelinesFolder: String? = nil, ocrMode: OCRMode = .auto,
                keepFurniture: Bool = false, maxMemoryBytes: UInt64? = nil, sharePages: Bool? = nil) {
        self.sharePages = sharePages
        self.input = input
        self.output = output
        self.stagesFolder = stagesFolder
        self.password = password
        self.pipeline = pipeline
        self.pipelinesFolder = pipelinesFolder
        self.ocrMode = ocrMode
        self.keepFurniture = keepFurniture
        self.maxMemoryBytes = maxMemoryBytes
    }

    public var options: ConvertOptions {
        ConvertOptions(password: password, stagesFolder: stagesFolder.map { URL(fileURLWithPath: $0) },
                       pipeline: pipeline, pipelinesFolder: pipelinesFolder.map { URL(fileURLWithPath: $0) },
                       ocrMode: ocrMode, jobs: 1, keepFurniture: keepFurniture)
    }
}

/// What a worker reports back: one JSON line on its standard output for each
/// request. A worker that dies before writing it has crashed (the parent tells how).
public struct WorkerResult: Codable, Hashable, Sendable {
    public var error: FileFailure?
    public var pageCount: Int?
    public var pages: PageMethodCounts?
    public var warnings: [Warning]
    public var pipeline: PipelineInfo?
    public var sha256: String?
    /// The worker's resident memory after the file, in bytes: the batch
    /// restarts a worker that has grown past its limit (`--worker-rss-limit`).
    public var residentBytes: UInt64?

    public init(error: FileFailure? = nil, pageCount: Int? = nil, pages: PageMethodCounts? = nil,
                warnings: [Warning] = [], pipeline: PipelineInfo? = nil, sha256: String? = nil) {
        self.error = error
        self.pageCount = pageCount
        self.pages = pages
        self.warnings = warnings
        self.pipeline = pipeline
        self.sha256 = sha256
    }

    /// The summary of a document, written or found on disk.
    public init(summarizing document: IssueDocument) {
        self.init(pageCount: document.source.pageCount, pages: PageMethodCounts(document.pages),
                  warnings: document.warnings, pipeline: document.pipeline, sha256: document.source.sha256)
    }
}

/// The work of one worker, in-process: convert, check the JSON against the
/// schema, write it atomically. Every failure the pipeline knows comes back as
/// a result; only a crash (signal, exit without a result) is left to the parent.
public func runWorkerJob(_ request: WorkerRequest, validator: IssueValidator?) -> WorkerResult {
    do {
        let document = try convert(URL(fileURLWithPath: request.input), options: request.options)
        let data = try encodeJSON(document)
        if let validator {
            let violations = validator.schemaViolations(data)
            if let first = violations.first {
                let more = violations.count > 1 ? " (and \(violations.count - 1) more)" : ""
                throw IssuePipeError.invalidOutput(path: request.input, reason: "\(first)\(more)")
            }
        }
        try writeAtomically(data, to: URL(fileURLWithPath: request.output))
        return WorkerResult(summarizing: document)
    } catch let error as IssuePipeError {
        return WorkerResult(error: FileFailure(error))
    } catch {
        return WorkerResult(error: FileFailure(code: "internal-error", message: "\(error)"))
    }
}

/// This process's resident set size (VmRSS of /proc/self/status), nil where it cannot be read.
public func residentMemoryBytes() -> UInt64? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ UInt64($0) }) else { return nil }
    return kilobytes * 1024
}

/// Caps the process's address space (RLIMIT_AS), so a runaway allocation in
/// poppler or tesseract fails inside this worker instead of swapping the machine.
/// Returns false when the limit could not be set.
@discardableResult
public func applyMemoryLimit(bytes: UInt64) -> Bool {
    var limit = rlimit()
    limit.rlim_cur = rlim_t(bytes)
    limit.rlim_max = rlim_t(bytes)
    #if os(Linux)
    return setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0
    #else
    return setrlimit(RLIMIT_AS, &limit) == 0
    #endif
}

/// The address-space limit this process runs under (`applyMemoryLimit`), nil if none.
public func currentMemoryLimit() -> UInt64? {
    var limit = rlimit()
    #if os(Linux)
    guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0 else { return nil }
    #else
    guard getrlimit(RLIMIT_AS, &limit) == 0 else { return nil }
    #endif
    return limit.rlim_cur == rlim_t.max ? nil : UInt64(limit.rlim_cur)
}
