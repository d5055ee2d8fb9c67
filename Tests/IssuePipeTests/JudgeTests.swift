import Foundation
import Testing
import Yams
@testable import IssuePipe

/// A page with one line of `text`, for the pure judge.
private func page(_ text: String, number: Int = 1) -> PageLayout {
    let box = Box(x0: 50, y0: 100, x1: 500, y1: 112)
    let line = TextLine(text: text, box: box, font: "F", size: 12, bold: false,
                        spans: [TextSpan(text: text, box: box, font: "F", size: 12, bold: false)])
    return PageLayout(number: number, width: 595, height: 842, method: .text, lines: text.isEmpty ? [] : [line], text: text)
}

private let inkUnderText = InkMeasure(ink: 0.03, strokeInk: 0.028, textInkShare: 0.94, uncoveredInk: 0.0016)
private let chinese = "2024年“新质生产力”正成为热词。为加快发展新质生产力，地方层面积极发力，既传递出加快培育新质生产力的决心，又提出了打通新质生产力发展堵点、卡点的务实举措。GDP 超 5000 亿元。"

@Suite struct JudgeRuleTests {
    @Test func goodChineseTextStaysText() {
        let verdict = judgePage(page(chinese), ink: inkUnderText, rules: JudgeRules())
        #expect(verdict.verdict == .text)
        #expect(verdict.reasons.map(\.code) == ["text-layer-usable"])
        #expect(verdict.characters.han > 60)
        #expect(verdict.characters.commonHan == verdict.characters.han)
    }

    @Test func latin1SoupIsBroken() {
        // What poppler gives for a WinAnsi subset font without /ToUnicode.
        let verdict = judgePage(page("ÚÛÜÝÞß à šáâãäåæ »¼€±²¬-œ®½¾¿ÀÁœ® 2024 † ÄÅÆÇÈÉ"), ink: inkUnderText, rules: JudgeRules())
        #expect(verdict.verdict == .ocr)
        #expect(verdict.reasons.contains { $0.code == "latin1-soup" && ($0.value ?? 0) > 0.5 })
        #expect(verdict.textLayerBroken)
    }

    /// A cover set in a font without a Unicode map may read as digits and
    /// Latin letters and pass on its own; where a page set in that font shows
    /// glyph soup, the cover goes to OCR too. A page in another font stays.
    @Test func aPageInAFontThatIsSoupElsewhereIsBroken() {
        func inFont(_ text: String, _ font: String, number: Int) -> PageLayout {
            var layout = page(text, number: number)
            layout.lines[0].font = font
            layout.lines[0].spans[0].font = font
            return layout
        }
        let cover = inFont("2023 18 270 9 21 Binhai Research Institute ÚÛ 0 1 2 3 4 5 6 7 8 9 10 11 12 13", "WenQuanYiZenHei", number: 1)
        let soup = inFont("ÚÛÜÝÞß à šáâãäåæ »¼€±²¬-œ®½¾¿ÀÁœ® 2024 † ÄÅÆÇÈÉ", "WenQuanYiZenHei", number: 2)
        let intact = inFont(chinese, "NotoSerifCJK", number: 3)
        let rules = JudgeRules()
        let shared = SharedBrokenFonts([cover, soup, intact], verdicts: [cover, soup, intact].map { judgePage($0, ink: nil, rules: rules) })
        let alone = judgePage(cover, ink: inkUnderText, rules: rules)
        #expect(alone.verdict == .text && SharedBrokenFonts.mayHide(alone.characters))
        let verdict = shared.applied(to: alone, layout: cover)
        #expect(verdict.verdict == .ocr && verdict.textLayerBroken)
        #expect(verdict.reasons.last?.code == "font-broken-elsewhere" && verdict.reasons.last?.message.contains("page 2") == true)
        #expect(shared.applied(to: judgePage(intact, ink: inkUnderText, rules: rules), layout: intact).verdict == .text)
        #expect(!SharedBrokenFonts.mayHide(judgePage(intact, ink: inkUnderText, rules: rules).characters))
        let elsewhere = inFont("2023 18 270 9 21 Bin Res Ins", "Helvetica", number: 1)
        #expect(shared.applied(to: judgePage(elsewhere, ink: inkUnderText, rules: rules), layout: elsewhere).verdict == .text)
    }

    /// A font whose map points at control characters: a back page's one line
    /// with two of them (too few to judge it alone) in the font of pages that
    /// show dozens goes to OCR too (v10909 broken); one without any stays.
    @Test func aShortPageInAFontOfControlCharactersElsewhereIsBroken() {
        func inFont(_ text: String, number: Int) -> PageLayout {
            var layout = page(text, number: number)
            layout.lines[0].font = "NotoSansCJK"
            layout.lines[0].spans[0].font = "NotoSansCJK"
            return layout
        }
        let controls = String(repeating: "\u{01}\u{02}进出口\u{87}", count: 12)
        let body = inFont("近日，\(controls)海南自由贸易港首批二线口岸基础设施项目通过验收", number: 2)
        let back = inFont("扫描二维 ，敬请详看《#3*\u{01}\u{87}周决策观察》电子版", number: 9)
        let plain = inFont("扫描二维码，敬请详看《双周决策观察》电子版", number: 9)
        let rules = JudgeRules()
        #expect(judgePage(body, ink: nil, rules: rules).reasons.contains { $0.code == "control-characters" })
        let alone = judgePage(back, ink: inkUnderText, rules: rules)
        #expect(alone.verdict == .text && SharedBrokenFonts.mayHide(alone.characters))
        let shared = SharedBrokenFonts([body, back], verdicts: [body, back].map { judgePage($0, ink: nil, rules: rules) })
        #expect(shared.applied(to: alone, layout: back).verdict == .ocr)
        #expect(!SharedBrokenFonts.mayHide(judgePage(plain, ink: inkUnderText, rules: rules).characters))
    }

    @Test func rareHanSoupIsBroken() {
        // CIDs read as code points: Han, but hardly any common ones.
        let soup = String(String.UnicodeScalarView((0x9A00..<0x9A40).compactMap(Unicode.Scalar.init)))
        let verdict = judgePage(page(soup), ink: inkUnderText, rules: JudgeRules())
        #expect(verdict.verdict == .ocr)
        let reason = try! #require(verdict.reasons.first { $0.code == "rare-han" })
        #expect((reason.value ?? 1) < 0.8)
    }

    @Test func replacementPrivateUseAndControlCharactersAreBroken() {
        let rules = JudgeRules()
        #expect(judgePage(page(chinese + "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"), ink: inkUnderText, rules: rules)
            .reasons.map(\.code).contains("replacement-characters"))
        #expect(judgePage(page("\u{E001}\u{E002}\u{E003}\u{E004}\u{E005}新质"), ink: inkUnderText, rules: rules)
            .reasons.map(\.code).contains("private-use-characters"))
        #expect(judgePage(page("\u{19}\u{12}"), ink: inkUnderText, rules: rules).reasons.map(\.code) == ["control-characters"])
        // One odd character in a good page is not enough.
        #expect(judgePage(page(chinese + "\u{FFFD}"), ink: inkUnderText, rules: rules).verdict == .text)
    }

    @Test func unexpectedScriptsOnlyWhenThePipelineSaysWhichAreExpected() {
        let cyrillic = "Привет мир это текст на русском языке"
        #expect(judgePage(page(cyrillic), ink: inkUnderText, rules: JudgeRules()).verdict == .text)
        var rules = JudgeRules()
        rules.expectedScripts = ["han", "latin"]
        let verdict = judgePage(page(cyrillic), ink: inkUnderText, rules: rules)
        #expect(verdict.reasons.map(\.code) == ["unexpected-script"])
        #expect(judgePage(page(chinese), ink: inkUnderText, rules: rules).verdict == .text)
    }

    @Test func glyphIdsReadAsCodePointsScatterOverManyBlocks() {
        // What poppler gives for an Identity-H CID font whose ToUnicode map was
        // stripped (a layout variant printed by Chromium): CIDs read as code points.
        let soup = "ਭǽಜ᠆ദ֩ƥмए᠆པᤝ৙֬एᆀˉएԣᎋሮԟཔᤝˊ๢࠮ƥ໅ᠲयᐵᐸएᆀˉए्ъχਥॖǼૹຜए्ǽλ϶༰֬ƥ϶ᮗᡷ፞ॖ᭖ဿƥनԷൄ्ຜᤑϹᑬᗡംᕜ"
            + "एᆀሇƥሲᐜ៧ᤘ߰ኦκ԰ᑉϾ 5% ሇ៧ᤘƥᨆδ๣᫓ಇԷൄཔᤝ࿵֤ˊ۵֩᪇኎ፀᰐሮԟρएᡠϛƥ੄֏ҥཔᤝಈ᎓๡ЭǼቾഭօဌǽǼᮿಊസցǽᦾˊ"
        let verdict = judgePage(page(soup), ink: inkUnderText, rules: JudgeRules())
        #expect(verdict.verdict == .ocr)
        #expect(verdict.reasons.contains { $0.code == "scattered-scripts" && ($0.value ?? 0) > 8 })
        // Five real scripts on one page fill a block each.
        let many = "Привет мир это текст Καλημέρα κόσμε αυτό είναι مرحبا بالعالم هذا نص नमस्ते दुनिया यह पाठ สวัสดีชาวโลก"
        #expect(judgePage(page(many), ink: inkUnderText, rules: JudgeRules()).verdict == .text)
    }

    @Test func aPageWithoutThePublicationsScriptIsBroken() {
        // Codes 0x21… of a subset font without a map, read as ASCII.
        let ascii = String(String.UnicodeScalarView((0x21..<0x60).compactMap(Unicode.Scalar.init)))
        #expect(judgePage(page(ascii), ink: inkUnderText, rules: JudgeRules()).verdict == .text)
        var rules = JudgeRules()
        rules.mainScript = "han"
        #expect(judgePage(page(ascii), ink: inkUnderText, rules: rules).reasons.map(\.code) == ["main-script-missing"])
        // A back cover: mostly Latin and digits, but some Chinese.
        let backCover = "天津滨海综合发展研究院 Binhai Research Institute in Tianjin 电话：022-66222942 传真：022-66222940"
        #expect(judgePage(page(backCover), ink: inkUnderText, rules: rules).verdict == .text)
        #expect(judgePage(page("No. 3, 2024"), ink: inkUnderText, rules: rules).verdict == .text)
    }

    @Test func inkWithoutTextNeedsOCRAndBlankPagesDoNot() {
        let scan = InkMeasure(ink: 0.05, strokeInk: 0.04, textInkShare: 0, uncoveredInk: 0.04)
        #expect(judgePage(page(""), ink: scan, rules: JudgeRules()).reasons.map(\.code) == ["no-text-layer"])
        let blank = InkMeasure(ink: 0.0001, strokeInk: 0, textInkShare: 0, uncoveredInk: 0)
        let verdict = judgePage(page(""), ink: blank, rules: JudgeRules())
        #expect(verdict.verdict == .text)
        #expect(verdict.reasons.map(\.code) == ["blank-page"])
        // A few characters on a page full of other ink: too little text.
        let partial = InkMeasure(ink: 0.04, strokeInk: 0.03, textInkShare: 0.05, uncoveredInk: 0.028)
        let few = judgePage(page("7+%-"), ink: partial, rules: JudgeRules())
        #expect(few.reasons.map(\.code) == ["too-little-text"])
        #expect(!few.textLayerBroken)
    }

    @Test func aScannedBlankPageWithDarkBordersIsBlank() {
        // A 400×400 render at 72 dpi: dark bands along the right and bottom
        // edges (a scanner's borders) and two specks, no text: solid ink only.
        let side = 400
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<side { for x in (side - 12)..<side { pixels[y * side + x] = 20 } }
        for y in (side - 8)..<side { for x in 0..<side { pixels[y * side + x] = 20 } }
        pixels[120 * side + 160] = 0
        pixels[240 * side + 80] = 0
        func measure() -> InkMeasure {
            InkMeasure(image: GrayImage(width: side, height: side, pixels: pixels, dpiX: 72, dpiY: 72), textBoxes: [], threshold: 160)
        }
        let bordered = measure()
        #expect(bordered.ink > JudgeRules().blankInk)
        let verdict = judgePage(page(""), ink: bordered, rules: JudgeRules())
        #expect(verdict.verdict == .text)
        #expect(verdict.reasons.map(\.code) == ["blank-page"])
        // A border's ragged rim (one-pixel teeth along its inner edge) is thin
        // strokes, but lies within the edge band the judge leaves out.
        for y in stride(from: 0, to: side, by: 2) { pixels[y * side + side - 13] = 20 }
        var ragged = measure()
        #expect(ragged.strokeInk > JudgeRules().blankStrokeInk)
        let mask = DarkMask(image: GrayImage(width: side, height: side, pixels: pixels, dpiX: 72, dpiY: 72), threshold: 160)
        ragged.strokeInkInside = InkMeasure(mask: mask.clearingEdges(InkMeasure.edgeShare), textBoxes: []).strokeInk
        #expect(judgePage(page(""), ink: ragged, rules: JudgeRules()).reasons.map(\.code) == ["blank-page"])
        // A word's thin strokes on the same page are read.
        for x in 100..<160 { pixels[200 * side + x] = 0 }
        var word = measure()
        word.strokeInkInside = InkMeasure(mask: DarkMask(image: GrayImage(width: side, height: side, pixels: pixels, dpiX: 72, dpiY: 72),
                                                         threshold: 160).clearingEdges(InkMeasure.edgeShare), textBoxes: []).strokeInk
        #expect(judgePage(page(""), ink: word, rules: JudgeRules()).reasons.map(\.code) == ["no-text-layer"])
    }

    @Test func strokeInkLeavesSolidAreasOut() {
        // A 100×100 image at 72 dpi: a solid 30×30 block and a 1-px line of "text".
        var pixels = [UInt8](repeating: 255, count: 100 * 100)
        for y in 10..<40 { for x in 10..<40 { pixels[y * 100 + x] = 0 } }
        for x in 50..<90 { pixels[70 * 100 + x] = 0 }
        let image = GrayImage(width: 100, height: 100, pixels: pixels, dpiX: 72, dpiY: 72)
        let none = InkMeasure(image: image, textBoxes: [], threshold: 160)
        #expect(abs(none.ink - 0.094) < 0.0001)            // 900 + 40 pixels
        #expect(abs(none.strokeInk - 0.004) < 0.0001)      // only the line
        let covered = InkMeasure(image: image, textBoxes: [Box(x0: 50, y0: 69, x1: 90, y1: 71)], threshold: 160)
        #expect(covered.textInkShare == 1)
        #expect(covered.uncoveredInk == 0)
    }

    @Test func yamlMayOmitAnyKey() throws {
        let rules = try YAMLDecoder().decode(JudgeRules.self, from: "minCommonHanShare: 0.7\nexpectedScripts: [han, latin]\n")
        #expect(rules.minCommonHanShare == 0.7)
        #expect(rules.expectedScripts == ["han", "latin"])
        #expect(rules.maxLatin1Share == JudgeRules().maxLatin1Share)
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(JudgeRules.self, from: "expectedScripts: [klingon]\n") }
        let settings = try YAMLDecoder().decode(OCRSettings.self, from: "dpi: 300\n")
        #expect(settings.dpi == 300)
        #expect(settings.languages == "chi_sim")
        #expect(settings.minConfidence == 0.6)
    }
}

/// Verdicts on real PDFs: the repository's samples and the shared corpus.
@Suite struct JudgeDocumentTests {
    private func verdicts(_ url: URL, mode: OCRMode = .auto) throws -> JudgeReport {
        let document = try PDFDocument(url: url)
        return judge(extract(document), document: document, rules: JudgeRules(), mode: mode)
    }

    @Test(arguments: ["bri-2024-03.pdf", "bri-2025-21.pdf", "bri-2025-21-alt.pdf"])
    func bornDigitalSamplesStayText(name: String) throws {
        let url = try #require(TestPaths.existingSample(name))
        let report = try verdicts(url)
        #expect(!report.pages.isEmpty)
        for page in report.pages {
            #expect(page.verdict == .text, "page \(page.page): \(page.reasons)")
            #expect(page.reasons.map(\.code) == ["text-layer-usable"])
        }
        #expect(report.warnings.isEmpty)
    }

    @Test(arguments: ["bri-2024-03-broken.pdf", "bri-2025-21-broken.pdf"])
    func brokenSamplesGoToOCRWithAWarning(name: String) throws {
        let url = try #require(TestPaths.existingSample(name))
        let report = try verdicts(url)
        for page in report.pages {
            #expect(page.verdict == .ocr)
            #expect(page.reasons.contains { $0.code == "latin1-soup" }, "page \(page.page): \(page.reasons)")
        }
        #expect(report.warnings.map(\.page) == report.pages.map(\.page))
        #expect(report.warnings.allSatisfy { $0.code == "text-layer-broken" })
    }

    @Test(arguments: ["bri-2024-03-scanned.pdf", "bri-2025-21-scanned.pdf"])
    func scannedSamplesGoToOCR(name: String) throws {
        let url = try #require(TestPaths.existingSample(name))
        let report = try verdicts(url)
        for page in report.pages {
            #expect(page.verdict == .ocr)
            #expect(page.reasons.map(\.code) == ["no-text-layer"])
            #expect((page.ink?.ink ?? 0) > JudgeRules().blankInk)
        }
        #expect(report.warnings.isEmpty)
    }

    @Test func mixedSampleIsJudgedPageByPage() throws {
        let url = try #require(TestPaths.existingSample("bri-mixed.pdf"))
        let report = try verdicts(url)
        // Samples/README: pages 4 and 8 come from the scan, the rest are born-digital.
        #expect(report.pages.count == 10)
        #expect(report.ocrPages == [4, 8])
        #expect(report.pages.filter { $0.verdict == .text }.allSatisfy { $0.reasons.map(\.code) == ["text-layer-usable"] })
    }

    @Test func ocrModeOverridesTheJudge() throws {
        let url = try #require(TestPaths.existingSample("bri-mixed.pdf"))
        let forced = try verdicts(url, mode: .force)
        #expect(forced.pages.allSatisfy { $0.verdict == .ocr && $0.reasons.first?.code == "ocr-forced" })
        let never = try verdicts(url, mode: .never)
        #expect(never.pages.allSatisfy { $0.verdict == .text && $0.reasons.first?.code == "ocr-disabled" })
        // The measured reasons stay beside the override.
        #expect(never.pages[3].reasons.map(\.code) == ["ocr-disabled", "no-text-layer"])
    }

    @Test(.enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus), arguments: [
        ("robustness/ocrmypdf_truetype_font_nomapping.pdf", "too-little-text"),
        ("robustness/ocrmypdf_type3_font_nomapping.pdf", "control-characters"),
        ("chinese/pdfjs_XiaoBiaoSong.pdf", "latin1-soup"),
        ("chinese/pdfjs_SimFang-variant.pdf", "latin1-soup"),
        ("robustness/ocrmypdf_skew.pdf", "no-text-layer"),
        ("robustness/ocrmypdf_vector.pdf", "no-text-layer"),
        ("chinese/mineru_scanned.pdf", "no-text-layer"),
        // The ToUnicode map points at other, rare characters: 嘆囈貭鍔 for 中國文件.
        ("chinese/pdfjs_issue7696.pdf", "rare-han"),
        ("chinese/onkej_Guangdong_test.pdf", "no-text-layer"),
    ])
    func corpusPagesThatNeedOCR(path: String, reason: String) throws {
        let url = TestPaths.corpusFile(path)
        let report = try verdicts(url)
        for page in report.pages {
            #expect(page.verdict == .ocr, "\(path) page \(page.page)")
            #expect(page.reasons.contains { $0.code == reason }, "\(path) page \(page.page): \(page.reasons)")
        }
    }

    // Shanxi maps one symbol to a private-use code point (33 times a page): a
    // symbol, not glyph soup, so its 36 good pages must not go to OCR.
    @Test(.enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus),
          arguments: ["chinese/onkej_Guizhou_test.pdf", "chinese/mineru_test_rearch_report.pdf",
                      "chinese/unstructured_simplified_chinese.pdf", "robustness/docling_2305.03393v1-pg9.pdf",
                      "chinese/onkej_Shanxi_budget_report.pdf", "chinese/onkej_Neimenggu_budget_report.pdf"])
    func bornDigitalCorpusStaysText(path: String) throws {
        let url = TestPaths.corpusFile(path)
        let report = try verdicts(url)
        #expect(report.pages.allSatisfy { $0.verdict == .text }, "\(report.pages.map { ($0.page, $0.reasons.map(\.code)) })")
    }

    @Test(.enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus))
    func aBookWithAnImageCoverOCRsOnlyTheCover() throws {
        let url = TestPaths.corpusFile("robustness/pdfjs_freeculture.pdf")
        let report = try verdicts(url)
        #expect(report.pages.count == 352)
        let ocr = report.pages.filter { $0.verdict == .ocr }
        // The image-only cover; then at most a figure page or two, never a page of text
        // (crop marks and a barcode strip on blank pages are no reason).
        #expect(ocr.first?.page == 1)
        #expect(ocr.count <= 4, "\(ocr.map { ($0.page, $0.reasons.map(\.message)) })")
        #expect(ocr.allSatisfy { $0.characters.characters < 400 })
    }
}
