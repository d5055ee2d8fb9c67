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
