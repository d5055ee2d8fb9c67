/// A page's lines that are not furniture, in top-to-bottom, left-to-right
/// order, each with its reference (`page:index`) into the extract/OCR lines.
struct PageLines {
    var page: Int
    var lines: [TextLine]
    var refs: [String]

    init(_ layout: PageLayout, furniture: [FurnitureLine]) {
        page = layout.number
        let dropped = Set(furniture.filter { $0.page == layout.number }.compactMap(\.line))
        let kept = layout.lines.enumerated()
            .map { (ref: "\(layout.number):\($0.offset)", line: $0.element) }
            .filter { !dropped.contains($0.ref) }
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
