/// Tesseract sometimes reads a column of marks (a contents list's ▲ bullets)
/// as one "line" running down the page, with a label beside its foot: its words
/// stand one above another (`【四川】rr > > > > >了7.`, 100 pt tall, v10809),
/// and the label takes the top of the column for its place. Words of one line
/// never stand over each other. The words that do are the column, read as
/// nothing in particular (`对`, `于`, `>` for bullets): they are left out, their
/// ink to `UnreadInk`, which reads it again row by row; the rest are parted into
/// rows of words that share a band. A word boxed taller than `tallWordRows` of
/// its fellows (a box round the whole column) is the column too, left out when
/// it has no Han (the line is kept whole when it has). A column stands over
/// `minColumnRows` rows at least.
enum StackedRows {
    static let tallWordRows = 2.5
    /// A column stands over this many rows at least: two words one above the
    /// other within a row's height or two are one glyph tesseract cut in two
    /// (`台` read as its top and its bottom, each `台`, v10412), not a column.
    static let minColumnRows = 3

    static func parting(_ page: RecognizedPage) -> RecognizedPage {
        var out = page
        out.lines = page.lines.flatMap { rows(of: $0) ?? [$0] }
        return out
    }

    /// The line's rows, top to bottom, or nil when its words do not stand over each other.
    static func rows(of line: RecognizedLine) -> [RecognizedLine]? {
        guard line.words.count >= 3 else { return nil }
        let heights = line.words.map { $0.box.y1 - $0.box.y0 }.sorted()
        let glyph = max(1, heights[heights.count / 2])
        let isTall = { (word: RecognizedWord) in Double(word.box.y1 - word.box.y0) > tallWordRows * Double(glyph) }
        let words = line.words.filter { !isTall($0) }
        let column = stacked(words)
        guard column.count >= minColumnRows,
              let band = column.map({ words[$0].box }).union, band.y1 - band.y0 >= minColumnRows * glyph,
              !line.words.contains(where: { isTall($0) && $0.text.contains(where: CJKCharacters.isLetter) })
        else { return nil }
        let rest = words.indices.filter { !column.contains($0) }.map { words[$0] }
        var rows: [[RecognizedWord]] = []
        for word in rest.sorted(by: { ($0.box.y0 + $0.box.y1, $0.box.x0) < ($1.box.y0 + $1.box.y1, $1.box.x0) }) {
            if let last = rows.last, let band = last.map(\.box).union, sharesBand(word.box, band) {
                rows[rows.count - 1].append(word)
            } else {
                rows.append([word])
            }
        }
        return rows.map { row in
            let words = row.sorted { $0.box.x0 < $1.box.x0 }
            return RecognizedLine(box: words.map(\.box).union!, words: words)
        }
    }

    /// The words that stand over or under another: overlapping it across by
    /// half the narrower's width and not at all up and down.
    static func stacked(_ words: [RecognizedWord]) -> Set<Int> {
        var column: Set<Int> = []
        for (i, a) in words.enumerated() {
            for (j, b) in words.enumerated() where j > i {
                let across = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
                let narrower = min(a.box.x1 - a.box.x0, b.box.x1 - b.box.x0)
                let apart = a.box.y1 <= b.box.y0 || b.box.y1 <= a.box.y0
                if apart, narrower > 0, 2 * across >= narrower { column.formUnion([i, j]) }
            }
        }
        return column
    }

    /// Whether a word's box overlaps a row's band by half its own height or the band's.
    static func sharesBand(_ box: PixelBox, _ band: PixelBox) -> Bool {
        let overlap = min(box.y1, band.y1) - max(box.y0, band.y0)
        return 2 * overlap >= min(box.y1 - box.y0, band.y1 - band.y0)
    }
}
