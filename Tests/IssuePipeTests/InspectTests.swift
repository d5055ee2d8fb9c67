import Foundation
import Testing
@testable import IssuePipe

/// `issuepipe inspect`: the terminal table and stage views, the stage dumps
/// read back, and the HTML report, checked in a real browser when Chromium is there.
@Suite struct InspectTests {
    static let sample = "bri-2024-03"

    /// The sample's stage values, computed once for all the tests that read them.
    static func dumps() throws -> StageDumps { try sampleDumps.get() }

    private static let sampleDumps = Result {
        try StageDumps.run(TestPaths.sample("\(sample).pdf"),
                           options: ConvertOptions(pipelinesFolder: TestPaths.pipelines, ocrMode: .never))
    }

    // MARK: Terminal text

    @Test func displayWidthCountsCJKAsTwoColumns() {
        #expect(TerminalText.displayWidth("abc") == 3)
        #expect(TerminalText.displayWidth("双周决策") == 8)
        #expect(TerminalText.displayWidth("【区域】GDP") == 11)
        #expect(TerminalText.displayWidth("（中国经济时报 20240131）") == 25)
        #expect(TerminalText.displayWidth("e\u{301}") == 1)
        #expect(TerminalText.pad("双周", to: 6) == "双周  ")
        #expect(TerminalText.pad("12", to: 4, alignRight: true) == "  12")
        let cut = TerminalText.truncate("双周决策观察", to: 7)
        #expect(cut == "双周决…")
        #expect(TerminalText.displayWidth(cut) <= 7)
    }

    @Test func wrapKeepsLinesWithinTheWidth() {
        let text = "2024年重庆市政府工作报告提出大力培育新质生产力。重庆提出，实施未来产业和 high-growth industries 发展行动。"
        let lines = TerminalText.wrap(text, width: 30)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { TerminalText.displayWidth($0) <= 30 })
        #expect(lines.joined().filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace })
    }

    // MARK: Summary and stage views

    @Test func summaryRowsShowEachPagesCountsAligned() throws {
        let dumps = try Self.dumps()
        let inspection = Inspection(dumps)
        let summary = TerminalView(inspection, width: 120).summary()
        let lines = summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headerIndex = try #require(lines.firstIndex { $0.hasPrefix("page  method") })
        let header = lines[headerIndex]
        // The "lines" column is right-aligned: every page's count ends where the header word ends.
        let linesRange = try #require(header.range(of: "lines"))
        let linesEnd = TerminalText.displayWidth(String(header[..<linesRange.upperBound]))
        let clean = try #require(dumps.clean)
        for (offset, page) in dumps.extract.pages.enumerated() {
            let row = lines[headerIndex + 2 + offset]
            let fields = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(fields.first == "\(page.number)")
            let count = "\(page.lines.count)"
            let cells = Array(row)
            var column = 0, endOfCount: Int?
            for (index, character) in cells.enumerated() {
                column += TerminalText.characterWidth(character)
                if column == linesEnd {
                    let prefix = String(cells[...index])
                    if prefix.hasSuffix(" " + count) { endOfCount = column }
                    break
                }
            }
            #expect(endOfCount == linesEnd, "page \(page.number): \(row)")
            let dropped = clean.furniture.filter { $0.page == page.number }.count
            #expect(row.contains("  \(dropped)"), "page \(page.number) dropped \(dropped): \(row)")
        }
        // Every dropped line's text is listed under "Dropped by clean", page numbers folded into one entry.
        for item in clean.furniture where item.reason != "page-number" {
            #expect(summary.contains(item.text))
        }
        #expect(summary.contains("page-number"))
    }

    @Test func stagesFolderGivesTheSameViewsAsARun() throws {
        let folder = TestPaths.temporaryFolder().appendingPathComponent("debug")
        _ = try convert(TestPaths.sample("\(Self.sample).pdf"),
                        options: ConvertOptions(stagesFolder: folder, pipelinesFolder: TestPaths.pipelines, ocrMode: .never))
        let fromFolder = try StageDumps.load(from: folder)
        let fromRun = try Self.dumps()
        #expect(fromFolder.folder == folder)
        #expect(fromFolder.extract == fromRun.extract)
        #expect(fromFolder.clean == fromRun.clean)
        #expect(fromFolder.structure == fromRun.structure)
        // The lineage travels in 5-structure.json beside the issue: one entry an article.
        #expect(fromFolder.lineage == fromRun.lineage)
        #expect(fromRun.lineage?.count == fromRun.structure?.articles.count)
        let a = TerminalView(Inspection(fromFolder), width: 100), b = TerminalView(Inspection(fromRun), width: 100)
        for stage in InspectStage.allCases {
            #expect(try a.stage(stage, page: 3) == b.stage(stage, page: 3))
        }
        // The PDF is not beside the folder: not found, unless named; a different PDF never counts.
        #expect(fromFolder.locatePDF() == nil)
        #expect(fromFolder.locatePDF(explicit: TestPaths.sample("\(Self.sample).pdf")) == TestPaths.sample("\(Self.sample).pdf"))
        #expect(fromFolder.locatePDF(explicit: TestPaths.sample("bri-2025-21.pdf")) == nil)
    }

    @Test func aFolderWithoutDumpsIsAClearError() throws {
        let empty = TestPaths.temporaryFolder()
        #expect(throws: InspectError.notAStagesFolder(path: empty.path, reason: "no 1-extract.json in it")) {
            try StageDumps.load(from: empty)
        }
        let missing = empty.appendingPathComponent("nope")
        #expect(throws: InspectError.stagesNotFound(path: missing.path)) { try StageDumps.load(from: missing) }
        try Data("{}".utf8).write(to: empty.appendingPathComponent("1-extract.json"))
        #expect { try StageDumps.load(from: empty) } throws: { error in
            guard case InspectError.badDump(let path, let reason)? = error as? InspectError else { return false }
            return path.hasSuffix("1-extract.json") && reason.contains("missing key")
        }
    }

    @Test func extractViewListsEveryLineWithBoxFontAndSize() throws {
        let dumps = try Self.dumps()
        let view = TerminalView(Inspection(dumps), width: 160)
        let text = try view.stage(.extract, page: 3)
        let page = dumps.extract.pages[2]
        for (index, line) in page.lines.enumerated() {
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("3:\(index) ") }, "line 3:\(index)")
            #expect(row.contains(TerminalView.box(line.box)))
            #expect(row.contains(line.font))
            #expect(row.contains(String(line.text.prefix(8))))
            #expect(row.contains(" B ") == line.bold)
        }
    }

    @Test func cleanViewShowsBlocksJoinedLinesEndReasonsAndFurniture() throws {
        let dumps = try Self.dumps()
        let inspection = Inspection(dumps)
        let text = try TerminalView(inspection, width: 200).stage(.clean, page: 4)
        let clean = try #require(dumps.clean)
        let onPage = clean.blocks.indices.filter { clean.blocks[$0].provenance.contains { $0.page == 4 } }
        #expect(!onPage.isEmpty)
        for index in onPage {
            let block = clean.blocks[index]
            let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("block \(index + 1) ") })
            #expect(header.contains("ends: \(block.endReason ?? "—")"))
            #expect(text.contains("joined from " + TerminalView.lineList(block.lines)))
        }
        // A block continued from page 3 says so.
        #expect(onPage.contains { clean.blocks[$0].provenance.first?.page == 3 })
        #expect(text.contains("continued from page 3"))
        for item in clean.furniture where item.page == 4 {
            #expect(text.contains(item.reason) && text.contains(item.text))
        }
        #expect(TerminalView.lineList(["2:3", "2:4", "2:5", "3:0", "3:1", "3:7"]) == "2:3–5, 3:0–1, 3:7")
    }

    @Test func structureViewShowsTheArticlesWithTextOnThePage() throws {
        let dumps = try Self.dumps()
        let issue = try #require(dumps.structure)
        let inspection = Inspection(dumps)
        let clean = try #require(dumps.clean)
        let text = try TerminalView(inspection, width: 200).stage(.structure, page: 4)
        var shown = 0
        for (index, article) in issue.articles.enumerated() {
            let onPage = article.blocks.contains { $0.provenance?.contains { $0.page == 4 } ?? false }
                || inspection.titleBlocks(of: index).contains { clean.blocks[$0].provenance.contains { $0.page == 4 } }
            let header = "article \(index + 1): " + (article.section.map { "【\($0)】" } ?? "") + article.title
            #expect(text.contains(header) == onPage, "\(header)")
            if onPage { shown += 1 }
        }
        #expect(shown >= 2)
        #expect(throws: InspectError.noSuchPage(page: 11, pageCount: 10)) {
            try TerminalView(Inspection(dumps)).stage(.structure, page: 11)
        }
    }

    @Test func everyArticleBlockAndTitleIsTracedToACleanBlock() throws {
        let dumps = try Self.dumps()
        let inspection = Inspection(dumps)
        let issue = try #require(dumps.structure)
        let clean = try #require(dumps.clean)
        for (index, article) in issue.articles.enumerated() {
            let titles = inspection.titleBlocks(of: index)
            #expect(titles.count == 1, "article \(index + 1) \(article.title)")
            for title in titles {
                // Not the contents entry on the cover: on the article's first page.
                #expect(clean.blocks[title].provenance.first?.page == article.pages.first)
            }
            let used = inspection.blockUses.filter { $0.value.article == index && $0.value.label != "title" && $0.value.label != "citation" }
            #expect(used.count == article.blocks.count)
        }
    }

    // MARK: The tool

    @Test func inspectCommandWritesTheReportAtomicallyAndPrintsTheTable() throws {
        let folder = TestPaths.temporaryFolder()
        let report = folder.appendingPathComponent("report.html")
        let pdf = TestPaths.sample("\(Self.sample).pdf").path
        let html = try issuepipe(["inspect", pdf, "--html", report.path, "--ocr", "never", "--dpi", "60"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stderr.contains("wrote \(report.path): 10 pages"))
        let written = try String(contentsOf: report, encoding: .utf8)
        #expect(written.hasSuffix("</html>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])

        let table = try issuepipe(["inspect", pdf, "--ocr", "never", "--color", "never"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("judge's reasons"))
        #expect(!table.stdout.contains("\u{1B}["))

        let stages = folder.appendingPathComponent("debug")
        #expect(try issuepipe(["convert", pdf, "-o", folder.appendingPathComponent("x.json").path, "--stages", stages.path]).status == 0)
        let fromStages = try issuepipe(["inspect", stages.path, "--page", "2", "--stage", "clean", "--color", "never"])
        #expect(fromStages.status == 0, "\(fromStages.stderr)")
        #expect(fromStages.stdout.hasPrefix("Page 2 · clean"))
        let same = try issuepipe(["inspect", "--from-stages", stages.path, "--page", "2", "--stage", "clean", "--color", "never"])
        #expect(same.stdout == fromStages.stdout)
        let blank = try issuepipe(["inspect", stages.path, "--html", folder.appendingPathComponent("blank.html").path])
        #expect(blank.status == 0)
        #expect(blank.stderr.contains("pages are drawn blank"))

        #expect(try issuepipe(["inspect", pdf, "--page", "99", "--ocr", "never"]).status == 2)
        #expect(try issuepipe(["inspect", pdf, "--stage", "nonsense"]).status == 2)
        #expect(try issuepipe(["inspect"]).status == 2)
        let notPDF = try issuepipe(["inspect", TestPaths.samples.appendingPathComponent("README.md").path])
        #expect(notPDF.status == 3) // bad input (README, Exit status)
        #expect(notPDF.stderr.contains("not a PDF"))
    }
}
