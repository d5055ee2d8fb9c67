/// A page's lines that are not furniture, in top-to-bottom, left-to-right order.
struct PageLines {
    var page: Int
    var lines: [TextLine]

    init(_ layout: PageLayout, furniture: [FurnitureLine]) {
        page = layout.number
        let dropped = Set(furniture.filter { $0.page == layout.number }.map(\.box))
        lines = layout.lines.filter { !dropped.contains($0.box) }.sorted {
            $0.box.verticalOverlap($1.box) > 0.5 ? $0.box.x0 < $1.box.x0 : $0.box.y0 < $1.box.y0
        }
    }
}
