import Foundation
import Testing
import Yams
@testable import IssuePipe

/// Semicolons tesseract read as commas, put right from the ink.
@Suite struct LostSemicolonsTests {
    /// A grey page (paper 190) with one line of three 28 px glyphs at y 100
    /// from x 100, a mark read `read` in the cell at x 196…224 drawn by
    /// `mark`, and one more glyph after it.
    static func page(read: String, mark draw: (inout [UInt8], Int) -> Void) -> (GrayImage, RecognizedPage) {
        let width = 400, height = 240
        var pixels = [UInt8](repeating: 190, count: width * height)
        var words: [RecognizedWord] = []
        for x in [100, 132, 164, 228] {
            for y in 100..<128 { for dx in 0..<28 where y < 103 || y >= 125 || (12..<15).contains(dx) { pixels[y * width + x + dx] = 60 } }
            words.append(RecognizedWord(text: "字", box: PixelBox(x0: x, y0: 100, x1: x + 28, y1: 128), confidence: 90))
        }
        draw(&pixels, width)
        words.insert(RecognizedWord(text: read, box: PixelBox(x0: 198, y0: 100, x1: 212, y1: 128), confidence: 70), at: 3)
        let line = RecognizedLine(box: PixelBox(x0: 100, y0: 100, x1: 256, y1: 128), words: words)
        return (GrayImage(width: width, height: height, pixels: pixels, dpiX: 200, dpiY: 200),
                RecognizedPage(imageWidth: width, imageHeight: height, lines: [line]))
    }

    static func fill(_ pixels: inout [UInt8], _ width: Int, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
        for y in y0..<y1 { for x in x0..<x1 { pixels[y * width + x] = 70 } }
    }

    /// A comma low in the cell: a blot 5 px wide, 9 px tall with its tail.
    static func comma(_ pixels: inout [UInt8], _ width: Int) {
        fill(&pixels, width, 202, 118, 207, 124); fill(&pixels, width, 203, 124, 206, 128)
    }

    /// A semicolon: the comma and a dot above it, mid-line.
    static func semicolon(_ pixels: inout [UInt8], _ width: Int) {
        comma(&pixels, width); fill(&pixels, width, 202, 106, 207, 111)
    }

    @Test(arguments: [("，", "；"), (",", ";")])
    func aCommaWithADotAboveItIsASemicolon(read: String, semicolon: String) throws {
        let (image, page) = Self.page(read: read, mark: Self.semicolon)
        let (out, restored) = LostSemicolons.restored(page, image: image)
        #expect(restored == 1)
        #expect(out.lines[0].words.map(\.text) == ["字", "字", "字", semicolon, "字"])
        #expect(out.lines[0].words[3].box == page.lines[0].words[3].box)
    }

    /// A comma alone, a comma beside a speck, a semicolon's ink beside a tall
    /// stroke (the box took in part of a glyph), and a dot over a word that is
    /// no comma: all left as read.
    @Test func aCommaAloneOrAnotherWordIsLeft() {
        let speck: (inout [UInt8], Int) -> Void = { pixels, width in
            Self.comma(&pixels, width); pixels[108 * width + 204] = 70
        }
        let stroke: (inout [UInt8], Int) -> Void = { pixels, width in
            Self.semicolon(&pixels, width); Self.fill(&pixels, width, 209, 100, 212, 128)
        }
        for draw in [Self.comma, speck, stroke] {
            let (image, page) = Self.page(read: "，", mark: draw)
            #expect(LostSemicolons.restored(page, image: image).restored == 0)
        }
        let (image, page) = Self.page(read: "。", mark: Self.semicolon)
        #expect(LostSemicolons.restored(page, image: image).page == page)
    }

    @Test func thePipelineCanTurnItOff() throws {
        #expect(OCRSettings().restoreSemicolons)
        #expect(try YAMLDecoder().decode(OCRSettings.self, from: "restoreSemicolons: false").restoreSemicolons == false)
    }
}
