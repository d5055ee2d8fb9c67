import Foundation
import Testing
@testable import IssuePipe

/// Each kind of bad input: a clear one-line error naming the file and the
/// reason, a non-zero exit, and no output file left behind.
@Suite struct BadInputTests {
    /// Makes the bad inputs in a temporary folder.
    struct Inputs {
        let folder = TestPaths.temporaryFolder()
        var notAPDF: URL { folder.appendingPathComponent("notes.pdf") }
        var truncated: URL { folder.appendingPathComponent("truncated.pdf") }
        var noPages: URL { folder.appendingPathComponent("no-pages.pdf") }
        var missing: URL { folder.appendingPathComponent("missing.pdf") }
        let encrypted = TestPaths.sample("bad/encrypted-user-password.pdf")

        init() throws {
            try Data("Minutes of the meeting, not a PDF at all.\n".utf8).write(to: notAPDF)
            let whole = try Data(contentsOf: TestPaths.sample("bri-2024-03.pdf"))
            try whole.prefix(whole.count * 2 / 5).write(to: truncated)
            try Self.pdfWithoutPages().write(to: noPages)
        }

        /// A well-formed PDF whose page tree is empty.
        static func pdfWithoutPages() -> Data {
            pdfFromObjects(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"])
        }
    }

    @Test func eachKindOfBadInputGivesItsOwnError() throws {
        let inputs = try Inputs()
        let cases: [(URL, String?, String)] = [
            (inputs.notAPDF, nil, "not-a-pdf"),
            (inputs.truncated, nil, "truncated"),
            (inputs.noPages, nil, "no-pages"),
            (inputs.missing, nil, "file-not-found"),
            (inputs.encrypted, nil, "encrypted"),
            (inputs.encrypted, "guess", "wrong-password"),
        ]
        for (url, password, code) in cases {
            #expect {
                _ = try convert(url, options: ConvertOptions(password: password, pipelinesFolder: TestPaths.pipelines))
            } throws: { error in
                guard let error = error as? IssuePipeError else { return false }
                return error.code == code && error.description.hasPrefix(url.path) && !error.description.contains("\n")
            }
        }
    }

    @Test func encryptedPDFOpensWithItsPassword() throws {
        let issue = try convert(TestPaths.sample("bad/encrypted-user-password.pdf"),
                                options: ConvertOptions(password: "secret", pipelinesFolder: TestPaths.pipelines))
        #expect(issue.source.pageCount == 2)
        #expect(issue.issue.year == 2025)
    }

    @Test func theToolExitsNonZeroAndWritesNothing() throws {
        let inputs = try Inputs()
        // The exit status tells the family: 3 bad input, 4 encrypted (README, Exit status).
        for (url, reason, status) in [(inputs.notAPDF, "not a PDF", 3), (inputs.truncated, "truncated", 3), (inputs.noPages, "no pages", 3),
                                      (inputs.missing, "no such file", 3), (inputs.encrypted, "password", 4)] as [(URL, String, Int32)] {
            let output = inputs.folder.appendingPathComponent("out-\(url.lastPathComponent).json")
            let stages = inputs.folder.appendingPathComponent("stages-\(url.lastPathComponent)")
            let run = try issuepipe(["convert", url.path, "-o", output.path, "--stages", stages.path])
            #expect(run.status == status, "\(url.lastPathComponent): exit \(run.status)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(run.stderr)")
            #expect(run.stderr.contains(url.path) && run.stderr.contains(reason), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: inputs.folder.path)) ?? []
            #expect(!leftovers.contains { $0.hasSuffix(".tmp") })
        }
    }

    @Test(.enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus))
    func corpusFilesFailClearly() throws {
        let corpus = TestPaths.corpus
        let expectations = [
            "robustness/qpdf_bad1.pdf": "not-a-pdf",
            "robustness/ocrmypdf_invalid.pdf": "damaged",
            "robustness/pdfjs_issue15590.pdf": "no-pages",
            "robustness/pdfjs_poppler-85140-0.pdf": "no-pages",
            "robustness/pypdf_r2-user-password.pdf": "encrypted",
            "robustness/pdfminer_aes-256-r6.pdf": "encrypted",
        ]
        for (file, code) in expectations.sorted(by: { $0.key < $1.key }) {
            #expect {
                _ = try PDFDocument(url: corpus.appendingPathComponent(file))
            } throws: { ($0 as? IssuePipeError)?.code == code }
        }
        // The non-ASCII user password of a pdf.js test file opens it.
        let document = try PDFDocument(url: corpus.appendingPathComponent("robustness/pdfjs_issue21579.pdf"), password: "pässwört")
        #expect(document.pageCount == 1)
    }
}
