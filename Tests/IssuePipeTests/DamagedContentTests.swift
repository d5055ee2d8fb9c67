import Dispatch
import Foundation
import Testing
@testable import IssuePipe

/// What poppler reports while reading a page reaches the issue JSON
/// (`damaged-content`), and a batch counts such a file as `partial`.
@Suite("no silent loss: damaged content streams")
struct DamagedContentTests {
    private let neverOCR = ConvertOptions(pipelinesFolder: TestPaths.pipelines, ocrMode: .never)

    static let wholePage = "BT /F1 12 Tf 72 760 Td (The first page is whole.) Tj 0 -16 Td (Its second line is whole too.) Tj ET"
    static let cutPage = "BT /F1 12 Tf 72 760 Td (The second page starts well.) Tj 0 -16 Td (Then its content stream stops in the midd"

    @Test("a content stream cut short in an otherwise valid PDF gives damaged-content on that page only; the text before the cut is kept")
    func contentStreamCutShort() throws {
        let url = try HandMadePDF.write(HandMadePDF.helvetica(pages: [Self.wholePage, Self.cutPage]), name: "cut.pdf")
        let issue = try convert(url, options: neverOCR)
        let damaged = issue.warnings.filter { $0.code == "damaged-content" }
        #expect(damaged.map(\.page) == [2], "\(issue.warnings)")
        #expect(damaged.first?.message.contains("Unterminated string") == true, "\(damaged)")
        #expect(BatchStatus(finished: WorkerResult(summarizing: issue)) == .partial)

        let extracted = extract(try PDFDocument(url: url))
        #expect(extracted.pages[1].text.contains("The second page starts well."))

        // The same pages, whole: no warning, status converted.
        let whole = try HandMadePDF.write(HandMadePDF.helvetica(pages: [Self.wholePage, Self.wholePage]), name: "whole.pdf")
        let fine = try convert(whole, options: neverOCR)
        #expect(!fine.warnings.contains { PopplerMessageLog.lossCodes.contains($0.code) || $0.code == "font-missing" }, "\(fine.warnings)")
        #expect(BatchStatus(finished: WorkerResult(summarizing: fine)) == .converted)
    }

    @Test("poppler's messages are sorted into kinds; font errors that follow a missing CMap are not damage of their own")
    func messageKinds() throws {
        let log = PopplerMessageLog()
        for text in ["Missing language pack for 'Adobe-GB1' mapping", "Unknown font tag 'F1'", "No font in show"] {
            log.add(PopplerMessage(logLine: "Syntax error at position -1: \(text)"), page: 3)
        }
        log.add(PopplerMessage(logLine: "Syntax error at position 1234: Unknown operator 'Tk'"), page: 5)
        log.add(PopplerMessage(logLine: "Syntax error at position 1234: Unknown operator 'Tk'"), page: 5)
        log.add(PopplerMessage(logLine: "Syntax warning at position -1: Invalid Font Weight"), page: 6)
        log.add(PopplerMessage(logLine: "Syntax error at position -1: Unknown font tag 'F9'"), page: 7)
        log.add(PopplerMessage(logLine: "Syntax error at position -1: Couldn't find a font for 'SimSun'"), page: 8)
        let warnings = log.warnings
        #expect(warnings.map(\.code) == ["cmap-missing", "damaged-content", "damaged-content", "font-missing"])
        #expect(warnings.map(\.page) == [3, 5, 7, 8])
        #expect(warnings[1].message.contains("Unknown operator 'Tk'") && !warnings[1].message.contains("more"))
        #expect(PopplerMessage(logLine: "IO error at position 12: Bad read").kind == .damagedContent)
        #expect(PopplerMessage(logLine: "Unimplemented feature at position -1: Unsupported shading").kind == .harmless)
    }

    @Test("batch: a damaged file is partial (written, counted apart), exit 0; --fail-on warning makes it 1",
          .enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
    func batchCountsPartial() throws {
        let folder = TestPaths.temporaryFolder()
        let inputs = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try HandMadePDF.helvetica(pages: [Self.wholePage, Self.cutPage]).write(to: inputs.appendingPathComponent("cut.pdf"))
        try HandMadePDF.helvetica(pages: [Self.wholePage]).write(to: inputs.appendingPathComponent("whole.pdf"))
        let out = folder.appendingPathComponent("out"), report = folder.appendingPathComponent("report.json")
        let arguments = ["batch", inputs.path, "--out", out.path, "--report", report.path, "--ocr", "never", "--jobs", "2",
                         "--pipelines", TestPaths.pipelines.path, "--force"]

        let first = try issuepipe(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("1 converted, 1 partial"), "\(first.stderr)")
        let r = try JSONDecoder().decode(BatchReport.self, from: Data(contentsOf: report))
        let status = Dictionary(uniqueKeysWithValues: r.files.map { ($0.relativePath, $0.status) })
        #expect(status == ["cut.pdf": .partial, "whole.pdf": .converted])
        #expect(r.totals.partial == 1 && r.totals.converted == 1 && r.totals.failed == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("cut.json").path))
        #expect(r.files.first { $0.relativePath == "cut.pdf" }?.warnings.contains { $0.code == "damaged-content" && $0.page == 2 } == true)
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.contains("\"partial\""), "totals.partial is written")

        let strict = try issuepipe(arguments + ["--fail-on", "warning", "--format", "github"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("damaged-content::page 2:"), "\(strict.stdout)")
    }

    @Test("a report from before 'partial' existed still reads (totals.partial taken as 0)")
    func oldReportsDecode() throws {
        let report = BatchReport(pipeline: "auto", ocr: "auto", shard: nil, interrupted: false, wallSeconds: 1, files: [])
        var object = try #require(try JSONSerialization.jsonObject(with: encodeJSON(report)) as? [String: Any])
        var totals = try #require(object["totals"] as? [String: Any])
        totals.removeValue(forKey: "partial")
        object["totals"] = totals
        let decoded = try JSONDecoder().decode(BatchReport.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded.totals.partial == 0)
    }

    // MARK: the mutator

    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// What happened to one damaged copy.
    struct CopyResult: Sendable {
        var index: Int
        var mutations: [String]
        /// `Syntax Error`/`Internal Error`/`I/O Error` lines pdftotext printed for the copy.
        var popplerErrors: [String]
        var warnings: [Warning]
        var lostParagraphs: [String]
        var conversionError: String?
    }

    @Test("byte damage inside the content streams of bri-2024-03: every copy poppler reports an error on carries damaged-content (batch status partial); no copy loses a paragraph without it",
          .enabled(if: DamagedContentTests.pdftotext != nil, "pdftotext (poppler-utils, make deps) is the independent witness of poppler's errors"))
    func mutatedContentStreams() throws {
        let original = try RewritablePDF(Data(contentsOf: TestPaths.sample("bri-2024-03.pdf")))
        #expect(original.contents.count == 10, "one content stream per page")
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        // The baseline: every content stream decoded and written back uncompressed, undamaged.
        let plain = folder.appendingPathComponent("plain.pdf")
        try original.rewritten().write(to: plain)
        let clean = try convert(plain, options: neverOCR)
        #expect(clean.warnings.isEmpty, "\(clean.warnings)")
        #expect(clean.articles == (try convertSample("bri-2024-03", options: neverOCR)).articles,
                "the uncompressed rewrite reads exactly like the sample")
        let paragraphs = clean.articles.flatMap(\.blocks).filter { $0.kind == .paragraph }
            .map(\.text.withoutWhitespace).filter { $0.count >= 20 }
        #expect(paragraphs.count >= 30)

        let copies = 100
        let plans = try Self.damagedCopies(of: original, count: copies, in: folder)
        let all = Self.convertCopies(plans, paragraphs: paragraphs, options: neverOCR)
        #expect(all.count == copies)
        func flagged(_ r: CopyResult) -> Bool { r.warnings.contains { $0.code == "damaged-content" } }
        func describe(_ r: CopyResult) -> String {
            "copy \(r.index) [\(r.mutations.joined(separator: "; "))]: poppler \(r.popplerErrors.prefix(3)); warnings \(r.warnings.map(\.code))"
        }
        for r in all {
            #expect(r.conversionError == nil, "copy \(r.index) did not convert: \(r.conversionError ?? "")")
            if !r.popplerErrors.isEmpty {
                #expect(flagged(r), "poppler reported an error but the output has no damaged-content: \(describe(r))")
                #expect(BatchStatus(finished: WorkerResult(warnings: r.warnings)) == .partial)
            }
            if !r.lostParagraphs.isEmpty {
                #expect(flagged(r), "lost \(r.lostParagraphs.count) paragraph(s) without a warning (\(r.lostParagraphs.first!.prefix(30))…): \(describe(r))")
            }
        }
        let withErrors = all.filter { !$0.popplerErrors.isEmpty }.count
        let losing = all.filter { !$0.lostParagraphs.isEmpty }.count
        // Not vacuous: a good share of the copies are damaged in a way poppler notices.
        #expect(withErrors >= copies / 5, "only \(withErrors) of \(copies) copies made poppler report an error")
        print("mutated copies of bri-2024-03: \(copies); poppler reported errors on \(withErrors), flagged damaged-content \(all.filter(flagged).count), "
              + "lost a paragraph \(losing) (all of them flagged: \(all.filter { !$0.lostParagraphs.isEmpty }.allSatisfy(flagged)))")
    }

    /// The copies: 1 to 3 byte changes each (a bit flipped, a byte inserted, a byte deleted)
    /// at random places of the decoded content streams, weighted by their length.
    static func damagedCopies(of original: RewritablePDF, count copies: Int, in folder: URL) throws -> [(url: URL, mutations: [String])] {
        var random = SeededGenerator(seed: 0x1551_E011)
        let streams = original.contents.keys.sorted()
        let lengths = streams.map { original.contents[$0]!.count }
        var plans: [(url: URL, mutations: [String])] = []
        for index in 0..<copies {
            var replaced: [Int: [UInt8]] = [:]
            var mutations: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                var at = Int.random(in: 0..<lengths.reduce(0, +), using: &random)
                var pick = 0
                while at >= lengths[pick] { at -= lengths[pick]; pick += 1 }
                let number = streams[pick]
                var bytes = replaced[number] ?? original.contents[number]!
                let position = min(at, bytes.count - 1)
                let was = bytes[position]
                switch Int.random(in: 0..<3, using: &random) {
                case 0:
                    let bit = Int.random(in: 0...7, using: &random)
                    bytes[position] ^= UInt8(1 << bit)
                    mutations.append("object \(number) byte \(position): flipped bit \(bit) of \(Self.show(was))")
                case 1:
                    let byte = UInt8.random(in: 0...255, using: &random)
                    bytes.insert(byte, at: position)
                    mutations.append("object \(number) byte \(position): inserted \(Self.show(byte)) before \(Self.show(was))")
                default:
                    bytes.remove(at: position)
                    mutations.append("object \(number) byte \(position): deleted \(Self.show(was))")
                }
                replaced[number] = bytes
            }
            let url = folder.appendingPathComponent("copy-\(index).pdf")
            try original.rewritten(replacing: replaced).write(to: url)
            plans.append((url, mutations))
        }
        return plans
    }

    /// Each copy: pdftotext says whether poppler reported an error; the library converts it,
    /// and the paragraphs of the undamaged sample it lost are listed.
    static func convertCopies(_ planned: [(url: URL, mutations: [String])], paragraphs: [String], options: ConvertOptions) -> [CopyResult] {
        let results = Locked<[CopyResult]>([])
        let next = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while true {
                let index = next.withLock { value -> Int in defer { value += 1 }; return value }
                guard index < planned.count else { return }
                let plan = planned[index]
                var result = CopyResult(index: index, mutations: plan.mutations, popplerErrors: [], warnings: [], lostParagraphs: [])
                if let witness = try? run(URL(fileURLWithPath: Self.pdftotext!), [plan.url.path, "/dev/null"]) {
                    result.popplerErrors = witness.stderr.split(separator: "\n").map(String.init)
                        .filter { $0.hasPrefix("Syntax Error") || $0.hasPrefix("Internal Error") || $0.hasPrefix("I/O Error") }
                }
                do {
                    let issue = try convert(plan.url, options: options)
                    result.warnings = issue.warnings
                    let text = ([issue.publication.title ?? ""] + issue.contents.map(\.title)
                                + issue.articles.flatMap { [$0.title] + $0.blocks.map(\.text) }).joined(separator: "\n").withoutWhitespace
                    let grams = Self.trigrams(text)
                    result.lostParagraphs = paragraphs.filter { paragraph in
                        let own = Self.trigrams(paragraph)
                        return Double(own.filter(grams.contains).count) < 0.5 * Double(own.count)
                    }
                } catch {
                    result.conversionError = "\(error)"
                }
                results.withLock { $0.append(result) }
            }
        }
        return results.withLock { $0 }.sorted { $0.index < $1.index }
    }

    static func trigrams(_ text: String) -> Set<String> {
        let characters = Array(text)
        guard characters.count >= 3 else { return [text] }
        return Set((0...(characters.count - 3)).map { String(characters[$0..<($0 + 3)]) })
    }

    static func show(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : String(format: "0x%02X", byte)
    }
}
