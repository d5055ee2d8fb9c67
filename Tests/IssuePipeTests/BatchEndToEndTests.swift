import Foundation
import Testing
@testable import IssuePipe

/// End-to-end: the built `issuepipe` binary, on PDFs written by the tests and
/// on the shared corpus of real public PDFs. Serialized: each test already
/// runs two workers on a two-core machine.
@Suite("batch end to end (the built binary)", .serialized,
       .enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
struct BatchEndToEndTests {
    // MARK: - Helpers

    /// A folder of small valid PDFs with the given names.
    private func folderOfPDFs(_ names: [String]) throws -> URL {
        let folder = TestPaths.temporaryFolder("batch-in")
        for name in names {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try minimalPDF(text: name).write(to: url)
        }
        return folder
    }

    private func readReport(_ url: URL) throws -> BatchReport {
        try JSONDecoder().decode(BatchReport.self, from: try Data(contentsOf: url))
    }

    private func record(_ report: BatchReport, _ suffix: String) -> BatchFileRecord? {
        report.files.first { $0.input.hasSuffix(suffix) }
    }

    /// Processes whose environment carries `marker` (our workers inherit it).
    private func processes(marked marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return environ.range(of: Data(marker.utf8)) != nil
        }
    }

    private func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    // MARK: - Tests

    @Test("usage errors exit with 2, for every command")
    func usageErrors() throws {
        #expect(try issuepipe(["batch", "--out", "/tmp/x"]).status == 2)                  // no inputs
        #expect(try issuepipe(["batch", "x.pdf"]).status == 2)                             // no --out
        #expect(try issuepipe(["batch", "x.pdf", "--out", "/tmp/x", "--shard", "0/2"]).status == 2)
        #expect(try issuepipe(["batch", "x.pdf", "--out", "/tmp/x", "--max-memory", "lots"]).status == 2)
        #expect(try issuepipe(["batch", "x.pdf", "--out", "/tmp/x", "--pipeline", "no-such-pipeline"]).status == 2)
        #expect(try issuepipe(["convert", "x.pdf", "--no-such-option"]).status == 2)
        #expect(try issuepipe(["validate"]).status == 2)
        #expect(try issuepipe(["report", "merge"]).status == 2)
        #expect(try issuepipe(["batch", "--help"]).status == 0)
    }

    @Test("a crash, a segfault, a hang and a runaway allocation fail only their own file")
    func isolation() throws {
        let input = try folderOfPDFs(["ok-1.pdf", "ok-2.pdf", "crash-me.pdf", "segv-me.pdf", "hang-me.pdf", "alloc-me.pdf"])
        let out = TestPaths.temporaryFolder("batch-out")
        let report = out.appendingPathComponent("report.json")
        let debug = ["ISSUEPIPE_DEBUG_CRASH": "crash-me", "ISSUEPIPE_DEBUG_SEGV": "segv-me",
                     "ISSUEPIPE_DEBUG_HANG": "hang-me", "ISSUEPIPE_DEBUG_ALLOC": "alloc-me"]
        let started = Date()
        let result = try issuepipe([
            "batch", input.path, "--out", out.path, "--report", report.path, "--jobs", "2",
            "--timeout", "3", "--max-memory", "1G", "--ocr", "never",
        ], environment: debug)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)

        let r = try readReport(report)
        #expect(r.totals.files == 6)
        #expect(r.totals.converted == 2)
        #expect(r.totals.failuresByCode == ["worker-crashed": 3, "timeout": 1])
        #expect(record(r, "crash-me.pdf")?.error?.message.contains("SIGABRT") == true)
        #expect(record(r, "segv-me.pdf")?.error?.message.contains("SIGSEGV") == true)
        #expect(record(r, "alloc-me.pdf")?.error?.code == "worker-crashed")
        #expect(record(r, "hang-me.pdf")?.error?.code == "timeout")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("ok-1.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("crash-me.json").path))
        // One line a failure on standard error, with the reason and the code.
        #expect(result.stderr.contains("hang-me.pdf: gave up after 3 s (--timeout) [timeout]"))

        // Rerun without the switches: the converted files are skipped, the others done now.
        let again = try issuepipe(["batch", input.path, "--out", out.path, "--report", report.path, "--ocr", "never"])
        #expect(again.status == 0, "\(again.stderr)")
        let r2 = try readReport(report)
        #expect((r2.totals.skipped, r2.totals.converted, r2.totals.failed) == (2, 4, 0))
    }

    @Test("SIGTERM stops the batch: workers killed, the report so far written, exit 143")
    func terminate() throws {
        let input = try folderOfPDFs((1...6).map { "f\($0).pdf" } + ["zz-hang.pdf"])
        let out = TestPaths.temporaryFolder("batch-term")
        let report = out.appendingPathComponent("report.json")
        let marker = "ISSUEPIPE_TEST_MARK=\(UUID().uuidString)"
        let process = try startIssuepipe(["batch", input.path, "--out", out.path, "--report", report.path, "--jobs", "2", "--ocr", "never"],
                                environment: ["ISSUEPIPE_DEBUG_HANG": "zz-hang",
                                              String(marker.split(separator: "=")[0]): String(marker.split(separator: "=")[1])])
        // Wait until everything but the hanging file is done.
        #expect(waitUntil(timeout: 20) { jsonFiles(under: out).count == 6 })
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let r = try readReport(report)
        #expect(r.interrupted)
        #expect(r.totals.converted == 6)
        #expect(record(r, "zz-hang.pdf")?.error?.code == "interrupted")
        #expect(waitUntil(timeout: 5) { processes(marked: marker).isEmpty }, "workers outlived their batch")
    }

    @Test("a batch killed with SIGKILL and rerun: no corrupt or partial JSON, every output complete, no orphans")
    func killAndRerun() throws {
        let names = (1...24).map { String(format: "issue-%02d.pdf", $0) } + ["zz-hang.pdf"]
        let input = try folderOfPDFs(names)
        let out = TestPaths.temporaryFolder("batch-kill")
        let marker = "ISSUEPIPE_TEST_MARK=\(UUID().uuidString)"
        let (key, value) = (String(marker.split(separator: "=")[0]), String(marker.split(separator: "=")[1]))
        let process = try startIssuepipe(["batch", input.path, "--out", out.path, "--jobs", "2", "--ocr", "never"],
                                environment: ["ISSUEPIPE_DEBUG_HANG": "zz-hang", key: value])
        _ = waitUntil(timeout: 20) { jsonFiles(under: out).count >= 8 }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // Workers notice their batch is gone (standard input closes) and exit.
        #expect(waitUntil(timeout: 5) { processes(marked: marker).isEmpty }, "workers outlived a killed batch")

        // Whatever is there is whole JSON.
        let before = jsonFiles(under: out)
        for file in before { #expect((try? JSONValue.parse(try Data(contentsOf: file))) != nil, "\(file.lastPathComponent) is corrupt") }
        #expect(before.count < names.count)

        let report = TestPaths.temporaryFolder("batch-kill-report").appendingPathComponent("report.json")
        let rerun = try issuepipe(["batch", input.path, "--out", out.path, "--jobs", "2", "--ocr", "never", "--report", report.path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let r = try readReport(report)
        #expect(r.totals.skipped == before.count)
        #expect(r.totals.converted == names.count - before.count)
        let after = jsonFiles(under: out)
        #expect(after.count == names.count)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        let validate = try issuepipe(["validate", out.path])
        #expect(validate.status == 0, "\(validate.stdout)")
    }

    @Test("shards are disjoint and cover the batch; their merged report matches a whole run")
    func shardsAndMerge() throws {
        let input = try folderOfPDFs((1...12).map { "2024/n\($0).pdf" } + ["2023/a.pdf", "2023/b.pdf"])
        let out = TestPaths.temporaryFolder("batch-shard")
        var reports: [String] = []
        for k in 1...3 {
            let report = out.appendingPathComponent("report-\(k).json").path
            let result = try issuepipe(["batch", input.path, "--out", out.appendingPathComponent("json").path, "--shard", "\(k)/3",
                                        "--report", report, "--ocr", "never", "-q"])
            #expect(result.status == 0, "\(result.stderr)")
            reports.append(report)
        }
        let parts = try reports.map { try readReport(URL(fileURLWithPath: $0)) }
        let inputs = parts.flatMap { $0.files.map(\.input) }
        #expect(inputs.count == 14)
        #expect(Set(inputs).count == 14)
        #expect(parts.map(\.shard) == ["1/3", "2/3", "3/3"])

        let merged = out.appendingPathComponent("all.json")
        let merge = try issuepipe(["report", "merge"] + reports + ["-o", merged.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        let all = try readReport(merged)
        #expect(all.totals.files == 14)
        #expect(all.totals.converted == 14)
        #expect(all.files.map(\.input) == all.files.map(\.input).sorted())
        #expect(jsonFiles(under: out.appendingPathComponent("json")).count == 14)

        // The same shard twice is refused, unless the last wins.
        #expect(try issuepipe(["report", "merge", reports[0], reports[0], "-o", merged.path]).status == 2)
        #expect(try issuepipe(["report", "merge", reports[0], reports[0], "--last-wins", "-o", merged.path]).status == 0)
    }

    @Test("a list on standard input with --relative-to writes where the folder run does")
    func listFromStdin() throws {
        let input = try folderOfPDFs(["2024/a.pdf", "2024/b.pdf", "2023/c.pdf"])
        let out = TestPaths.temporaryFolder("batch-list")
        let list = "# changed files\n\(input.path)/2024/b.pdf\n\n"
        let result = try issuepipe(["batch", "--from", "-", "--relative-to", input.path, "--out", out.path, "--ocr", "never"], stdin: list)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(jsonFiles(under: out).map { $0.path.replacingOccurrences(of: out.path, with: "") } == ["/2024/b.json"])
        // The whole folder afterwards: b is up to date.
        let report = out.appendingPathComponent("r.json")
        _ = try issuepipe(["batch", input.path, "--out", out.path, "--ocr", "never", "--report", report.path])
        let r = try readReport(report)
        #expect((r.totals.skipped, r.totals.converted) == (1, 2))
    }

    @Test("--format github prints annotations for failed files")
    func githubAnnotations() throws {
        let input = try folderOfPDFs(["good.pdf"])
        try Data("not a pdf".utf8).write(to: input.appendingPathComponent("bad.pdf"))
        let out = TestPaths.temporaryFolder("batch-gh")
        let result = try issuepipe(["batch", input.path, "--out", out.path, "--format", "github", "--ocr", "never", "-q"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=\(input.path)/bad.pdf,title=issuepipe%3A not-a-pdf::not a PDF"))
    }

    @Test("validate: exit status and annotations for a broken file")
    func validateCommand() throws {
        let folder = TestPaths.temporaryFolder("validate")
        try Data(fullDocument.utf8).write(to: folder.appendingPathComponent("good.json"))
        try mutated { $0["contents"] = [["title": "不存在的文章"]] }.write(to: folder.appendingPathComponent("bad.json"))
        let good = try issuepipe(["validate", folder.appendingPathComponent("good.json").path])
        #expect(good.status == 0, "\(good.stdout)")
        let strict = try issuepipe(["validate", "--fail-on", "warning", folder.appendingPathComponent("good.json").path])
        #expect(strict.status == 1) // it carries a low-ocr-confidence warning
        let bad = try issuepipe(["validate", "--format", "github", folder.path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("::error file=\(folder.path)/bad.json,title=issuepipe validate%3A toc-mismatch::contents entry"))
        #expect(bad.stdout.contains("::warning file=\(folder.path)/good.json,title=issuepipe validate%3A low-ocr-confidence::"))
        let schema = try issuepipe(["validate", "--print-schema"])
        #expect(schema.stdout.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
    }

    // MARK: - The shared corpus

    /// Files of the corpus that must fail without passwords, and how.
    static let expectedFailures: [String: Set<String>] = [
        "robustness/qpdf_bad1.pdf": ["not-a-pdf"],
        "robustness/qpdf_issue-335a.pdf": ["not-a-pdf"],                 // fuzzed: no %PDF header at all
        "robustness/pdfjs_issue15590.pdf": ["no-pages"],
        "robustness/pdfjs_poppler-85140-0.pdf": ["no-pages"],
        "robustness/ocrmypdf_invalid.pdf": ["damaged", "truncated"],
        "robustness/pdfjs_REDHAT-1531897-0.pdf": ["damaged", "truncated"],
        "robustness/pypdf_r6-both-passwords.pdf": ["encrypted"],
        "robustness/pypdf_r2-user-password.pdf": ["encrypted"],
        "robustness/pypdf_libreoffice-writer-password.pdf": ["encrypted"],
        "robustness/pypdf_crazyones-encrypted-256.pdf": ["encrypted"],
        "robustness/pdfminer_aes-256-r6.pdf": ["encrypted"],
        "robustness/pdfjs_issue21579.pdf": ["encrypted"],
    ]

    /// Files of the corpus poppler reports errors in while reading their pages:
    /// written, with a damaged-content warning, status partial.
    static let expectedPartial: Set<String> = [
        "robustness/pypdf_issue-301.pdf",   // broken xref entries: "Failed to parse XRef entry", a stream without its end
        "robustness/qpdf_deep-pages.pdf",   // "Loop in Pages tree": one page of size 0x0, no text
    ]

    @Test("the corpus: every file accounted for, the expected failures with their codes, valid outputs, a rerun skips",
          .enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus))
    func corpus() throws {
        let out = TestPaths.temporaryFolder("batch-corpus")
        let report = out.appendingPathComponent("report.json")
        let result = try issuepipe(["batch", TestPaths.corpus.path, "--out", out.appendingPathComponent("json").path,
                                    "--report", report.path, "--ocr", "never", "--timeout", "60", "--jobs", "2"])
        #expect(result.status == 1, "\(result.stderr)")
        let r = try readReport(report)

        let pdfs = try FileManager.default.subpathsOfDirectory(atPath: TestPaths.corpus.path)
            .filter { $0.lowercased().hasSuffix(".pdf") }
        #expect(r.files.count == pdfs.count)
        #expect(Set(r.files.map(\.relativePath)) == Set(pdfs))

        for file in r.files {
            if let expected = Self.expectedFailures[file.relativePath] {
                #expect(file.status == .failed, "\(file.relativePath) should fail")
                #expect(expected.contains(file.error?.code ?? ""), "\(file.relativePath): \(file.error?.code ?? "no error")")
            } else if Self.expectedPartial.contains(file.relativePath) {
                #expect(file.status == .partial, "\(file.relativePath) should be partial: \(file.warnings.map(\.code))")
                #expect(file.warnings.contains { $0.code == "damaged-content" })
            } else {
                #expect(file.status == .converted, "\(file.relativePath): \(file.error?.code ?? ""): \(file.error?.message ?? "") \(file.warnings.filter { PopplerMessageLog.lossCodes.contains($0.code) })")
            }
            // A one-line reason.
            if let message = file.error?.message { #expect(!message.contains("\n") && !message.isEmpty) }
        }
        #expect(r.totals.failed == Self.expectedFailures.count)

        // Every output is valid issue JSON: our validator, and python's jsonschema when there.
        let outputs = jsonFiles(under: out.appendingPathComponent("json"))
        #expect(r.totals.partial == Self.expectedPartial.count)
        #expect(outputs.count == r.totals.converted + r.totals.partial)
        let validate = try issuepipe(["validate", "--schema-only", "-q", out.appendingPathComponent("json").path])
        #expect(validate.status == 0, "\(validate.stdout)")
        if PythonJSONSchema.isInstalled {
            #expect(try PythonJSONSchema.errors(outputs) == [])
        }

        // A rerun skips everything converted and tries the failures again.
        let again = try issuepipe(["batch", TestPaths.corpus.path, "--out", out.appendingPathComponent("json").path,
                                   "--report", report.path, "--ocr", "never", "--timeout", "60", "--jobs", "2"])
        #expect(again.status == 1)
        let r2 = try readReport(report)
        #expect(r2.totals.skipped == r.totals.converted + r.totals.partial)
        #expect(r2.totals.converted == 0)
        #expect(r2.totals.failuresByCode == r.totals.failuresByCode)
    }

    @Test("the corpus's encrypted files open with --passwords (PASSWORDS.tsv)",
          .enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus))
    func corpusPasswords() throws {
        let encrypted = Self.expectedFailures.filter { $0.value == ["encrypted"] }.keys.sorted()
        let out = TestPaths.temporaryFolder("batch-passwords")
        let report = out.appendingPathComponent("report.json")
        let list = encrypted.map { TestPaths.corpus.appendingPathComponent($0).path }.joined(separator: "\n")
        _ = try issuepipe(["batch", "--from", "-", "--relative-to", TestPaths.corpus.path, "--out", out.path,
                           "--report", report.path, "--passwords", TestPaths.corpus.appendingPathComponent("PASSWORDS.tsv").path,
                           "--ocr", "never", "--timeout", "60"], stdin: list)
        let r = try readReport(report)
        #expect(r.files.count == encrypted.count)
        for file in r.files {
            // pdfjs_issue21579 (AES-256 R5, non-ASCII password) once crashed poppler inside
            // PDFDocument's open; the batch recorded worker-crashed and went on. It opens now.
            #expect(file.status == .converted, "\(file.relativePath): \(file.error?.code ?? ""): \(file.error?.message ?? "")")
        }
    }
}
