import Foundation
import Testing
@testable import IssuePipe

/// Private-use glyphs read by OCR, full-width punctuation given as ASCII by a
/// font, and full-width letters and digits folded: what real government
/// reports from Founder (方正) fonts need to come out as printed.
@Suite struct GlyphRepairTests {
    static let shanxi = TestPaths.corpusFile("chinese/onkej_Shanxi_budget_report.pdf")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: shanxi.path),
                   "needs ../shared/corpus/chinese/onkej_Shanxi_budget_report.pdf"))
    func aReportsPrivateUseDecimalPointIsReadAndItsParagraphIsWhole() throws {
        let stages = TestPaths.temporaryFolder()
        let issue = try convert(Self.shanxi, options: ConvertOptions(stagesFolder: stages, pipelinesFolder: TestPaths.pipelines))
        let text = issue.articles.flatMap(\.blocks).map(\.text)
        // The page-2 paragraph as printed (the rendered page, read by a person).
        let paragraph = try #require(text.first { $0.hasPrefix("2023年全省预算经省十四届人大一次会议审查批准后") })
        #expect(paragraph.hasSuffix("一般公共预算支出调整为7027.91亿元。"), "\(paragraph)")
        #expect(paragraph.contains("收入为3602.08亿元，一般公共预算支出为6871.43亿元。预算执行中，"))
        #expect(!text.joined().unicodeScalars.contains { GlyphRepairer.isPrivateUse($0.value) })
        // 晋创谷·太原 on page 10: a middle dot, which OCR alone reads as 。
        #expect(text.contains { $0.contains("晋创谷·太原") })
        let extracted = try JSONDecoder().decode(ExtractedDocument.self, from: Data(contentsOf: stages.appendingPathComponent("1-extract.json")))
        let decimal = try #require(extracted.glyphRepairs?.first { $0.code == "U+1001B0" })
        #expect(decimal.reading == "." && decimal.method == "ocr" && decimal.font == "E-BZ")
        #expect(issue.warnings.contains { $0.code == "glyph-repaired" && $0.page == 2 })
    }

    /// A page of glyphs for the rules that work on glyph boxes.
    func glyphs(_ text: String, widths: [Double], size: Double = 10) -> PageGlyphs {
        var x = 0.0
        let boxes = widths.map { width -> GlyphBox in defer { x += width }; return GlyphBox(x0: x, y0: 0, x1: x + width, y1: size) }
        return PageGlyphs(scalars: Array(text.unicodeScalars), boxes: boxes,
                          runs: [FontRun(start: 0, end: widths.count - 1, font: "F", size: size)])
    }

    @Test func anASCIIMarkAnEmWideBesideHanIsFullWidth() {
        let wide = WidePunctuation.widening(glyphs("预算,收入.", widths: [10, 10, 10, 10, 10, 10]))
        #expect(String(String.UnicodeScalarView(wide.scalars)) == "预算，收入。")
        // A real ASCII comma is narrow; one between digits has no Han beside it.
        let narrow = WidePunctuation.widening(glyphs("预算,收入", widths: [10, 10, 3, 10, 10]))
        #expect(String(String.UnicodeScalarView(narrow.scalars)) == "预算,收入")
        let digits = WidePunctuation.widening(glyphs("1,000", widths: [10, 10, 10, 10, 10]))
        #expect(String(String.UnicodeScalarView(digits.scalars)) == "1,000")
        // A list number's point before Han, in a font whose boxes are all an em wide.
        let listNumber = WidePunctuation.widening(glyphs("２. 省本级", widths: [10, 10, 5, 10, 10, 10]))
        #expect(String(String.UnicodeScalarView(listNumber.scalars)) == "２. 省本级")
    }

    @Test func fullWidthLettersAndDigitsFoldPunctuationStays() {
        #expect(CJKText.foldingFullWidth("２０２３年增长５．２％，ＧＤＰ。") == "2023年增长5.2％，GDP。")
        #expect(CJKText.foldingFullWidth("１．全省预算。") == "1.全省预算。")
        #expect(CJKText.normalizeSpacing("于 ２０２３ 年") == "于２０２３年")
    }

    @Test func theReadingIsWhatStandsBetweenTheKnownText() {
        #expect(GlyphRepairer.between("3602.08亿.", "602", "08亿") == ".")
        #expect(GlyphRepairer.between("晋创谷。太原”", "晋创谷", "太原”") == "。")
        // OCR read something else around it: no reading rather than a guess.
        #expect(GlyphRepairer.between("人", "602", "08亿") == "")
        #expect("３６ ０２．".comparisonKey == "3602.")
    }
}
