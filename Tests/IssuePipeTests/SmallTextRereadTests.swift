import Foundation
import Testing
@testable import IssuePipe

/// An engine that answers every crop request with one made-up reading, in the
/// crop's own (scaled-up) pixels, and counts what it was asked.
private final class CropRecognizer: PageRecognizer {
    let reading: (OCRRequest) -> RecognizedPage
    var requests: [OCRRequest] = []
    init(_ reading: @escaping (OCRRequest) -> RecognizedPage) { self.reading = reading }
    func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        requests.append(request)
        return reading(request)
    }
}

@Suite struct SmallTextRereadTests {
    let image = GrayImage(width: 1000, height: 1400, pixels: [UInt8](repeating: 255, count: 1_400_000), dpiX: 200, dpiY: 200)

    @Test func smallPrintIsReadAgainScaledUpAndPutBackWhereItIs() {
        let body = hanLine("正文一行字", x: 100, y: 100, height: 30, pitch: 32, confidence: 90)
        let small1 = hanLine("乱码乱码", x: 100, y: 600, height: 14, pitch: 15, confidence: 40)
        let small2 = hanLine("乱码乱码", x: 100, y: 625, height: 14, pitch: 15, confidence: 40)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [body, small1, small2])
        let engine = CropRecognizer { request in
            // Two lines, read at twice the size, where the small ones are in the crop.
            RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: [
                hanLine("目录条目", x: 2 * 21, y: 2 * 21, height: 28, pitch: 30, confidence: 92),
                hanLine("第二条目", x: 2 * 21, y: 2 * 46, height: 28, pitch: 30, confidence: 92),
            ])
        }
        let request = OCRRequest(page: 1, image: image, languages: "chi_sim")
        let out = SmallTextReread.reread(page, image: image, request: request, settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 1)
        let crop = engine.requests[0].image
        #expect(crop.dpiY == 400 && engine.requests[0].deskew == false)
        // The crop starts 1.5 glyph heights (21 px) above and left of the small lines.
        #expect(abs(crop.originX - 79 * 72.0 / 200) < 0.01 && abs(crop.originY - 579 * 72.0 / 200) < 0.01)
        #expect(out.lines.map { $0.words.map(\.text).joined() } == ["正文一行字", "目录条目", "第二条目"])
        // Back in page pixels: where the small lines were.
        #expect(out.lines[1].box.y0 == 600 && out.lines[1].box.x0 == 100)
        #expect(out.lines[2].box.y0 == 625)
    }

    /// A 300 dpi scan read at 200: the small lines are cut from the scan as it
    /// is, where they lie on it (with its own ink, not the page's), and what is
    /// read there comes back in the page's pixels.
    @Test func smallPrintOfAFinerScanIsCutFromTheScan() throws {
        let small1 = hanLine("乱码乱码", x: 100, y: 600, height: 14, pitch: 15, confidence: 40)
        let small2 = hanLine("乱码乱码", x: 100, y: 625, height: 14, pitch: 15, confidence: 40)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [small1, small2])
        var fine = GrayImage(width: 1500, height: 2100, pixels: [UInt8](repeating: 255, count: 1500 * 2100), dpiX: 300, dpiY: 300)
        for y in 900..<921 { for x in 150..<240 { fine.pixels[y * 1500 + x] = 20 } }   // the first small line's ink, at 300 dpi
        let engine = CropRecognizer { request in
            // In the crop, scaled up twice from 300 dpi: 1.5 × 2 = 3 page pixels a crop pixel.
            RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: [
                hanLine("目录条目", x: 3 * 21, y: 3 * 21, height: 42, pitch: 45, confidence: 92),
                hanLine("第二条目", x: 3 * 21, y: 3 * 46, height: 42, pitch: 45, confidence: 92),
            ])
        }
        let request = OCRRequest(page: 1, image: image, languages: "chi_sim")
        let out = SmallTextReread.reread(page, image: image, fine: fine, request: request, settings: OCRSettings(), recognizer: engine)
        let crop = try #require(engine.requests.first?.image)
        #expect(crop.dpiY == 600)
        #expect(abs(crop.originX - 79 * 72.0 / 200) < 0.3 && abs(crop.originY - 579 * 72.0 / 200) < 0.3)
        #expect(crop.pixels.contains { $0 < 128 })
        #expect(out.lines.map { $0.words.map(\.text).joined() } == ["目录条目", "第二条目"])
        #expect(out.lines.first.map { abs($0.box.y0 - 600) <= 1 && abs($0.box.x0 - 100) <= 1 } == true)
        #expect(out.lines.last.map { abs($0.box.y0 - 625) <= 1 } == true)
        // Without the scan, the page's own pixels (all paper here) are cut.
        let plain = CropRecognizer { _ in RecognizedPage(imageWidth: 1, imageHeight: 1, lines: []) }
        _ = SmallTextReread.reread(page, image: image, request: request, settings: OCRSettings(), recognizer: plain)
        #expect(plain.requests.first?.image.pixels.contains { $0 < 128 } == false)
    }

    @Test func aLessConfidentReadingOrAMissedLineLeavesTheFirstReading() {
        let small1 = hanLine("目录条目", x: 100, y: 600, height: 14, pitch: 15, confidence: 90)
        let small2 = hanLine("第二条目", x: 100, y: 625, height: 14, pitch: 15, confidence: 90)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [small1, small2])
        let request = OCRRequest(page: 1, image: image, languages: "chi_sim")
        let worse = CropRecognizer { request in
            RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height,
                           lines: [hanLine("日录条日", x: 42, y: 42, height: 28, pitch: 30, confidence: 50)])
        }
        #expect(SmallTextReread.reread(page, image: image, request: request, settings: OCRSettings(), recognizer: worse) == page)
        // A better reading of the first line only: the second stays as it was.
        let partial = CropRecognizer { request in
            RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height,
                           lines: [hanLine("目录条目", x: 42, y: 42, height: 28, pitch: 30, confidence: 97)])
        }
        let out = SmallTextReread.reread(page, image: image, request: request, settings: OCRSettings(), recognizer: partial)
        #expect(out.lines.count == 2 && out.lines[1] == small2 && out.lines[0].words[0].confidence == 97)
        // Nothing is read again when the setting is 0.
        var off = OCRSettings()
        off.smallTextPixels = 0
        #expect(SmallTextReread.reread(page, image: image, request: request, settings: off, recognizer: partial) == page)
        #expect(partial.requests.count == 1)
    }

    /// Two crops whose new lines both cover the same first line: both readings are kept, no line twice.
    @Test func twoCropsReadingTheSameLineAgainKeepBoth() {
        let lines = [RecognizedLine](repeating: hanLine("乱码", x: 100, y: 600, height: 14, pitch: 15, confidence: 40), count: 1)
        let one = hanLine("目录", x: 100, y: 600, height: 14, pitch: 15, confidence: 90)
        let two = hanLine("条目", x: 100, y: 620, height: 14, pitch: 15, confidence: 90)
        let out = SmallTextReread.replacing([(cluster: [0], lines: [one]), (cluster: [0], lines: [two])], in: lines)
        #expect(out == [one, two])
    }

    /// The first reading of a contents row ran on over its dot leader; the new one
    /// stops at the title: still the same line, replaced. A line beside the
    /// cluster read again worse keeps its first reading, and the new one goes.
    @Test func aLineIsNeverKeptInBothReadings() {
        let leader = hanLine("打造民营经济高岳量发展示范城市EECPe", x: 100, y: 600, height: 14, pitch: 15, confidence: 60)
        let title = hanLine("打造民营经济高质量发展示范城市", x: 100, y: 603, height: 14, pitch: 15, confidence: 85)
        let (kept, replaced) = SmallTextReread.merged([title], over: [leader], own: [0])
        #expect(kept == [title] && replaced == [0])
        let neighbour = hanLine("首批二线口岸通过验收", x: 100, y: 640, height: 14, pitch: 15, confidence: 60)
        let worse = hanLine("普批二续口岸通过营", x: 100, y: 644, height: 14, pitch: 15, confidence: 35)
        let better = hanLine("首批“二线口岸”通过验收", x: 100, y: 644, height: 14, pitch: 15, confidence: 90)
        let (none, untouched) = SmallTextReread.merged([worse], over: [leader, neighbour], own: [0])
        #expect(none.isEmpty && untouched.isEmpty)
        let (taken, gone) = SmallTextReread.merged([better], over: [leader, neighbour], own: [0])
        #expect(taken == [better] && gone == [1])
    }

    @Test func aLineIsPartedAtAGutterButNotAtANarrowWordBox() {
        // Two columns read as one line: a gap of 5 glyph heights.
        let left = hanLine("各地积极", x: 100, y: 100, height: 14, pitch: 15, confidence: 90)
        let right = hanLine("河北发布", x: 100 + 4 * 15 + 70, y: 100, height: 14, pitch: 15, confidence: 90)
        let joined = RecognizedLine(box: PixelBox(x0: 100, y0: 100, x1: 290, y1: 114), words: left.words + right.words)
        let parted = OCRLayout.splittingAtColumnGaps(RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [joined]))
        #expect(parted.lines.map { $0.words.map(\.text).joined() } == ["各地积极", "河北发布"])
        #expect(parted.lines[1].box.x0 == 230 && parted.lines[1].box.y0 == 100)
        // Where the image has ink in the gap (characters the word boxes left out), the line stays whole.
        var inked = [UInt8](repeating: 255, count: 1000 * 200)
        for y in 102..<112 { for x in 170..<200 where x % 3 == 0 { inked[y * 1000 + x] = 0 } }
        let withInk = GrayImage(width: 1000, height: 200, pixels: inked, dpiX: 200, dpiY: 200)
        let blank = GrayImage(width: 1000, height: 200, pixels: [UInt8](repeating: 255, count: 200_000), dpiX: 200, dpiY: 200)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 200, lines: [joined])
        #expect(OCRLayout.splittingAtColumnGaps(page, image: withInk).lines.count == 1)
        #expect(OCRLayout.splittingAtColumnGaps(page, image: blank).lines.count == 2)
        // Marks alone across the gap (a scan's dark border read as ‖[) are dropped.
        let border = [RecognizedWord(text: "‖[", box: PixelBox(x0: 600, y0: 100, x1: 610, y1: 114), confidence: 60)]
        let bordered = RecognizedLine(box: PixelBox(x0: 100, y0: 100, x1: 610, y1: 114), words: left.words + border)
        #expect(OCRLayout.splittingAtColumnGaps(RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [bordered]))
            .lines.map { $0.words.map(\.text).joined() } == ["各地积极"])
        // `，营造` boxed as its comma: its two characters fill the gap after it.
        var words = hanLine("关系", x: 100, y: 100, height: 30, pitch: 32, confidence: 90).words
        words.append(RecognizedWord(text: "，营造", box: PixelBox(x0: 164, y0: 120, x1: 168, y1: 126), confidence: 80))
        words.append(RecognizedWord(text: "有", box: PixelBox(x0: 268, y0: 100, x1: 298, y1: 130), confidence: 90))
        let line = RecognizedLine(box: PixelBox(x0: 100, y0: 100, x1: 298, y1: 130), words: words)
        #expect(OCRLayout.splittingAtColumnGaps(RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [line])).lines.count == 1)
    }

    /// A contents row whose characters tesseract boxed half as tall as two
    /// rows (59 px round 28 px glyphs, v10410) and the right column's `城市`
    /// 4.7 glyphs on (2.2 of the tall boxes): the glyphs' own height tells the gutter. Flat `一` boxes,
    /// 3 px tall, are no measure of the glyphs (v10311): gaps of a glyph and a
    /// half between words stay.
    @Test func theGutterIsMeasuredInTheLinesTightlyBoxedGlyphs() {
        func word(_ text: String, _ x0: Int, _ y0: Int, _ y1: Int) -> RecognizedWord {
            RecognizedWord(text: text, box: PixelBox(x0: x0, y0: y0, x1: x0 + 28, y1: y1), confidence: 90)
        }
        let row = (0..<8).map { i in i % 2 == 0 ? word("多", 200 + 30 * i, 871, 899) : word("地", 200 + 30 * i, 851, 910) }
            + [word("城", 440, 871, 899), RecognizedWord(text: "城市", box: PixelBox(x0: 600, y0: 851, x1: 659, y1: 910), confidence: 81)]
        let line = RecognizedLine(box: PixelBox(x0: 200, y0: 851, x1: 659, y1: 910), words: row)
        #expect(OCRLayout.gapMeasure(line) == 28)
        let parted = OCRLayout.splittingAtColumnGaps(RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [line]))
        #expect(parted.lines.map { $0.words.map(\.text).joined() } == ["多地多地多地多地城", "城市"])
        let flat = (0..<7).map { i in word("一", 200 + 100 * i, 895, 898) } + (0..<5).map { i in word("表", 240 + 100 * i, 882, 913) }
        let listing = RecognizedLine(box: PixelBox(x0: 200, y0: 877, x1: 768, y1: 927), words: flat)
        #expect(OCRLayout.gapMeasure(listing) == 31)
    }

    /// A contents row 34 px tall whose characters tesseract boxed 44 px tall
    /// (v11802): no word is taller than its line, so the gap of 124 px
    /// between the columns is more than three glyphs and parts the line.
    @Test func aWordBoxedTallerThanItsLineMeasuresNoWiderGutter() {
        func word(_ text: String, _ x0: Int, _ y0: Int, _ y1: Int) -> RecognizedWord {
            RecognizedWord(text: text, box: PixelBox(x0: x0, y0: y0, x1: x0 + 30, y1: y1), confidence: 90)
        }
        let left = (0..<6).map { i in i % 3 == 0 ? word("积", 200 + 31 * i, 802, 831) : word("极", 200 + 31 * i, 795, 839) }
        let right = (0..<4).map { i in word("苏", 200 + 31 * 6 + 124 + 31 * i, 795, 839) }
        let line = RecognizedLine(box: PixelBox(x0: 200, y0: 800, x1: 634, y1: 834), words: left + right)
        #expect(OCRLayout.gapMeasure(line) == 34)
        let parted = OCRLayout.splittingAtColumnGaps(RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [line]))
        #expect(parted.lines.map { $0.words.map(\.text).joined() } == ["积极极积极极", "苏苏苏苏"])
    }

    @Test func aCropIsPlacedOnThePageAndScaledUpSmoothly() {
        var pixels = [UInt8](repeating: 255, count: 100)
        pixels[5 * 10 + 5] = 0
        let image = GrayImage(width: 10, height: 10, pixels: pixels, dpiX: 72, dpiY: 72, originX: 10, originY: 20)
        let crop = image.cropped(PixelBox(x0: 4, y0: 4, x1: 8, y1: 20))
        #expect(crop.width == 4 && crop.height == 6 && crop.originX == 14 && crop.originY == 24)
        #expect(crop.pixels[1 * 4 + 1] == 0)
        let big = crop.upscaled(by: 3)
        #expect(big.width == 12 && big.height == 18 && big.dpiX == 216 && big.originX == 14)
        #expect(big.pixels[4 * 12 + 4] == 0 && big.pixels.contains { $0 > 0 && $0 < 255 })
    }

    /// On a page the PDF draws (a broken text layer: no scan), small print is
    /// cut from the page rendered again at `smallTextRenderDPI`, which holds
    /// the detail the 200 dpi render lost; with it off, from the render scaled up.
    @Test func smallPrintOfAPageThePDFDrawsIsCutFromAFinerRender() throws {
        let content = Data("0 0 0 rg 50 700 200 4 re f 50 600 200 4 re f".utf8)
        let pdf = HandMadePDF.build([
            HandMadePDF.object("<< /Type /Catalog /Pages 2 0 R >>"),
            HandMadePDF.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            HandMadePDF.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 800] /Contents 4 0 R >>"),
            HandMadePDF.stream(content),
        ])
        let url = TestPaths.temporaryFolder().appendingPathComponent("drawn.pdf")
        try pdf.write(to: url)
        let document = try PDFDocument(url: url)
        func cropDPIs(renderDPI: Double) -> [Double] {
            let engine = CropRecognizer { request in
                guard request.image.dpiY == 200, request.image.width > 1000 else {
                    return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: [])
                }
                // The whole page: two lines of 12 px glyphs, read poorly.
                return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: [
                    hanLine("乱码乱码", x: 140, y: 300, height: 12, pitch: 13, confidence: 40),
                    hanLine("乱码乱码", x: 140, y: 320, height: 12, pitch: 13, confidence: 40),
                ])
            }
            var settings = OCRSettings()
            settings.smallTextRenderDPI = renderDPI
            _ = readPage(OCRTarget(number: 1, width: 400, height: 800), document: document, settings: settings, recognizer: engine)
            return engine.requests.map(\.image.dpiY)
        }
        // (Other rereads ask for the page again, or for a weak line at 200 or 400 dpi.)
        // 12 px glyphs at 400 dpi are 24: scaled up twice, as all small type is.
        let finer = cropDPIs(renderDPI: 400)
        #expect(finer.contains(800) && !finer.contains(600))
        // Without the finer render: the 200 dpi render scaled up three times.
        let coarse = cropDPIs(renderDPI: 0)
        #expect(coarse.contains(600) && !coarse.contains(800))
    }
}
