import Foundation
import Testing
@testable import IssuePipe

/// The batch's OCR page scheduler (`PageScheduler`): the queue on its own, and
/// the built binary on a scanned sample beside a file that leaves a worker free.
/// Serialized: each binary test runs two workers on a two-core machine.
@Suite("batch OCR page scheduler", .serialized)
struct BatchPageSchedulerTests {
    // MARK: - The queue, in-process

    private func pages(_ file: String, _ numbers: [Int]) -> OCRPageBatch {
        OCRPageBatch(file: file, password: nil, sha256: "x", settings: OCRSettings(),
                     targets: numbers.map { OCRTarget(number: $0, width: 595, height: 842) })
    }

    private func answer(_ page: Int, pristine: Bool = true) -> PageJobResult {
        let layout = PageLayout(number: page, width: 595, height: 842, method: .ocr, lines: [], text: "page \(page)")
        return PageJobResult(page: page, result: OCRPageResult(layout: layout, read: PageRead(page: page, source: "render", dpi: 200)),
                             pristine: pristine)
    }

    @Test("helpers take the front of the queue, owners their own pages; the owner gets all results in page order")
    func queueOrder() throws {
        let scheduler = PageScheduler()
        let a = try #require(scheduler.post(pages("a.pdf", [1, 2, 3])))
        let b = try #require(scheduler.post(pages("b.pdf", [1])))
        // A helper takes a.pdf's first page; b's owner takes its own page, not a's.
        #expect(scheduler.helperJob()?.target.number == 1)
        guard case .read(let own)? = scheduler.ownerStep(b, cancelled: { false }) else { Issue.record("b's owner got nothing"); return }
        #expect(own.number == 1)
        scheduler.deliver(b, answer(1), byHelper: false)
        guard case .done(let bReply)? = scheduler.ownerStep(b, cancelled: { false }) else { Issue.record("b not done"); return }
        #expect(bReply.results?.map(\.page) == [1])

        // a's owner reads pages 2 and 3 while the helper still has page 1.
        for expected in [2, 3] {
            guard case .read(let target)? = scheduler.ownerStep(a, cancelled: { false }) else { Issue.record("no page"); return }
            #expect(target.number == expected)
        }
        scheduler.deliver(a, answer(3), byHelper: false)
        scheduler.deliver(a, answer(2), byHelper: false)
        #expect(scheduler.ownerStep(a, cancelled: { true }) == nil, "the owner waits for the helper's page until cancelled")
        scheduler.deliver(a, answer(1), byHelper: true)
        guard case .done(let aReply)? = scheduler.ownerStep(a, cancelled: { false }) else { Issue.record("a not done"); return }
        #expect(aReply.results?.map(\.page) == [1, 2, 3])
        #expect(scheduler.pagesHelped == 1)
        #expect(scheduler.helperJob() == nil)
    }

    @Test("a page poppler complained about, or a helper that died, sends the file back to its owner")
    func fallbacks() throws {
        let scheduler = PageScheduler()
        let a = try #require(scheduler.post(pages("a.pdf", [1, 2])))
        let job = try #require(scheduler.helperJob())
        scheduler.deliver(job.posting, answer(1, pristine: false), byHelper: true)
        guard case .done(let reply)? = scheduler.ownerStep(a, cancelled: { false }) else { Issue.record("a not done"); return }
        #expect(reply.results == nil)
        #expect(scheduler.helperJob() == nil, "a fallen-back file's pages are not handed out")

        let b = try #require(scheduler.post(pages("b.pdf", [1, 2])))
        let died = try #require(scheduler.helperJob())
        scheduler.helperDied(died.posting)
        guard case .done(let bReply)? = scheduler.ownerStep(b, cancelled: { false }) else { Issue.record("b not done"); return }
        #expect(bReply.results == nil)
        #expect(scheduler.post(pages("b.pdf", [1, 2])) == nil, "a file that killed a helper is not shared again")
        #expect(scheduler.post(pages("c.pdf", [1])) != nil)
    }

    @Test("an owner that is gone drops its pages; a late result is ignored")
    func abandoned() throws {
        let scheduler = PageScheduler()
        let a = try #require(scheduler.post(pages("a.pdf", [1, 2])))
        let job = try #require(scheduler.helperJob())
        scheduler.abandon(a)
        #expect(scheduler.helperJob() == nil)
        scheduler.deliver(job.posting, answer(1), byHelper: true)
        #expect(scheduler.pagesHelped == 0)
    }

    @Test("the dispatcher takes a reply only when every page is there and usable")
    func replies() {
        let asked = pages("a.pdf", [1, 2])
        #expect(SharedPageDispatcher.results(PagesReply(results: [answer(1), answer(2)]), of: asked)?.keys.sorted() == [1, 2])
        #expect(SharedPageDispatcher.results(PagesReply(results: [answer(1)]), of: asked) == nil)
        #expect(SharedPageDispatcher.results(PagesReply(results: [answer(1), answer(2, pristine: false)]), of: asked) == nil)
        #expect(SharedPageDispatcher.results(PagesReply(results: nil), of: asked) == nil)
    }

    // MARK: - The built binary

    /// A folder with a scanned sample and a one-page born-digital file: the
    /// worker that finishes the small one reads pages of the scan.
    private func mixedFolder() throws -> URL {
        let folder = TestPaths.temporaryFolder("sched-in")
        try FileManager.default.copyItem(at: TestPaths.sample("bri-2025-21-scanned.pdf"), to: folder.appendingPathComponent("long-scan.pdf"))
        try minimalPDF(text: "small").write(to: folder.appendingPathComponent("small.pdf"))
        return folder
    }

    /// Every file below a folder, by relative path (the lock file left out).
    private func contents(of folder: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return found }
        for case let url as URL in files {
            let path = url.standardizedFileURL.path
            guard !url.hasDirectoryPath, !path.hasSuffix(".lock"), path.hasPrefix(base) else { continue }
            found[String(path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return found
    }

    /// Each file converted alone by `convert --jobs 1`, with its stage dumps, laid out as batch lays them out.
    private func serialOutputs(of input: URL) throws -> [String: Data] {
        let out = TestPaths.temporaryFolder("sched-serial")
        for name in ["long-scan", "small"] {
            let result = try issuepipe(["convert", input.appendingPathComponent("\(name).pdf").path,
                                        "-o", out.appendingPathComponent("\(name).json").path,
                                        "--stages", out.appendingPathComponent("\(name).stages").path, "--jobs", "1"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        return try contents(of: out)
    }

    private func batch(_ input: URL, environment: [String: String] = [:], extra: [String] = []) throws
        -> (result: RunResult, report: BatchReport, outputs: [String: Data], seconds: Double) {
        let out = TestPaths.temporaryFolder("sched-out")
        let reportURL = TestPaths.temporaryFolder("sched-report").appendingPathComponent("report.json")
        let started = Date()
        let result = try issuepipe(["batch", input.path, "--out", out.path, "--stages", "--jobs", "2", "--report", reportURL.path] + extra,
                                   environment: environment)
        let seconds = Date().timeIntervalSince(started)
        let report = try JSONDecoder().decode(BatchReport.self, from: Data(contentsOf: reportURL))
        return (result, report, try contents(of: out), seconds)
    }

    @Test("pages read by other workers: the same JSON and stage dumps as a serial convert",
          .enabled(if: TestPaths.hasBinary, TestPaths.noBinary), .timeLimit(.minutes(10)))
    func sameBytesAsSerial() throws {
        let input = try mixedFolder()
        let serial = try serialOutputs(of: input)
        let shared = try batch(input)
        #expect(shared.result.status == 0, "\(shared.result.stderr)")
        #expect((shared.report.workers?.pagesShared ?? 0) > 0, "no page was read by another worker")
        #expect(serial.keys.contains("long-scan.stages/3-ocr.json"))
        #expect(Set(shared.outputs.keys) == Set(serial.keys))
        for (path, bytes) in serial.sorted(by: { $0.key < $1.key }) {
            #expect(shared.outputs[path] == bytes, "\(path) differs from the serial convert")
        }
    }

    @Test("a worker that crashes on another file's page costs no file: the owner reads that file itself",
          .enabled(if: TestPaths.hasBinary, TestPaths.noBinary), .timeLimit(.minutes(10)))
    func helperCrash() throws {
        let input = try mixedFolder()
        let serial = try serialOutputs(of: input)
        let run = try batch(input, environment: ["ISSUEPIPE_DEBUG_PAGE_CRASH": "long-scan"])
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(run.report.totals.converted == 2)
        #expect(run.report.workers?.crash == 1, "one helper died, and the file was not shared again")
        #expect(run.report.workers?.retried == 0)
        for name in ["long-scan.json", "long-scan.stages/3-ocr.json", "small.json"] {
            #expect(run.outputs[name] == serial[name], "\(name) differs from the serial convert")
        }
    }

    @Test("SIGTERM while workers read another file's pages: the batch stops at once, exit 143",
          .enabled(if: TestPaths.hasBinary, TestPaths.noBinary), .timeLimit(.minutes(5)))
    func terminateWhileSharing() throws {
        let input = try mixedFolder()
        let out = TestPaths.temporaryFolder("sched-term")
        let report = out.appendingPathComponent("report.json")
        let process = try startIssuepipe(["batch", input.path, "--out", out.path, "--report", report.path, "--jobs", "2"])
        // Once the small file is written, its worker reads the scan's pages beside the scan's own.
        let written = out.appendingPathComponent("small.json")
        var deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: written.path), process.isRunning, Date() < deadline { usleep(100_000) }
        usleep(6_000_000)   // the scan's pages are being read by then (8 pages, ~3 s each in a debug build)
        process.terminate()
        deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { usleep(100_000) }
        #expect(!process.isRunning, "the batch did not stop within 20 s of SIGTERM")
        if process.isRunning { process.interrupt(); kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let r = try JSONDecoder().decode(BatchReport.self, from: Data(contentsOf: report))
        #expect(r.interrupted)
        #expect(r.files.first { $0.input.hasSuffix("small.pdf") }?.status == .converted)
        #expect(r.files.first { $0.input.hasSuffix("long-scan.pdf") }?.error?.code == "interrupted")
    }

    @Test("a file that times out while other workers read its pages fails alone, and the batch ends",
          .enabled(if: TestPaths.hasBinary, TestPaths.noBinary), .timeLimit(.minutes(5)))
    func ownerTimeout() throws {
        let input = try mixedFolder()
        let run = try batch(input, extra: ["--timeout", "6"])
        #expect(run.result.status == 1, "\(run.result.stderr)")
        let long = run.report.files.first { $0.input.hasSuffix("long-scan.pdf") }
        #expect(long?.error?.code == "timeout")
        #expect(run.report.files.first { $0.input.hasSuffix("small.pdf") }?.status == .converted)
        #expect(run.seconds < 60, "the batch took \(run.seconds) s")
    }
}
