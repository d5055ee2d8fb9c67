import Foundation
import Testing
@testable import IssuePipe

/// Each failure family has its own exit status (README, Exit status), so a
/// script can tell a bad input from a missing password or a missing package.
@Suite(.enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
struct ExitCodeTests {
    @Test func everyFamilyHasItsOwnStatus() {
        let statuses = ExitFamily.allCases.map(\.exitCode)
        #expect(Set(statuses).count == statuses.count)
        #expect(ExitFamily.usage.exitCode == 2 && ExitFamily.failed.exitCode == 1)
    }

    @Test func anUnwritableOutputExits6() throws {
        let folder = TestPaths.temporaryFolder()
        let blocker = folder.appendingPathComponent("a-file")
        try Data().write(to: blocker)
        // The output's folder is a file: nothing can be written under it, whoever runs the test.
        let run = try issuepipe(["convert", TestPaths.sample("bri-2024-03.pdf").path, "-o", blocker.appendingPathComponent("out.json").path])
        #expect(run.status == 6, "\(run.stderr)")
        #expect(run.stderr.contains("cannot write"), "\(run.stderr)")
    }

    @Test func missingLanguageDataExits5() throws {
        let folder = TestPaths.temporaryFolder()
        try "name: needs-klingon\nversion: '1'\nocr:\n  languages: tlh_nonexistent\n"
            .write(to: folder.appendingPathComponent("needs-klingon.yaml"), atomically: true, encoding: .utf8)
        let run = try issuepipe(["convert", TestPaths.sample("bri-2024-03.pdf").path, "--pipeline", folder.appendingPathComponent("needs-klingon.yaml").path,
                                   "--ocr", "force", "-o", folder.appendingPathComponent("out.json").path])
        #expect(run.status == 5, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.json").path))
    }

    @Test func anInvalidPipelineExits2() throws {
        let folder = TestPaths.temporaryFolder()
        try "name: typo\nversion: '1'\nnmae: x\n".write(to: folder.appendingPathComponent("typo.yaml"), atomically: true, encoding: .utf8)
        let run = try issuepipe(["convert", TestPaths.sample("bri-2024-03.pdf").path, "--pipeline", folder.appendingPathComponent("typo.yaml").path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(try issuepipe(["validate", "--pipeline", folder.appendingPathComponent("typo.yaml").path]).status == 2)
    }

    @Test func aNewlineInAFileNameStaysOnOneLine() throws {
        let folder = TestPaths.temporaryFolder()
        let name = folder.appendingPathComponent("bad\n::error file=x::forged.pdf")
        try Data("not a PDF".utf8).write(to: name)
        let run = try issuepipe(["convert", name.path])
        #expect(run.status == 3)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("bad\\n::error"), "\(run.stderr)")
    }
}

/// A password on the command line is visible to every user in `ps`: it can
/// come from a file or the environment instead.
@Suite(.enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
struct PasswordInputTests {
    static let encrypted = TestPaths.sample("bad/encrypted-user-password.pdf")

    @Test func aPasswordFileOpensTheFile() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("password")
        try "secret\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try issuepipe(["convert", Self.encrypted.path, "--password-file", file.path, "-o", folder.appendingPathComponent("out.json").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("secret"))
        let wrong = folder.appendingPathComponent("wrong")
        try "guess\n".write(to: wrong, atomically: true, encoding: .utf8)
        #expect(try issuepipe(["convert", Self.encrypted.path, "--password-file", wrong.path]).status == 4)
        #expect(try issuepipe(["convert", Self.encrypted.path, "--password-file", folder.appendingPathComponent("none").path]).status == 2)
    }

    @Test func thePasswordCanComeFromTheEnvironment() throws {
        let folder = TestPaths.temporaryFolder()
        let run = try issuepipe(["convert", Self.encrypted.path, "-o", folder.appendingPathComponent("out.json").path],
                                  environment: ["ISSUEPIPE_PASSWORD": "secret"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try issuepipe(["convert", Self.encrypted.path], environment: ["ISSUEPIPE_PASSWORD": ""]).status == 4)
    }
}

/// Two batches on one output folder deleted each other's temporary files:
/// the second now exits 2, or waits with --wait.
@Suite(.enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
struct OutputLockTests {
    // No .timeLimit: under a loaded parallel run a test may wait minutes for a thread before its body starts.
    @Test func aSecondBatchOnTheSameFolderExits2OrWaits() throws {
        let out = TestPaths.temporaryFolder()
        let held = try OutputLock(folder: out, wait: false) // as a running batch holds it
        let input = "Samples/bri-2024-03.pdf" // relative to the repository, where the tool runs: out/Samples/…
        let busy = try issuepipe(["batch", input, "--out", out.path, "--ocr", "never"])
        #expect(busy.status == 2, "\(busy.stderr)")
        #expect(busy.stderr.contains("another issuepipe batch (process \(getpid()))"), "\(busy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("Samples/bri-2024-03.json").path))

        let process = try startIssuepipe(["batch", input, "--out", out.path, "--ocr", "never", "--wait", "--quiet"])
        Thread.sleep(forTimeInterval: 1)
        #expect(process.isRunning, "--wait returned while the folder was locked")
        held.release()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("Samples/bri-2024-03.json").path))
    }
}

/// A symbolic link planted inside --out would send outputs outside it.
@Suite(.enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
struct OutputSymlinkTests {
    @Test func aBatchNeverWritesThroughALinkInsideOut() throws {
        let out = TestPaths.temporaryFolder(), elsewhere = TestPaths.temporaryFolder()
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("Samples"), withDestinationURL: elsewhere)
        let report = out.appendingPathComponent("report.json")
        let run = try issuepipe(["batch", "Samples/bri-2024-03.pdf", "--out", out.path, "--ocr", "never", "--report", report.path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.contains("write-failed") && text.contains("symbolic link inside --out"), "\(text)")
    }
}

/// A full disk (here RLIMIT_FSIZE, with SIGXFSZ ignored so writes fail with
/// EFBIG as on a full disk) must leave no temporary file behind.
@Suite(.enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
struct FullDiskTests {
    /// The binary run by /bin/sh under a file-size limit of `blocks` × 512 bytes (dash's unit).
    func limited(_ blocks: Int, _ arguments: [String]) throws -> RunResult {
        let quoted = ([try builtBinary().path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \(quoted.joined(separator: " "))"],
                       currentDirectory: TestPaths.repo)
    }

    @Test func convertOnAFullDiskLeavesNothingAndSaysWhy() throws {
        let out = TestPaths.temporaryFolder()
        let run = try limited(20, ["convert", "Samples/bri-2024-03.pdf", "-o", out.appendingPathComponent("issue.json").path])
        #expect(run.status == 6, "\(run.stderr)")
        #expect(run.stderr.contains("File too large"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func batchOnAFullDiskLeavesNoTemporaryFilesAndSaysWhereTheReportWent() throws {
        let out = TestPaths.temporaryFolder()
        let report = out.appendingPathComponent("report.json")
        // 512 bytes: less than the report of one failed file.
        let run = try limited(1, ["batch", "Samples/bri-2024-03.pdf", "--out", out.path, "--stages", "--ocr", "never",
                                   "--report", report.path])
        #expect(run.status == 1, "\(run.stderr)")
        let left = FileManager.default.enumerator(atPath: out.path)?.allObjects.compactMap { $0 as? String } ?? []
        #expect(!left.contains { $0.hasSuffix(".tmp") }, "\(left)")
        // The report cannot be written under the limit either: the message names where it went.
        #expect(run.stderr.contains("cannot write the report") && (run.stderr.contains("written to") || run.stderr.contains("standard output")),
                "\(run.stderr)")
    }
}

/// A file whose name is not UTF-8 was dropped from a folder batch without a
/// word, and named directly it was "no such file". Both now convert it, named
/// with \xNN escapes, through an alias that is removed afterwards.
@Suite(.enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
struct NonUTF8NameTests {
    /// `folder/bad\xff\xfe.pdf`, a copy of `sample` written through the raw bytes of its path.
    func writeBadlyNamed(_ sample: String, in folder: URL) throws {
        let path = Array(folder.path.utf8) + Array("/bad".utf8) + [0xFF, 0xFE] + Array(".pdf".utf8)
        let descriptor = open(path.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        try #require(descriptor >= 0)
        let bytes = try Data(contentsOf: TestPaths.sample(sample))
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, bytes.count) }
        close(descriptor)
        try #require(written == bytes.count)
    }

    @Test func aNameThatIsNotUTF8IsConvertedAndReportedEscaped() throws {
        let folder = TestPaths.temporaryFolder(), out = TestPaths.temporaryFolder(), temporary = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(at: TestPaths.sample("bri-2024-03.pdf"), to: folder.appendingPathComponent("good.pdf"))
        try writeBadlyNamed("bri-2024-03.pdf", in: folder)
        let report = out.appendingPathComponent("report.json")
        let run = try issuepipe(["batch", folder.path, "--out", out.path, "--ocr", "never", "--report", report.path],
                                environment: ["TMPDIR": temporary.path])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try JSONDecoder().decode(BatchReport.self, from: Data(contentsOf: report)).files
        #expect(files.map(\.status) == [.converted, .converted], "\(files)")
        #expect(files.contains { $0.input.hasSuffix("/bad\\xff\\xfe.pdf") }, "\(files.map(\.input))")
        let issue = try JSONDecoder().decode(IssueDocument.self, from: Data(contentsOf: out.appendingPathComponent("bad\\xff\\xfe.json")))
        #expect(issue.source.file == "bad\\xff\\xfe.pdf" && issue.articles.count == 9)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "the alias is left behind")
    }

    /// Named directly, such a file is converted too, also across the restart
    /// before OCR (which passes the raw bytes on).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/sh")))
    func aNameThatIsNotUTF8GivenToConvertIsConverted() throws {
        let folder = TestPaths.temporaryFolder(), temporary = TestPaths.temporaryFolder()
        try writeBadlyNamed("bri-mixed.pdf", in: folder)
        // Foundation passes arguments as UTF-8 strings: the shell makes the raw bytes.
        let run = try IssuePipeTests.run(URL(fileURLWithPath: "/bin/sh"),
                                         ["-c", "cd \"$1\" && exec env -u OMP_THREAD_LIMIT \"$2\" convert \"$(printf 'bad\\377\\376.pdf')\" -o out.json", "sh",
                                          folder.path, try builtBinary().path],
                                         environment: ["TMPDIR": temporary.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("bad\\xff\\xfe.pdf: the file name is not UTF-8; it is converted"), "\(run.stderr)")
        let issue = try JSONDecoder().decode(IssueDocument.self, from: Data(contentsOf: folder.appendingPathComponent("out.json")))
        #expect(issue.source.file == "bad\\xff\\xfe.pdf" && issue.articles.count == 9)
        #expect(issue.pages.filter { $0.method == .ocr }.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "the alias is left behind")
    }
}

/// A page OCR left empty (its image did not fit in --max-memory, or OCR failed)
/// is text lost: the file is `partial`, never `converted`.
struct PageOverLimitTests {
    @Test func aPageLeftEmptyMakesTheFilePartial() {
        for code in ["ocr-failed", "page-over-limit", "damaged-content"] {
            #expect(BatchStatus(finished: WorkerResult(warnings: [Warning(code: code, message: "page 1", page: 1)])) == .partial)
        }
        #expect(BatchStatus(finished: WorkerResult(warnings: [Warning(code: "low-ocr-confidence", message: "page 1", page: 1)])) == .converted)
    }

    static let huge = "robustness/ocrmypdf_hugemono.pdf"

    @Test(.enabled(if: TestPaths.hasBinary && TestPaths.hasCorpusFile(huge),
                   "needs the built binary and ../shared/corpus/robustness/ocrmypdf_hugemono.pdf"))
    func aPageOverTheMemoryCapIsNamedAndPartial() throws {
        let out = TestPaths.temporaryFolder()
        let report = out.appendingPathComponent("report.json")
        let run = try issuepipe(["batch", TestPaths.corpusFile(Self.huge).path, "--out", out.appendingPathComponent("json").path, "--ocr", "force",
                                   "--max-memory", "1G", "--report", report.path, "--jobs", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.contains("\"partial\"") && text.contains("page-over-limit") && text.contains("1024 MiB"), "\(text)")
    }

    /// `convert` has the limits too: the page that does not fit is left empty and
    /// named, the output is written, and the exit status says a limit was exceeded.
    @Test(.enabled(if: TestPaths.hasBinary && TestPaths.hasCorpusFile(huge),
                   "needs the built binary and ../shared/corpus/robustness/ocrmypdf_hugemono.pdf"))
    func convertUnderAMemoryCapNamesThePageAndExits7() throws {
        let output = TestPaths.temporaryFolder().appendingPathComponent("huge.json")
        let run = try issuepipe(["convert", TestPaths.corpusFile(Self.huge).path, "-o", output.path, "--ocr", "force", "--max-memory", "1G", "--jobs", "1"])
        #expect(run.status == 7, "\(run.stderr)")
        #expect(run.stderr.contains("1024 MiB, --max-memory"))
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text.contains("page-over-limit"))
    }

    /// `convert --timeout`: exit 7 with the reason, and no output or temporary file left.
    @Test(.enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
    func convertPastItsTimeoutWritesNothing() throws {
        let folder = TestPaths.temporaryFolder()
        let output = folder.appendingPathComponent("scan.json")
        let started = Date()
        let run = try issuepipe(["convert", TestPaths.repo.appendingPathComponent("Samples/variants/v1010-chromium-scanned.pdf").path,
                                   "-o", output.path, "--ocr", "force", "--timeout", "1"])
        #expect(run.status == 7, "\(run.stderr)")
        #expect(run.stderr.contains("gave up after 1 s (--timeout)"))
        #expect(Date().timeIntervalSince(started) < 60, "the watchdog stops the run, not the end of OCR")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
