/// Reading order on a page set in two columns: the left column before the
/// right one between lines that span both (a title across the columns, a
/// section band). A page is taken for two columns only when a vertical gutter
/// splits its lines into two sizeable groups that few lines cross.
enum ReadingOrder {
    /// A line's place: its index on the page and its column (0 left or the only
    /// column, 1 right, -1 spanning both).
    struct Placed: Equatable {
        var index: Int
        var column: Int
    }

    static func order(_ boxes: [Box]) -> [Placed] { order(boxes, gutter: gutter(boxes)) }

    /// The order by a gutter found before: the page's own, or (`fitting`) the
    /// one the document's other pages share, where this page's lines are too
    /// few on one side to show one (a column of three lines closing an article).
    static func order(_ boxes: [Box], gutter: ClosedRange<Double>?) -> [Placed] {
        let topDown = boxes.indices.sorted { PageLines.readsBefore(boxes[$0], boxes[$1]) }
        guard let gutter else { return topDown.map { Placed(index: $0, column: 0) } }
        // A line spans the columns when it reaches into the other one: by more than half its height, not by a
        // speck OCR boxed with it past the gutter (`年重大项目扩大有 。` ending on the right column's edge, v10303).
        func column(_ box: Box) -> Int {
            box.x1 <= gutter.upperBound + box.height / 2 ? 0 : box.x0 >= gutter.lowerBound - box.height / 2 ? 1 : -1
        }
        var placed: [Placed] = []
        var band: [Int] = []
        func flushBand() {
            placed += band.filter { column(boxes[$0]) == 0 }.map { Placed(index: $0, column: 0) }
            placed += band.filter { column(boxes[$0]) == 1 }.map { Placed(index: $0, column: 1) }
            band = []
        }
        let topBand = boxesAtopTheColumns(boxes, topDown: topDown, column: column)
        for index in topDown {
            if column(boxes[index]) == -1 {
                flushBand()
                placed.append(Placed(index: index, column: -1))
            } else {
                if band.last.map({ topBand.contains($0) && !topBand.contains(index) }) ?? false { flushBand() }
                band.append(index)
            }
        }
        flushBand()
        return placed
    }

    /// The lines of a box set across both columns at the page's top (a staff
    /// box in two columns of its own above the first article, v10303): lines
    /// of both columns above a gap no line crosses, `bandGapHeights` line
    /// heights or more, in the top `bandTopShare` of the page's lines. They are
    /// read before the columns under them, not as the columns' first lines
    /// (the right column's first paragraph otherwise follows the box's right
    /// half, which parts it from the left column's last line). Empty when there is none.
    static func boxesAtopTheColumns(_ boxes: [Box], topDown: [Int], column: (Box) -> Int) -> Set<Int> {
        guard let top = boxes.map(\.y0).min(), let bottom = boxes.map(\.y1).max() else { return [] }
        let heights = boxes.map(\.height).sorted()
        let height = heights[heights.count / 2]
        var lowest = -Double.infinity
        for (position, index) in topDown.enumerated() {
            let box = boxes[index]
            if position > 0, box.y0 - lowest >= bandGapHeights * height {
                let above = Array(topDown[..<position])
                guard lowest <= top + bandTopShare * (bottom - top),
                      Set(above.map { column(boxes[$0]) }).isSuperset(of: [0, 1]) else { return [] }
                return Set(above)
            }
            lowest = max(lowest, box.y1)
        }
        return []
    }

    static let bandGapHeights = 2.5, bandTopShare = 0.3

    /// The page's lines with those that run across the gutter (OCR read a
    /// left-column line and a right-column line as one) cut at it, when their
    /// words leave it free; each piece keeps the index of the line it came from.
    /// The gutter is looked for among the lines' runs of words, not their
    /// boxes: where OCR read most rows across it, only the words show it
    /// (contents in two columns with a narrow gutter, v10006). Only runs of
    /// text make a column: page numbers and specks beside one do not (a
    /// contents page's numbers, a running head read in two pieces).
    static func splittingAtGutter(_ lines: [TextLine]) -> [(source: Int, line: TextLine)] {
        let pieces = lines.flatMap(self.pieces)
        guard let gutter = gutter(pieces.map(\.box), holdsText: pieces.map { $0.letters >= minColumnPieceLetters }) else {
            return lines.enumerated().map { ($0.offset, $0.element) }
        }
        let middle = (gutter.lowerBound + gutter.upperBound) / 2
        return lines.enumerated().flatMap { index, line -> [(source: Int, line: TextLine)] in
            let spans = line.spans.filter { !isSpeck($0, in: line, gutter: gutter) }
            let left = spans.filter { $0.box.x1 <= middle }, right = spans.filter { $0.box.x0 >= middle }
            // The words on either side stand a gutter apart, not a word space (印发日期：2024年 2月8日).
            guard line.box.x0 < gutter.lowerBound, line.box.x1 > gutter.upperBound, !left.isEmpty, !right.isEmpty,
                  left.count + right.count == spans.count,
                  let leftEnd = left.map(\.box.x1).max(), let rightStart = right.map(\.box.x0).min(),
                  rightStart - leftEnd >= line.size else { return [(index, line)] }
            return [left, right].compactMap { spans in
                guard let box = spans.map(\.box).union else { return nil }
                let text = line.confidence == nil ? spans.map(\.text).joined() : OCRTextRepair.joinWords(spans.map(\.text))
                var piece = line
                piece.text = text
                piece.box = box
                piece.spans = spans
                return (index, piece)
            }
        }
    }

    /// A mark OCR read wholly inside the gutter, half an em or more past the
    /// word before it: a speck between the two columns' words (`。`, v12219),
    /// no word of either. (A full stop hanging past a column's edge follows its
    /// word closely; a text layer's marks are all printed, v11507.)
    static func isSpeck(_ span: TextSpan, in line: TextLine, gutter: ClosedRange<Double>) -> Bool {
        guard line.confidence != nil, !span.text.contains(where: { $0.isLetter || $0.isNumber }),
              span.box.x0 >= gutter.lowerBound, span.box.x1 <= gutter.upperBound else { return false }
        let before = line.spans.map(\.box.x1).filter { $0 <= span.box.x0 }.max()
        return before.map { span.box.x0 - $0 >= 0.5 * line.size } ?? true
    }

    /// A line's runs of words, parted where two words stand an em or more
    /// apart (the gap `splittingAtGutter` cuts at), with the letters each holds.
    static func pieces(_ line: TextLine) -> [(box: Box, letters: Int)] {
        let words = line.spans.sorted { $0.box.x0 < $1.box.x0 }
        let letters = { (text: String) in text.filter(\.isLetter).count }
        guard words.count > 1 else { return [(line.box, letters(line.text))] }
        var pieces: [(box: Box, letters: Int)] = []
        for word in words {
            if let last = pieces.last, word.box.x0 - last.box.x1 < line.size {
                pieces[pieces.count - 1] = (last.box.union(word.box), last.letters + letters(word.text))
            } else {
                pieces.append((word.box, letters(word.text)))
            }
        }
        return pieces
    }

    /// The fewest letters a run of words holds to count towards a column.
    static let minColumnPieceLetters = 4

    /// The gutter most of a document's pages show (the median of their own),
    /// when at least two pages show one.
    static func sharedGutter(_ gutters: [ClosedRange<Double>]) -> ClosedRange<Double>? {
        guard gutters.count >= 2 else { return nil }
        let middles = gutters.map { ($0.lowerBound + $0.upperBound) / 2 }.sorted()
        let middle = middles[middles.count / 2]
        return middle...middle
    }

    /// A shared gutter on a page whose lines keep to either side of it (as
    /// few cross it as `gutter` allows), narrowed to this page's own lines.
    static func fitting(_ shared: ClosedRange<Double>, _ boxes: [Box]) -> ClosedRange<Double>? {
        let x = (shared.lowerBound + shared.upperBound) / 2
        let crossing = boxes.filter { $0.x0 < x - 1 && $0.x1 > x + 1 }.count
        let left = boxes.filter { $0.x1 <= x + 1 }, right = boxes.filter { $0.x0 >= x - 1 }
        guard !left.isEmpty, !right.isEmpty, crossing * 5 <= boxes.count,
              let lower = left.map(\.x1).max(), let upper = right.map(\.x0).min(), lower <= upper else { return nil }
        return lower...upper
    }

    /// The gap between two columns, as the x range between the left column's
    /// right edge and the right column's left edge; nil for a one-column page.
    /// `holdsText`: which boxes count towards a column's lines (all when nil).
    static func gutter(_ boxes: [Box], holdsText: [Bool]? = nil) -> ClosedRange<Double>? {
        guard boxes.count >= 8, let left = boxes.map(\.x0).min(), let right = boxes.map(\.x1).max(), right > left else { return nil }
        let width = right - left
        let counted = holdsText.map { flags in boxes.indices.filter { flags[$0] }.map { boxes[$0] } } ?? boxes
        var best: (crossing: Int, gap: Double, range: ClosedRange<Double>?)?
        for step in 0...40 {
            let x = left + width * (0.3 + 0.4 * Double(step) / 40)
            let crossing = boxes.filter { $0.x0 < x - 1 && $0.x1 > x + 1 }.count
            let leftCount = counted.filter { $0.x1 <= x + 1 }.count, rightCount = counted.filter { $0.x0 >= x - 1 }.count
            // Few lines cross a gutter; a column may hold little (an issue's last page).
            let side = max(2, boxes.count / 10)
            guard leftCount >= side, rightCount >= side, crossing * 5 <= boxes.count else { continue }
            let lower = boxes.filter { $0.x1 <= x + 1 }.map(\.x1).max() ?? x
            let upper = boxes.filter { $0.x0 >= x - 1 }.map(\.x0).min() ?? x
            // Of places crossed as rarely, a channel clearly wider than the first: a contents title
            // set across the gutter leaves one place free and a long left-column row another
            // (v12016, 30 pt against 16); channels about as wide are the first's (v12003).
            if crossing < best?.crossing ?? .max
                || (crossing == best?.crossing && upper - lower > max(0, best?.gap ?? 0) * Self.widerChannel) {
                best = (crossing, upper - lower, lower <= upper ? lower...upper : nil)
            }
        }
        return best?.range
    }

    /// How much wider than the first place crossed as rarely a channel must be to be the gutter.
    static let widerChannel = 1.5
}
