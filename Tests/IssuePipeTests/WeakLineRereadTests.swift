import Foundation
import Testing
@testable import IssuePipe

/// An engine that answers every one-line request with a reading made from the
/// crop it was given, and keeps the requests.
private final class LineRecognizer: PageRecognizer {
    let reading: (OCRRequest) -> [RecognizedLine]
    var requests: [OCRRequest] = []
    init(_ reading: @escaping (OCRRequest) -> [RecognizedLine]) { self.reading = reading }
    func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        requests.append(request)
        return RecognizedPage(imageWidth: request.image.width, imageHeight: request.image.height, lines: reading(request))
    }
}

@Suite struct WeakLineRereadTests {
    let image = GrayImage(width: 1000, height: 1400, pixels: [UInt8](repeating: 255, count: 1_400_000), dpiX: 200, dpiY: 200)
    var request: OCRRequest { OCRRequest(page: 1, image: image, languages: "chi_sim", deskew: true) }
    /// Lines read at the page's scale only (these tests' 30 px lines would be read enlarged too).
    let pageScale = { var settings = OCRSettings(); settings.weakLineEnlargeBelowPixels = 0; return settings }()

    @Test func aWeakLineIsReadAloneAndReplacedByTheMoreConfidentReading() {
        let strong = hanLine("正文一行字", x: 100, y: 100, confidence: 92)
        // Tesseract ran the line into the one above: one word reaches up 40 px.
        var garbled = hanLine("给予生生人和", x: 100, y: 160, confidence: 44)
        garbled.words[3].box.y0 = 120
        garbled.box.y0 = 120
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [strong, garbled, strong])
        let engine = LineRecognizer { request in
            [hanLine("给予销售价格", x: 15, y: 9, confidence: 92)]
        }
        let (out, replaced) = WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: engine)
        // One line read, as one line (PSM 7) and raw (13), cut along the band of its words
        // in its row (160–190, 9 px margin; not the word reaching up).
        #expect(engine.requests.map(\.pageSegMode) == [7, 13])
        let cut = engine.requests[0]
        #expect(cut.deskew == false && engine.requests[1].image == cut.image)
        #expect(cut.image.height == 48 && cut.image.width == 6 * 32 + 30)
        #expect(out.lines.map { $0.words.map(\.text).joined() } == ["正文一行字", "给予销售价格", "正文一行字"] && replaced == 1)
        // Back in the page's pixels, where the line was.
        #expect(out.lines[1].box.x0 == 100 && out.lines[1].box.y0 == 160)
    }

    /// Tesseract ran a cover's title and the subtitle under it into one line
    /// read as nonsense (`改周司决策观守`, its box down over the subtitle's row,
    /// v12704). Read again it gives the title; the row under it, which no
    /// other line covers, is read as a line of its own and follows the title.
    @Test func theRowAWeakLinesNewReadingLeftOutIsReadAsALineOfItsOwn() {
        var merged = hanLine("改周司决策观守", x: 100, y: 200, height: 60, pitch: 64, confidence: 40)
        merged.box.y1 = 330
        let after = hanLine("正文一行字", x: 100, y: 400, confidence: 92)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [merged, after])
        final class Count: @unchecked Sendable { var n = 0 }
        let count = Count()
        let engine = LineRecognizer { _ in
            count.n += 1
            return count.n <= 2 ? [hanLine("双周决策观察", x: 30, y: 18, height: 60, pitch: 64, confidence: 93)]
                : [hanLine("地方工作亮点追踪", x: 30, y: 20, height: 36, pitch: 40, confidence: 91)]
        }
        let (out, replaced) = WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: engine)
        #expect(replaced == 1)
        #expect(out.lines.map { $0.words.map(\.text).joined() } == ["双周决策观察", "地方工作亮点追踪", "正文一行字"])
        #expect(out.lines[1].box.y0 >= 260 && out.lines[1].box.y1 <= 330)
        // No row is left over where the new reading spans the old line, or another line stands in it.
        let title = hanLine("双周决策观察", x: 100, y: 200, height: 60, pitch: 64, confidence: 93)
        #expect(WeakLineReread.leftOverRow(old: merged, new: title, others: []) == PixelBox(x0: 100, y0: 260, x1: 548, y1: 330))
        #expect(WeakLineReread.leftOverRow(old: title, new: title, others: []) == nil)
        #expect(WeakLineReread.leftOverRow(old: merged, new: title, others: [PixelBox(x0: 120, y0: 280, x1: 400, y1: 310)]) == nil)
    }

    /// A section label above a headline, `[河北]`, read `呵扣` at 0.33 (v12700):
    /// a line of fewer than four characters is read again when it was read
    /// this unsurely, and takes a reading of four. At 0.6 it is left as it is.
    @Test func aShortLineReadVeryUnsurelyIsReadAgain() {
        let label = hanLine("呵扣", x: 100, y: 200, confidence: 33)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [label])
        let engine = LineRecognizer { _ in [hanLine("[河北]", x: 15, y: 9, confidence: 90)] }
        let (out, replaced) = WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: engine)
        #expect(replaced == 1 && out.lines.map { $0.words.map(\.text).joined() } == ["[河北]"])
        let fair = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [hanLine("呵扣", x: 100, y: 200, confidence: 60)])
        #expect(WeakLineReread.reread(fair, image: image, request: request, settings: pageScale, recognizer: engine).replaced == 0)
    }

    @Test func aReadingNotClearlyMoreConfidentOrOfPartOfTheLineIsDropped() {
        let weak = hanLine("汽车家居餐饮", x: 100, y: 300, confidence: 62)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [weak])
        let barely = LineRecognizer { _ in [hanLine("汽车家具餐饮", x: 15, y: 9, confidence: 68)] }
        #expect(WeakLineReread.reread(page, image: image, request: request, settings: OCRSettings(), recognizer: barely).page == page)
        let part = LineRecognizer { _ in [hanLine("汽车", x: 15, y: 9, confidence: 95)] }
        #expect(WeakLineReread.reread(page, image: image, request: request, settings: OCRSettings(), recognizer: part).page == page)
        // A confident line is not read again; nor anything when the setting is 0.
        let strongPage = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [hanLine("汽车家居餐饮", x: 100, y: 300, confidence: 85)])
        let any = LineRecognizer { _ in [hanLine("汽车家居餐饮", x: 15, y: 9, confidence: 99)] }
        #expect(WeakLineReread.reread(strongPage, image: image, request: request, settings: OCRSettings(), recognizer: any).page == strongPage)
        var off = OCRSettings()
        off.weakLineMaxLines = 0
        #expect(WeakLineReread.reread(page, image: image, request: request, settings: off, recognizer: any).page == page)
        #expect(any.requests.isEmpty)
    }

    /// A row of Han tesseract read as Latin letters at no confidence
    /// (`rawmsawa x`, v10702) has no Han to find its band by: it is cut along
    /// its own box and read again, as is a line the layout would drop as stray
    /// (`20240131）` at 0.35, v10714) and one in the page's margin band (a page
    /// number read `12713`, v10613). A line of digits in the text read fairly
    /// (`25%。` at 0.57) is not: alone it reads no better (`259%。`, v10703).
    @Test func aLineOfLettersAStrayLineOrAMarginLineIsReadAgainAndALineOfDigitsIsNot() {
        func line(_ text: String, x1: Int, y: Int, confidence: Double) -> RecognizedLine {
            RecognizedLine(box: PixelBox(x0: 100, y0: y, x1: x1, y1: y + 30),
                           words: [RecognizedWord(text: text, box: PixelBox(x0: 100, y0: y, x1: x1, y1: y + 30), confidence: confidence)])
        }
        var letters = line("rawmsawa", x1: 650, y: 300, confidence: 0)
        letters.words.append(RecognizedWord(text: "x", box: PixelBox(x0: 670, y0: 305, x1: 700, y1: 328), confidence: 80))
        letters.box.x1 = 700
        let lines = [line("12713", x1: 200, y: 20, confidence: 55), letters, line("25%。", x1: 180, y: 400, confidence: 57),
                     line("20240131)", x1: 250, y: 500, confidence: 35)]
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: lines)
        let reading = "业内人士认为设备更新和以旧换新既"
        let engine = LineRecognizer { request in
            let width = request.image.width
            return [hanLine(width > 400 ? reading : width > 150 ? "20240131）" : "12/13", x: 15, y: 9, confidence: 90)]
        }
        let (out, replaced) = WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: engine)
        // Three lines read again, each as a line and raw.
        #expect(engine.requests.count == 6 && replaced == 3)
        #expect(out.lines.map { $0.words.map(\.text).joined() } == ["12/13", reading, "25%。", "20240131）"])
    }

    /// A contact line `电话：022-66222942` read as `Wo` at 0.41, boxed two
    /// rows high across the whole line (v11915): two characters in a box
    /// wide enough for many are read again; a speck's box, under three of
    /// its heights wide, is not, whatever it was read as (`A`, v11902).
    @Test func aLineReadAsFarFewerCharactersThanItsBoxHoldsIsReadAgain() {
        func latin(_ text: String, x1: Int, y: Int) -> RecognizedLine {
            let box = PixelBox(x0: 300, y0: y, x1: x1, y1: y + 39)
            return RecognizedLine(box: box, words: [RecognizedWord(text: text, box: box, confidence: 41)])
        }
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [latin("Wo", x1: 440, y: 500), latin("A", x1: 360, y: 700)])
        let engine = LineRecognizer { _ in [hanLine("电话：022-66222942", x: 15, y: 9, height: 15, pitch: 8, confidence: 93)] }
        let (out, replaced) = WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: engine)
        // The line read as a line and raw; then the rows of its box the reading left out, which
        // read as the line again and are dropped.
        #expect(engine.requests.count == 4 && replaced == 1)
        #expect(out.lines.map { $0.words.map(\.text).joined() } == ["电话：022-66222942", "A"])
        // Read again as another scrap (a neighbour's character), it stays as it was.
        let scrap = LineRecognizer { _ in [hanLine("用", x: 15, y: 9, height: 15, pitch: 120, confidence: 93)] }
        #expect(WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: scrap).replaced == 0)
    }

    /// Tesseract boxed most of a cover line's words up into the line above
    /// (`印发日期：2024时遇香27人` under `（总第 294 期）`), so the band cut along
    /// its words holds most of that line too. The cut is cut again to the row
    /// of ink with the most ink, with a margin of 0.3 of its height, and the
    /// neighbour's ink inside the margin painted out. A speck beside a line
    /// leaves the cut as it was.
    @Test func aNeighboursInkInTheCutIsLeftOut() throws {
        var pixels = [UInt8](repeating: 255, count: 1000 * 1400)
        func ink(_ xs: Range<Int>, _ ys: Range<Int>) { for y in ys { for x in xs { pixels[y * 1000 + x] = 0 } } }
        for i in 0..<6 { ink((100 + 32 * i)..<(128 + 32 * i), 300..<330) }   // the line
        for i in 0..<3 { ink((100 + 32 * i)..<(128 + 32 * i), 262..<296) }   // the line above, 4 px off
        let scan = GrayImage(width: 1000, height: 1400, pixels: pixels, dpiX: 200, dpiY: 200)
        var weak = hanLine("印发日期二零", x: 100, y: 300, confidence: 45)
        for i in 1...4 { weak.words[i].box.y0 = 264 }
        weak.box.y0 = 264
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [weak])
        let engine = LineRecognizer { _ in [hanLine("印发日期二〇", x: 33, y: 9, confidence: 90)] }
        var request = request
        request.image = scan
        let (out, replaced) = WeakLineReread.reread(page, image: scan, request: request, settings: pageScale, recognizer: engine)
        let cut = try #require(engine.requests.first?.image)
        // The line's 30 rows and 9 above and below; of the line above, nothing.
        #expect(cut.height == 48)
        let inkedRows = (0..<cut.height).filter { y in (0..<cut.width).contains { cut.pixels[y * cut.width + $0] < 128 } }
        #expect(inkedRows == Array(9..<39))
        #expect(replaced == 1 && out.lines[0].box == PixelBox(x0: 100, y0: 300, x1: 290, y1: 330))

        // A speck: the band cut as before (the line's 30 rows and 9 px each side).
        var speckled = [UInt8](repeating: 255, count: 1000 * 1400)
        for i in 0..<6 { for y in 300..<330 { for x in (100 + 32 * i)..<(128 + 32 * i) { speckled[y * 1000 + x] = 0 } } }
        for y in 292..<294 { for x in 150..<152 { speckled[y * 1000 + x] = 0 } }
        let specked = GrayImage(width: 1000, height: 1400, pixels: speckled, dpiX: 200, dpiY: 200)
        let clean = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [hanLine("印发日期二零", x: 100, y: 300, confidence: 45)])
        let again = LineRecognizer { _ in [hanLine("印发日期二〇", x: 15, y: 9, confidence: 90)] }
        request.image = specked
        _ = WeakLineReread.reread(clean, image: specked, request: request, settings: pageScale, recognizer: again)
        #expect(again.requests.first?.image.height == 48 && again.requests.first?.image == specked.cropped(PixelBox(x0: 85, y0: 291, x1: 307, y1: 339)))
    }

    /// A line read well but for one word tesseract smeared over the rest of
    /// it (`人` at confidence 0 across fourteen characters, v10003) is read
    /// again although its mean confidence is high, and the whole reading kept.
    /// A wide word read with confidence, or one another word shares, is no smear.
    @Test func aLineWithASmearedWordIsReadAgainThoughItsMeanIsHigh() {
        var line = hanLine("和收益分配等基础制度仍不健全，", x: 100, y: 300, confidence: 92)
        line.words.append(RecognizedWord(text: "人", box: PixelBox(x0: 590, y0: 300, x1: 1040, y1: 330), confidence: 0))
        line.box.x1 = 1040
        #expect(SmallTextReread.meanConfidence([line]) / 100 >= OCRSettings().weakLineConfidence)
        #expect(WeakLineReread.hasSmearedWord(line))
        let page = RecognizedPage(imageWidth: 1200, imageHeight: 1400, lines: [line])
        let wide = GrayImage(width: 1200, height: 1400, pixels: [UInt8](repeating: 255, count: 1_680_000), dpiX: 200, dpiY: 200)
        var request = self.request
        request.image = wide
        let whole = "和收益分配等基础制度仍不健全，制约了数据要素价值的充分释放。"
        let engine = LineRecognizer { _ in [hanLine(whole, x: 15, y: 9, confidence: 88)] }
        let (out, replaced) = WeakLineReread.reread(page, image: wide, request: request, settings: pageScale, recognizer: engine)
        #expect(replaced == 1 && out.lines[0].words.map(\.text).joined() == whole)
        // A reading below a good line's confidence, and not clearly more confident, is dropped.
        let weakly = LineRecognizer { _ in [hanLine(whole, x: 15, y: 9, confidence: 70)] }
        #expect(WeakLineReread.reread(page, image: wide, request: request, settings: pageScale, recognizer: weakly).replaced == 0)
        // A weak line with a smeared word still takes a reading clearly more confident than it (v8807).
        var weakSmeared = line
        for i in weakSmeared.words.indices.dropLast() { weakSmeared.words[i].confidence = 62 }
        let weakPage = RecognizedPage(imageWidth: 1200, imageHeight: 1400, lines: [weakSmeared])
        #expect(WeakLineReread.reread(weakPage, image: wide, request: request, settings: pageScale, recognizer: weakly).replaced == 1)
        var confident = line
        confident.words[confident.words.count - 1].confidence = 80
        #expect(!WeakLineReread.hasSmearedWord(confident))
        var shared = line
        shared.words.append(RecognizedWord(text: "制", box: PixelBox(x0: 600, y0: 300, x1: 630, y1: 330), confidence: 90))
        #expect(!WeakLineReread.hasSmearedWord(shared))
    }

    /// A coarse line (glyphs fewer pixels high than `weakLineEnlargeBelowPixels`)
    /// is read enlarged twice as well; the more confident reading is kept, its
    /// boxes scaled back to the page's pixels. A line already large enough is
    /// read once.
    @Test func aCoarseWeakLineIsReadEnlargedTooAndTheMoreConfidentReadingKept() {
        let weak = hanLine("岁未年初各地", x: 100, y: 300, confidence: 50)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [weak])
        // The engine reads the cut at its own size weakly, enlarged confidently (boxes in the enlarged pixels).
        let engine = LineRecognizer { request in
            request.image.height > 60 ? [hanLine("岁末年初各地", x: 30, y: 18, height: 60, pitch: 64, confidence: 93)]
                                      : [hanLine("岁未年初各他", x: 15, y: 9, confidence: 70)]
        }
        var settings = OCRSettings()
        settings.weakLineEnlargeBelowPixels = 32
        let (out, replaced) = WeakLineReread.reread(page, image: image, request: request, settings: settings, recognizer: engine)
        #expect(engine.requests.map(\.image.height) == [48, 48, 96, 96])
        #expect(engine.requests[2].image.width == 2 * engine.requests[0].image.width)
        #expect(replaced == 1 && out.lines[0].words.map(\.text).joined() == "岁末年初各地")
        #expect(out.lines[0].box == PixelBox(x0: 100, y0: 300, x1: 290, y1: 330))
        // At its own size the more confident reading is kept; a line 30 px high is not coarse below 30.
        let atOwnSize = LineRecognizer { request in
            [hanLine("岁末年初各地", x: request.image.height > 60 ? 30 : 15, y: 9, confidence: request.image.height > 60 ? 70 : 90)]
        }
        #expect(WeakLineReread.reread(page, image: image, request: request, settings: settings, recognizer: atOwnSize).page.lines[0].words[0].confidence == 90)
        settings.weakLineEnlargeBelowPixels = 30
        let once = LineRecognizer { _ in [hanLine("岁末年初各地", x: 15, y: 9, confidence: 90)] }
        _ = WeakLineReread.reread(page, image: image, request: request, settings: settings, recognizer: once)
        #expect(once.requests.map(\.pageSegMode) == [7, 13])
    }

    /// The cut is taken from the page as leptonica straightened it: a mark on
    /// the skewed scan turns up where the straightened reading has it.
    @Test func aCutFollowsThePagesDeskewAngle() {
        var pixels = [UInt8](repeating: 255, count: 1000 * 1400)
        for y in 200..<210 { for x in 800..<810 { pixels[y * 1000 + x] = 0 } }
        let scan = GrayImage(width: 1000, height: 1400, pixels: pixels, dpiX: 200, dpiY: 200)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, deskewAngle: 2, lines: [])
        let mark = PixelBox(x0: 800, y0: 200, x1: 810, y1: 210)
        let straight = SmallTextReread.turned(mark, degrees: -2, page: page)
        let window = straight.padded(by: 20)
        let cut = scan.cutStraight(window, degrees: 2)
        var xs: [Int] = [], ys: [Int] = []
        for y in 0..<cut.height { for x in 0..<cut.width where cut.pixels[y * cut.width + x] < 128 { xs.append(x); ys.append(y) } }
        #expect(!xs.isEmpty)
        let cx = Double(xs.reduce(0, +)) / Double(max(1, xs.count)), cy = Double(ys.reduce(0, +)) / Double(max(1, ys.count))
        // The mark's centre, 20 px into the window plus half its 10 px, within a pixel.
        #expect(abs(cx - 24.5) <= 1.0 && abs(cy - 24.5) <= 1.0)
        // Without an angle the cut is a plain crop.
        #expect(scan.cutStraight(mark, degrees: 0) == scan.cropped(mark))
    }

    /// A cover's 41 pt title in a light face read `| |光总LA` at 0.38, `总`
    /// boxed a third shorter than `光`: the cut takes both words' full height
    /// (a median of two tops cut the title's tops off, and it read as
    /// nonsense again). Line mode read the cut `双同决秽观窑` at 33, raw mode
    /// `双周决策观察` at 63: the more confident reading is kept, whichever mode.
    @Test func aTitleIsCutAtItsTallestWordsAndReadRawWhenThatIsMoreConfident() {
        var title = RecognizedLine(box: PixelBox(x0: 100, y0: 300, x1: 500, y1: 400), words: [
            RecognizedWord(text: "|", box: PixelBox(x0: 100, y0: 305, x1: 120, y1: 400), confidence: 30),
            RecognizedWord(text: "光", box: PixelBox(x0: 180, y0: 300, x1: 280, y1: 400), confidence: 40),
            RecognizedWord(text: "总", box: PixelBox(x0: 300, y0: 330, x1: 400, y1: 400), confidence: 40),
            RecognizedWord(text: "LA", box: PixelBox(x0: 420, y0: 360, x1: 500, y1: 400), confidence: 40),
        ])
        title.box.y0 = 300
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [title])
        let engine = LineRecognizer { request in
            request.pageSegMode == 13 ? [hanLine("双周决策观察", x: 50, y: 30, height: 100, pitch: 66, confidence: 63)]
                                      : [hanLine("双同决秽观窑", x: 50, y: 30, height: 100, pitch: 66, confidence: 33)]
        }
        let (out, replaced) = WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: engine)
        // The band 300–400 and 0.3 of it above and below.
        #expect(engine.requests.map(\.image.height) == [160, 160])
        #expect(replaced == 1 && out.lines[0].words.map(\.text).joined() == "双周决策观察")
        #expect(WeakLineReread.glyphBand(of: title) == PixelBox(x0: 100, y0: 300, x1: 500, y1: 400))
        // Raw mode leaves out characters it is unsure of: a raw reading shorter than the line's is not taken.
        let shorter = LineRecognizer { request in
            request.pageSegMode == 13 ? [hanLine("双周观察", x: 50, y: 30, height: 100, pitch: 99, confidence: 90)]
                                      : [hanLine("双同决秽观窑", x: 50, y: 30, height: 100, pitch: 66, confidence: 33)]
        }
        #expect(WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: shorter).replaced == 0)
    }

    /// Raw mode read a scanned cover's print date `印发日期：2023年9月2l日` at
    /// 0.87, line mode `…9月21日` at 0.76 (v1019 LibreOffice, scanned): a raw
    /// reading with more Latin letters among digits is not taken, however confident.
    @Test func aRawReadingThatTurnsADigitIntoALetterIsNotTaken() {
        let weak = hanLine("印发日期：2023年9月2日", x: 100, y: 300, confidence: 60)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [weak])
        let engine = LineRecognizer { request in
            request.pageSegMode == 13 ? [hanLine("印发日期：2023年9月2l日", x: 15, y: 9, confidence: 87)]
                                      : [hanLine("印发日期：2023年9月21日", x: 15, y: 9, confidence: 76)]
        }
        let (out, replaced) = WeakLineReread.reread(page, image: image, request: request, settings: pageScale, recognizer: engine)
        #expect(replaced == 1 && out.lines[0].words.map(\.text).joined() == "印发日期：2023年9月21日")
        #expect(WeakLineReread.lettersAmongDigits(hanLine("2l日 No.3 A4", x: 0, y: 0, confidence: 90)) == 2)
    }

    /// A reading with a smeared word is no better for its confidence: a weak
    /// title line read again came out `重庆加快西部陆海新通道建设前三人`, `人`
    /// at no confidence across the six glyphs `季度班列发运` (v10614).
    @Test func aReadingWithASmearedWordDoesNotReplaceAWeakLine() {
        let weak = hanLine("重庆加快西部陆海新通道建设前三季度班列发运", x: 100, y: 300, confidence: 70)
        let page = RecognizedPage(imageWidth: 1000, imageHeight: 1400, lines: [weak])
        let wide = GrayImage(width: 1000, height: 1400, pixels: [UInt8](repeating: 255, count: 1_400_000), dpiX: 200, dpiY: 200)
        let engine = LineRecognizer { _ in
            var line = hanLine("重庆加快西部陆海新通道建设前三", x: 15, y: 9, confidence: 95)
            line.words.append(RecognizedWord(text: "人", box: PixelBox(x0: 15 + 15 * 32, y0: 9, x1: 15 + 21 * 32, y1: 39), confidence: 5))
            line.box.x1 = 15 + 21 * 32
            return [line]
        }
        var request = self.request
        request.image = wide
        #expect(WeakLineReread.reread(page, image: wide, request: request, settings: pageScale, recognizer: engine).replaced == 0)
    }
}
