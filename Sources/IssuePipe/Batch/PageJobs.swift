import Foundation

// The batch's OCR page scheduler adds these lines to the worker protocol (one
// JSON object a line, as `WorkerRequest` and `WorkerResult`):
//
//   worker → batch  {"ocrPages": OCRPageBatch}   the file reached OCR: these pages, please
//   batch → worker  {"readPage": PageJob}        read this page (of any file) now
//   worker → batch  {"pageRead": PageJobResult}  …and here it is
//   batch → worker  {"pagesRead": PagesReply}    your file's pages, all read (or: read them yourself)
//
// A worker between files gets `readPage` or a `WorkerRequest`; a worker whose
// file waits in OCR gets `readPage` for its own file's pages and then
// `pagesRead`. Only files sent with `sharePages` send `ocrPages`.

/// One page of one file, for whichever worker is free.
public struct PageJob: Codable, Hashable, Sendable {
    public var file: String
    public var password: String?
    /// The bytes the owner read: a helper that finds other bytes refuses the job.
    public var sha256: String
    public var settings: OCRSettings
    public var target: OCRTarget
    /// `--max-memory`, for a worker whose first job this is (the limit is set once).
    public var maxMemoryBytes: UInt64?

    public init(_ pages: OCRPageBatch, target: OCRTarget, maxMemoryBytes: UInt64?) {
        file = pages.file
        password = pages.password
        sha256 = pages.sha256
        settings = pages.settings
        self.target = target
        self.maxMemoryBytes = maxMemoryBytes
    }
}

/// A page job's outcome. `failure` when the page could not be taken on at all
/// (no engine, the file unreadable or changed): the owner then reads its pages
/// itself. A page the engine failed on is a `result` with `read.error`, as in a
/// serial run.
public struct PageJobResult: Codable, Hashable, Sendable {
    public var page: Int
    public var result: OCRPageResult?
    public var failure: String?
    /// False when poppler reported anything while this worker drew the file's
    /// pages: such reports are per page and per open document, so only the
    /// owner, reading in page order, gives the same warnings as a serial run.
    public var pristine: Bool
    /// The helper's resident memory afterwards (`--worker-rss-limit`).
    public var residentBytes: UInt64?

    public init(page: Int, result: OCRPageResult? = nil, failure: String? = nil, pristine: Bool = true) {
        self.page = page
        self.result = result
        self.failure = failure
        self.pristine = pristine
    }

    /// Usable as it is: read, and nothing poppler said.
    var usable: Bool { result != nil && failure == nil && pristine }
}

/// The batch's answer to `ocrPages`: every page's result, or nil when the
/// owner is to read the pages itself (a helper crashed on one, a page was not
/// pristine, the batch is stopping).
public struct PagesReply: Codable, Hashable, Sendable {
    public var results: [PageJobResult]?

    public init(results: [PageJobResult]?) { self.results = results }
}

/// A line the batch sends a worker: a page message, or else a `WorkerRequest`.
public struct WorkerInbound: Codable, Sendable {
    public var readPage: PageJob?
    public var pagesRead: PagesReply?

    public init(readPage: PageJob? = nil, pagesRead: PagesReply? = nil) {
        self.readPage = readPage
        self.pagesRead = pagesRead
    }
}

/// A line a worker sends the batch: a page message, or else a `WorkerResult`.
public struct WorkerOutbound: Codable, Sendable {
    public var ocrPages: OCRPageBatch?
    public var pageRead: PageJobResult?

    public init(ocrPages: OCRPageBatch? = nil, pageRead: PageJobResult? = nil) {
        self.ocrPages = ocrPages
        self.pageRead = pageRead
    }

    /// The page message on a line; nil for a `WorkerResult` (or anything else).
    static func decode(_ line: Data) -> WorkerOutbound? {
        guard let message = try? JSONDecoder().decode(WorkerOutbound.self, from: line),
              message.ocrPages != nil || message.pageRead != nil else { return nil }
        return message
    }
}

/// A JSON line (with its newline) for the protocol.
func protocolLine(_ value: some Encodable) -> Data? {
    guard var data = try? JSONEncoder().encode(value) else { return nil }
    data.append(0x0A)
    return data
}
