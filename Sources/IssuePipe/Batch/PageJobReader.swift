import Foundation

/// A batch worker's page jobs: one page of any file at a time. The file stays
/// open and the engine started for the next job, so a worker reading a run of
/// another file's pages opens it once, and one tesseract engine serves file
/// after file. Used by one thread (the worker's).
public final class PageJobReader {
    private var open: (key: DocumentKey, document: PDFDocument)?
    private var engine: (key: EngineKey, recognizer: any PageRecognizer)?

    private struct DocumentKey: Hashable {
        var file: String
        var sha256: String
        var password: String?
    }

    /// What an engine keeps from one page to the next: tesseract variables
    /// stay set, so pages read with other variables get an engine of their own.
    private struct EngineKey: Hashable {
        var languages: String
        var tessdata: String?
        var variables: [String: String]
    }

    public init() {}

    /// Reads the page as `recognize` would; a failure to start is a `failure`, not a page.
    public func read(_ job: PageJob) -> PageJobResult {
        let page = job.target.number
        do {
            let document = try self.document(for: job)
            let recognizer = try self.recognizer(for: job.settings)
            let result = readPage(job.target, document: document, settings: job.settings, recognizer: recognizer)
            // This document's own log: poppler's reports from this worker's draws only.
            var answer = PageJobResult(page: page, result: result, pristine: document.messages.pages.isEmpty)
            answer.residentBytes = residentMemoryBytes()
            return answer
        } catch {
            return PageJobResult(page: page, failure: "\(error)")
        }
    }

    /// The job's file, opened once for a run of its pages. Opened anew (its own
    /// bytes, so its own poppler log), never the conversion's document.
    private func document(for job: PageJob) throws -> PDFDocument {
        let key = DocumentKey(file: job.file, sha256: job.sha256, password: job.password)
        if let open, open.key == key { return open.document }
        open = nil
        let document = try PDFDocument(url: URL(fileURLWithPath: job.file), password: job.password)
        guard document.sourceInfo.sha256 == job.sha256 else {
            throw IssuePipeError.unreadable(path: job.file, reason: "the file changed while the batch read it")
        }
        open = (key, document)
        return document
    }

    private func recognizer(for settings: OCRSettings) throws -> any PageRecognizer {
        let key = EngineKey(languages: settings.languages, tessdata: settings.tessdata, variables: settings.variables)
        if let engine, engine.key == key { return engine.recognizer }
        engine = nil   // one engine at a time: each holds its language data
        let recognizer = try makeRecognizer(for: settings)
        engine = (key, recognizer)
        return recognizer
    }
}

/// The worker's side of the page scheduler, for one file: the OCR stage's
/// pages go to the batch (`ocrPages`), and the worker reads what the batch
/// hands it (`readPage`, its own file's pages) until the batch answers with
/// all of them (`pagesRead`). Runs on the converting thread only.
public final class SharedPageDispatcher: OCRPageDispatcher, @unchecked Sendable {
    private let reader: PageJobReader
    private let nextLine: () -> String
    private let send: (Data) -> Void

    /// `nextLine` waits for the next line from the batch; `send` writes one to it.
    public init(reader: PageJobReader, nextLine: @escaping () -> String, send: @escaping (Data) -> Void) {
        self.reader = reader
        self.nextLine = nextLine
        self.send = send
    }

    public func read(_ pages: OCRPageBatch) -> [Int: OCRPageResult]? {
        guard let line = protocolLine(WorkerOutbound(ocrPages: pages)) else { return nil }
        send(line)
        while true {
            guard let message = try? JSONDecoder().decode(WorkerInbound.self, from: Data(nextLine().utf8)) else {
                // Not the protocol: the batch is broken; reading the pages here is still right.
                return nil
            }
            if let job = message.readPage {
                guard let answer = protocolLine(WorkerOutbound(pageRead: reader.read(job))) else { return nil }
                send(answer)
            } else if let reply = message.pagesRead {
                return Self.results(reply, of: pages)
            } else {
                return nil
            }
        }
    }

    /// The reply as pages by number, when it holds a usable result for every target.
    static func results(_ reply: PagesReply, of pages: OCRPageBatch) -> [Int: OCRPageResult]? {
        guard let answers = reply.results, answers.allSatisfy(\.usable) else { return nil }
        var byPage: [Int: OCRPageResult] = [:]
        for answer in answers { byPage[answer.page] = answer.result }
        return Set(byPage.keys) == Set(pages.targets.map(\.number)) ? byPage : nil
    }
}
