import Foundation
import Testing
import Yams
@testable import IssuePipe

/// Glyph maps: OCR symbols paired with a broken layer's glyphs, votes per
/// (font, code), glyphs poppler dropped put back; and the whole step on a
/// broken sample, against its source text.
@Suite struct GlyphMapTests {
    /// One line of glyphs, each `width` wide, in font "F".
    func line(_ text: String, width: Double = 10, y: Double = 0) -> PageGlyphs {
        let scalars = Array(text.unicodeScalars)
        let boxes = scalars.indices.map { GlyphBox(x0: Double($0) * width, y0: y, x1: Double($0 + 1) * width, y1: y + width) }
        return PageGlyphs(scalars: scalars, boxes: boxes, runs: [FontRun(start: 0, end: scalars.count - 1, font: "F", size: width)])
    }

    func symbol(_ text: String, x0: Double, x1: Double) -> SymbolAlignment.PlacedSymbol {
        SymbolAlignment.PlacedSymbol(text: text, box: Box(x0: x0, y0: 1, x1: x1, y1: 9), confidence: 90)
    }

    @Test func symbolsDriftingRightByAGlyphStillPairInReadingOrder() {
        // Tesseract placed 进一步 one glyph to the right of where they are printed.
        let glyphs = line("ÀÁÂÃÄ")
        let placed = [symbol("仍", x0: 1, x1: 9), symbol("进", x0: 19, x1: 29), symbol("一", x0: 29, x1: 39),
                      symbol("步", x0: 39, x1: 49), symbol("提", x0: 49, x1: 52)]
        let pairs = SymbolAlignment.pair([0, 1, 2, 3, 4], [0, 1, 2, 3, 4], glyphs: glyphs, placed: placed)
        #expect(pairs.map { $0.0 } == [0, 1, 2, 3, 4])
        #expect(pairs.map { placed[$0.1].text } == ["仍", "进", "一", "步", "提"])
    }

    @Test func aKeyIsLearnedFromAgreeingReadingsAndLeftOpenWhenSplit() {
        var votes = GlyphVotes()
        let agreed = GlyphKey(font: "F", code: 0xC0), split = GlyphKey(font: "F", code: 0xC1)
        for reading in ["的", "的", "的", "白"] { votes.add(agreed, reading: reading, confidence: 90) }
        for reading in ["研", "究"] { votes.add(split, reading: reading, confidence: 90) }
        let learned = votes.decide(GlyphMapRules())
        #expect(learned[agreed]?.character == "的" && learned[agreed]?.votes == 4 && learned[agreed]?.agreement == 0.75)
        #expect(learned[split]?.character == nil)
    }

    @Test func theLayersOwnCharacterWinsOverARivalWithUpToTwiceItsVotes() {
        var votes = GlyphVotes()
        let digit = GlyphKey(font: "F", code: 0x30)
        for reading in ["0", "o", "o"] { votes.add(digit, reading: reading, confidence: 80) }
        #expect(votes.decide(GlyphMapRules())[digit]?.character == "0")
    }

    @Test func aGlyphPopplerDroppedIsPutIntoItsGapAndTheFontRunGrows() {
        // "AB CD" where the space is a glyph poppler took for one: OCR read 成 in the gap.
        let glyphs = line("AB CD")
        let insertion = VanishedGlyphs.Insertion(after: 1, next: 3, scalar: "成", box: GlyphBox(x0: 20, y0: 0, x1: 30, y1: 10))
        let out = VanishedGlyphs.inserting([insertion], into: glyphs)
        #expect(String(String.UnicodeScalarView(out.scalars)) == "AB成 CD")
        #expect(out.boxes[2] == GlyphBox(x0: 20, y0: 0, x1: 30, y1: 10))
        #expect(out.runs.first?.start == 0 && out.runs.first?.end == 5)
    }

    @Test func occurrencesDrawnAlikeShareAVariantAndOthersGetTheirOwn() throws {
        var pixels = [UInt8](repeating: 255, count: 40 * 10)
        for y in 2..<8 { for x in 2..<8 { pixels[y * 40 + x] = 0; pixels[y * 40 + 10 + x] = 0 } }   // two squares
        for x in 20..<30 { pixels[5 * 40 + x] = 0 }                                                  // a bar
        let image = GrayImage(width: 40, height: 10, pixels: pixels, dpiX: 72, dpiY: 72)
        var variants = GlyphVariants(maxDistance: GlyphMapRules().maxShapeDistance)
        let first = variants.key(font: "F", code: 1, shape: GlyphShape(image: image, box: GlyphBox(x0: 0, y0: 0, x1: 10, y1: 10)))
        let same = variants.key(font: "F", code: 1, shape: GlyphShape(image: image, box: GlyphBox(x0: 10, y0: 0, x1: 20, y1: 10)))
        let other = variants.key(font: "F", code: 1, shape: GlyphShape(image: image, box: GlyphBox(x0: 20, y0: 0, x1: 30, y1: 10)))
        #expect(first.variant == 0 && same.variant == 0 && other.variant == 1)
    }

    @Test func glyphMapsAreOffUnlessAPipelineTurnsThemOn() throws {
        let yaml = "name: x\nversion: \"1\"\nglyphMap:\n  enabled: true\n  minVotes: 2\n"
        let definition = try YAMLDecoder().decode(PipelineDefinition.self, from: yaml)
        #expect(definition.glyphMap?.enabled == true && definition.glyphMap?.minVotes == 2)
        #expect(definition.glyphMap?.minSymbolShare == GlyphMapRules().minSymbolShare)
        #expect(GlyphMapRules().enabled == false)
    }

    @Test func popplersEmbeddingMarksAreDroppedSoCharactersStandOnTheirOwnBoxes() {
        // poppler's text of a "right-to-left" line has U+202B … U+202C its layout has no boxes for.
        var glyphs = line("ABCD")
        glyphs.scalars = Array("A\u{202B}BC\u{202C}D".unicodeScalars)
        #expect(String(String.UnicodeScalarView(glyphs.droppingBidiMarks().scalars)) == "ABCD")
        let even = line("AB")
        #expect(even.droppingBidiMarks().scalars == even.scalars)
    }

    @Test func aLineFeedWithABoxInsideALineIsAGlyphNotALineEnd() {
        // A glyph whose code a broken font gives as U+000A, with text going on to its right.
        let glyphs = line("A\nB")
        #expect(!SymbolAlignment.isLineEnd(glyphs, 1))
        #expect(SymbolAlignment.inkLines(glyphs) == [[0, 1, 2]])
        var ended = line("AB")
        ended.scalars.append("\n")
        ended.boxes.append(GlyphBox(x0: 20, y0: 10, x1: 20, y1: 10))
        #expect(SymbolAlignment.isLineEnd(ended, 2))
    }

    /// reportlab's stripped layer: poppler drops every glyph coded below 32 (the
    /// first 31 characters of each subset, the commonest), more than the
    /// placeholders put back, so no page can be decoded: each is left to page
    /// OCR with its reason, and the extracted text is kept as it was.
    @Test func pagesMissingGlyphsOCRReadAreLeftToPageOCRWithAReason() throws {
        let url = try #require(TestPaths.existingSample("bri-2025-21-broken.pdf"))
        let document = try PDFDocument(url: url)
        let extracted = extract(document)
        var rules = GlyphMapRules()
        rules.enabled = true
        let mapper = GlyphMapper(document: document, rules: rules, judgeRules: JudgeRules(), ocr: OCRSettings()) {
            try TesseractRecognizer(languages: OCRSettings().languages)
        }
        let mapped = mapper.map(extracted)
        let report = try #require(mapped.glyphMap)
        #expect(report.pages.map(\.page) == Array(1...8))
        for page in report.pages {
            #expect(page.outcome == "page-ocr" && page.reason?.contains("glyphMap.minSymbolShare") == true, "\(page)")
        }
        #expect(mapped.pages == extracted.pages)
        #expect(report.warnings.count == 8 && report.warnings.allSatisfy { $0.code == "glyph-map-failed" })
    }
}
