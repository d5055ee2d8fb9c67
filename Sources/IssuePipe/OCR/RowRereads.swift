/// Tesseract can read one row twice, as two lines on the same band that
/// overlap by half the shorter one or more (a cover's `发日期：2024年10月24日`
/// over `印发日期2024年10月`, each missing a part of the other), or read the
/// ink where two pieces of a row meet twice. The row is read once: the more
/// confident reading whole, and of the other only the characters outside it.
extension OCRLayout {
    /// Two lines of one row (their bands shared, as `mergingRowFragments` checks)
    /// overlapping across half the shorter's width or more. (A short piece inside
    /// a line three times as wide is spliced in or left out by
    /// `splicingPiecesInsideLines`, which looks at the words about it.)
    static func isReadTwice(_ line: TextLine, _ other: TextLine) -> Bool {
        let shared = min(line.box.x1, other.box.x1) - max(line.box.x0, other.box.x0)
        return shared > 0 && 2 * shared >= min(line.box.width, other.box.width)
            && !isInside(line, other) && !isInside(other, line)
    }

    /// The two readings as the parts of one line, left to right: the more
    /// confident one whole, and the other's characters before and after it.
    static func withoutRereadCharacters(_ first: TextLine, _ second: TextLine) -> [TextLine] {
        let (kept, other) = (first.confidence ?? 0) < (second.confidence ?? 0) ? (second, first) : (first, second)
        let before = piece(of: other, keeping: { $0.lowerBound < kept.box.x0 })
        let after = piece(of: other, keeping: { $0.upperBound > kept.box.x1 })
        return [before, kept, after].compactMap { $0 }
    }

    /// The characters of `line` whose extents `keep` accepts, or nil for none.
    static func piece(of line: TextLine, keeping keep: (ClosedRange<Double>) -> Bool) -> TextLine? {
        let spans = line.spans.compactMap { characters(of: $0, keeping: keep) }
        guard let box = spans.map(\.box).union else { return nil }
        var piece = line
        piece.spans = spans
        piece.text = OCRTextRepair.joinWords(spans.map(\.text))
        piece.box = Box(x0: box.x0, y0: line.box.y0, x1: box.x1, y1: line.box.y1)
        return piece
    }

    /// The characters of a word whose extents `keep` accepts, each placed by
    /// its share of the word's width (a Latin letter or a digit half a Han one's).
    /// A word of several characters (`印发`) can reach into the other reading.
    /// (A character starting before the other reading is kept: its box there
    /// may be loose, `立` boxed over the half of `成` before it.)
    static func characters(of span: TextSpan, keeping keep: (ClosedRange<Double>) -> Bool) -> TextSpan? {
        let characters = Array(span.text)
        let widths = characters.map { $0.isASCII ? 0.5 : 1.0 }
        let unit = span.box.width / max(widths.reduce(0, +), 0.5)
        var x = span.box.x0
        var kept: [(Character, Double, Double)] = []
        for (character, width) in zip(characters, widths) {
            let end = x + width * unit
            if keep(x...end) { kept.append((character, x, end)) }
            x = end
        }
        guard let first = kept.first, let last = kept.last else { return nil }
        if kept.count == characters.count { return span }
        var piece = span
        piece.text = String(kept.map(\.0))
        piece.box = Box(x0: first.1, y0: span.box.y0, x1: last.2, y1: span.box.y1)
        return piece
    }
}
