import Foundation
import Testing
import Yams
@testable import IssuePipe

/// Full stops tesseract left out at a line's end, put back from the ink.
@Suite struct LostFullStopsTests {
    /// A grey page (paper 190, as a scan's) with one line of four 28 px glyphs
    /// at y 100 from x 100, and `after` drawn in the room after the last.
    static func page(after draw: (inout [UInt8], Int) -> Void) -> (GrayImage, RecognizedPage) {
        let width = 600, height = 300
        var pixels = [UInt8](repeating: 190, count: width * height)
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
            for y in y0..<y1 { for x in x0..<x1 { pixels[y * width + x] = 60 } }
        }
        var words: [RecognizedWord] = []
        for i in 0..<4 {
            let x = 100 + 32 * i
            fill(x, 100, x + 28, 103); fill(x, 125, x + 28, 128); fill(x + 12, 100, x + 15, 128)
            words.append(RecognizedWord(text: "字", box: PixelBox(x0: x, y0: 100, x1: x + 28, y1: 128), confidence: 90))
        }
        draw(&pixels, width)
        let line = RecognizedLine(box: PixelBox(x0: 100, y0: 100, x1: 224, y1: 128), words: words)
        return (GrayImage(width: width, height: height, pixels: pixels, dpiX: 200, dpiY: 200),
                RecognizedPage(imageWidth: width, imageHeight: height, lines: [line]))
    }

    /// A ring 10 px across, low in the cell after x 224: a full stop.
    static func ring(_ pixels: inout [UInt8], _ width: Int) {
        for y in 112..<122 { for x in 228..<238 {
            let d = hypot(Double(x) - 232.5, Double(y) - 116.5)
            if d >= 3 && d <= 5 { pixels[y * width + x] = 70 }
        } }
    }

    @Test func aRingAfterALinesLastWordIsAFullStop() throws {
        let (image, page) = Self.page(after: Self.ring)
        let (out, restored) = LostFullStops.restored(page, image: image, mark: "。")
        #expect(restored == 1)
        let last = try #require(out.lines.first?.words.last)
        #expect(last.text == "。" && last.box.x0 >= 226 && last.box.x1 <= 240 && last.confidence == LostFullStops.confidence)
        #expect(out.lines[0].box.x1 == last.box.x1)
        // Off (no mark in the pipeline), nothing changes.
        #expect(LostFullStops.restored(page, image: image, mark: nil).page == page)
    }

    /// A filled dot, a tall stroke, blank paper: no full stop.
    @Test func aDotAStrokeOrNothingIsNoFullStop() {
        let dot: (inout [UInt8], Int) -> Void = { pixels, width in
            for y in 112..<121 { for x in 228..<237 { pixels[y * width + x] = 70 } }
        }
        let stroke: (inout [UInt8], Int) -> Void = { pixels, width in
            for y in 100..<128 { for x in 228..<231 { pixels[y * width + x] = 70 } }
        }
        for draw in [dot, stroke, { _, _ in }] {
            let (image, page) = Self.page(after: draw)
            #expect(LostFullStops.restored(page, image: image, mark: "。").restored == 0)
        }
    }

    /// A word of another line within the room (the next column): not looked at.
    @Test func aRoomAnotherWordStandsInIsNotLookedAt() {
        let (image, page) = Self.page(after: Self.ring)
        var crowded = page
        crowded.lines.append(RecognizedLine(box: PixelBox(x0: 236, y0: 98, x1: 300, y1: 130),
                                            words: [RecognizedWord(text: "栏", box: PixelBox(x0: 236, y0: 98, x1: 300, y1: 130), confidence: 90)]))
        #expect(LostFullStops.restored(crowded, image: image, mark: "。").restored == 0)
    }

    /// The mark is the languages' own unless the pipeline names one or turns it off.
    @Test func theMarkIsTheLanguagesOwnFullStop() throws {
        var settings = OCRSettings()
        #expect(settings.fullStopMark == "。")
        settings.languages = "eng"
        #expect(settings.fullStopMark == nil)
        settings.languages = "eng+chi_tra"
        #expect(settings.fullStopMark == "。")
        let off = try YAMLDecoder().decode(OCRSettings.self, from: "restoreFullStops: false")
        #expect(off.fullStopMark == nil)
        #expect(try YAMLDecoder().decode(OCRSettings.self, from: "fullStop: ．").fullStopMark == "．")
    }
}
