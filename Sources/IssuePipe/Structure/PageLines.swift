/// A page's lines that are not furniture, in top-to-bottom, left-to-right
/// order, each with its reference (`page:index`) into the extract/OCR lines.
struct PageLines {
    var page: Int
    var lines: [TextLine]
    var refs: [String]

    init(_ layout: PageLayout, furniture: [FurnitureLine]) {
        page = layout.number
        let dropped = Set(furniture.filter { $0.page == layout.number }.compactMap(\.line))
        let keptRefs = layout.lines.indices.map { "\(layout.number):\($0)" }.filter { !dropped.contains($0) }
        let keptLines = layout.lines.enumerated().filter { !dropped.contains("\(layout.number):\($0.offset)") }.map(\.element)
        // As the clean stage reads them: a line OCR read across a two-column gutter is two lines.
        let kept = ReadingOrder.splittingAtGutter(keptLines).map { (ref: keptRefs[$0.source], line: $0.line) }
            .sorted { Self.readsBefore($0.line.box, $1.line.box) }
        lines = kept.map(\.line)
        refs = kept.map(\.ref)
    }

    init(page: Int, lines: [TextLine], refs: [String]) {
        self.page = page
        self.lines = lines
        self.refs = refs
    }

    /// Lines sharing a baseline read left to right; otherwise top to bottom.
    static func readsBefore(_ a: Box, _ b: Box) -> Bool {
        a.verticalOverlap(b) > 0.5 ? a.x0 < b.x0 : a.y0 < b.y0
    }
}
