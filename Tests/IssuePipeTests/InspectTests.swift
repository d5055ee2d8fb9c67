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

    // MARK: HTML report

    static func report(_ dumps: StageDumps, images: Bool) throws -> String {
        var pngs: [Int: Data] = [:]
        if images {
            let document = try PDFDocument(url: TestPaths.sample("\(sample).pdf"))
            for number in 1...document.pageCount { pngs[number] = document.page(number)?.renderPNG(dpi: 50, grayscale: true) }
        }
        return HTMLReport(Inspection(dumps), images: pngs, dpi: 50).render()
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func pageImagesArePNGsOfThePageSize() throws {
        let document = try PDFDocument(url: TestPaths.sample("\(Self.sample).pdf"))
        let page = try #require(document.page(2))
        for (dpi, gray) in [(72.0, false), (100.0, true)] {
            let png = try #require(page.renderPNG(dpi: dpi, grayscale: gray))
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            // IHDR: width and height, big-endian, at bytes 16…23; colour type at 25 (0 gray, 2 RGB).
            let bytes = [UInt8](png)
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == Int((page.size.width * dpi / 72).rounded(.up)))
            #expect(height == Int((page.size.height * dpi / 72).rounded(.up)))
            #expect(bytes[25] == (gray ? 0 : 2))
        }
    }

    @Test func htmlReportIsSelfContainedAndDrawsEveryStage() throws {
        let dumps = try Self.dumps()
        let html = try Self.report(dumps, images: true)
        let clean = try #require(dumps.clean)
        let issue = try #require(dumps.structure)
        #expect(Self.count("<section class=\"page\"", in: html) == dumps.extract.pages.count)
        #expect(Self.count("<img ", in: html) == dumps.extract.pages.count)
        #expect(Self.count("src=\"data:image/png;base64,", in: html) == dumps.extract.pages.count)
        #expect(Self.count("class=\"ln\"", in: html) == dumps.extract.pages.reduce(0) { $0 + $1.lines.count })
        #expect(Self.count("class=\"furn\" data-tip", in: html) == clean.furniture.count)
        let blockGroups = clean.blocks.reduce(0) { $0 + Set($1.provenance.map(\.page)).count }
        #expect(Self.count("<g class=\"blk\"", in: html) == blockGroups)
        let articleBoxes = issue.articles.reduce(0) { $0 + $1.blocks.reduce(0) { $0 + ($1.provenance?.count ?? 0) } }
        #expect(Self.count("class=\"art\"", in: html) >= articleBoxes)
        #expect(Self.count("data-select=", in: html) >= issue.articles.count)
        // Nothing fetched: no external scripts, styles, fonts or images.
        #expect(!html.contains("<script src"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        #expect(html.contains("Noto Sans CJK SC") && html.contains("WenQuanYi Zen Hei"))
    }

    @Test func withoutThePDFPagesAreBlankAtTheRightSize() throws {
        let dumps = try Self.dumps()
        let html = try Self.report(dumps, images: false)
        #expect(!html.contains("<img "))
        #expect(Self.count("class=\"blank\"", in: html) == dumps.extract.pages.count)
        let page = dumps.extract.pages[0]
        #expect(html.contains("viewBox=\"0 0 \(TerminalView.number(page.width)) \(TerminalView.number(page.height))\""))
    }

    /// A made-up two-page run: page 2 read by OCR, no structure dump.
    static func madeUpDumps() -> StageDumps {
        func line(_ text: String, _ y: Double, confidence: Double? = nil) -> TextLine {
            let box = Box(x0: 72, y0: y, x1: 300, y1: y + 12)
            return TextLine(text: text, box: box, font: "Song", size: 12, bold: false,
                            spans: [TextSpan(text: text, box: box, font: "Song", size: 12, bold: false)], confidence: confidence)
        }
        let page1 = PageLayout(number: 1, width: 400, height: 600, method: .text,
                               lines: [line("第一行", 100), line("— 1 —", 560)], text: "")
        let scanned = PageLayout(number: 2, width: 400, height: 600, method: .text, lines: [], text: "")
        let ocrPage = PageLayout(number: 2, width: 400, height: 600, method: .ocr, confidence: 0.62,
                                 lines: [line("识别的文字", 100, confidence: 0.9), line("模糊", 120, confidence: 0.2)], text: "")
        let source = SourceInfo(file: "made-up.pdf", sha256: "0", pageCount: 2)
        return StageDumps(
            extract: ExtractedDocument(source: source, metadata: PDFMetadata(), pages: [page1, scanned]),
            judge: JudgeReport(pages: [PageVerdict(page: 1, verdict: .text, reasons: [JudgeReason(code: "text-layer-usable", message: "text layer fine")],
                                                  characters: CharacterStatistics()),
                                      PageVerdict(page: 2, verdict: .ocr, reasons: [JudgeReason(code: "no-text-layer", message: "no text layer")],
                                                  characters: CharacterStatistics())]),
            ocr: OCRReport(pages: [page1, ocrPage], warnings: [Warning(code: "low-ocr-confidence", message: "0.62", page: 2)]),
            clean: CleanedDocument(
                pages: [PageSummary(number: 1, method: .text), PageSummary(number: 2, method: .ocr, confidence: 0.62)],
                bodySize: 12,
                blocks: [CleanBlock(text: "第一行识别的文字", provenance: [Provenance(page: 1, box: page1.lines[0].box),
                                                                        Provenance(page: 2, box: ocrPage.lines[0].box)],
                                    lines: ["1:0", "2:0"], size: 12, bold: false, endReason: "short-line"),
                         CleanBlock(text: "模糊", provenance: [Provenance(page: 2, box: ocrPage.lines[1].box)],
                                    lines: ["2:1"], size: 12, bold: false, endReason: "end")],
                furniture: [FurnitureLine(page: 1, text: "— 1 —", box: page1.lines[1].box, reason: "page-number")]))
    }

    @Test func ocrPagesShowTheJudgesReasonsConfidenceAndShadedLines() throws {
        let inspection = Inspection(Self.madeUpDumps())
        let page = try #require(inspection.page(2))
        #expect(page.method == .ocr && page.reasons == ["no-text-layer"])
        #expect(page.readLines.count == 2 && page.extractLines.isEmpty)
        #expect(page.blocks == [0, 1] && page.blocksStartingHere == [1])
        #expect(page.warnings.map(\.code) == ["low-ocr-confidence"])
        #expect(inspection.page(1)?.furnitureByLine == [1: "page-number"])

        let view = TerminalView(inspection, width: 100)
        let summary = view.summary()
        #expect(summary.contains("missing stage dumps: structure"))
        let row = try #require(summary.split(separator: "\n").first { $0.hasPrefix("   2  ocr") })
        #expect(row.contains("no-text-layer") && row.contains("0.62") && row.contains("low-ocr-confidence"))
        #expect(row.contains("1 +1 cont."))
        let ocr = try view.stage(.ocr, page: 2)
        #expect(ocr.contains("mean confidence 0.62"))
        #expect(ocr.contains("0.90") && ocr.contains("0.20"))
        #expect(try view.stage(.structure, page: 2).contains("no 5-structure.json"))

        let html = HTMLReport(inspection).render()
        // Shaded by confidence: hue 0 (red) at 0, 120 (green) at 1.
        #expect(html.contains("class=\"ocr\" style=\"--h:108\""))
        #expect(html.contains("class=\"ocr\" style=\"--h:24\""))
        #expect(Self.count("class=\"ocr\"", in: html) == 2)
        #expect(html.contains("No 5-structure.json"))
        // The block that crosses the page break is drawn on both pages, marked as continued on the second.
        #expect(Self.count("data-block=\"1\" data-tip", in: html) == 2)
        #expect(html.contains(">1↩</text>"))
    }

    @Test func htmlEscapesText() {
        #expect(HTMLReport.escape("<b>\"A&B\"</b>\n'x'") == "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#10;&#39;x&#39;")
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

    // MARK: In a real browser

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func runChromium(_ arguments: [String]) throws -> String {
        try run(URL(fileURLWithPath: chromium!), ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                                  "--virtual-time-budget=5000"] + arguments).stdout
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium): the browser test is skipped"))
    func chromiumShowsPagesBoxesAndHighlightsTheChosenArticle() throws {
        let folder = TestPaths.temporaryFolder()
        let report = folder.appendingPathComponent("report.html")
        let pdf = TestPaths.sample("\(Self.sample).pdf")
        let run = try issuepipe(["inspect", pdf.path, "--html", report.path, "--ocr", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        let dumps = try Self.dumps()
        let inspection = Inspection(dumps)
        let issue = try #require(dumps.structure)
        let clean = try #require(dumps.clean)

        // The article with the most boxes, so a wrong selection cannot give the same count.
        let counts = issue.articles.enumerated().map { index, article in
            article.blocks.reduce(0) { $0 + ($1.provenance?.count ?? 0) }
                + inspection.titleBlocks(of: index).reduce(0) { $0 + clean.blocks[$1].provenance.count }
        }
        let chosen = try #require(counts.indices.max { counts[$0] < counts[$1] })
        let n = chosen + 1

        let dom = try Self.runChromium(["--dump-dom", report.absoluteString + "?select=\(n)"])
        #expect(Self.count("<section class=\"page\"", in: dom) == dumps.extract.pages.count)
        #expect(Self.count("<g class=\"blk", in: dom) > 0)
        let lines = dumps.extract.pages.reduce(0) { $0 + $1.lines.count }
        #expect(Self.count("<rect ", in: dom) >= lines + clean.furniture.count + clean.blocks.count)
        #expect(dom.contains("data-selected=\"\(n)\""))
        let highlighted = Self.count("class=\"art hl\"", in: dom)
        #expect(highlighted == counts[chosen])
        // Only the chosen article's boxes are highlighted.
        let pattern = try NSRegularExpression(pattern: #"<rect [^>]*class="art hl"[^>]*>"#)
        let matches = pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom))
        #expect(matches.count == highlighted)
        for match in matches {
            let tag = String(dom[Range(match.range, in: dom)!])
            #expect(tag.contains("data-article=\"\(n)\""))
        }
        // The outline entry is marked too; with no selection nothing is highlighted.
        #expect(dom.contains("data-select=\"\(n)\" data-article=\"\(n)\" class=\"hl\""))
        let plain = try Self.runChromium(["--dump-dom", report.absoluteString])
        #expect(Self.count("<section class=\"page\"", in: plain) == dumps.extract.pages.count)
        #expect(!plain.contains(" hl\"") && !plain.contains("\"hl\""))

        // A screenshot: a real picture, not an empty page (a blank 1400×1000 PNG is a few KB).
        let shot = folder.appendingPathComponent("shot.png")
        _ = try Self.runChromium(["--screenshot=\(shot.path)", "--window-size=1400,1000", report.absoluteString + "?select=\(n)"])
        let png = try Data(contentsOf: shot)
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 60_000, "screenshot is \(png.count) bytes")
    }
}
