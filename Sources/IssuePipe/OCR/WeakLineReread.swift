import Foundation

/// Tesseract now and then reads a line of clean body text as nonsense: its
/// page layout took a speck or a neighbour's strokes into the line (a 200 dpi
/// bitonal line came out 给予生生人和TO攻二000天… at confidence 0.44, and right
/// at 0.92 when cut out alone). Each weak line is cut out of the straightened
/// page along its own glyphs' band and read again as one line; the new reading
/// takes the old one's place when it is clearly the more confident.
enum WeakLineReread {
    /// The page with its weak lines read again, and how many of them took the new reading.
    static func reread(_ original: RecognizedPage, image: GrayImage, request: OCRRequest, settings: OCRSettings,
                       recognizer: any PageRecognizer) -> (page: RecognizedPage, replaced: Int) {
        guard settings.weakLineMaxLines > 0 else { return (original, 0) }
        // Tesseract's lines may run across a gutter (a QR code's noise and the
        // issue label beside it): each piece is a line of its own here, as the
        // page layout will part them.
        let page = OCRLayout.splittingAtColumnGaps(original, image: image)
        let confidence = page.lines.map { SmallTextReread.meanConfidence([$0]) / 100 }
        let smeared = page.lines.map(hasSmearedWord)
        let weak = page.lines.indices.filter { index in
            smeared[index] || (confidence[index] < settings.weakLineConfidence
                && (page.lines[index].words.reduce(0, { $0 + $1.text.count }) >= 4 || readsSparse(page.lines[index])
                    || confidence[index] < shortLineConfidence))
        }.sorted { confidence[$0] < confidence[$1] }
        var out = page, replaced = 0, leftOver: [RecognizedLine] = []
        for index in weak.prefix(settings.weakLineMaxLines) {
            let old = page.lines[index], oldConfidence = confidence[index]
            guard let glyphs = rereadBand(of: old, pageHeight: page.imageHeight),
                  let (new, newConfidence) = bestReading(glyphs, page: page, image: image, request: request,
                                                         settings: settings, recognizer: recognizer) else { continue }
            // The whole line, not a piece of it, read with clearly more confidence
            // (or, for a line with a smeared word, read without one at a good line's confidence).
            let better = newConfidence >= oldConfidence + settings.weakLineMargin
                || (smeared[index] && newConfidence >= settings.weakLineConfidence)
            // A line read again for its sparse reading (fewer than four characters) takes a reading of
            // a whole line, not another scrap (`用`, a neighbour's character, v11911).
            let scrap = characterCount(old) < minLettersToReread && characterCount(new) < minLettersToReread
            guard better, !scrap,
                  5 * (new.box.x1 - new.box.x0) >= 4 * (old.box.x1 - old.box.x0) else { continue }
            out.lines[index] = new
            replaced += 1
            if let row = leftOverRow(old: old, new: new, others: page.lines.indices.filter { $0 != index }.map { page.lines[$0].box }),
               let (line, _) = bestReading(row, page: page, image: image, request: request, settings: settings, recognizer: recognizer),
               UnreadInk.isText(line, glyph: SmallTextReread.glyphHeight(line) ?? 0, minConfidence: settings.weakLineConfidence),
               characterCount(line) >= minLeftOverCharacters, !readsAgain(line, new) {
                leftOver.append(line)
            }
        }
        for line in leftOver {
            out.lines.insert(line, at: out.lines.firstIndex { UnreadInk.follows($0.box, line.box) } ?? out.lines.endIndex)
        }
        return (replaced == 0 ? original : out, replaced)
    }

    /// The rows of a weak line's box that its new reading left out, above or
    /// below it, where no other line stands: tesseract ran a cover's title and
    /// the subtitle under it into one line read as nonsense (`改周司决策观守`,
    /// v12704), which read again gives the title, its row of ink the larger;
    /// the subtitle is read there as a line of its own. At least a quarter of
    /// the new line's height.
    static func leftOverRow(old: RecognizedLine, new: RecognizedLine, others: [PixelBox]) -> PixelBox? {
        let height = new.box.y1 - new.box.y0
        let rows = [(old.box.y0, new.box.y0), (new.box.y1, old.box.y1)].filter { 4 * ($0.1 - $0.0) >= height }
        return rows.map { PixelBox(x0: old.box.x0, y0: $0.0, x1: old.box.x1, y1: $0.1) }
            .filter { row in !others.contains { $0.intersection(row) > 0 } }
            .max { $0.y1 - $0.y0 < $1.y1 - $1.y0 }
    }

    /// A left-over row's reading is text with this many characters or more.
    static let minLeftOverCharacters = 2

    /// A reading of the row that is the new line's text again, or a piece of it:
    /// the row held the line's own ink (a tall box round a contact line).
    static func readsAgain(_ row: RecognizedLine, _ line: RecognizedLine) -> Bool {
        let a = row.words.map(\.text).joined(), b = line.words.map(\.text).joined()
        return a.contains(b) || b.contains(a)
    }

    /// A line with a word tesseract smeared over a run of characters: one or
    /// two Han characters at next to no confidence in a box many ems wide
    /// that no other word shares (`人` across `制约了数据要素价值的充分释放。`,
    /// v10003). The rest of the line, read well, keeps its mean confidence high.
    static func hasSmearedWord(_ line: RecognizedLine) -> Bool {
        let heights = line.words.map { Double($0.box.y1 - $0.box.y0) }
        let em = SmallTextReread.median(heights)
        guard em > 0 else { return false }
        return line.words.contains { word in
            let width = Double(word.box.x1 - word.box.x0), characters = Double(word.text.count)
            return word.confidence < smearedWordConfidence && word.text.contains(where: CJKCharacters.isHan)
                && width >= smearedWordEms * em && width >= smearedWordEmsPerCharacter * em * characters
                && !line.words.contains { $0 != word && $0.box.x0 < word.box.x1 && $0.box.x1 > word.box.x0 }
        }
    }

    /// A smeared word: below this confidence (0…100), at least this many ems
    /// wide, and this many ems for each character it was read as.
    static let smearedWordConfidence = 20.0, smearedWordEms = 4.0, smearedWordEmsPerCharacter = 3.0

    /// A line without Han is read again when it holds this many Latin letters.
    static let minLettersToReread = 4

    /// A line of fewer than four characters is read again below this
    /// confidence: a section label above a headline, `[河北]` read `呵扣` at
    /// 0.33 (v12700), reads right alone.
    static let shortLineConfidence = 0.5

    /// The more confident of the line read at the page's scale and, where its
    /// glyphs are coarse (fewer pixels high than `weakLineEnlargeBelowPixels`:
    /// body type scanned at 150 or 200 dpi, grey or black-and-white), read enlarged twice: tesseract
    /// reads some coarse lines far better enlarged and others worse, and its
    /// confidence tells which. Each is read both as a line (page segmentation
    /// 7) and raw (13): line mode reads some lines as nonsense that raw mode
    /// reads right, with more confidence (a cover's 41 pt title in a light
    /// face, `双同决秽观窑` at 33 and `双周决策观察` at 63).
    static func bestReading(_ glyphs: PixelBox, page: RecognizedPage, image: GrayImage, request: OCRRequest,
                            settings: OCRSettings, recognizer: any PageRecognizer) -> (RecognizedLine, Double)? {
        let coarse = Double(glyphs.y1 - glyphs.y0) < settings.weakLineEnlargeBelowPixels
        let readings = (coarse ? [1, 2] : [1]).flatMap { scale -> [RecognizedLine] in
            guard let line = read(glyphs, page: page, image: image, request: request, recognizer: recognizer, scale: scale) else { return [] }
            // Raw mode can leave out characters it is unsure of, and read a digit
            // as a Latin letter (`9月2l日` for line mode's `9月21日`, v1019):
            // a shorter raw reading, or one with more letters among digits, is not taken.
            guard let raw = read(glyphs, page: page, image: image, request: request, recognizer: recognizer, scale: scale, raw: true),
                  characterCount(raw) >= characterCount(line), lettersAmongDigits(raw) <= lettersAmongDigits(line) else { return [line] }
            return [line, raw]
        }
        // A reading with a smeared word is none (`前三人` for `前三季度班列发运`,
        // `人` across six glyphs, v10614).
        return readings.filter { !hasSmearedWord($0) }.map { ($0, SmallTextReread.meanConfidence([$0]) / 100) }.max { $0.1 < $1.1 }
    }

    static func characterCount(_ line: RecognizedLine) -> Int { line.words.reduce(0) { $0 + $1.text.filter { !$0.isWhitespace }.count } }

    /// Latin letters next to a digit (`l` in `2l日`): a digit misread, in Chinese text.
    static func lettersAmongDigits(_ line: RecognizedLine) -> Int {
        let text = Array(line.words.map(\.text).joined().filter { !$0.isWhitespace })
        return text.indices.filter { index in
            text[index].isASCII && text[index].isLetter
                && [index - 1, index + 1].contains { text.indices.contains($0) && text[$0].isASCII && text[$0].isNumber }
        }.count
    }

    /// Where to cut a weak line out: its glyphs' band (`glyphBand`); for a
    /// line without Han, its own box, where it reads as letters (on a Chinese
    /// page a row of Han misread: `rawmsawa` at no confidence across a line
    /// and the end of the one above, v10702, which `read` cuts to its main row
    /// of ink), where the layout would leave it out as stray (a citation's
    /// wrapped `20240131）` read at 0.35, v10714), or in the page's margin bands
    /// (a page number read `12713`, v10613). A line of digits in the text read
    /// fairly (`25%。` at 0.57) reads no better alone (`259%。`, v10703): nil.
    static func rereadBand(of line: RecognizedLine, pageHeight: Int) -> PixelBox? {
        guard !line.words.contains(where: { $0.text.contains(where: CJKCharacters.isHan) }) else { return glyphBand(of: line) }
        let letters = line.words.reduce(0) { $0 + $1.text.filter { $0.isASCII && $0.isLetter }.count }
        let stray = OCRLayout.isStray(meanConfidence: SmallTextReread.meanConfidence([line]) / 100, han: 0)
        let margin = Double(pageHeight) * marginShare
        let inMargin = Double(line.box.y1) < margin || Double(line.box.y0) > Double(pageHeight) - margin
        guard letters >= minLettersToReread || stray || inMargin || readsSparse(line), line.box.y1 - line.box.y0 >= 6 else { return nil }
        return line.box
    }

    /// A line without Han read as far fewer characters than its box holds
    /// (`Wo` across a contact line `电话：022-66222942`, v11915): at least
    /// `sparseEmsPerCharacter` of its heights a character (its box may take
    /// in a row of ink above or below, as that one's did).
    static func readsSparse(_ line: RecognizedLine) -> Bool {
        let characters = characterCount(line), height = Double(line.box.y1 - line.box.y0)
        let width = Double(line.box.x1 - line.box.x0)
        guard characters > 0, height > 0, width >= sparseMinEms * height,
              !line.words.contains(where: { $0.text.contains(where: CJKCharacters.isHan) }) else { return false }
        return width >= sparseEmsPerCharacter * height * Double(characters)
    }

    static let sparseEmsPerCharacter = 1.5
    /// A box narrower than this many of its heights is a speck's, not a line's
    /// (`A` read again as `AAA` beside a running head, v11902).
    static let sparseMinEms = 3.0

    /// The top and bottom share of a page where running heads and page numbers stand.
    static let marginShare = 0.1

    /// The band the line's glyphs stand in, in the straightened page's pixels:
    /// the line's width and the median top and bottom of its Han words (a word
    /// tesseract ran into the line above is left out). Of two Han words, no
    /// median: from the top to the bottom of both where they stand within half
    /// a glyph of each other (`总`, boxed a third shorter than `光`, would cut
    /// the tops off a 41 pt title misread `| |光总LA`); taller bands on body
    /// lines take in more of their neighbours and read worse. Nil for a line without Han.
    static func glyphBand(of line: RecognizedLine) -> PixelBox? {
        let han = line.words.filter { $0.text.contains(where: CJKCharacters.isHan) }
        guard !han.isEmpty else { return nil }
        var top = Int(SmallTextReread.median(han.map { Double($0.box.y0) }))
        var bottom = Int(SmallTextReread.median(han.map { Double($0.box.y1) }))
        if han.count == 2 {
            let reach = 0.5 * Double(han.map { $0.box.y1 - $0.box.y0 }.max() ?? 0)
            if abs(Double(han[0].box.y0 - han[1].box.y0)) <= reach, abs(Double(han[0].box.y1 - han[1].box.y1)) <= reach {
                top = min(han[0].box.y0, han[1].box.y0)
                bottom = max(han[0].box.y1, han[1].box.y1)
            }
        }
        guard bottom - top >= 6 else { return nil }
        return PixelBox(x0: line.box.x0, y0: top, x1: line.box.x1, y1: bottom)
    }

    /// The glyphs' band, with a margin, cut out of the page as tesseract saw it
    /// (turned by the page's deskew angle) and read as one line. The words'
    /// boxes are given in the page's pixels and kept within the band: tesseract
    /// boxes a word of a one-line crop as tall as the crop, which would make the
    /// line's type look larger than it is (a body line taken for a heading).
    static func read(_ glyphs: PixelBox, page: RecognizedPage, image: GrayImage, request: OCRRequest,
                     recognizer: any PageRecognizer, scale: Int = 1, raw: Bool = false) -> RecognizedLine? {
        let glyph = Double(glyphs.y1 - glyphs.y0)
        let band = PixelBox(x0: glyphs.x0 - Int(0.5 * glyph), y0: glyphs.y0 - Int(0.3 * glyph),
                            x1: glyphs.x1 + Int(0.5 * glyph), y1: glyphs.y1 + Int(0.3 * glyph))
            .clamped(width: page.imageWidth, height: page.imageHeight)
        guard band.x1 - band.x0 > 8, band.y1 - band.y0 > 4 else { return nil }
        var again = request, glyphs = glyphs, top = band.y0
        let cut = image.cutStraight(band, degrees: page.deskewAngle)
        again.image = cut
        if let alone = cut.keepingLineInkRun(atLeast: Int(0.3 * glyph)) {
            again.image = alone.image
            top = band.y0 + alone.top
            glyphs.y0 = max(glyphs.y0, band.y0 + alone.rows.lowerBound)
            glyphs.y1 = min(glyphs.y1, band.y0 + alone.rows.upperBound)
            if glyphs.y1 - glyphs.y0 < 6 { glyphs.y0 = band.y0 + alone.rows.lowerBound; glyphs.y1 = band.y0 + alone.rows.upperBound }
        }
        again.deskew = false
        again.image = again.image.upscaled(by: scale)
        let reading = raw ? try? recognizer.recognizeRawLine(again) : try? recognizer.recognizeLine(again)
        guard let read = reading else { return nil }
        let words = read.lines.flatMap(\.words).filter { !$0.text.isEmpty }.map { word in
            let box = PixelBox(x0: word.box.x0 / scale, y0: word.box.y0 / scale,
                               x1: (word.box.x1 + scale - 1) / scale, y1: (word.box.y1 + scale - 1) / scale)
            let y0 = min(max(box.y0 + top, glyphs.y0), glyphs.y1 - 1)
            let y1 = max(min(box.y1 + top, glyphs.y1), y0 + 1)
            return RecognizedWord(text: word.text, box: PixelBox(x0: box.x0 + band.x0, y0: y0, x1: box.x1 + band.x0, y1: y1),
                                  confidence: word.confidence)
        }
        guard let box = words.map(\.box).union else { return nil }
        return RecognizedLine(box: box, words: words)
    }
}

extension GrayImage {
    /// This cut of one line cut again to its own row of ink, with a margin of
    /// 0.3 of its height and any other ink in it painted out; the rows of
    /// ink kept and the first row of the new cut, both in this cut's rows.
    /// Tesseract's line box (so the band cut along its words) can take in a
    /// neighbour's strokes, half a line above the line (a cover's print date
    /// under its cumulative number read as `印发日期：2024时遇香27人`). Rows of
    /// ink are parted by a row with fewer than two pixels of ink; the line is
    /// the run at least `atLeast` rows tall with the most ink (a neighbour
    /// shows only part of its row in the cut). Nil when no other run holds a
    /// tenth as much ink (specks are left to tesseract: a cut that tight
    /// reads some lines worse), or no run is as tall.
    func keepingLineInkRun(atLeast: Int) -> (image: GrayImage, rows: Range<Int>, top: Int)? {
        guard width > 0, height > 0, let (paper, level) = UnreadInk.inkLevel(GrayHistogram(pixels)) else { return nil }
        let inkPerRow = (0..<height).map { y in (0..<width).reduce(0) { $0 + (pixels[y * width + $1] < level ? 1 : 0) } }
        var runs: [Range<Int>] = [], start: Int?
        for y in 0...height {
            let ink = y < height && inkPerRow[y] >= 2
            if ink, start == nil { start = y }
            if !ink, let first = start { runs.append(first..<y); start = nil }
        }
        let ink = { (run: Range<Int>) in run.reduce(0) { $0 + inkPerRow[$1] } }
        guard let line = runs.filter({ $0.count >= atLeast }).max(by: { ink($0) < ink($1) }),
              runs.contains(where: { $0 != line && 10 * ink($0) >= ink(line) }) else { return nil }
        let margin = Int(0.3 * Double(line.count))
        let kept = max(0, line.lowerBound - margin)..<min(height, line.upperBound + margin)
        var out = cropped(PixelBox(x0: 0, y0: kept.lowerBound, x1: width, y1: kept.upperBound))
        for run in runs where run != line {
            for y in run.clamped(to: kept) { for x in 0..<width { out.pixels[(y - kept.lowerBound) * width + x] = paper } }
        }
        return (out, line, kept.lowerBound)
    }

    /// The pixels of `box` in this image turned `degrees` clockwise about its
    /// centre (as leptonica deskews a page for tesseract), sampled bilinearly
    /// from the image as it is: one line of a straightened page without
    /// turning the whole page.
    func cutStraight(_ box: PixelBox, degrees: Double) -> GrayImage {
        guard degrees != 0 else { return cropped(box) }
        let w = max(0, box.x1 - box.x0), h = max(0, box.y1 - box.y0)
        let theta = degrees * .pi / 180, c = cos(theta), s = sin(theta)
        let cx = Double(width) / 2, cy = Double(height) / 2
        var out = [UInt8](repeating: 255, count: w * h)
        pixels.withUnsafeBufferPointer { input in
            func at(_ x: Int, _ y: Int) -> Double {
                x < 0 || y < 0 || x >= width || y >= height ? 255 : Double(input[y * width + x])
            }
            for y in 0..<h {
                let my = Double(box.y0 + y) + 0.5 - cy
                for x in 0..<w {
                    let mx = Double(box.x0 + x) + 0.5 - cx
                    let sx = cx + mx * c + my * s - 0.5, sy = cy - mx * s + my * c - 0.5
                    let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                    let wx = sx - Double(x0), wy = sy - Double(y0)
                    let top = at(x0, y0) * (1 - wx) + at(x0 + 1, y0) * wx
                    let bottom = at(x0, y0 + 1) * (1 - wx) + at(x0 + 1, y0 + 1) * wx
                    out[y * w + x] = UInt8((top * (1 - wy) + bottom * wy).rounded())
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, dpiX: dpiX, dpiY: dpiY,
                         originX: originX + Double(box.x0) * 72 / dpiX, originY: originY + Double(box.y0) * 72 / dpiY)
    }
}
