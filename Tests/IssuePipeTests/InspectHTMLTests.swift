import Foundation
import Testing
@testable import IssuePipe

/// `issuepipe inspect --html`: the report's pages, boxes and outline, from the
/// sample's stage values and from made-up ones, and in a real browser when Chromium is there.
@Suite struct InspectHTMLTests {
    // MARK: HTML report

    static func report(_ dumps: StageDumps, images: Bool) throws -> String {
        var pngs: [Int: Data] = [:]
        if images {
            let document = try PDFDocument(url: TestPaths.sample("\(InspectTests.sample).pdf"))
            for number in 1...document.pageCount { pngs[number] = document.page(number)?.renderPNG(dpi: 50, grayscale: true) }
        }
        return HTMLReport(Inspection(dumps), images: pngs, dpi: 50).render()
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func pageImagesArePNGsOfThePageSize() throws {
        let document = try PDFDocument(url: TestPaths.sample("\(InspectTests.sample).pdf"))
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
        let dumps = try InspectTests.dumps()
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
        let dumps = try InspectTests.dumps()
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
                furniture: [FurnitureLine(page: 1, text: "— 1 —", box: page1.lines[1].box, reason: "page-number", line: "1:1")]))
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

    /// A contents entry links to the article the structure stage found it names,
    /// even where the two printed copies of the headline were read differently.
    @Test func contentsEntriesLinkToTheArticleTheyName() {
        var dumps = Self.madeUpDumps()
        var issue = IssueDocument(source: dumps.extract.source, pipeline: PipelineInfo(name: "made-up", version: "1"))
        issue.contents = [ContentsEntry(section: nil, title: "青岛出台措施支持海洋装"), ContentsEntry(section: nil, title: "无此文章")]
        issue.articles = [Article(section: nil, title: "各地积极推动大规模设备更新", pages: [1], blocks: [], sources: []),
                          Article(section: nil, title: "青岛出台措施支持海洋装备产业发展", pages: [2], blocks: [], sources: [])]
        dumps.structure = issue
        dumps.contentsArticles = [1, nil]
        let html = HTMLReport(Inspection(dumps)).render()
        #expect(html.contains("<li><a href=\"#\" data-select=\"2\" data-article=\"2\">青岛出台措施支持海洋装</a></li>"))
        #expect(html.contains("<li class=\"nomatch\" title=\"no article with this title\">无此文章</li>"))
    }

    @Test func htmlEscapesText() {
        #expect(HTMLReport.escape("<b>\"A&B\"</b>\n'x'") == "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#10;&#39;x&#39;")
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
        let pdf = TestPaths.sample("\(InspectTests.sample).pdf")
        let run = try issuepipe(["inspect", pdf.path, "--html", report.path, "--ocr", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        let dumps = try InspectTests.dumps()
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
