/// Tesseract reads across the gutter of contents set in two columns when the
/// gutter is narrow or filled (leaders, a page number, a bullet): one line
/// holds the end of a left entry and the start of a right one. Where three or
/// more lines of the page start at one place far right of the left margin (a
/// column's left edge), a line that runs across that edge is parted at the
/// word that starts there, if a gap stands before it. Only lines level with
/// the column's own lines are parted: a staff box in two columns at the top
/// does not part the text under it. A line just past the band (the column's
/// last entry, which tesseract read across the gutter and so does not start
/// at the edge: v10701) is parted only at a gap as wide as a gutter's.
enum ColumnStarts {
    static func splitting(_ page: RecognizedPage) -> RecognizedPage {
        let heights = page.lines.flatMap(\.words).map { Double($0.box.y1 - $0.box.y0) }.sorted()
        guard page.lines.count >= 6, !heights.isEmpty else { return page }
        let glyph = heights[heights.count / 2]
        let edges = columnEdges(page.lines, glyph: glyph)
        guard !edges.isEmpty else { return page }
        var out = page
        out.lines = page.lines.flatMap { line in
            let middle = Double(line.box.y0 + line.box.y1) / 2
            for edge in edges where edge.band.contains(middle) {
                if let parts = parted(line, at: edge.x, glyph: glyph) { return parts }
            }
            let reach = bandReachGlyphs * glyph
            for edge in edges where (edge.band.lowerBound - reach...edge.band.upperBound + reach).contains(middle) {
                if let parts = parted(line, at: edge.x, glyph: glyph, gap: gutterGlyphs * glyph) { return parts }
            }
            return [line]
        }
        return out
    }

    /// How far past a column's band (in glyphs) a line may be parted, and
    /// the gap (in glyphs) that must stand before the edge there.
    static let bandReachGlyphs = 3.0, gutterGlyphs = 1.5

    struct Edge { var x: Double; var band: ClosedRange<Double> }

    /// Left edges where three or more lines start, at least eight glyphs right
    /// of the leftmost line start, with the vertical band of those lines.
    static func columnEdges(_ lines: [RecognizedLine], glyph: Double) -> [Edge] {
        guard let margin = lines.map({ Double($0.box.x0) }).min() else { return [] }
        var edges: [Edge] = []
        for start in lines.map({ Double($0.box.x0) }).sorted() where start >= margin + 8 * glyph {
            if let last = edges.last, start - last.x <= 0.8 * glyph { continue }
            let members = lines.filter { Double($0.box.x0) >= start && Double($0.box.x0) <= start + 0.8 * glyph }
            guard members.count >= 3 else { continue }
            let top = Double(members.map(\.box.y0).min()!), bottom = Double(members.map(\.box.y1).max()!)
            edges.append(Edge(x: start, band: top...bottom))
        }
        return edges
    }

    /// The line in two at the first word starting at `x` (within a glyph and a
    /// half) after a gap of `gap` (a third of a glyph unless said); nil when it does not cross `x`.
    static func parted(_ line: RecognizedLine, at x: Double, glyph: Double, gap: Double? = nil) -> [RecognizedLine]? {
        guard Double(line.box.x0) < x - 4 * glyph, Double(line.box.x1) > x + 2 * glyph else { return nil }
        guard let k = line.words.indices.dropFirst().first(where: { k in
            let start = Double(line.words[k].box.x0)
            return start >= x - glyph && start <= x + 1.5 * glyph
                && start - Double(line.words[k - 1].box.x1) >= gap ?? glyph / 3
        }) else { return nil }
        return [Array(line.words[..<k]), Array(line.words[k...])].map { words in
            RecognizedLine(box: PixelBox(x0: words.map(\.box.x0).min()!, y0: line.box.y0,
                                         x1: words.map(\.box.x1).max()!, y1: line.box.y1), words: words)
        }
    }
}
