import Foundation
import Testing
@testable import IssuePipe

/// An engine that answers every crop with one made-up line and counts the crops.
private final class PatchRecognizer: PageRecognizer {
    let text: String, confidence: Double
    var requests: [OCRRequest] = []
    init(_ text: String, confidence: Double) { (self.text, self.confidence) = (text, confidence) }
    func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        requests.append(request)
        // Tesseract's box for a lone line may take in the crop's whole margin.
        let line = RecognizedLine(box: PixelBox(x0: 2, y0: 0, x1: request.image.width - 2, y1: request.image.height),
                                  words: [RecognizedWord(text: text, box: PixelBox(x0: 2, y0: 0, x1: request.image.width - 2,
                                                                                   y1: request.image.height), confidence: confidence)])
        return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: [line])
    }
}

/// An engine that answers its crops in turn, each with one line of the given
/// text across the crop (none for ""), at 90%. Its raw line mode (13) reads
/// nothing, and takes no answer.
private final class AnswerRecognizer: PageRecognizer {
    let answers: [String]
    var requests: [OCRRequest] = []
    init(_ answers: [String]) { self.answers = answers }
    func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        guard request.pageSegMode != 13 else { return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: []) }
        requests.append(request)
        let text = requests.count <= answers.count ? answers[requests.count - 1] : ""
        let box = PixelBox(x0: 2, y0: 0, x1: request.image.width - 2, y1: request.image.height)
        let lines = text.isEmpty ? [] : [RecognizedLine(box: box, words: [RecognizedWord(text: text, box: box, confidence: 90)])]
        return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: lines)
    }
}

/// A white page to draw glyph-like ink on: each glyph a square outline with a
/// bar across, `size` px, as thin strokes are.
private struct Sheet {
    var width = 1000, height = 1400
    var pixels: [UInt8]
    init() { pixels = [UInt8](repeating: 250, count: 1000 * 1400) }

    mutating func fill(_ box: PixelBox, _ value: UInt8) {
        for y in max(0, box.y0)..<min(height, box.y1) { for x in max(0, box.x0)..<min(width, box.x1) { pixels[y * width + x] = value } }
    }

    mutating func glyphs(_ count: Int, x: Int, y: Int, size: Int, ink: UInt8 = 30) {
        for i in 0..<count {
            let x0 = x + i * (size + 4)
            for edge in [PixelBox(x0: x0, y0: y, x1: x0 + size, y1: y + 3), PixelBox(x0: x0, y0: y + size - 3, x1: x0 + size, y1: y + size),
                         PixelBox(x0: x0, y0: y, x1: x0 + 3, y1: y + size), PixelBox(x0: x0 + size - 3, y0: y, x1: x0 + size, y1: y + size),
                         PixelBox(x0: x0, y0: y + size / 2, x1: x0 + size, y1: y + size / 2 + 3)] { fill(edge, ink) }
        }
    }

    var image: GrayImage { GrayImage(width: width, height: height, pixels: pixels, dpiX: 200, dpiY: 200) }
}

/// A line of `count` one-character Han words over the glyphs `Sheet.glyphs` drew.
extension Sheet {
    /// A sheet with three rows of 12 body glyphs (24 px) at 200, 300 and 400.
    static func withBodyLines() -> Sheet {
        var sheet = Sheet()
        for y in [200, 300, 400] { sheet.glyphs(12, x: 300, y: y, size: 24) }
        return sheet
    }
}

/// A page read as those three body lines and `line`.
private func bodyPage(plus line: RecognizedLine) -> RecognizedPage {
    RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [200, 300, 400].map { readLine(12, x: 300, y: $0, size: 24) } + [line])
}

private func readLine(_ count: Int, x: Int, y: Int, size: Int) -> RecognizedLine {
    let words = (0..<count).map { i in
        RecognizedWord(text: "字", box: PixelBox(x0: x + i * (size + 4), y0: y, x1: x + i * (size + 4) + size, y1: y + size), confidence: 90)
    }
    return RecognizedLine(box: PixelBox(x0: x, y0: y, x1: x + count * (size + 4), y1: y + size), words: words)
}

/// An engine whose line mode (7) reads nothing and whose raw mode (13) reads
/// `text`, as tesseract did on a title's line cut out of a grey scan (v8203).
private final class RawLineRecognizer: PageRecognizer {
    let text: String
    var modes: [Int] = []
    init(_ text: String) { self.text = text }
    func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        modes.append(request.pageSegMode)
        let box = PixelBox(x0: 2, y0: 0, x1: request.image.width - 2, y1: request.image.height)
        let lines = request.pageSegMode == 13 ? [RecognizedLine(box: box, words: [RecognizedWord(text: text, box: box, confidence: 91)])] : []
        return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: lines)
    }
}

@Suite struct UnreadInkTests {
    /// A cover's title, four times the body's size, that tesseract's layout
    /// left out whole (v12212, a 150 dpi black-and-white scan): no body-sized
    /// patch holds it, the pass for display type finds it and reads it once.
    /// A page with nothing unread asks for nothing.
    @Test func aTitleLeftOutWholeIsReadAsDisplayType() throws {
        var sheet = Sheet.withBodyLines()
        sheet.glyphs(6, x: 200, y: 700, size: 100)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [200, 300, 400].map { readLine(12, x: 300, y: $0, size: 24) })
        let request = OCRRequest(page: 1, image: sheet.image, languages: "chi_sim")
        let engine = PatchRecognizer("双周决策观察", confidence: 90)
        let out = UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 1)
        let title = try #require(out.lines.last)
        #expect(title.words.map(\.text).joined() == "双周决策观察")
        #expect(title.box.y0 >= 690 && title.box.y1 <= 830)  // the display pass's cells are 96 px

        let untouched = PatchRecognizer("双周决策观察", confidence: 90)
        let read = UnreadInk.reread(page, image: Sheet.withBodyLines().image, request: request, settings: OCRSettings(), recognizer: untouched)
        #expect(read == page && untouched.requests.isEmpty)
    }

    /// A cover's subtitle in type three times the body's (v12705: 16 pt bold over
    /// 10 pt body), left out by tesseract's layout, with a rule a little under
    /// it: too tall for the body's pass, and run into the rule at the display
    /// pass's cells (a patch the rule's own, found by the body's pass, takes
    /// from it). The pass for heading type finds it and reads it once.
    @Test func aSubtitleLeftOutBetweenBodyAndDisplaySizeIsReadAsHeadingType() throws {
        var sheet = Sheet.withBodyLines()
        sheet.glyphs(8, x: 150, y: 700, size: 70)
        sheet.fill(PixelBox(x0: 100, y0: 800, x1: 900, y1: 812), 30)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [200, 300, 400].map { readLine(12, x: 300, y: $0, size: 24) })
        let request = OCRRequest(page: 1, image: sheet.image, languages: "chi_sim")
        let engine = AnswerRecognizer(["一", "地方工作亮点追踪"])
        let out = UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: engine)
        let subtitle = try #require(out.lines.first { $0.words.map(\.text).joined() == "地方工作亮点追踪" })
        #expect(subtitle.box.y0 >= 680 && subtitle.box.y1 <= 800)
        #expect(engine.requests.count == 2)
    }

    /// A paragraph's last line of two characters (`元。`) that tesseract read as
    /// one letter at 29% (`学`): the layout leaves such a line out as stray
    /// letters, so it covers no ink; the patch is read again and its reading
    /// takes the stray line's place. A confident one-letter line stays as read.
    @Test func aShortLineReadAsStrayLettersIsReadAgainInItsPlace() throws {
        var sheet = Sheet()
        for y in [200, 300] { sheet.glyphs(12, x: 300, y: y, size: 24) }
        sheet.glyphs(2, x: 300, y: 400, size: 24)
        var stray = readLine(1, x: 300, y: 400, size: 24)
        stray.words[0] = RecognizedWord(text: "学", box: PixelBox(x0: 300, y0: 400, x1: 352, y1: 424), confidence: 29)
        stray.box = stray.words[0].box
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400,
                                  lines: [200, 300].map { readLine(12, x: 300, y: $0, size: 24) } + [stray])
        let request = OCRRequest(page: 1, image: sheet.image, languages: "chi_sim")
        let engine = PatchRecognizer("元。", confidence: 63)
        let out = UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 1)
        #expect(out.lines.map { $0.words.map(\.text).joined() } == ["字字字字字字字字字字字字", "字字字字字字字字字字字字", "元。"])
        let last = try #require(out.lines.last)
        #expect(last.box.y0 >= 394 && last.box.y1 <= 430)

        var sure = stray
        sure.words[0].confidence = 85
        let kept = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: Array(page.lines.dropLast()) + [sure])
        let untouched = PatchRecognizer("元。", confidence: 63)
        #expect(UnreadInk.reread(kept, image: sheet.image, request: request, settings: OCRSettings(), recognizer: untouched) == kept)
        #expect(untouched.requests.isEmpty)
    }

    /// Tesseract read a fax number's wrapped end on the row of the box's other
    /// column, past a wide gap, at confidence 0 (`泰达图书馆档案馆 … 66222940`,
    /// v10509): the layout parts it off at the gap and leaves it out as stray,
    /// so it covers no ink; the patch is read again, and joins the page. A
    /// piece read with confidence stays as read.
    @Test func aPiecePastAColumnGapReadWithNoConfidenceIsReadAgain() throws {
        var sheet = Sheet()
        for y in [200, 300] { sheet.glyphs(12, x: 100, y: y, size: 24) }
        sheet.glyphs(8, x: 100, y: 400, size: 24)
        sheet.glyphs(4, x: 600, y: 400, size: 24)
        func page(pieceConfidence: Double) -> RecognizedPage {
            var row = readLine(8, x: 100, y: 400, size: 24)
            row.words.append(RecognizedWord(text: "66222940", box: PixelBox(x0: 600, y0: 400, x1: 712, y1: 424), confidence: pieceConfidence))
            row.box = PixelBox(x0: 100, y0: 400, x1: 712, y1: 424)
            return RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [200, 300].map { readLine(12, x: 100, y: $0, size: 24) } + [row])
        }
        let request = OCRRequest(page: 1, image: sheet.image, languages: "chi_sim")
        let engine = PatchRecognizer("66222940", confidence: 88)
        let out = UnreadInk.reread(page(pieceConfidence: 0), image: sheet.image, request: request, settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 1)
        let added = try #require(out.lines.last)
        #expect(added.words.map(\.text) == ["66222940"] && added.box.x0 >= 590 && added.box.x1 <= 720)
        let sure = PatchRecognizer("66222940", confidence: 88)
        _ = UnreadInk.reread(page(pieceConfidence: 80), image: sheet.image, request: request, settings: OCRSettings(), recognizer: sure)
        #expect(sure.requests.isEmpty)
    }

    /// Tesseract's layout left a title's third line out (`济综合实验区高质量`,
    /// v8203), and its line mode read the cut-out line as nothing: the line is
    /// read raw, and goes in; a rule it reads raw does not.
    @Test func aLineTheLineModeReadsAsNothingIsReadRaw() throws {
        var sheet = Sheet()
        for y in [200, 300] { sheet.glyphs(12, x: 300, y: y, size: 24) }
        sheet.glyphs(9, x: 300, y: 400, size: 24)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [200, 300].map { readLine(12, x: 300, y: $0, size: 24) })
        let request = OCRRequest(page: 1, image: sheet.image, languages: "chi_sim")
        let engine = RawLineRecognizer("济综合实验区高质量")
        let out = UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: engine)
        #expect(engine.modes == [7, 13])
        #expect(out.lines.last.map { $0.words.map(\.text).joined() } == "济综合实验区高质量")
        // A rule the raw mode reads as 一一 is no line.
        let rule = RawLineRecognizer("一一")
        #expect(UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: rule).lines.count == 2)
        #expect(rule.modes == [7, 13])
    }

    /// Tesseract's line may take in a row it read nothing of: `2023年` and a QR
    /// code's specks further right and lower, its box over the `第 18 期` between
    /// them (v9509). Where a line's box is far taller than its words, its words
    /// cover the ink, and the row under them is read.
    @Test func aRowInsideALinesBoxButUnderNoneOfItsWordsIsRead() throws {
        var sheet = Sheet.withBodyLines()
        sheet.glyphs(4, x: 100, y: 600, size: 30)        // 2023年
        sheet.glyphs(4, x: 100, y: 645, size: 30)        // 第18期, unread
        sheet.glyphs(2, x: 760, y: 660, size: 24)        // the QR code's specks
        var joined = readLine(4, x: 100, y: 600, size: 30)
        joined.words += readLine(2, x: 760, y: 660, size: 24).words
        joined.box = PixelBox(x0: 100, y0: 600, x1: 816, y1: 684)
        let page = bodyPage(plus: joined)
        let engine = PatchRecognizer("第18期", confidence: 90)
        let out = UnreadInk.reread(page, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                   settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 1)
        #expect(out.lines.map { $0.words.map(\.text).joined() }.contains("第18期"))
    }

    /// A masthead box's two columns read as one line, `主办：…研究院` on the
    /// left and `传真：…` on the right, the phone number between them unread
    /// and under the line's box (v11707). A gap twice a column gap wide covers
    /// nothing, ink or not: the phone is read. Three glyphs of ink in a gap
    /// just past a column gap's width are left to the weak line's reading.
    @Test func inkInAWideGapOfALineReadAcrossTwoColumnsIsRead() throws {
        var sheet = Sheet.withBodyLines()
        sheet.glyphs(6, x: 100, y: 600, size: 24)        // 主办：…研究院
        sheet.glyphs(6, x: 420, y: 600, size: 24)        // 电话：…, unread
        sheet.glyphs(5, x: 780, y: 600, size: 24)        // 传真：…
        var joined = readLine(6, x: 100, y: 600, size: 24)
        joined.words += readLine(5, x: 780, y: 600, size: 24).words
        joined.box = PixelBox(x0: 100, y0: 600, x1: 900, y1: 624)
        let page = bodyPage(plus: joined)
        let request = OCRRequest(page: 1, image: sheet.image, languages: "chi_sim")
        let engine = PatchRecognizer("电话：022", confidence: 90)
        let out = UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 1)
        #expect(out.lines.map { $0.words.map(\.text).joined() }.contains("电话：022"))

        var narrow = Sheet.withBodyLines()
        narrow.glyphs(6, x: 100, y: 600, size: 24)
        narrow.glyphs(3, x: 290, y: 600, size: 24)       // 统筹：, lost by tesseract
        narrow.glyphs(5, x: 400, y: 600, size: 24)
        var lost = readLine(6, x: 100, y: 600, size: 24)
        lost.words += readLine(5, x: 400, y: 600, size: 24).words
        lost.box = PixelBox(x0: 100, y0: 600, x1: 520, y1: 624)
        let short = bodyPage(plus: lost)
        let none = PatchRecognizer("统筹：", confidence: 90)
        _ = UnreadInk.reread(short, image: narrow.image, request: OCRRequest(page: 1, image: narrow.image, languages: "chi_sim"),
                             settings: OCRSettings(), recognizer: none)
        #expect(none.requests.isEmpty)
    }

    /// A role label just before its line (`编辑` before `：宋佳 冯文博`) that the
    /// page's layout left out and that reads as nothing cut out alone: read with
    /// its line, the longer reading takes the line's place. A joined reading
    /// that is not the line read again, or no longer than it, changes nothing.
    @Test func aLabelThatReadsAsNothingAloneIsReadWithTheLineBesideIt() throws {
        var sheet = Sheet()
        for y in [200, 300, 400] { sheet.glyphs(8, x: 300, y: y, size: 24) }
        sheet.glyphs(2, x: 230, y: 300, size: 24)        // 编辑, 18 px before its line
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400,
                                  lines: [200, 300, 400].map { readLine(8, x: 300, y: $0, size: 24) })
        let request = OCRRequest(page: 1, image: sheet.image, languages: "chi_sim")
        let engine = AnswerRecognizer(["", "编辑字字字字字字字字"])
        let out = UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 2)
        #expect(out.lines.map { $0.words.map(\.text).joined() } == ["字字字字字字字字", "编辑字字字字字字字字", "字字字字字字字字"])
        let joined = try #require(out.lines.dropFirst().first)
        #expect(joined.box.x0 >= 224 && joined.box.x0 <= 236 && joined.box.y0 >= 294 && joined.box.y1 <= 330)

        for other in ["编辑字字", "编辑其他文字其他文字"] {
            let engine = AnswerRecognizer(["", other])
            #expect(UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: engine) == page)
        }
    }

    /// Three body lines read, a label beside the second on a shaded panel not
    /// read, a speck and the scan's dark top edge.
    static func page() -> (GrayImage, RecognizedPage) {
        var sheet = Sheet()
        sheet.fill(PixelBox(x0: 0, y0: 0, x1: 1000, y1: 12), 20)        // the scanner's lid
        sheet.fill(PixelBox(x0: 60, y0: 250, x1: 900, y1: 420), 200)    // a shaded panel
        for y in [200, 300, 400] { sheet.glyphs(12, x: 300, y: y, size: 24) }
        sheet.glyphs(4, x: 100, y: 302, size: 22)                       // 【区域】, not read
        sheet.fill(PixelBox(x0: 600, y0: 800, x1: 604, y1: 804), 30)    // a speck
        let lines = [200, 300, 400].map { readLine(12, x: 300, y: $0, size: 24) }
        return (sheet.image, RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: lines))
    }

    @Test func inkNoLineCoversIsReadAgainAsOneLineBesideItsRow() {
        let (image, page) = Self.page()
        let engine = PatchRecognizer("【区域】", confidence: 88)
        let out = UnreadInk.reread(page, image: image, request: OCRRequest(page: 1, image: image, languages: "chi_sim"),
                                   settings: OCRSettings(), recognizer: engine)
        // Only the label is read again: not the speck, not the scan's edge, not the panel.
        #expect(engine.requests.count == 1)
        #expect(engine.requests.first?.pageSegMode == 7 && engine.requests.first?.deskew == false)
        #expect(out.lines.count == 4)
        let label = out.lines[1]
        #expect(label.words.map(\.text) == ["【区域】"])
        // Held to its ink (302–324), not the crop's margin, and before the row below it in reading order.
        #expect(label.box.y0 >= 296 && label.box.y1 <= 330 && label.box.x0 >= 90)
        #expect(out.lines.map(\.box.y0) == [200, label.box.y0, 300, 400])
    }

    @Test func aDoubtfulOrLetterlessReadingIsLeftOut() {
        let (image, page) = Self.page()
        let request = OCRRequest(page: 1, image: image, languages: "chi_sim")
        for engine in [PatchRecognizer("【区域】", confidence: 30), PatchRecognizer("—-—", confidence: 95), PatchRecognizer("一一", confidence: 95)] {
            #expect(UnreadInk.reread(page, image: image, request: request, settings: OCRSettings(), recognizer: engine) == page)
        }
        var off = OCRSettings()
        off.unreadInkMaxPatches = 0
        let engine = PatchRecognizer("【区域】", confidence: 88)
        #expect(UnreadInk.reread(page, image: image, request: request, settings: off, recognizer: engine) == page)
        #expect(engine.requests.isEmpty)
    }

    /// Tesseract read only the running head: the contents on a shaded panel are
    /// found against glyphs of a body size at the image's resolution, row by row.
    @Test func onAPageReadAlmostEmptyTheRowsAreFoundAtABodySize() {
        var sheet = Sheet()
        sheet.fill(PixelBox(x0: 80, y0: 280, x1: 920, y1: 480), 200)
        sheet.glyphs(14, x: 120, y: 300, size: 26)
        sheet.glyphs(10, x: 120, y: 400, size: 26)
        sheet.glyphs(10, x: 300, y: 100, size: 20)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [readLine(10, x: 300, y: 100, size: 20)])
        let engine = PatchRecognizer("本期要目", confidence: 90)
        let out = UnreadInk.reread(page, image: sheet.image, request: OCRRequest(page: 2, image: sheet.image, languages: "chi_sim"),
                                   settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 2)
        #expect(out.lines.count == 3 && out.lines.map(\.box.y0).sorted() == out.lines.map(\.box.y0))
    }

    /// On a tinted panel tesseract's word boxes can take in half a line of the
    /// panel: the glyph is measured from the ink in them, and a line of the
    /// page's size that no line read (the phone number under the staff) is found.
    @Test func wordBoxesTallerThanTheirInkDoNotHideALineOfThePagesSize() {
        var sheet = Sheet()
        sheet.fill(PixelBox(x0: 80, y0: 180, x1: 920, y1: 520), 200)
        for y in [200, 260, 320] { sheet.glyphs(12, x: 120, y: y, size: 26) }
        sheet.glyphs(8, x: 120, y: 400, size: 26)                      // 电话：…, not read
        let inflated = [200, 260, 320].map { y in
            var line = readLine(12, x: 120, y: y - 14, size: 26)
            line.words = line.words.map { RecognizedWord(text: $0.text, box: PixelBox(x0: $0.box.x0, y0: $0.box.y0, x1: $0.box.x1,
                                                                                     y1: $0.box.y0 + 54), confidence: 90) }
            line.box.y1 = line.box.y0 + 54
            return line
        }
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: inflated)
        let glyph = UnreadInk.inkedGlyph(page, image: sheet.image, flattened: sheet.image.normalizingBackground(), settings: OCRSettings())
        #expect(abs(glyph - 26) <= 2)
        let engine = PatchRecognizer("电话：022-66222942", confidence: 90)
        let out = UnreadInk.reread(page, image: sheet.image, request: OCRRequest(page: 2, image: sheet.image, languages: "chi_sim"),
                                   settings: OCRSettings(), recognizer: engine)
        #expect(engine.requests.count == 1 && out.lines.count == 4)
        // Boxes as tall as their ink are measured as before.
        let (image, plain) = Self.page()
        #expect(UnreadInk.inkedGlyph(plain, image: image, flattened: image.normalizingBackground(), settings: OCRSettings()) == 24)
    }

    /// A blurred grey scan prints its strokes mid-grey: ink is what is darker
    /// than halfway from the paper to the page's own strokes, so a label
    /// printed a little lighter still (150 of 255, 【区域】 on a contents panel,
    /// v10406) is found; on a page printed black, paper-grey marks (200) are not.
    @Test func inkIsMeasuredAgainstThePagesOwnStrokes() {
        func reread(strokes: UInt8, label: UInt8) -> (requests: Int, lines: Int) {
            var sheet = Sheet()
            for y in [200, 260, 320, 380] { sheet.glyphs(12, x: 120, y: y, size: 24, ink: strokes) }
            sheet.glyphs(4, x: 120, y: 460, size: 24, ink: label)
            let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400,
                                      lines: [200, 260, 320, 380].map { readLine(12, x: 120, y: $0, size: 24) })
            let engine = PatchRecognizer("【区域】", confidence: 90)
            let out = UnreadInk.reread(page, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                       settings: OCRSettings(), recognizer: engine)
            return (engine.requests.count, out.lines.count)
        }
        #expect(reread(strokes: 125, label: 150) == (1, 5))
        #expect(reread(strokes: 30, label: 150) == (0, 4))
        #expect(reread(strokes: 30, label: 30) == (1, 5))
    }

    /// A cover read in large type (glyphs 34 px) with its English name in
    /// small type under the Chinese one, which tesseract's layout left out:
    /// the row, half a glyph tall, is read again and kept as words; noise read
    /// as Latin (short, or unsure) is not.
    @Test func aSmallEnglishLineOnACoverOfLargeTypeIsReadAgain() {
        var sheet = Sheet()
        sheet.glyphs(6, x: 100, y: 200, size: 34)
        sheet.glyphs(6, x: 100, y: 300, size: 34)
        sheet.glyphs(6, x: 100, y: 400, size: 34)
        sheet.glyphs(14, x: 100, y: 464, size: 10)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400,
                                  lines: [readLine(6, x: 100, y: 200, size: 34), readLine(6, x: 100, y: 300, size: 34),
                                          readLine(6, x: 100, y: 400, size: 34)])
        let request = OCRRequest(page: 1, image: sheet.image, languages: "chi_sim")
        let english = PatchRecognizer("Binhai", confidence: 90)
        let read = UnreadInk.reread(page, image: sheet.image, request: request, settings: OCRSettings(), recognizer: english)
        #expect(english.requests.count == 1 && read.lines.count == 3, "one word alone is not kept")
        let words = RecognizedLine(box: PixelBox(x0: 100, y0: 460, x1: 380, y1: 476), words: [
            RecognizedWord(text: "Binhai", box: PixelBox(x0: 100, y0: 460, x1: 160, y1: 476), confidence: 90),
            RecognizedWord(text: "Research", box: PixelBox(x0: 170, y0: 460, x1: 250, y1: 476), confidence: 92),
            RecognizedWord(text: "Institute", box: PixelBox(x0: 260, y0: 460, x1: 380, y1: 476), confidence: 75)])
        #expect(UnreadInk.isText(words, glyph: 34, minConfidence: 0.5))
        var unsure = words
        unsure.words[1].confidence = 40
        unsure.words[2].confidence = 40
        #expect(!UnreadInk.isText(unsure, glyph: 34, minConfidence: 0.5))
        let noise = RecognizedLine(box: words.box, words: [RecognizedWord(text: "IPTrrrrrrrreee", box: words.box, confidence: 80),
                                                           RecognizedWord(text: "ee", box: words.box, confidence: 90)])
        #expect(!UnreadInk.isText(noise, glyph: 34, minConfidence: 0.5))
    }

    /// A label printed light falls apart into an upper and a lower piece: one patch, one line tall.
    @Test func piecesOfOneRowAreOnePatchAndTwoRowsAreTwo() {
        var sheet = Sheet()
        sheet.fill(PixelBox(x0: 100, y0: 300, x1: 160, y1: 311), 30)
        sheet.fill(PixelBox(x0: 140, y0: 312, x1: 200, y1: 324), 30)
        sheet.glyphs(3, x: 100, y: 400, size: 22)
        sheet.glyphs(3, x: 100, y: 436, size: 22)
        let grid = InkGrid(sheet.image, cell: 6, covered: [])
        let patches = UnreadInk.patches(grid, glyph: 24, width: 994, height: 1394)
        #expect(patches.count == 3)
        #expect(patches.first.map { $0.y0 <= 300 && $0.y1 >= 324 && $0.x0 <= 100 && $0.x1 >= 200 } == true)
    }
}

/// Dot leaders are painted out before a page is read; glyphs and a text's own
/// ellipsis are left as they are.
@Suite struct LeaderErasingTests {
    @Test func aLeaderGoesAndTextAndAnEllipsisStay() {
        var sheet = Sheet()
        sheet.glyphs(5, x: 100, y: 300, size: 24)
        for i in 0..<20 { sheet.fill(PixelBox(x0: 250 + 9 * i, y0: 320, x1: 253 + 9 * i, y1: 323), 30) }   // ……… 7
        for i in 0..<6 { sheet.fill(PixelBox(x0: 100 + 9 * i, y0: 420, x1: 103 + 9 * i, y1: 423), 30) }    // ……
        let (erased, leaders) = sheet.image.erasingLeaders()
        #expect(leaders == 1)
        #expect(erased.pixels[321 * 1000 + 251] == 255 && erased.pixels[321 * 1000 + 251 + 9 * 19] == 255)
        #expect(erased.pixels[421 * 1000 + 101] == 30)
        let glyphs = (300..<324).flatMap { y in (100..<124).map { y * 1000 + $0 } }
        #expect(glyphs.allSatisfy { erased.pixels[$0] == sheet.pixels[$0] })
        // The dots of a line of text (circles of %, drops of 氵, commas) lie unevenly: they stay.
        var text = Sheet()
        var x = 100
        for gap in [5, 9, 4, 8, 6, 11, 5, 9, 7, 4, 10, 6] {
            text.fill(PixelBox(x0: x, y0: 600, x1: x + 3, y1: 603), 30)
            x += gap
        }
        #expect(text.image.erasingLeaders().leaders == 0)
        // A thin diagonal stroke drawn as single pixels: evenly spaced, but climbing and touching.
        var stroke = Sheet()
        for i in 0..<14 { stroke.fill(PixelBox(x0: 300 + i, y0: 700 - 2 * i, x1: 301 + i, y1: 701 - 2 * i), 30) }
        #expect(stroke.image.erasingLeaders().leaders == 0)
        let none = Sheet().image
        #expect(none.erasingLeaders().leaders == 0 && none.erasingLeaders().image == none)
    }

    /// A scanned leader is faint and loses dots: its dots, lighter than the
    /// darkest ink level and with every fifth one gone, are still one leader.
    @Test func aFaintLeaderThatLostDotsGoes() {
        var sheet = Sheet()
        sheet.glyphs(5, x: 100, y: 300, size: 24)
        for i in 0..<30 where i % 5 != 4 { sheet.fill(PixelBox(x0: 250 + 8 * i, y0: 320, x1: 252 + 8 * i, y1: 322), 150) }
        let (erased, leaders) = sheet.image.erasingLeaders()
        #expect(leaders == 1)
        #expect(erased.pixels[320 * 1000 + 250] == 255 && erased.pixels[320 * 1000 + 250 + 8 * 28] == 255)
    }

    /// A faint glyph row falls apart into even pieces too, but with the rest of
    /// its glyphs above and below them: it stays.
    @Test func evenPiecesOfGlyphsStay() {
        var sheet = Sheet()
        for i in 0..<12 {
            sheet.fill(PixelBox(x0: 250 + 8 * i, y0: 320, x1: 252 + 8 * i, y1: 322), 150)
            sheet.fill(PixelBox(x0: 250 + 8 * i, y0: 310, x1: 256 + 8 * i, y1: 317), 60)   // the strokes around
            sheet.fill(PixelBox(x0: 250 + 8 * i, y0: 325, x1: 256 + 8 * i, y1: 331), 60)
        }
        let (erased, leaders) = sheet.image.erasingLeaders()
        #expect(leaders == 0)
        #expect(erased.pixels == sheet.pixels)
    }
}

/// A line tesseract read across the gutter of contents in two columns is parted
/// where the right column's lines start; a line below that column is not.
@Suite struct ColumnStartsTests {
    @Test func aLineAcrossTheGutterIsPartedAtTheColumnsEdge() {
        var lines = [0, 1, 3, 4].flatMap { row in
            [readLine(8, x: 100, y: 200 + 40 * row, size: 24), readLine(8, x: 600, y: 200 + 40 * row, size: 24)]
        }
        let across = RecognizedLine(box: PixelBox(x0: 100, y0: 280, x1: 830, y1: 304), words: [
            readLine(8, x: 100, y: 280, size: 24).words, readLine(8, x: 603, y: 280, size: 24).words].flatMap { $0 })
        lines.insert(across, at: 4)
        let below = RecognizedLine(box: PixelBox(x0: 100, y0: 600, x1: 830, y1: 624), words: [
            readLine(8, x: 100, y: 600, size: 24).words, readLine(8, x: 603, y: 600, size: 24).words].flatMap { $0 })
        lines.append(below)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: lines)
        let out = ColumnStarts.splitting(page)
        #expect(out.lines.count == lines.count + 1)
        #expect(out.lines[4].box.x1 < 600 && out.lines[5].box.x0 == 603 && out.lines[5].words.count == 8)
        #expect(out.lines.last == below)
    }

    /// The column's last entry, which tesseract read with the left entry beside
    /// it (v10701: `…落实自贸【江苏】…`), starts no line at the edge, so it lies
    /// a row past the column's band: it is parted there at a gutter's gap, and
    /// not at a gap between two words of one line.
    @Test func aLineJustPastTheColumnIsPartedOnlyAtAGuttersGap() {
        let column = [0, 1, 2, 3].flatMap { row in
            [readLine(8, x: 100, y: 200 + 40 * row, size: 24), readLine(8, x: 600, y: 200 + 40 * row, size: 24)]
        }
        func last(leftCount: Int) -> RecognizedLine {
            let words = readLine(leftCount, x: 100, y: 360, size: 24).words + readLine(8, x: 603, y: 360, size: 24).words
            return RecognizedLine(box: PixelBox(x0: 100, y0: 360, x1: 827, y1: 384), words: words)
        }
        let wide = ColumnStarts.splitting(RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: column + [last(leftCount: 8)]))
        #expect(wide.lines.count == column.count + 2)
        #expect(wide.lines.last?.box.x0 == 603 && wide.lines.last?.words.count == 8)
        // 31 px (1.3 glyphs) between the last left word and the edge: one line's words.
        let tight = ColumnStarts.splitting(RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: column + [last(leftCount: 17)]))
        #expect(tight.lines.count == column.count + 1)
    }
}

/// An engine that reads every crop as `rows` lines of `text`, spread down the crop.
private final class BlockRecognizer: PageRecognizer {
    let text: String, confidence: Double, rows: Int
    var requests: [OCRRequest] = []
    init(_ text: String, confidence: Double, rows: Int) { (self.text, self.confidence, self.rows) = (text, confidence, rows) }
    func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        requests.append(request)
        let step = request.image.height / rows
        let lines = (0..<rows).map { row in
            let box = PixelBox(x0: 4, y0: row * step + step / 4, x1: request.image.width - 4, y1: row * step + 3 * step / 4)
            return RecognizedLine(box: box, words: [RecognizedWord(text: text, box: box, confidence: confidence)])
        }
        return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: lines)
    }
}

/// An engine that reads every crop as rows across two columns, `left` and
/// `right`, each row and column where the given shares of the crop put it.
private final class TwoColumnRecognizer: PageRecognizer {
    let left: String, right: String, rows: [ClosedRange<Double>], columns: [ClosedRange<Double>]
    init(left: String, right: String, rows: [ClosedRange<Double>], columns: [ClosedRange<Double>]) {
        (self.left, self.right, self.rows, self.columns) = (left, right, rows, columns)
    }
    func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        let w = Double(request.image.width), h = Double(request.image.height)
        let lines = rows.map { row in
            let words = zip([left, right], columns).map { text, column in
                RecognizedWord(text: text, box: PixelBox(x0: Int(column.lowerBound * w), y0: Int(row.lowerBound * h),
                                                         x1: Int(column.upperBound * w), y1: Int(row.upperBound * h)), confidence: 80)
            }
            return RecognizedLine(box: PixelBox(x0: words[0].box.x0, y0: words[0].box.y0, x1: words[1].box.x1, y1: words[1].box.y1), words: words)
        }
        return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: lines)
    }
}

@Suite struct UnreadBlocksTests {
    /// A framed staff box in two columns of small type: the page read two
    /// rows of its left column well, the other two as garble, and nothing of
    /// its right column. Read as one block (the frame holds it together),
    /// each row comes back across both columns (`主办：天津…研究院电话：022-…`,
    /// v10506): parted at the gap, the right column's four rows join the
    /// page, the garbled rows give way, and the rows read well stay as read.
    @Test func aBoxOfTwoColumnsReadAsOneBlockIsPartedAtItsGap() throws {
        var sheet = Sheet()
        let body = [150, 200, 250, 300, 1000, 1050, 1100]
        for y in body { sheet.glyphs(12, x: 300, y: y, size: 24) }
        for y in [500, 530, 560, 590] {
            sheet.glyphs(10, x: 120, y: y, size: 12)
            sheet.glyphs(10, x: 560, y: y, size: 12)
        }
        for edge in [PixelBox(x0: 100, y0: 485, x1: 740, y1: 487), PixelBox(x0: 100, y0: 614, x1: 740, y1: 616),
                     PixelBox(x0: 100, y0: 485, x1: 102, y1: 616), PixelBox(x0: 738, y0: 485, x1: 740, y1: 616)] { sheet.fill(edge, 30) }
        func row(_ y: Int, _ text: String, _ confidence: Double) -> RecognizedLine {
            let box = PixelBox(x0: 120, y0: y, x1: 276, y1: y + 12)
            return RecognizedLine(box: box, words: [RecognizedWord(text: text, box: box, confidence: confidence)])
        }
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: body.prefix(4).map { readLine(12, x: 300, y: $0, size: 24) }
            + [row(500, "主办：天津", 92), row(530, "主办：天津", 92), row(560, "大达图书", 30), row(590, "大达图书", 30)]
            + body.suffix(3).map { readLine(12, x: 300, y: $0, size: 24) })
        // Where the rows and columns fall in the crop (the frame padded by half a glyph).
        let engine = TwoColumnRecognizer(left: "泰达图书", right: "电话：022",
                                         rows: [0.17...0.25, 0.37...0.45, 0.56...0.64, 0.75...0.83], columns: [0.05...0.28, 0.71...0.95])
        let out = UnreadBlocks.reread(page, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                      settings: OCRSettings(), recognizer: engine)
        let right = out.lines.filter { $0.words.map(\.text) == ["电话：022"] }
        #expect(right.count == 4 && right.allSatisfy { $0.box.x0 >= 450 }, "\(out.lines.map { ($0.words.map(\.text), $0.box) })")
        #expect(out.lines.filter { $0.words.map(\.text) == ["主办：天津"] }.count == 2)
        #expect(out.lines.filter { $0.words.map(\.text) == ["泰达图书"] }.count == 2 && !out.lines.contains { $0.words.first?.text == "大达图书" })
    }

    /// A staff box of small type set just above a scan's dark border (a band
    /// of ink along the page's bottom edge, less than a glyph below it) is a
    /// block; the border is none, and does not take the box with it.
    @Test func aBlockJustAboveADarkBorderIsStillABlock() {
        var sheet = Sheet()
        for y in [1200, 1230, 1260, 1290] { sheet.glyphs(10, x: 100, y: y, size: 20) }
        sheet.fill(PixelBox(x0: 0, y0: 1330, x1: 1000, y1: 1400), 10)   // the border, 20 px below the box
        let grid = InkGrid(sheet.image, cell: 6, covered: [], darkerThan: UnreadBlocks.inkLevel)
        let blocks = UnreadBlocks.blocks(grid, glyph: 24, width: 994, height: 1394)
        #expect(blocks.count == 1)
        #expect(blocks.first.map { $0.y0 <= 1200 && $0.y1 >= 1310 && $0.y1 < 1330 && $0.x0 <= 100 && $0.x1 >= 330 } == true)
    }

    /// Body lines read well above and below a shaded panel of small grey type
    /// (a cover's staff box) that tesseract read as one garbled line, and a photograph.
    static func page() -> (GrayImage, RecognizedPage) {
        var sheet = Sheet()
        for y in [200, 300, 1000] { sheet.glyphs(12, x: 300, y: y, size: 24) }
        sheet.fill(PixelBox(x0: 80, y0: 480, x1: 920, y1: 720), 205)
        for y in [520, 540, 560, 580] { sheet.glyphs(20, x: 120, y: y, size: 12, ink: 120) }
        sheet.fill(PixelBox(x0: 700, y0: 1150, x1: 820, y1: 1270), 20)   // a photograph
        let garbled = RecognizedLine(box: PixelBox(x0: 120, y0: 560, x1: 400, y1: 572),
                                     words: [RecognizedWord(text: "篇名：宁伟", box: PixelBox(x0: 120, y0: 560, x1: 400, y1: 572), confidence: 25)])
        let lines = [readLine(12, x: 300, y: 200, size: 24), readLine(12, x: 300, y: 300, size: 24), garbled,
                     readLine(12, x: 300, y: 1000, size: 24)]
        return (sheet.image, RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: lines))
    }

    @Test func aPanelOfSmallGreyTypeIsReadAgainAsOneBlockInPlaceOfItsGarbledLine() throws {
        let (image, page) = Self.page()
        let engine = BlockRecognizer("编辑：宋佳", confidence: 80, rows: 4)
        let out = UnreadBlocks.reread(page, image: image, request: OCRRequest(page: 1, image: image, languages: "chi_sim"),
                                      settings: OCRSettings(), recognizer: engine)
        // One crop, read as one block, scaled up (its rows are 12 px, not the page's 24).
        #expect(engine.requests.count == 1)
        let request = try #require(engine.requests.first)
        #expect(request.pageSegMode == 6 && request.deskew == false)
        #expect(request.image.height >= 2 * (592 - 520))
        // The garbled line gives way to the block's four, between the body lines above and below.
        #expect(out.lines.count == 3 + 4)
        #expect(!out.lines.contains { $0.words.first?.text == "篇名：宁伟" })
        #expect(out.lines.map(\.box.y0) == out.lines.map(\.box.y0).sorted())
        try #require(out.lines.count == 7)
        #expect(out.lines[2...5].allSatisfy { $0.words.first?.text == "编辑：宋佳" && $0.box.y0 >= 480 && $0.box.y1 <= 720 })
    }

    /// A staff box set a little smaller than the page's type (rows of 22 px
    /// against glyphs of 24: 7.5 pt under 8 pt contents rows), which the page
    /// read as one garbled line, is read whole as one block, not in bands
    /// between the lines the page read (`ocr.unreadBlockSmallShare` 0.95).
    @Test func aBoxOfTypeALittleSmallerThanThePagesIsReadWhole() throws {
        var sheet = Sheet()
        for y in [200, 300, 1000] { sheet.glyphs(12, x: 300, y: y, size: 24) }
        for y in [500, 530, 560, 590] { sheet.glyphs(10, x: 120, y: y, size: 22) }
        let garbled = RecognizedLine(box: PixelBox(x0: 120, y0: 560, x1: 380, y1: 582),
                                     words: [RecognizedWord(text: "主少：天洪", box: PixelBox(x0: 120, y0: 560, x1: 380, y1: 582), confidence: 30)])
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [readLine(12, x: 300, y: 200, size: 24),
                                  readLine(12, x: 300, y: 300, size: 24), garbled, readLine(12, x: 300, y: 1000, size: 24)])
        let image = sheet.image
        let engine = BlockRecognizer("主办：天津", confidence: 80, rows: 4)
        let out = UnreadBlocks.reread(page, image: image, request: OCRRequest(page: 1, image: image, languages: "chi_sim"),
                                      settings: OCRSettings(), recognizer: engine)
        let request = try #require(engine.requests.first)
        #expect(request.pageSegMode == 6 && request.image.height >= 612 - 500)
        #expect(out.lines.filter { $0.words.first?.text == "主办：天津" }.count == 4 && !out.lines.contains { $0 == garbled })
        // Read as page-sized type instead, it went in bands: none holds the whole box.
        var bands = OCRSettings()
        bands.unreadBlockSmallShare = 0.75
        let banded = BlockRecognizer("主办：天津", confidence: 80, rows: 4)
        _ = UnreadBlocks.reread(page, image: image, request: OCRRequest(page: 1, image: image, languages: "chi_sim"),
                                settings: bands, recognizer: banded)
        #expect(banded.requests.allSatisfy { $0.image.height < 612 - 500 })
    }

    /// The page read at 200 dpi from a 300 dpi scan: the panel is cut from the
    /// scan (a finer crop, scaled up less), and its lines come back in the panel.
    @Test func aPanelOfAFinerScanIsCutFromTheScan() throws {
        let (image, page) = Self.page()
        var fine = GrayImage(width: 1500, height: 2100, pixels: [UInt8](repeating: 250, count: 1500 * 2100), dpiX: 300, dpiY: 300)
        // The scan's small type is darker than the page image's (it was not scaled down): that tells the two apart.
        for y in 0..<2100 {
            for x in 0..<1500 {
                let value = image.pixels[(y * 2 / 3) * 1000 + x * 2 / 3]
                fine.pixels[y * 1500 + x] = value == 120 ? 20 : value
            }
        }
        let engine = BlockRecognizer("编辑：宋佳", confidence: 80, rows: 4)
        let out = UnreadBlocks.reread(page, image: image, fine: fine, request: OCRRequest(page: 1, image: image, languages: "chi_sim"),
                                      settings: OCRSettings(), recognizer: engine)
        let request = try #require(engine.requests.first)
        // From the 300 dpi scan: the panel's 12 px rows are 18 there, scaled up twice to 36 (target 30).
        #expect(request.image.dpiY == 600)
        #expect(request.image.pixels.min().map { $0 < 60 } == true)
        let plain = BlockRecognizer("编辑：宋佳", confidence: 80, rows: 4)
        _ = UnreadBlocks.reread(page, image: image, request: OCRRequest(page: 1, image: image, languages: "chi_sim"),
                                settings: OCRSettings(), recognizer: plain)
        #expect(plain.requests.first?.image.pixels.min().map { $0 >= 60 } == true)
        try #require(out.lines.count == 7)
        #expect(out.lines[2...5].allSatisfy { $0.words.first?.text == "编辑：宋佳" && $0.box.y0 >= 480 && $0.box.y1 <= 720 })
    }

    @Test func aLessConfidentReadingOrNoneLeavesThePageAsItWas() {
        let (image, page) = Self.page()
        let request = OCRRequest(page: 1, image: image, languages: "chi_sim")
        let doubtful = BlockRecognizer("编辑：宋佳", confidence: 20, rows: 4)
        #expect(UnreadBlocks.reread(page, image: image, request: request, settings: OCRSettings(), recognizer: doubtful) == page)
        var off = OCRSettings()
        off.unreadBlockMaxBlocks = 0
        let engine = BlockRecognizer("编辑：宋佳", confidence: 80, rows: 4)
        #expect(UnreadBlocks.reread(page, image: image, request: request, settings: off, recognizer: engine) == page)
        #expect(engine.requests.isEmpty)
    }

    /// A line the page read with confidence, inside the panel, is neither read
    /// again nor moved: the block's reading of it is dropped.
    @Test func aConfidentLineInThePanelStaysAsRead() throws {
        let (image, read) = Self.page()
        var page = read
        // The start of the panel's third row read well this time (the rest of the row, a second column, not at all).
        let fax = RecognizedLine(box: PixelBox(x0: 120, y0: 560, x1: 200, y1: 572),
                                 words: [RecognizedWord(text: "传真022", box: PixelBox(x0: 120, y0: 560, x1: 200, y1: 572), confidence: 75)])
        page.lines[2] = fax
        let engine = BlockRecognizer("编辑：宋佳", confidence: 90, rows: 4)
        let out = UnreadBlocks.reread(page, image: image, request: OCRRequest(page: 1, image: image, languages: "chi_sim"),
                                      settings: OCRSettings(), recognizer: engine)
        try #require(engine.requests.count == 1)
        #expect(out.lines.filter { $0 == fax }.count == 1)
        #expect(!out.lines.contains { $0.words.first?.text == "编辑：宋佳" && SmallTextReread.readAgain(fax.box, by: $0.box) })
        #expect(out.lines.map(\.box.y0) == out.lines.map(\.box.y0).sorted())
    }

    /// A new reading of the left half of a weak line does not take the whole line's place.
    @Test func halfALineReadAgainDoesNotReplaceTheWholeLine() {
        let wide = PixelBox(x0: 120, y0: 560, x1: 400, y1: 572)
        #expect(UnreadBlocks.readsOnlyPart(of: wide, PixelBox(x0: 120, y0: 559, x1: 260, y1: 573)))
        #expect(!UnreadBlocks.readsOnlyPart(of: wide, PixelBox(x0: 118, y0: 559, x1: 390, y1: 573)))
        // A line on another row is no reading of it at all.
        #expect(!UnreadBlocks.readsOnlyPart(of: wide, PixelBox(x0: 120, y0: 600, x1: 260, y1: 612)))
    }

    /// Two body lines tesseract read with little confidence are left as read:
    /// text of the page's own size comes out no better read again.
    @Test func weakLinesOfTheBodysSizeAreNotReadAgain() {
        var sheet = Sheet()
        for y in [200, 240, 280, 320, 700] { sheet.glyphs(12, x: 300, y: y, size: 24) }
        var lines = [200, 240, 280, 320, 700].map { readLine(12, x: 300, y: $0, size: 24) }
        for index in [1, 2] { lines[index].words = lines[index].words.map { RecognizedWord(text: $0.text, box: $0.box, confidence: 40) } }
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: lines)
        let engine = BlockRecognizer("字", confidence: 99, rows: 2)
        #expect(UnreadBlocks.reread(page, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                    settings: OCRSettings(), recognizer: engine) == page)
        #expect(engine.requests.isEmpty)
    }

    /// A page's last three lines of body text that tesseract's layout left out
    /// altogether (under uneven light) are read as one block at the page's
    /// own scale, and join the page after the lines above them.
    @Test func bodyLinesThePageReadNothingOfAreReadAsABlock() throws {
        var sheet = Sheet()
        let rows = [200, 240, 280, 320, 1000, 1040, 1080]
        for y in rows { sheet.glyphs(12, x: 300, y: y, size: 24) }
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: rows.prefix(4).map { readLine(12, x: 300, y: $0, size: 24) })
        let engine = BlockRecognizer("字", confidence: 90, rows: 3)
        let out = UnreadBlocks.reread(page, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                      settings: OCRSettings(), recognizer: engine)
        let request = try #require(engine.requests.first)
        #expect(engine.requests.count == 1)
        // Not scaled up: the block's rows are the page's own glyphs.
        #expect(request.image.height < 2 * (1104 - 1000))
        #expect(out.lines.count == 7)
        #expect(out.lines.suffix(3).allSatisfy { $0.box.y0 >= 990 && $0.box.y1 <= 1114 })
        // Where the page read those lines, weakly and wider than the ink left
        // uncovered, the block is no text the page missed: left as read.
        var weak = page
        weak.lines += [1000, 1040, 1080].map { y in
            RecognizedLine(box: PixelBox(x0: 20, y0: y, x1: 990, y1: y + 24),
                           words: [RecognizedWord(text: "字字", box: PixelBox(x0: 20, y0: y, x1: 990, y1: y + 24), confidence: 40)])
        }
        let again = BlockRecognizer("字", confidence: 90, rows: 3)
        #expect(UnreadBlocks.reread(weak, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                    settings: OCRSettings(), recognizer: again) == weak)
        #expect(again.requests.isEmpty)
        // Where the page read the rows' left parts, their right parts are
        // `UnreadInk`'s, line by line, not one block's.
        var halves = page
        halves.lines += [1000, 1040, 1080].map { readLine(4, x: 150, y: $0, size: 24) }
        let beside = BlockRecognizer("字", confidence: 90, rows: 3)
        #expect(UnreadBlocks.reread(halves, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                    settings: OCRSettings(), recognizer: beside) == halves)
        #expect(beside.requests.isEmpty)
    }

    /// A framed staff box whose first two rows tesseract read and whose last
    /// three it left out: the frame makes the box one patch of ink on the rows
    /// read, so the rows left out are read as a block of their own (v1407's
    /// 主办, 电话 and 传真), and the rows read stay as they were.
    @Test func theRowsOfAFramedBoxThePageLeftOutAreReadAsABlock() throws {
        var sheet = Sheet()
        for y in [200, 300, 1000] { sheet.glyphs(12, x: 300, y: y, size: 24) }
        for edge in [PixelBox(x0: 80, y0: 480, x1: 920, y1: 482), PixelBox(x0: 80, y0: 758, x1: 920, y1: 760),
                     PixelBox(x0: 80, y0: 480, x1: 82, y1: 760), PixelBox(x0: 918, y0: 480, x1: 920, y1: 760)] { sheet.fill(edge, 60) }
        for y in [520, 560, 600, 640, 680] { sheet.glyphs(12, x: 120, y: y, size: 24) }
        let read = [readLine(12, x: 300, y: 200, size: 24), readLine(12, x: 300, y: 300, size: 24),
                    readLine(12, x: 120, y: 520, size: 24), readLine(12, x: 120, y: 560, size: 24),
                    readLine(12, x: 300, y: 1000, size: 24)]
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: read)
        let covered = read.map { $0.box.padded(by: 9) }
        #expect(UnreadBlocks.unreadBands(of: PixelBox(x0: 80, y0: 480, x1: 920, y1: 760), read: covered, glyph: 24)
                == [PixelBox(x0: 80, y0: 593, x1: 920, y1: 760)])
        // Rows read nothing of but shorter than two lines are `UnreadInk`'s, line by line.
        #expect(UnreadBlocks.unreadBands(of: PixelBox(x0: 80, y0: 480, x1: 920, y1: 760),
                                         read: [PixelBox(x0: 80, y0: 480, x1: 920, y1: 730)], glyph: 24).isEmpty)
        let engine = BlockRecognizer("电话：022", confidence: 90, rows: 3)
        let out = UnreadBlocks.reread(page, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                      settings: OCRSettings(), recognizer: engine)
        let request = try #require(engine.requests.first)
        #expect(engine.requests.count == 1)
        // The band under the rows read, not the whole box.
        #expect(request.image.height < 760 - 480)
        #expect(out.lines.filter { read.contains($0) }.count == read.count)
        let added = out.lines.filter { $0.words.first?.text == "电话：022" }
        #expect(added.count == 3 && added.allSatisfy { $0.box.y0 >= 593 && $0.box.y1 <= 770 })
        #expect(out.lines.map(\.box.y0) == out.lines.map(\.box.y0).sorted())
    }

    /// Black ink at mid-grey's threshold is missed; the panel is found only from
    /// what no confident line covers: a page read well has no block to read again.
    @Test func aPageReadWellHasNoBlock() {
        var sheet = Sheet()
        for y in stride(from: 200, to: 800, by: 40) { sheet.glyphs(12, x: 300, y: y, size: 24) }
        let lines = stride(from: 200, to: 800, by: 40).map { readLine(12, x: 300, y: $0, size: 24) }
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: lines)
        let engine = BlockRecognizer("字", confidence: 99, rows: 2)
        #expect(UnreadBlocks.reread(page, image: sheet.image, request: OCRRequest(page: 1, image: sheet.image, languages: "chi_sim"),
                                    settings: OCRSettings(), recognizer: engine) == page)
        #expect(engine.requests.isEmpty)
    }
}

/// An engine that reads the rows given with tesseract's default threshold, and
/// every row with Sauvola's (`thresholding_method` 2).
private final class ThresholdRecognizer: PageRecognizer {
    let rows: [Int], otsuRows: Set<Int>, localRows: Set<Int>
    var requests: [OCRRequest] = []
    init(rows: [Int], otsu: Set<Int>, local: Set<Int>) { (self.rows, otsuRows, localRows) = (rows, otsu, local) }
    func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        requests.append(request)
        let read = request.variables["thresholding_method"] == "2" ? localRows : otsuRows
        return RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: rows.filter(read.contains).map { readLine(12, x: 300, y: $0, size: 24) })
    }
}

@Suite struct UnreadShareTests {
    static let rows = Array(stride(from: 200, to: 1000, by: 40))

    /// Twenty lines of glyphs; `dim`: the lower half's paper and ink at 45%
    /// of their level (uneven light: no one threshold parts it from the paper).
    static func page(dim: Bool = true) -> GrayImage {
        var sheet = Sheet()
        for y in rows { sheet.glyphs(12, x: 300, y: y, size: 24) }
        if dim { for index in (600 * sheet.width)..<sheet.pixels.count { sheet.pixels[index] = UInt8(Double(sheet.pixels[index]) * 0.45) } }
        return sheet.image
    }

    /// Under uneven light Otsu's one threshold lost the lower half of a page:
    /// half its ink unread, it is read again with Sauvola's, which reads it all.
    /// Under even light the same reading is not read again (the ink unread is a
    /// picture's or a scan's border, which no threshold reads).
    @Test func aPageWithHalfItsInkUnreadIsReadAgainWithALocalThreshold() throws {
        let even = Self.page(dim: false)
        #expect(UnreadShare.thresholdMiss(even, flattened: even.normalizingBackground()) < 0.1)
        let unlit = ThresholdRecognizer(rows: Self.rows, otsu: Set(Self.rows.prefix(10)), local: Set(Self.rows))
        let evenRequest = OCRRequest(page: 1, image: even, languages: "chi_sim")
        #expect(UnreadShare.rereadLocally(try unlit.recognize(evenRequest), image: even, flattened: even.normalizingBackground(),
                                          request: evenRequest, settings: OCRSettings(), recognizer: unlit) == nil)
        #expect(unlit.requests.count == 1)
        let image = Self.page()
        #expect(UnreadShare.thresholdMiss(image, flattened: image.normalizingBackground()) > UnreadShare.unevenLightMiss)
        let engine = ThresholdRecognizer(rows: Self.rows, otsu: Set(Self.rows.prefix(10)), local: Set(Self.rows))
        let request = OCRRequest(page: 1, image: image, languages: "chi_sim")
        let first = try engine.recognize(request)
        let flat = image.normalizingBackground()
        let share = try #require(UnreadShare.of(first, flattened: flat, glyph: 24))
        #expect(share > 0.45)
        let local = UnreadShare.rereadLocally(first, image: image, flattened: flat, request: request, settings: OCRSettings(), recognizer: engine)
        #expect(local?.lines.count == Self.rows.count)
        #expect(engine.requests.last?.variables["thresholding_method"] == "2")
        // Turned off, it is not read again.
        var off = OCRSettings()
        off.localThresholdUnreadShare = 0
        #expect(UnreadShare.rereadLocally(first, image: image, flattened: flat, request: request, settings: off, recognizer: engine) == nil)
    }

    /// What the first reading read and the local one lost (a cover's
    /// `（总第294期）` under its label) is put back in reading order; a line both
    /// read is the local reading's alone; a word read from noise over half the
    /// page reads nothing again.
    @Test func aLineOnlyTheFirstReadingReadIsKept() {
        let first = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [200, 240, 280].map { readLine(12, x: 300, y: $0, size: 24) })
        var noise = readLine(1, x: 100, y: 150, size: 24)
        noise.words[0] = RecognizedWord(text: "Eee", box: PixelBox(x0: 100, y0: 150, x1: 900, y1: 320), confidence: 20)
        noise.box = noise.words[0].box
        let local = RecognizedPage(imageWidth: 1000, imageHeight: 1400,
                                   lines: [noise, readLine(12, x: 300, y: 200, size: 24), readLine(12, x: 300, y: 280, size: 24)])
        let merged = UnreadShare.keepingLinesOnlyFirstRead(first, in: local)
        #expect(merged.lines.map(\.box.y0) == [150, 200, 240, 280])
        #expect(merged.lines.filter { $0.box.y0 == 240 } == [first.lines[1]])
    }

    /// A page read whole is not read again; a reading that leaves more than
    /// half as much ink unread (a picture unread either way) is not taken.
    @Test func aPageReadWellOrNoBetterLocallyKeepsItsReading() throws {
        let image = Self.page()
        let flat = image.normalizingBackground()
        let request = OCRRequest(page: 1, image: image, languages: "chi_sim")
        let whole = ThresholdRecognizer(rows: Self.rows, otsu: Set(Self.rows), local: Set(Self.rows))
        #expect(UnreadShare.rereadLocally(try whole.recognize(request), image: image, flattened: flat, request: request,
                                          settings: OCRSettings(), recognizer: whole) == nil)
        #expect(whole.requests.count == 1)
        let little = ThresholdRecognizer(rows: Self.rows, otsu: Set(Self.rows.prefix(8)), local: Set(Self.rows.prefix(12)))
        #expect(UnreadShare.rereadLocally(try little.recognize(request), image: image, flattened: flat, request: request,
                                          settings: OCRSettings(), recognizer: little) == nil)
        #expect(little.requests.count == 2)
    }
}

/// A contents list's column of bullets read as one line down the page, with a
/// section label beside its foot (v10809 broken: `【四川】rr > > > > >了7.`):
/// the column's words are left out and the rest parted into rows, so the label
/// stands at its own row, not at the column's top.
@Suite struct StackedRowsTests {
    func word(_ text: String, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ confidence: Double = 90) -> RecognizedWord {
        RecognizedWord(text: text, box: PixelBox(x0: x0, y0: y0, x1: x1, y1: y1), confidence: confidence)
    }

    @Test func aColumnReadAsOneLineIsPartedIntoRows() throws {
        let words = [word("【四", 160, 1164, 208, 1181), word("川", 189, 1164, 203, 1181), word("】", 203, 1164, 208, 1181),
                     word("rr", 225, 906, 239, 1178, 20)]
            + [1047, 1017, 986, 958, 931].map { word(">", 225, $0, 247, $0 + 14, 60) }
            + [word("了", 225, 906, 247, 920, 40), word("7.", 250, 1081, 264, 1092)]
        let line = RecognizedLine(box: PixelBox(x0: 160, y0: 906, x1: 264, y1: 1181), words: words)
        let rows = try #require(StackedRows.rows(of: line))
        #expect(rows.map { $0.words.map(\.text).joined() } == ["7.", "【四川】"])
        #expect(rows[1].box.y0 == 1164)
        // A line whose words stand side by side, one of them tall, is left whole.
        let row = RecognizedLine(box: PixelBox(x0: 100, y0: 300, x1: 400, y1: 330), words: [
            word("多地", 100, 302, 160, 328), word("出台", 165, 300, 225, 330), word("措施", 230, 302, 290, 328)])
        #expect(StackedRows.rows(of: row) == nil)
        // A glyph tesseract cut in two, its top and its bottom each read `台` (v10412): no column.
        let halves = RecognizedLine(box: PixelBox(x0: 522, y0: 770, x1: 656, y1: 818), words: [
            word("商", 522, 789, 542, 818), word("务", 556, 789, 571, 817), word("区", 582, 789, 601, 815),
            word("出", 611, 788, 627, 815), word("台", 637, 803, 655, 816), word("台", 633, 770, 656, 802)])
        #expect(StackedRows.rows(of: halves) == nil)
    }
}
