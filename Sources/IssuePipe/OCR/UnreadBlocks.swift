import Foundation

/// Tesseract's page layout analysis can miss a whole panel of small type (a
/// cover's contents and staff box on a grey tint, a 150 dpi scan's staff box)
/// or read it as a few garbled lines, and can leave out a page's last lines
/// of body text under uneven light. Ink that no confident line covers, in a
/// patch several rows tall, is cut out with its background flattened, small
/// type scaled up to `smallTextTargetPixels`, and read again as one block.
/// Each new line joins the page, in place of the lines it reads again when it
/// is the more confident.
enum UnreadBlocks {
    /// Ink on a page flattened to white paper: small type on a scan is grey, not black (its strokes are thinner than a pixel).
    static let inkLevel: UInt8 = 176

    /// `flattened`: the image with its background flattened, when the caller has it already.
    /// `fine`: the scan at a finer resolution than the page was read at, small type is cut from.
    static func reread(_ page: RecognizedPage, image: GrayImage, flattened: GrayImage? = nil, fine: GrayImage? = nil,
                       request: OCRRequest, settings: OCRSettings, recognizer: any PageRecognizer) -> RecognizedPage {
        guard settings.unreadBlockMaxBlocks > 0 else { return page }
        let glyph = UnreadInk.pageGlyph(page, image: image, settings: settings)
        let weak = page.lines.indices.filter { SmallTextReread.meanConfidence([page.lines[$0]]) / 100 < settings.unreadBlockWeakConfidence }
        let strong = page.lines.indices.filter { !weak.contains($0) }
        let everyLine = page.lines.map { SmallTextReread.onImage($0.box, page: page).padded(by: Int(0.4 * glyph)) }
        let covered = strong.map { everyLine[$0] }
        let flat = flattened ?? image.normalizingBackground()
        let cell = max(2, Int(glyph / 4))
        let grid = InkGrid(flat, cell: cell, covered: covered, darkerThan: inkLevel)
        var replacements: [(old: [Int], lines: [RecognizedLine])] = []
        func padded(_ box: PixelBox) -> PixelBox { box.padded(by: Int(0.5 * glyph)).clamped(width: image.width, height: image.height) }
        func rows(_ box: PixelBox) -> Double { rowHeight(flat.cropped(padded(box))) ?? glyph }
        let candidates = blocks(grid, glyph: glyph, width: image.width - cell, height: image.height - cell).flatMap { block in
            // Small type is read as a whole block (its lines merged one by one); text of the page's own size in bands.
            let whole = rows(block)
            return whole <= settings.unreadBlockSmallShare * glyph ? [(block, whole)]
                : unreadBands(of: block, read: everyLine, glyph: glyph).map { ($0, $0 == block ? whole : rows($0)) }
        }
        for (block, rows) in candidates.prefix(settings.unreadBlockMaxBlocks) {
            let crop = padded(block)
            let cut = flat.cropped(crop)
            guard !isPicture(flat.cropped(block)) else { continue }
            let band = SmallTextReread.turned(block, degrees: -page.deskewAngle, page: page)
            let own = Set(weak.filter { inside(page.lines[$0].box, band) })
            // Text of the page's own size the page read lines of is left to the
            // page's reading (and `UnreadInk`): read again, body text comes out no
            // better, only different; the rest of rows the page read part of
            // (right halves OCR cut off at a gap) `UnreadInk` reads line by line.
            // Where the page read nothing on those rows at all (a page's last
            // lines, darkened by uneven light; the bands `unreadBands` cut), the
            // block is read at its own scale.
            let small = rows <= settings.unreadBlockSmallShare * glyph
            guard small || !page.lines.contains(where: { sharesRows($0.box, band) }) else { continue }
            let source = small ? SmallTextReread.scanAsItWas(fine, for: image) : nil
            let finer = source.map { $0.dpiY / image.dpiY } ?? 1
            let scale = small ? max(1, min(3, Int((settings.smallTextTargetPixels / (rows * finer)).rounded()))) : 1
            var again = request
            again.image = (source.map { SmallTextReread.cut(crop, from: image, fine: $0, settings: settings).normalizingBackground() } ?? cut)
                .upscaled(by: scale)
            again.deskew = false
            // One block: tesseract's own layout analysis finds nothing in a
            // patch of small type. (A gutter parts two columns into two patches.)
            again.pageSegMode = 6
            guard let read = try? recognizer.recognize(again) else { continue }
            // Read as one block, a box of two columns comes back as rows across
            // both (`主办：天津滨海…研究院电话：022-…`, v10506): parted at the gap,
            // the column the page read well stays as read and the other joins.
            let lines = OCRLayout.splittingAtColumnGaps(read, image: again.image).lines.map { UnreadInk.fitted(SmallTextReread.mapped($0, from: crop, scale: Double(scale) * finer, page: page), to: band) }
                .filter { UnreadInk.isText($0, glyph: rows, minConfidence: settings.unreadInkMinConfidence) }
                .filter { new in !page.lines.contains { readsOnlyPart(of: $0.box, new.box) } }
                // A line the page read with confidence stays as read, and where it was.
                .filter { new in !strong.contains { SmallTextReread.readAgain(page.lines[$0].box, by: new.box) } }
            guard !lines.isEmpty else { continue }
            guard own.isEmpty || SmallTextReread.meanConfidence(lines) > SmallTextReread.meanConfidence(own.map { page.lines[$0] })
            else { continue }
            // Line by line: a new line takes the place of the lines it reads again only when it is the more confident.
            let (kept, replaced) = SmallTextReread.merged(lines, over: page.lines, own: [])
            if !kept.isEmpty { replacements.append((replaced, kept)) }
        }
        guard !replacements.isEmpty else { return page }
        var out = page
        out.lines = placing(replacements, in: page.lines)
        return out
    }

    /// The page's lines without the ones read again, each new line where it
    /// falls in reading order (a block is one column: a gutter parts two).
    static func placing(_ replacements: [(old: [Int], lines: [RecognizedLine])], in lines: [RecognizedLine]) -> [RecognizedLine] {
        let gone = Set(replacements.flatMap(\.old))
        var out = lines.indices.filter { !gone.contains($0) }.map { lines[$0] }
        for line in replacements.flatMap(\.lines) {
            out.insert(line, at: out.firstIndex { UnreadInk.follows($0.box, line.box) } ?? out.endIndex)
        }
        return out
    }

    /// Whether a new line reads only part of an old one again (the rest of the
    /// old line's row left out): it would put half a line in place of a whole one.
    static func readsOnlyPart(of old: PixelBox, _ new: PixelBox) -> Bool {
        let shared = min(old.x1, new.x1) - max(old.x0, new.x0)
        return SmallTextReread.readAgain(old, by: new) && 5 * shared < 3 * (old.x1 - old.x0)
    }

    /// The block, or where the page read lines on some of its rows (`read`:
    /// their boxes, padded as the ink they cover), its bands at least 1.6
    /// glyphs tall on no line's rows: a framed staff box whose first two rows
    /// tesseract read and whose last three it left out. The rows read stay as
    /// read; the rows read nothing of are a block of their own.
    static func unreadBands(of block: PixelBox, read: [PixelBox], glyph: Double) -> [PixelBox] {
        let rows = read.filter { $0.y1 > block.y0 && $0.y0 < block.y1 }.sorted { $0.y0 < $1.y0 }
        guard !rows.isEmpty else { return [block] }
        var bands: [PixelBox] = [], top = block.y0
        for line in rows {
            if line.y0 > top { bands.append(PixelBox(x0: block.x0, y0: top, x1: block.x1, y1: line.y0)) }
            top = max(top, line.y1)
        }
        if block.y1 > top { bands.append(PixelBox(x0: block.x0, y0: top, x1: block.x1, y1: block.y1)) }
        return bands.filter { Double($0.y1 - $0.y0) >= 1.6 * glyph }
    }

    /// Whether a line stands on the block's rows: half its height or more within the block's.
    static func sharesRows(_ line: PixelBox, _ block: PixelBox) -> Bool {
        2 * (min(line.y1, block.y1) - max(line.y0, block.y0)) >= line.y1 - line.y0
    }

    /// Whether most of a line lies inside the block.
    static func inside(_ line: PixelBox, _ block: PixelBox) -> Bool {
        let w = min(line.x1, block.x1) - max(line.x0, block.x0), h = min(line.y1, block.y1) - max(line.y0, block.y0)
        guard w > 0, h > 0 else { return false }
        return 2 * w * h >= (line.x1 - line.x0) * (line.y1 - line.y0)
    }

    /// Runs of uncovered ink joined across the leading between lines (pieces
    /// one above the other less than a glyph apart are one block), at least 1.6
    /// glyphs tall and three wide: a panel of text, not one line (`UnreadInk`
    /// reads those) nor a picture (filled nearly solid) nor the scan's border.
    static func blocks(_ grid: InkGrid, glyph: Double, width: Int, height: Int) -> [PixelBox] {
        // Ink at the page's edge (a scan's dark border) is no type: left out before
        // the pieces are joined, so a staff box just above a border is still a block.
        grid.components(horizontalReach: 2, verticalReach: 2).map(grid.pixelBox)
            .filter { !$0.touchesEdge(width: width, height: height) }
            .joined(when: { stacked($0, $1, glyph: glyph) })
            .filter { box in
                let h = Double(box.y1 - box.y0), w = Double(box.x1 - box.x0)
                return !box.touchesEdge(width: width, height: height) && h >= 1.6 * glyph && w >= 3 * glyph
            }.sorted { ($0.y0, $0.x0) < ($1.y0, $1.x0) }
    }

    /// Whether a patch is mostly ink: a photograph or a band of colour, not
    /// type (even small, heavy type darkens about half its box).
    static func isPicture(_ image: GrayImage) -> Bool {
        let dark = image.pixels.reduce(0) { $0 + ($1 < inkLevel ? 1 : 0) }
        return 10 * dark >= 7 * max(1, image.pixels.count)
    }

    /// Two pieces of one panel: sharing some width, less than a glyph apart up and down.
    static func stacked(_ a: PixelBox, _ b: PixelBox, glyph: Double) -> Bool {
        let across = min(a.x1, b.x1) - max(a.x0, b.x0), apart = max(a.y0, b.y0) - min(a.y1, b.y1)
        return across > 0 && Double(apart) < glyph
    }

    /// The median height of the rows of ink in an image, in pixels: the block's
    /// own glyph size, which may be well below the page's. Nil without two rows.
    static func rowHeight(_ image: GrayImage) -> Double? {
        let least = max(2, image.width / 100)
        var runs: [Double] = [], run = 0
        for y in 0..<image.height {
            var dark = 0
            for x in 0..<image.width where image.pixels[y * image.width + x] < inkLevel { dark += 1 }
            if dark >= least { run += 1 } else if run > 0 { runs.append(Double(run)); run = 0 }
        }
        if run > 0 { runs.append(Double(run)) }
        let rows = runs.filter { $0 >= 3 }
        return rows.count >= 2 ? SmallTextReread.median(rows) : nil
    }
}
