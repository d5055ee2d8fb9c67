import Foundation

/// Tesseract's page layout analysis can leave printed text out altogether: a
/// column of section labels (【区域】) beside the contents on a shaded panel, a
/// short line standing alone in a margin. Ink that no line read covers, in a
/// patch the size of a line of the page's own text, is cut out and read again
/// as one line; a confident reading with letters in it joins the page's lines.
enum UnreadInk {
    /// `flattened`: the image with its background flattened, when the caller has it already.
    static func reread(_ page: RecognizedPage, image: GrayImage, flattened: GrayImage? = nil, request: OCRRequest,
                       settings: OCRSettings, recognizer: any PageRecognizer) -> RecognizedPage {
        guard settings.unreadInkMaxPatches > 0 else { return page }
        let flat = flattened ?? image.normalizingBackground()
        let glyph = inkedGlyph(page, image: image, flattened: flat, settings: settings), bodyGlyph = glyph
        // A line the layout will leave out as stray letters covers nothing: under it
        // may be a short line tesseract misread (a paragraph's last `元。` read `学`).
        // Nor does a piece of a line past a column gap that the layout will part
        // off and leave out so (`66222940` read at confidence 0 past a wide gap
        // after `泰达图书馆档案馆`, a fax number's wrapped end, v10509).
        // Nor does a line's gap twice a column gap's width, inked or not: ink
        // there was not read (a masthead box's two columns read as one line,
        // `主办：…研究院` and `传真：…`, the phone number between them lost, v11707).
        // A narrower inked gap is more likely the line's own characters tesseract
        // lost, which the weak line's reading again finds (`林涛 统筹：郑国栋`).
        var covering = OCRLayout.splittingAtColumnGaps(page, image: image, inkedGapHeights: 2 * OCRLayout.columnGapHeights)
            .lines.filter { !isStray($0) }
        let covered = covering.flatMap(coveredBoxes)
            .map { SmallTextReread.onImage($0, page: page).padded(by: Int(0.4 * glyph)) }
        let level = max(UInt8(clamping: settings.unreadInkLevel), strokeLevel(page, flattened: flat) ?? 0)
        func patches(glyph size: Double) -> [PixelBox] {
            let cell = max(2, Int(size / 4))
            return self.patches(InkGrid(flat, cell: cell, covered: covered, darkerThan: level), glyph: size,
                                width: image.width - cell, height: image.height - cell)
        }
        let body = patches(glyph: glyph)
        // (The display pass's coarse cells make a body line's patch look taller: one the body's pass has is its.)
        let display = patches(glyph: displayGlyphs * glyph)
            .filter { patch in Double(patch.y1 - patch.y0) > maxLineGlyphs * glyph && !body.contains { $0.intersection(patch) > 0 } }
        var found = body.map { (patch: $0, glyph: glyph) } + display.map { (patch: $0, glyph: displayGlyphs * glyph) }
        // Type between the two (a cover's subtitle in 16 pt bold over 10 pt body, v12705): too tall
        // for the body's pass, and at the display pass's coarse cells run into a rule under it.
        found += patches(glyph: headingGlyphs * glyph).filter { patch in
            Double(patch.y1 - patch.y0) > maxLineGlyphs * glyph && !found.contains { $0.patch.intersection(patch) > 0 }
        }.map { (patch: $0, glyph: headingGlyphs * glyph) }
        var out = page
        for (patch, glyph) in found.prefix(settings.unreadInkMaxPatches) {
            let crop = patch.padded(by: Int(0.5 * glyph)).clamped(width: image.width, height: image.height)
            let scale = max(1, min(3, Int((settings.smallTextTargetPixels / glyph).rounded())))
            var again = request
            again.image = image.cropped(crop).upscaled(by: scale)
            again.deskew = false
            guard let read = try? recognizer.recognizeLine(again) else { continue }
            let band = SmallTextReread.turned(patch, degrees: -page.deskewAngle, page: page)
            let lines = read.lines.map { fitted(SmallTextReread.mapped($0, from: crop, scale: scale, page: page), to: band) }
                .filter { line in isText(line, glyph: glyph, minConfidence: settings.unreadInkMinConfidence)
                    && !covering.contains(where: { coveredBoxes($0).contains { SmallTextReread.readAgain($0, by: line.box) } }) }
            for line in lines {
                out.lines.removeAll { isStray($0) && SmallTextReread.readAgain($0.box, by: line.box) }
                out.lines.insert(line, at: out.lines.firstIndex { follows($0.box, line.box) } ?? out.lines.endIndex)
                covering.append(line)
            }
            if lines.isEmpty, glyph == bodyGlyph, let joined = readWithItsLine(patch, on: out, image: image, glyph: glyph, scale: scale,
                                                           request: request, settings: settings, recognizer: recognizer) {
                out.lines[joined.index] = joined.line
            }
        }
        return out
    }

    /// Display type no line read covers (a cover's title, bold, four times
    /// the body's size, left out whole by tesseract's layout on a 150 dpi
    /// black-and-white scan, v12212) is looked for again at this many times the
    /// page's glyph, among patches taller than `maxLineGlyphs` (the body's pass
    /// takes the others).
    static let displayGlyphs = 4.0
    /// Heading type no line read covers is looked for at this many times the page's glyph, after display type.
    static let headingGlyphs = 2.0
    static let maxLineGlyphs = 2.5

    /// What a line read covers: its box, or where the box is more than
    /// `rowsLineSpans` of its words' median height (tesseract's line took in a
    /// row it read nothing of: `2023年` and a QR code's specks to the right, the
    /// `第 18 期` between them unread), its own row (the words' median top and
    /// bottom, across the line) and its words' boxes.
    static func coveredBoxes(_ line: RecognizedLine) -> [PixelBox] {
        let heights = line.words.map { Double($0.box.y1 - $0.box.y0) }
        guard !heights.isEmpty, Double(line.box.y1 - line.box.y0) > rowsLineSpans * SmallTextReread.median(heights) else { return [line.box] }
        let top = SmallTextReread.median(line.words.map { Double($0.box.y0) }), bottom = SmallTextReread.median(line.words.map { Double($0.box.y1) })
        return [PixelBox(x0: line.box.x0, y0: Int(top), x1: line.box.x1, y1: Int(bottom))] + line.words.map(\.box)
    }

    static let rowsLineSpans = 1.5

    /// The height of the page's Han glyphs as read, in pixels; on a page with
    /// too few lines read to measure them, a body size's at the image's resolution.
    static func pageGlyph(_ page: RecognizedPage, image: GrayImage, settings: OCRSettings) -> Double {
        let heights = page.lines.compactMap(SmallTextReread.glyphHeight)
        return heights.count >= 3 ? SmallTextReread.median(heights)
            : settings.unreadInkDefaultPoints * OCRLayout.inkHeightPerEm * image.dpiY / 72
    }

    /// `pageGlyph`, but where the ink in the Han words' boxes is clearly
    /// shorter than the boxes, the ink's height: tesseract's boxes on a tinted
    /// panel can take in half a line of its background, and a glyph taken that
    /// tall hides every line of the page's own size from `patches` (the phone
    /// number under a staff box). (`UnreadBlocks` keeps the boxes' height: it
    /// tells small type by it.)
    static func inkedGlyph(_ page: RecognizedPage, image: GrayImage, flattened: GrayImage, settings: OCRSettings) -> Double {
        let boxes = pageGlyph(page, image: image, settings: settings)
        guard page.lines.compactMap(SmallTextReread.glyphHeight).count >= 3 else { return boxes }
        let inked = page.lines.flatMap(\.words).filter { $0.text.contains(where: CJKCharacters.isLetter) }
            .compactMap { inkHeight(SmallTextReread.onImage($0.box, page: page), on: flattened) }
        guard inked.count >= 8 else { return boxes }
        let ink = SmallTextReread.median(inked)
        return ink < 0.7 * boxes ? ink : boxes
    }

    /// The level the page's own strokes are darker than: the median, over its
    /// confidently read Han words, of halfway from a word's paper to its darkest
    /// pixels, on the flattened page. A blurred grey scan prints its strokes
    /// mid-grey (2% of a word's pixels at 125 of 255, v10406), and a lighter
    /// printed label beside them (【区域】 on a shaded contents panel) would not be
    /// ink at a fixed 128. Nil with fewer than `minStrokeWords` words to go on.
    static func strokeLevel(_ page: RecognizedPage, flattened: GrayImage) -> UInt8? {
        let levels = page.lines.flatMap(\.words)
            .filter { $0.confidence >= minWordConfidence && $0.text.contains(where: CJKCharacters.isLetter) }
            .compactMap { word -> Double? in
                let box = SmallTextReread.onImage(word.box, page: page).clamped(width: flattened.width, height: flattened.height)
                guard box.x1 > box.x0, box.y1 > box.y0 else { return nil }
                return inkLevel(GrayHistogram(flattened, in: box)).map { Double($0.level) }
            }
        guard levels.count >= minStrokeWords else { return nil }
        return UInt8(SmallTextReread.median(levels))
    }

    static let minStrokeWords = 8

    /// From the first to the last row of `box` with two or more pixels of ink;
    /// nil for none. Ink: darker than halfway from the box's paper to its
    /// darkest pixels (a blurred or grey scan's strokes are lighter than black).
    static func inkHeight(_ box: PixelBox, on image: GrayImage) -> Double? {
        let b = box.clamped(width: image.width, height: image.height)
        guard b.x1 > b.x0, b.y1 > b.y0 else { return nil }
        guard let (_, level) = inkLevel(GrayHistogram(image, in: b)) else { return nil }
        let inked = image.pixels.withUnsafeBufferPointer { pixels in
            (b.y0..<b.y1).filter { y in
                var ink = 0
                for x in b.x0..<b.x1 where pixels[y * image.width + x] < level {
                    ink += 1
                    if ink == 2 { return true }
                }
                return false
            }
        }
        guard let first = inked.first, let last = inked.last else { return nil }
        return Double(last - first + 1)
    }

    /// A patch's paper (its 90th percentile) and the level ink is darker than:
    /// halfway from the paper to its darkest pixels (the 2nd percentile);
    /// nil when the two are less than 40 apart (no ink).
    static func inkLevel(_ histogram: GrayHistogram) -> (paper: UInt8, level: UInt8)? {
        guard histogram.total > 0 else { return nil }
        let paper = Int(histogram.value(atRank: histogram.total * 9 / 10))
        let darkest = Int(histogram.value(atRank: histogram.total / 50))
        guard paper - darkest >= 40 else { return nil }
        return (UInt8(paper), UInt8((paper + darkest) / 2))
    }

    /// A line read from a lone patch, its words held to the patch's ink:
    /// tesseract's boxes for a crop this small can take in its margin, which
    /// would place the line between two rows of the page.
    static func fitted(_ line: RecognizedLine, to band: PixelBox) -> RecognizedLine {
        func held(_ box: PixelBox) -> PixelBox {
            let x0 = min(max(box.x0, band.x0), band.x1 - 1), x1 = max(min(box.x1, band.x1), x0 + 1)
            let y0 = min(max(box.y0, band.y0), band.y1 - 1), y1 = max(min(box.y1, band.y1), y0 + 1)
            return PixelBox(x0: x0, y0: y0, x1: x1, y1: y1)
        }
        return RecognizedLine(box: held(line.box), words: line.words.map {
            RecognizedWord(text: $0.text, box: held($0.box), confidence: $0.confidence)
        })
    }

    /// Whether a line read before comes after the new one in reading order:
    /// lower on the page, or on its row and to its right.
    static func follows(_ old: PixelBox, _ new: PixelBox) -> Bool {
        let shared = min(old.y1, new.y1) - max(old.y0, new.y0)
        let row = 2 * shared >= min(old.y1 - old.y0, new.y1 - new.y0)
        return row ? old.x0 >= new.x1 : old.y0 > new.y0
    }

    /// `OCRLayout.isStray` for a line as tesseract read it.
    static func isStray(_ line: RecognizedLine) -> Bool {
        OCRLayout.isStray(meanConfidence: SmallTextReread.meanConfidence([line]) / 100,
                          han: line.words.map(\.text).joined().filter(CJKCharacters.isLetter).count)
    }

    /// A reading worth keeping: confident, with a Han letter or a digit, or
    /// words (an English name under the Chinese one: `Binhai Research
    /// Institute…`), its Han glyphs about the height of the page's own.
    static func isText(_ line: RecognizedLine, glyph: Double, minConfidence: Double) -> Bool {
        let text = line.words.map(\.text).joined()
        // A rule under a running head reads as `一一`: Han, but no text.
        guard SmallTextReread.meanConfidence([line]) / 100 >= minConfidence, !CJKCharacters.isRuleReading(text, atLeast: 1),
              text.contains(where: { CJKCharacters.isLetter($0) || $0.isNumber }) || hasWords(line) else { return false }
        return SmallTextReread.glyphHeight(line).map { $0 >= 0.5 * glyph && $0 <= maxLineGlyphs * glyph } ?? true
    }

    /// Two or more Latin words of three letters or more, each read at least
    /// `minWordConfidence`: noise read as Latin is short or unsure (`IPTrrrr…` at 0).
    static func hasWords(_ line: RecognizedLine) -> Bool {
        line.words.filter { word in
            word.confidence >= minWordConfidence && word.text.count >= 3
                && word.text.allSatisfy { $0.isASCII && $0.isLetter }
        }.count >= 2
    }

    static let minWordConfidence = 70.0

    /// Runs of uncovered inked cells shaped like a line of text (as tall as
    /// 0.45–2.5 glyphs, small Latin type on a cover of large type among them;
    /// at least one glyph wide), top to bottom. Runs of one row are one patch
    /// (a glyph printed light falls apart into pieces); a run at the image's
    /// edge is the scan's border.
    static func patches(_ grid: InkGrid, glyph: Double, width: Int, height: Int) -> [PixelBox] {
        let boxes = grid.components(horizontalReach: 2).filter { $0.count >= 2 }.map(grid.pixelBox)
            .joined(when: { sameRow($0, $1, glyph: glyph, cell: grid.cell) })
        return boxes.filter { box in
            let h = Double(box.y1 - box.y0), w = Double(box.x1 - box.x0)
            return !box.touchesEdge(width: width, height: height) && h >= 0.45 * glyph && h <= maxLineGlyphs * glyph && w >= 0.9 * glyph
        }.sorted { ($0.y0, $0.x0) < ($1.y0, $1.x0) }
    }

    /// Two pieces of one row of glyphs: less than `glyph` apart side by side, at
    /// most a cell apart up and down, and together no taller than 1.5 glyphs (two
    /// lines of text are taller).
    static func sameRow(_ a: PixelBox, _ b: PixelBox, glyph: Double, cell: Int) -> Bool {
        let apart = max(a.x0, b.x0) - min(a.x1, b.x1), above = max(a.y0, b.y0) - min(a.y1, b.y1)
        let union = a.union(b)
        return Double(apart) < glyph && above <= cell && Double(union.y1 - union.y0) <= 1.5 * glyph
    }
}

/// A page image cut into square cells, each marked when enough of its pixels
/// are ink outside every covered box.
struct InkGrid {
    let cell: Int, columns: Int, rows: Int
    var inked: [Bool]

    /// Ink: darker than `darkerThan` (mid-grey) on a page whose paper was flattened to white
    /// (shaded panels and show-through fall away). A cell is inked from 1/12 of its pixels.
    init(_ image: GrayImage, cell: Int, covered: [PixelBox], darkerThan: UInt8 = 128) {
        self.cell = cell
        columns = (image.width + cell - 1) / cell
        rows = (image.height + cell - 1) / cell
        var mask = [Bool](repeating: false, count: image.width * image.height)
        for box in covered {
            let b = box.clamped(width: image.width, height: image.height)
            guard b.x0 < b.x1, b.y0 < b.y1 else { continue }
            for y in b.y0..<b.y1 { for x in b.x0..<b.x1 { mask[y * image.width + x] = true } }
        }
        var counts = [Int](repeating: 0, count: columns * rows)
        let columns = columns
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<image.height {
                for x in 0..<image.width where pixels[y * image.width + x] < darkerThan && !mask[y * image.width + x] {
                    counts[(y / cell) * columns + x / cell] += 1
                }
            }
        }
        let least = max(1, cell * cell / 12)
        inked = counts.map { $0 >= least }
    }

    /// Inked cells joined with their neighbours, across up to
    /// `horizontalReach` empty cells in a row (the gaps between glyphs) and up
    /// to `verticalReach - 1` empty rows (the leading between lines of a block).
    func components(horizontalReach: Int, verticalReach: Int = 1) -> [[Int]] {
        var seen = [Bool](repeating: false, count: inked.count)
        var out: [[Int]] = []
        for start in inked.indices where inked[start] && !seen[start] {
            var stack = [start], cells: [Int] = []
            seen[start] = true
            while let index = stack.popLast() {
                cells.append(index)
                let r = index / columns, c = index % columns
                for dr in -verticalReach...verticalReach {
                    for dc in -(horizontalReach + 1)...(horizontalReach + 1) where dr == 0 || abs(dc) <= 1 {
                        let rr = r + dr, cc = c + dc
                        guard (0..<rows).contains(rr), (0..<columns).contains(cc) else { continue }
                        let next = rr * columns + cc
                        if inked[next] && !seen[next] { seen[next] = true; stack.append(next) }
                    }
                }
            }
            out.append(cells)
        }
        return out
    }

    func pixelBox(of cells: [Int]) -> PixelBox {
        let rs = cells.map { $0 / columns }, cs = cells.map { $0 % columns }
        return PixelBox(x0: cs.min()! * cell, y0: rs.min()! * cell, x1: (cs.max()! + 1) * cell, y1: (rs.max()! + 1) * cell)
    }
}

extension [PixelBox] {
    /// The boxes with every two that `together` says belong to one thing
    /// replaced by their union, until no two do.
    func joined(when together: (PixelBox, PixelBox) -> Bool) -> [PixelBox] {
        var boxes = self
        var merged = true
        while merged {
            merged = false
            outer: for i in boxes.indices {
                for j in boxes.indices where j > i && together(boxes[i], boxes[j]) {
                    boxes[i] = boxes[i].union(boxes[j])
                    boxes.remove(at: j)
                    merged = true
                    break outer
                }
            }
        }
        return boxes
    }
}

extension PixelBox {
    /// Whether the box reaches the image's edge (`width`, `height`: the last cell's start): the scan's border.
    func touchesEdge(width: Int, height: Int) -> Bool { x0 <= 0 || y0 <= 0 || x1 >= width || y1 >= height }
}
