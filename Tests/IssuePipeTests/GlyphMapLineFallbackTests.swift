import Foundation
import Testing
import Yams
@testable import IssuePipe

/// Per-line fallback of glyph maps (`LineFallback`): lines whose keys are weak
/// take OCR's reading, lines the layer lacks are put in, and lines poppler put
/// late in its text go back between their neighbours (`VanishedGlyphs.inColumnOrder`).
@Suite struct GlyphMapLineFallbackTests {
    /// Glyphs of `text` on one band at `y`, each 10 wide from `x`, in font "F" size 10, a line feed after.
    func line(_ text: String, x: Double = 0, y: Double) -> (scalars: [Unicode.Scalar], boxes: [GlyphBox]) {
        let scalars = Array(text.unicodeScalars)
        var boxes = scalars.indices.map { GlyphBox(x0: x + Double($0) * 10, y0: y, x1: x + Double($0 + 1) * 10, y1: y + 10) }
        boxes.append(GlyphBox(x0: x + Double(scalars.count) * 10, y0: y, x1: x + Double(scalars.count) * 10, y1: y + 10))
        return (scalars + ["\n"], boxes)
    }

    func page(_ lines: [(text: String, y: Double)]) -> PageGlyphs {
        var glyphs = PageGlyphs(scalars: [], boxes: [], runs: [])
        for l in lines {
            let (s, b) = line(l.text, y: l.y)
            glyphs.scalars += s
            glyphs.boxes += b
        }
        glyphs.runs = [FontRun(start: 0, end: glyphs.scalars.count - 1, font: "F", size: 10)]
        return glyphs
    }

    /// One OCR line of one word per character, at `y`, confidence 90.
    func ocr(_ text: String, x: Double = 0, y: Double) -> LineFallback.OCRLine {
        let words = Array(text).enumerated().map { (n, c) in
            (text: String(c), box: Box(x0: x + Double(n) * 10 + 1, y0: y + 1, x1: x + Double(n + 1) * 10 - 1, y1: y + 9), confidence: 90.0)
        }
        return LineFallback.OCRLine(box: Box(x0: x + 1, y0: y + 1, x1: x + Double(text.count) * 10 - 1, y1: y + 9), words: words)
    }

    func text(_ glyphs: PageGlyphs) -> String { String(String.UnicodeScalarView(glyphs.scalars)) }

    @Test func aLineOfWeakKeysTakesOCRsReadingAndALineOfStrongKeysKeepsItsOwn() {
        // Line 1 (a heading) decoded 开朋新赛首 from keys read once; OCR reads 开辟新赛道.
        // Line 2 (body) decoded 发展新质生产力 from keys read often; OCR misreads 质 as 盾.
        let glyphs = page([("开朋新赛首", 0), ("发展新质生产力", 20)])
        let keys: [GlyphKey?] = glyphs.scalars.indices.map { i in
            glyphs.scalars[i] == "\n" ? nil : GlyphKey(font: "F", code: glyphs.scalars[i].value, variant: i < 6 ? 1 : 0)
        }
        let strong: (GlyphKey) -> Bool = { $0.variant == 0 }
        let (out, count) = LineFallback.apply(glyphs, keys: keys, brokenFonts: ["F"], strong: strong,
                                              lines: [ocr("开辟新赛道", y: 0), ocr("发展新盾生产力", y: 20)])
        #expect(count == 1)
        #expect(text(out) == "开辟新赛道\n发展新质生产力\n")
        // The line read from OCR stands in the layer's band, in the layer's font and size.
        #expect(out.boxes[0].y0 == 0 && out.boxes[0].y1 == 10)
        #expect(out.runs.allSatisfy { $0.font == "F" && $0.size == 10 })
    }

    @Test func aLineWhoseKeysAreStrongIsKeptEvenWhereOCRDisagrees() {
        let glyphs = page([("开朋新赛首", 0)])
        let keys: [GlyphKey?] = glyphs.scalars.map { $0 == "\n" ? nil : GlyphKey(font: "F", code: $0.value) }
        let (out, count) = LineFallback.apply(glyphs, keys: keys, brokenFonts: ["F"], strong: { _ in true },
                                              lines: [ocr("开辟新赛道", y: 0)])
        #expect(count == 0 && text(out) == text(glyphs))
        // A font that is not broken is never read from OCR either.
        let (kept, none) = LineFallback.apply(glyphs, keys: keys, brokenFonts: [], strong: { _ in false },
                                              lines: [ocr("开辟新赛道", y: 0)])
        #expect(none == 0 && text(kept) == text(glyphs))
    }

    @Test func aConfidentOCRLineTheLayerLacksIsPutInAfterTheLineAbove() {
        // The layer has the lines at y 0 and y 40; OCR read a title at y 20 the layer has no glyph of.
        let glyphs = page([("天津滨海", 0), ("地方工作", 40)])
        let keys: [GlyphKey?] = glyphs.scalars.map { $0 == "\n" ? nil : GlyphKey(font: "F", code: $0.value) }
        let (out, count) = LineFallback.apply(glyphs, keys: keys, brokenFonts: ["F"], strong: { _ in true },
                                              lines: [ocr("天津滨海", y: 0), ocr("双周决策观察", y: 20), ocr("地方工作", y: 40)])
        #expect(count == 1)
        #expect(text(out) == "天津滨海\n双周决策观察\n地方工作\n")
        let lines = LineBuilder.lines(from: out)
        #expect(lines.map(\.text) == ["天津滨海", "双周决策观察", "地方工作"])
    }

    @Test func aLinePopplerPutLateInItsTextGoesBetweenItsNeighboursInTheColumn() {
        // poppler's order: 其中 (y 0), 子、生命 (y 40), page number (y 100), then 包括 (y 20).
        let glyphs = page([("其中其中", 0), ("子生命科", 40), ("2", 100), ("包括促进", 20)])
        let lines = SymbolAlignment.inkLines(glyphs)
        let ordered = VanishedGlyphs.inColumnOrder(lines, glyphs)
        let texts = ordered.map { String(String.UnicodeScalarView($0.map { glyphs.scalars[$0] })) }
        #expect(texts == ["其中其中", "包括促进", "子生命科", "2"])
        // Lines already in order stay as they are.
        let inOrder = page([("其中其中", 0), ("包括促进", 20), ("子生命科", 40)])
        let kept = VanishedGlyphs.inColumnOrder(SymbolAlignment.inkLines(inOrder), inOrder)
        #expect(kept == SymbolAlignment.inkLines(inOrder))
    }

    @Test func lineFallbackAndTheWeakPageShareAreSettings() throws {
        let yaml = "name: x\nversion: \"1\"\nglyphMap:\n  enabled: true\n  lineFallback: false\n  maxWeakShare: 0.5\n"
        let definition = try YAMLDecoder().decode(PipelineDefinition.self, from: yaml)
        #expect(definition.glyphMap?.lineFallback == false && definition.glyphMap?.maxWeakShare == 0.5)
        #expect(definition.glyphMap?.lineFallbackVotes == GlyphMapRules().lineFallbackVotes)
        #expect(GlyphMapRules().lineFallback && GlyphMapRules().maxWeakShare < 1)
    }
}
