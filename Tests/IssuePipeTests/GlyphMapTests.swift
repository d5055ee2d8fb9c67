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
    /// first 31 characters of each subset, the commonest). The render draws them
    /// all (`DrawnGlyphs`): each is put back where it stands, every page is
    /// aligned and decoded, and the decoded text is the source's.
    @Test func glyphsPopplerDroppedArePutBackFromTheRenderAndEveryPageIsDecoded() throws {
        let url = try #require(TestPaths.existingSample("bri-2025-21-broken.pdf"))
        let document = try PDFDocument(url: url)
        let extracted = extract(document)
        var rules = GlyphMapRules()
        rules.enabled = true
        rules.maxWeakShare = 1   // every page decoded, whatever its keys (the cover is measured below)
        let mapper = GlyphMapper(document: document, rules: rules, judgeRules: JudgeRules(), ocr: OCRSettings()) {
            try TesseractRecognizer(languages: OCRSettings().languages)
        }
        let mapped = mapper.map(extracted)
        let report = try #require(mapped.glyphMap)
        #expect(report.pages.map(\.page) == Array(1...8))
        for page in report.pages { #expect(page.outcome == "decoded" && (page.inserted ?? 0) > 0, "\(page)") }
        // The cover (masthead, contents: fonts and sizes of their own) has more weak keys
        // than the default allows, so it would go to page OCR; some body pages would not
        // (3 of 7 when measured: one issue's keys are read too few times for the rest).
        let shares = report.pages.compactMap(\.weakShare)
        #expect(shares.count == 8)
        #expect((report.pages.first?.weakShare ?? 0) > GlyphMapRules().maxWeakShare, "\(shares)")
        #expect(report.pages.dropFirst().filter { ($0.weakShare ?? 1) <= GlyphMapRules().maxWeakShare }.count >= 3, "\(shares)")
        let clean = try #require(TestPaths.existingSample("bri-2025-21.pdf"))
        let source = extract(try PDFDocument(url: clean))
        // Page 2's characters as the clean layer has them (spaces aside; the order of
        // lines is the structure stage's): at most 2% of them missing or other.
        func counts(_ text: String) -> [Character: Int] {
            text.filter { !$0.isWhitespace }.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        }
        let want = counts(source.pages[1].text), got = counts(mapped.pages[1].text)
        let total = want.values.reduce(0, +)
        let missing = want.reduce(0) { $0 + max(0, $1.value - (got[$1.key] ?? 0)) }
        #expect(Double(missing) <= 0.02 * Double(total), "\(missing) of \(total)")
    }

    @Test func cairosSVGGivesEachDrawnGlyphItsInkBoxAndAnOutlineIdTheSameAtAnySize() {
        let svg = """
        <svg><defs><g>
        <symbol overflow="visible" id="glyph0-0">
        <path style="stroke:none;" d=""/>
        </symbol>
        <symbol overflow="visible" id="glyph0-1">
        <path style="stroke:none;" d="M 1 -8 L 9 -8 L 9 0 L 1 0 Z M 2 -7 L 3 -7 Z"/>
        </symbol>
        <symbol overflow="visible" id="glyph1-1">
        <path style="stroke:none;" d="M 2 -16 L 18 -16 L 18 0 L 2 0 Z M 4 -14 L 6 -14 Z"/>
        </symbol>
        </g></defs>
        <use xlink:href="#glyph0-0" x="5" y="20"/>
        <use xlink:href="#glyph0-1" x="10" y="20"/>
        <use xlink:href="#glyph1-1" x="30.5" y="40"/>
        </svg>
        """
        let glyphs = DrawnGlyphs.parse(Array(svg.utf8))
        #expect(glyphs.count == 2)   // the blank glyph is no glyph
        #expect(glyphs.first?.ink == GlyphBox(x0: 11, y0: 12, x1: 19, y1: 20))
        #expect(glyphs.last?.ink == GlyphBox(x0: 32.5, y0: 24, x1: 48.5, y1: 40))
        #expect(glyphs.first?.outline == glyphs.last?.outline)
    }

    @Test func aDrawnGlyphMissingFromTheLayerIsPutInItsGapAndALineOfThemAfterTheLineAbove() {
        // "AB CD": the layer lacks the glyph between B and C (x 20…30), and the whole line below.
        var glyphs = line("AB")
        let right = line("CD")
        glyphs.scalars += right.scalars
        glyphs.boxes += right.boxes.map { GlyphBox(x0: $0.x0 + 30, y0: $0.y0, x1: $0.x1 + 30, y1: $0.y1) }
        glyphs.runs = [FontRun(start: 0, end: 3, font: "F", size: 10)]
        let drawn = [DrawnGlyph(ink: GlyphBox(x0: 21, y0: 1, x1: 29, y1: 9), outline: 7),
                     DrawnGlyph(ink: GlyphBox(x0: 1, y0: 21, x1: 9, y1: 29), outline: 8),
                     DrawnGlyph(ink: GlyphBox(x0: 11, y0: 21, x1: 19, y1: 29), outline: 9),
                     DrawnGlyph(ink: GlyphBox(x0: 1, y0: 1, x1: 9, y1: 9), outline: 1)]   // on A: the layer has it
        let (insertions, lost) = VanishedGlyphs.placeholders(glyphs, drawn: drawn, image: nil)
        #expect(lost == 0 && insertions.count == 3)
        let out = VanishedGlyphs.relaidOut(VanishedGlyphs.inserting(insertions, into: glyphs), image: nil)
        let text = String(String.UnicodeScalarView(out.scalars.map { VanishedGlyphs.isPlaceholder($0) ? "_" : $0 }))
        #expect(text == "AB_CD\n__\n")
        #expect(out.runs.allSatisfy { $0.font == "F" })
    }

    @Test func piecesOfOneLineFarApartInPopplersTextAreOneLineAgainAndTwoBandsAreTwo() {
        // poppler's text: "ABC", the line below "XY", then "D" (on A's band, right after C).
        var glyphs = line("ABC")
        glyphs.scalars += ["\n", "X", "Y", "\n", "D"]
        glyphs.boxes += [GlyphBox(x0: 30, y0: 0, x1: 30, y1: 10), GlyphBox(x0: 0, y0: 20, x1: 10, y1: 30), GlyphBox(x0: 10, y0: 20, x1: 20, y1: 30),
                         GlyphBox(x0: 20, y0: 20, x1: 20, y1: 30), GlyphBox(x0: 30, y0: 0, x1: 40, y1: 10)]
        glyphs.runs = [FontRun(start: 0, end: 7, font: "F", size: 10)]
        let out = VanishedGlyphs.relaidOut(glyphs, image: nil)
        #expect(String(String.UnicodeScalarView(out.scalars)) == "ABCD\nXY\n")
    }
}
