import Foundation

/// Glyphs a broken font drew that poppler left out of the text: a code it
/// takes for a space or a control character (reportlab's and LibreOffice's
/// subsets number glyphs from 1, so a common character gets code 32 or 10).
/// They leave a glyph-wide gap with ink in their line, often cutting it in two.
/// A placeholder glyph is put there before OCR's symbols are paired with the
/// layer, so it is paired, keyed by its look and learned like any other glyph.
enum VanishedGlyphs {
    struct Insertion {
        /// The glyph it follows on its line (-1: it starts the line, before `next`).
        var after: Int
        var next: Int
        var scalar: Unicode.Scalar
        var box: GlyphBox
    }

    /// What a placeholder's character is until OCR's reading takes its place.
    static let placeholder: Unicode.Scalar = "\u{FFFC}"

    /// A placeholder's character: U+FFFC (found by ink), or one of plane 15's
    /// private-use characters naming the outline the render drew (`DrawnGlyphs`),
    /// so that each glyph poppler left out is keyed by what it is.
    static func isPlaceholder(_ scalar: Unicode.Scalar) -> Bool {
        scalar == placeholder || (0xF0000...0xFFFFD).contains(scalar.value)
    }

    static func placeholder(outline: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(0xF0000 + outline % 0xFFFE)!
    }

    /// Placeholders for the glyphs the render drew (`DrawnGlyphs`) where the layer
    /// has none: each goes on the layer line whose band holds it, in its place
    /// from left to right, with an em-wide box about its ink. Returns the
    /// insertions and how many drawn glyphs stood on no line of the layer.
    static func placeholders(_ glyphs: PageGlyphs, drawn: [DrawnGlyph], image: GrayImage?) -> (insertions: [Insertion], offLine: Int) {
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        // Sorted by left edge, to find the boxes a glyph's centre may fall in.
        var boxes: [GlyphBox] = []
        for box in glyphs.boxes.prefix(count) where box.x1 - box.x0 > 0.01 && box.y1 > box.y0 { boxes.append(box) }
        boxes.sort { (a: GlyphBox, b: GlyphBox) -> Bool in a.x0 < b.x0 }
        var widest = 0.0
        for box in boxes { widest = max(widest, box.x1 - box.x0) }
        func covered(_ ink: GlyphBox) -> Bool {
            let cx = (ink.x0 + ink.x1) / 2
            // First box whose x0 could be ≤ cx with x1 ≥ cx: x0 ≥ cx - widest.
            var low = 0, high = boxes.count
            while low < high { let mid = (low + high) / 2; if boxes[mid].x0 < cx - widest { low = mid + 1 } else { high = mid } }
            var k = low
            while k < boxes.count, boxes[k].x0 <= cx {
                let b = boxes[k]
                if b.x1 >= cx, min(b.y1, ink.y1) > max(b.y0, ink.y0) { return true }
                k += 1
            }
            return false
        }
        let lines = SymbolAlignment.inkLines(glyphs, image: image)
        let bands = lines.map { members -> (top: Double, bottom: Double, left: Double, right: Double) in
            (members.map { glyphs.boxes[$0].y0 }.min()!, members.map { glyphs.boxes[$0].y1 }.max()!,
             glyphs.boxes[members.first!].x0, glyphs.boxes[members.last!].x1)
        }
        var insertions: [Insertion] = [], strays: [DrawnGlyph] = []
        // A glyph far taller than the layer's lines is a rule or an ornament, not text.
        let heights = boxes.map { $0.y1 - $0.y0 }.sorted()
        let tallest = heights.isEmpty ? Double.infinity : 1.6 * heights[heights.count / 2]
        for glyph in drawn where glyph.ink.y1 - glyph.ink.y0 <= tallest && !covered(glyph.ink) {
            let cx = (glyph.ink.x0 + glyph.ink.x1) / 2, cy = (glyph.ink.y0 + glyph.ink.y1) / 2
            var best: (line: Int, distance: Double)?
            for (index, band) in bands.enumerated() {
                let em = band.bottom - band.top
                guard em > 1, cy >= band.top, cy <= band.bottom, cx >= band.left - Double(maxRun) * em, cx <= band.right + Double(maxRun) * em,
                      glyph.ink.y1 - glyph.ink.y0 <= 1.5 * em else { continue }
                let distance = abs(cy - (band.top + band.bottom) / 2)
                if distance < best?.distance ?? .infinity { best = (index, distance) }
            }
            guard let line = best?.line else { strays.append(glyph); continue }
            let members = lines[line], band = bands[line], em = band.bottom - band.top
            let position = members.lastIndex { (glyphs.boxes[$0].x0 + glyphs.boxes[$0].x1) / 2 < cx }
            let after = position.map { members[$0] } ?? -1
            let next = position.map { $0 + 1 < members.count ? members[$0 + 1] : -1 } ?? members.first!
            let half = max(em, glyph.ink.x1 - glyph.ink.x0) / 2
            insertions.append(Insertion(after: after, next: next, scalar: placeholder(outline: glyph.outline),
                                        box: GlyphBox(x0: cx - half, y0: band.top, x1: cx + half, y1: band.bottom)))
        }
        let (lines2, offLine) = newLines(strays, lines: lines, bands: bands)
        return (insertions + lines2, offLine)
    }

    /// Drawn glyphs on no line of the layer (a line all of whose glyphs poppler
    /// left out): glyphs side by side on one band make a line, put into the text
    /// after the layer's line above it (else before the one below it). Returns
    /// the insertions and how many glyphs found no place.
    static func newLines(_ strays: [DrawnGlyph], lines: [[Int]],
                         bands: [(top: Double, bottom: Double, left: Double, right: Double)]) -> ([Insertion], Int) {
        var groups: [[DrawnGlyph]] = []
        for glyph in strays.sorted(by: { ($0.ink.y0 + $0.ink.y1, $0.ink.x0) < ($1.ink.y0 + $1.ink.y1, $1.ink.x0) }) {
            let g = glyph.ink, h = g.y1 - g.y0
            if let k = groups.lastIndex(where: { group in
                group.contains { o in
                    let oh = o.ink.y1 - o.ink.y0, size = max(h, oh, 1)
                    return min(o.ink.y1, g.y1) - max(o.ink.y0, g.y0) > 0.3 * min(h, oh)
                        && max(o.ink.x0, g.x0) - min(o.ink.x1, g.x1) <= 1.5 * size
                }
            }) { groups[k].append(glyph) } else { groups.append([glyph]) }
        }
        var insertions: [Insertion] = [], lost = 0
        for group in groups {
            let top = group.map(\.ink.y0).min()!, bottom = group.map(\.ink.y1).max()!
            let left = group.map(\.ink.x0).min()!, right = group.map(\.ink.x1).max()!
            let em = max(1, (bottom - top) * 1.15), pad = (em - (bottom - top)) / 2
            let above = bands.indices.filter { bands[$0].bottom <= top + 0.2 * em && bands[$0].left < right && bands[$0].right > left }
                .max { bands[$0].bottom < bands[$1].bottom }
            let below = bands.indices.filter { bands[$0].top >= bottom - 0.2 * em && bands[$0].left < right && bands[$0].right > left }
                .min { bands[$0].top < bands[$1].top }
            let after: Int, next: Int
            if let above, let last = lines[above].max() { (after, next) = (last, -1) }
            else if let below, let first = lines[below].min() { (after, next) = (-1, first) }
            else { lost += group.count; continue }
            for glyph in group.sorted(by: { $0.ink.x0 < $1.ink.x0 }) {
                let cx = (glyph.ink.x0 + glyph.ink.x1) / 2, half = max(em, glyph.ink.x1 - glyph.ink.x0) / 2
                insertions.append(Insertion(after: after, next: next, scalar: placeholder(outline: glyph.outline),
                                            box: GlyphBox(x0: cx - half, y0: top - pad, x1: cx + half, y1: bottom + pad)))
            }
        }
        return (insertions, lost)
    }
    /// At most this many glyphs in a row are put in.
    static let maxRun = 8

    /// Placeholders for the glyph-wide slots with ink, walking from each glyph of
    /// a line into the gap after it (and from the line's first glyph backwards),
    /// while each slot has ink and no glyph of the layer stands there.
    static func placeholders(_ glyphs: PageGlyphs, image: GrayImage) -> [Insertion] {
        var insertions: [Insertion] = []
        for members in SymbolAlignment.inkLines(glyphs, image: image) where members.count >= 2 {
            let top = members.map { glyphs.boxes[$0].y0 }.min()!, bottom = members.map { glyphs.boxes[$0].y1 }.max()!
            let em = bottom - top
            guard em > 1 else { continue }
            func inked(_ x0: Double) -> Bool {
                isFree(glyphs, x: x0...(x0 + em), y: top...bottom)
                    && image.hasInk(x: (x0 + 0.1 * em)...(x0 + 0.9 * em), y: top...bottom, minWidth: 0.3 * em)
            }
            let firstBox = glyphs.boxes[members.first!]
            var leading: [Double] = []
            while leading.count < maxRun, inked(firstBox.x0 - Double(leading.count + 1) * em) { leading.append(firstBox.x0 - Double(leading.count + 1) * em) }
            for x0 in leading.reversed() { insertions.append(slot(x0, em, top, bottom, after: -1, next: members.first!)) }
            for (position, a) in members.enumerated() {
                let next = position + 1 < members.count ? members[position + 1] : -1
                let limit = next >= 0 ? glyphs.boxes[next].x0 : .infinity
                var x0 = glyphs.boxes[a].x1, run = 0
                // A slot must fit before the next glyph (a little overlap allowed: advances are not all an em).
                while run < maxRun, x0 + 0.8 * em <= limit, inked(x0) {
                    insertions.append(slot(x0, em, top, bottom, after: a, next: next))
                    x0 += em
                    run += 1
                }
            }
        }
        return insertions
    }

    static func slot(_ x0: Double, _ em: Double, _ top: Double, _ bottom: Double, after: Int, next: Int) -> Insertion {
        Insertion(after: after, next: next, scalar: placeholder, box: GlyphBox(x0: x0, y0: top, x1: x0 + em, y1: bottom))
    }

    /// No glyph of the layer stands in the area.
    static func isFree(_ glyphs: PageGlyphs, x: ClosedRange<Double>, y: ClosedRange<Double>) -> Bool {
        !glyphs.boxes.contains { box in
            box.x1 - box.x0 > 0.01 && min(box.x1, x.upperBound) - max(box.x0, x.lowerBound) > 0.05 * (x.upperBound - x.lowerBound)
                && min(box.y1, y.upperBound) - max(box.y0, y.lowerBound) > 0.3 * (y.upperBound - y.lowerBound)
        }
    }

    /// The glyphs with the insertions put in (each after its left neighbour, or
    /// before its right one), runs and indices moved to match.
    static func inserting(_ insertions: [Insertion], into glyphs: PageGlyphs) -> PageGlyphs {
        guard !insertions.isEmpty else { return glyphs }
        var after: [Int: [Insertion]] = [:]
        for insertion in insertions {
            // Before `next` is after the character preceding it.
            after[insertion.after >= 0 ? insertion.after : insertion.next - 1, default: []].append(insertion)
        }
        var out = PageGlyphs(scalars: [], boxes: [], runs: [])
        var newIndex = [Int](repeating: 0, count: glyphs.scalars.count), lastOf = [Int](repeating: 0, count: glyphs.scalars.count)
        if let leading = after[-1] { add(leading, to: &out) }
        for index in glyphs.scalars.indices {
            newIndex[index] = out.scalars.count
            out.scalars.append(glyphs.scalars[index])
            out.boxes.append(index < glyphs.boxes.count ? glyphs.boxes[index] : GlyphBox(x0: 0, y0: 0, x1: 0, y1: 0))
            if let inserted = after[index] { add(inserted, to: &out) }
            lastOf[index] = out.scalars.count - 1
        }
        out.runs = glyphs.runs.map { run in
            var moved = run
            if run.start >= 0, run.start < newIndex.count { moved.start = newIndex[run.start] }
            if run.end >= 0, run.end < lastOf.count { moved.end = lastOf[run.end] }
            return moved
        }
        return out
    }

    /// The glyphs laid out again line by line: each of the layer's lines (pieces
    /// on one band joined, `SymbolAlignment.inkLines`) its glyphs left to right, a
    /// space where a gap is wider than a quarter em, a line feed after it; the
    /// lines in the order poppler's text reaches them. poppler splits a line at
    /// each glyph it left out and may put the pieces far apart in its text (it
    /// takes the gaps for word spaces): put back between them, a glyph would
    /// stand in the wrong piece. Characters on no line (spaces, line ends) go.
    static func relaidOut(_ glyphs: PageGlyphs, image: GrayImage?) -> PageGlyphs {
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        var runOf = [Int](repeating: -1, count: count)
        for (index, run) in glyphs.runs.enumerated() where max(0, run.start) <= min(count - 1, run.end) {
            for i in max(0, run.start)...min(count - 1, run.end) { runOf[i] = index }
        }
        let lines = joiningBands(SymbolAlignment.inkLines(glyphs, image: image), glyphs)
        var out = PageGlyphs(scalars: [], boxes: [], runs: [])
        var sourceRun: [Int] = []
        func append(_ scalar: Unicode.Scalar, _ box: GlyphBox, run: Int) {
            out.scalars.append(scalar)
            out.boxes.append(box)
            sourceRun.append(run)
        }
        for members in lines {
            var previous: Int?
            for index in members {
                let box = glyphs.boxes[index]
                if let p = previous {
                    let left = glyphs.boxes[p], em = max(left.y1 - left.y0, box.y1 - box.y0)
                    if box.x0 - left.x1 > 0.15 * em {
                        append(" ", GlyphBox(x0: left.x1, y0: left.y0, x1: box.x0, y1: left.y1), run: runOf[p])
                    }
                }
                append(glyphs.scalars[index], box, run: runOf[index])
                previous = index
            }
            if let last = previous {
                let box = glyphs.boxes[last]
                append("\n", GlyphBox(x0: box.x1, y0: box.y0, x1: box.x1, y1: box.y1), run: runOf[last])
            }
        }
        // Runs again over the new order: consecutive characters of one source run.
        var start = 0
        for i in 0...sourceRun.count where i == sourceRun.count || sourceRun[i] != sourceRun[start] {
            if i > start, sourceRun[start] >= 0 {
                var run = glyphs.runs[sourceRun[start]]
                run.start = start
                run.end = i - 1
                out.runs.append(run)
            }
            start = i
        }
        return out
    }

    /// Pieces of the layer's lines that stand on one band and touch (the glyphs
    /// between them put back), wherever poppler's text has them, as one line
    /// left to right; the lines in the order of their middle character.
    static func joiningBands(_ lines: [[Int]], _ glyphs: PageGlyphs) -> [[Int]] {
        // A piece whose glyphs stand on two bands (poppler joined them) is split by band first.
        var pieces: [[Int]] = []
        for members in lines {
            var bands: [(box: GlyphBox, members: [Int])] = []
            for index in members {
                let b = glyphs.boxes[index]
                if let k = bands.firstIndex(where: { band in
                    min(band.box.y1, b.y1) - max(band.box.y0, b.y0) > 0.6 * min(band.box.y1 - band.box.y0, b.y1 - b.y0)
                }) { bands[k].members.append(index) } else { bands.append((b, [index])) }
            }
            pieces += bands.map(\.members)
        }
        let extents = pieces.map { Extent(of: $0, glyphs) }
        var parent = Array(pieces.indices)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { i = parent[i] }; return i }
        for a in pieces.indices {
            for b in (a + 1)..<pieces.count {
                let p = extents[a], q = extents[b]
                let height = min(p.y1 - p.y0, q.y1 - q.y0)
                // Bands of about one height: a piece as tall as two lines joins neither.
                guard height > 0, height >= 0.6 * max(p.y1 - p.y0, q.y1 - q.y0), min(p.y1, q.y1) - max(p.y0, q.y0) > 0.6 * height,
                      max(p.x0, q.x0) - min(p.x1, q.x1) <= 0.8 * height else { continue }
                let ra = root(a), rb = root(b)
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for index in pieces.indices { groups[root(index), default: []] += pieces[index] }
        // poppler's order of a line's pieces is its order of the line where most of it is.
        func median(_ members: [Int]) -> Int { members.sorted()[members.count / 2] }
        let ordered = groups.values.map { $0.sorted { glyphs.boxes[$0].x0 < glyphs.boxes[$1].x0 } }
            .sorted { median($0) < median($1) }
        return inColumnOrder(ordered, glyphs)
    }

    /// A line whose pieces poppler put late in its text (most of its glyphs were
    /// left out and put back) would follow lines below it: a line whose
    /// neighbours above and below in its column follow each other is put between them.
    static func inColumnOrder(_ lines: [[Int]], _ glyphs: PageGlyphs) -> [[Int]] {
        let extents = lines.map { Extent(of: $0, glyphs) }
        // The nearest line above and below in the same column (overlapping most of the narrower), within two line heights.
        func neighbour(_ x: Int, below: Bool) -> Int? {
            let e = extents[x], height = e.y1 - e.y0
            var best: (line: Int, gap: Double)?
            for (other, o) in extents.enumerated() where other != x {
                let overlap = min(e.x1, o.x1) - max(e.x0, o.x0)
                guard overlap > 0.5 * min(e.x1 - e.x0, o.x1 - o.x0), abs((o.y1 - o.y0) - height) < 0.3 * height else { continue }
                let gap = below ? o.y0 - e.y1 : e.y0 - o.y1
                guard gap > -0.3 * height, gap < 1.5 * height else { continue }
                if gap < best?.gap ?? .infinity { best = (other, gap) }
            }
            return best?.line
        }
        var order = Array(lines.indices)
        for x in lines.indices {
            guard let above = neighbour(x, below: false), let below = neighbour(x, below: true),
                  neighbour(above, below: true) == x, neighbour(below, below: false) == x,
                  let a = order.firstIndex(of: above), let b = order.firstIndex(of: below), b == a + 1 else { continue }
            order.removeAll { $0 == x }
            order.insert(x, at: order.firstIndex(of: above)! + 1)
        }
        return order.map { lines[$0] }
    }

    private static func add(_ insertions: [Insertion], to glyphs: inout PageGlyphs) {
        for insertion in insertions.sorted(by: { $0.box.x0 < $1.box.x0 }) {
            glyphs.scalars.append(insertion.scalar)
            glyphs.boxes.append(insertion.box)
        }
    }
}

extension GrayImage {
    /// Whether dark pixels in the area (page points) span at least `minWidth` points across.
    func hasInk(x: ClosedRange<Double>, y: ClosedRange<Double>, minWidth: Double) -> Bool {
        let sx = dpiX / 72, sy = dpiY / 72
        let x0 = max(0, Int((x.lowerBound - originX) * sx)), x1 = min(width, Int(((x.upperBound - originX) * sx).rounded(.up)))
        let y0 = max(0, Int((y.lowerBound - originY) * sy)), y1 = min(height, Int(((y.upperBound - originY) * sy).rounded(.up)))
        guard x1 > x0, y1 > y0 else { return false }
        var first = Int.max, last = Int.min
        for column in x0..<x1 where (y0..<y1).contains(where: { pixels[$0 * width + column] < 128 }) {
            first = min(first, column)
            last = max(last, column)
        }
        return first <= last && Double(last - first + 1) / sx >= minWidth
    }
}

/// The box around some of a page's glyphs (by index).
private struct Extent {
    var x0, x1, y0, y1: Double

    init(of members: [Int], _ glyphs: PageGlyphs) {
        (x0, x1, y0, y1) = (.infinity, -.infinity, .infinity, -.infinity)
        for i in members {
            let b = glyphs.boxes[i]
            x0 = min(x0, b.x0); x1 = max(x1, b.x1); y0 = min(y0, b.y0); y1 = max(y1, b.y1)
        }
    }
}
