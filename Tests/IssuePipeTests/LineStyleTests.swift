import Foundation
import Testing
@testable import IssuePipe

/// The extract stage's per-span bookkeeping, done without formatting strings
/// per glyph or span: the same answers as the string keys and filtered
/// scalar views it replaced (kept here as the reference).
@Suite struct LineStyleTests {
    private func span(_ text: String, font: String = "F", size: Double = 10, bold: Bool = false) -> TextSpan {
        var span = TextSpan(text: text, box: Box(x0: 0, y0: 0, x1: 10, y1: 10), font: font, size: 0, bold: bold)
        span.size = size   // unrounded, to reach every printed form
        return span
    }

    @Test func spansShareAStyleWhenTheirOldKeysWereEqual() {
        let sizes: [Double] = [0, -0.0, 10, 10.5, 10.000000000000002, 1e-300, .infinity, -.infinity,
                               .nan, -.nan, .signalingNaN, Double(bitPattern: Double.nan.bitPattern | 1)]
        for a in sizes {
            for b in sizes {
                for (fontA, fontB) in [("F", "F"), ("F", "G")] {
                    for (boldA, boldB) in [(false, false), (false, true)] {
                        let x = span("x", font: fontA, size: a, bold: boldA), y = span("y", font: fontB, size: b, bold: boldB)
                        let oldKeysEqual = "\(x.font)|\(x.size)|\(x.bold)" == "\(y.font)|\(y.size)|\(y.bold)"
                        #expect(LineBuilder.sameStyle(x, y) == oldKeysEqual, "\(a) \(b) \(fontA) \(fontB) \(boldA) \(boldB)")
                    }
                }
            }
        }
    }

    @Test func runsShareAFontAtSizeWhenTheirOldKeysWereEqual() {
        let sizes: [Double] = [0, -0.0, 9, 9.000000000000002, .nan, -.nan, .signalingNaN, Double(bitPattern: Double.nan.bitPattern | 1)]
        let fonts = ["F", "F@1.0", "F@", "G"]
        for fontA in fonts {
            for a in sizes {
                for fontB in fonts {
                    for b in sizes {
                        let x = FontRun(start: 0, end: 0, font: fontA, size: a), y = FontRun(start: 0, end: 0, font: fontB, size: b)
                        #expect((FontAtSize(x) == FontAtSize(y)) == ("\(fontA)@\(a)" == "\(fontB)@\(b)"), "\(fontA) \(a) \(fontB) \(b)")
                    }
                }
            }
        }
    }

    @Test func theMainSpanIsTheHeaviestStyleLargerOnATie() {
        let spans = [span("[陕西]", size: 9), span("标题", size: 16), span("一", size: 9), span("二", size: 16)]
        #expect(LineBuilder.mainSpan(spans, weights: [2, 2, 1, 2]) == 1)   // 3 against 4
        #expect(LineBuilder.mainSpan(spans, weights: [3, 2, 1, 2]) == 1)   // 4 against 4: the larger
        #expect(LineBuilder.mainSpan(spans, weights: [4, 2, 1, 2]) == 0)   // 5 against 4
        #expect(LineBuilder.mainSpan([], weights: []) == 0)
    }

    @Test func characterCountsAreTheFilteredCounts() {
        let texts = ["", "中国文件 2024", "\t a\u{3000}b\u{00A0}c\u{0085}d\u{2028}e\u{200B}f\u{1680}", "𠀀〇〡Ａ１，。", " \n\r\u{0B}\u{0C}x"]
        for text in texts {
            let counts = FontStyle.characterCounts(text)
            #expect(counts.all == text.unicodeScalars.count, "\(text)")
            #expect(counts.han == text.unicodeScalars.filter(CJKCharacters.isHan).count, "\(text)")
            #expect(counts.inked == text.unicodeScalars.filter { !$0.properties.isWhitespace }.count, "\(text)")
        }
        for value in 0..<0x80 {
            let scalar = Unicode.Scalar(UInt8(value))
            #expect(FontStyle.isWhitespace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}
