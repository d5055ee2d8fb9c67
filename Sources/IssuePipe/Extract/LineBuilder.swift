/// Turns poppler's per-character boxes and font runs into lines and spans.
/// Runs once per glyph of the document, so it avoids Foundation and Unicode
/// property look-ups in its loops.
enum LineBuilder {
    static func lines(from raw: PageGlyphs) -> [TextLine] {
        var fonts = FontFacts()
        var glyphs = raw
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        var runOf = [Int](repeating: -1, count: count)
        for (index, run) in glyphs.runs.enumerated() {
            let lower = max(0, run.start), upper = min(count - 1, run.end)
            if lower <= upper { for i in lower...upper { runOf[i] = index } }
        }
        glyphs = correctingScale(glyphs, runOf: runOf)
        var lines: [TextLine] = []
        var start = 0
        for i in 0...count where i == count || glyphs.scalars[i] == "\n" {
            for fragment in fragments(glyphs, start..<i) {
                if let line = makeLine(glyphs, runOf, fragment, &fonts) { lines.append(line) }
            }
            start = i + 1
        }
        return mergingTouching(lines)
    }

    /// poppler starts a new line where the font changes inside a line (a
    /// producer's synthetic bold run): pieces on one baseline that touch are one line.
    /// It parts a justified line at a wide space too (`3` and `年内按照…` an em
    /// apart, ReportLab, v10914): a piece opening with a Han character up to
    /// `justifiedSpaceEms` right of another on its baseline is the rest of its
    /// line, unless it starts where two other lines of the page start (a
    /// column's edge: the right column's entry beside the left one's page number).
    static func mergingTouching(_ lines: [TextLine]) -> [TextLine] {
        let starts = lines.map(\.box.x0)
        func startsColumn(_ line: TextLine) -> Bool {
            starts.filter { abs($0 - line.box.x0) < columnEdgeEms * line.box.height }.count > 2
        }
        func touches(_ left: TextLine, _ right: TextLine) -> Bool {
            let gap = right.box.x0 - left.box.x1, em = max(left.box.height, right.box.height)
            // They may overlap: some fonts' digit boxes are an em wide for a half-em advance.
            guard left.box.verticalOverlap(right.box) > 0.7, gap > -0.8 * min(left.box.height, right.box.height) else { return false }
            return gap < 0.5 * em || (gap < justifiedSpaceEms * em && right.text.first.map(CJKCharacters.isHan) == true && !startsColumn(right))
        }
        var out: [TextLine] = []
        for line in lines {
            if let index = out.lastIndex(where: { touches($0, line) }) {
                out[index] = joined(out[index], line)
            } else if let index = out.lastIndex(where: { touches(line, $0) }) {
                out[index] = joined(line, out[index])
            } else {
                out.append(line)
            }
        }
        return out
    }

    static let justifiedSpaceEms = 1.3, columnEdgeEms = 0.5

    static func joined(_ left: TextLine, _ right: TextLine) -> TextLine {
        // A space as wide as a word space stays one, in the text and its span.
        var rightSpans = right.spans
        let space = right.box.x0 - left.box.x1 >= 0.5 * max(left.box.height, right.box.height) ? " " : ""
        if !space.isEmpty, !rightSpans.isEmpty { rightSpans[0].text = space + rightSpans[0].text }
        let spans = left.spans + rightSpans
        let main = mainSpan(spans, weights: spans.map(\.text.count))
        return TextLine(text: left.text + space + right.text, box: left.box.union(right.box), font: spans[main].font,
                        size: spans[main].size, bold: spans[main].bold, spans: spans)
    }

    /// Some producers (Chromium) write text at a scaled font size and scale it
    /// back with the text matrix, so poppler's font size, and the glyph boxes'
    /// heights it derives from it, are off by that factor. A Han glyph is one
    /// em wide: where the page's Han glyphs of a run's font and size are far
    /// from that, the run's size and its glyphs' heights are corrected by it.
    static func correctingScale(_ glyphs: PageGlyphs, runOf: [Int]) -> PageGlyphs {
        // Runs of one font and size share a key, numbered once per run.
        var keyNumbers: [FontAtSize: Int] = [:]
        let keyOf = glyphs.runs.map { run in
            let key = FontAtSize(run)
            if let known = keyNumbers[key] { return known }
            keyNumbers[key] = keyNumbers.count
            return keyNumbers.count - 1
        }
        var widths = [[Double]](repeating: [], count: keyNumbers.count)
        for (i, scalar) in glyphs.scalars.enumerated() where i < runOf.count && runOf[i] >= 0 && CJKCharacters.isHan(scalar) {
            widths[keyOf[runOf[i]]].append(glyphs.boxes[i].x1 - glyphs.boxes[i].x0)
        }
        var factors = [Double?](repeating: nil, count: keyNumbers.count)
        var measured = [Bool](repeating: false, count: keyNumbers.count)
        for (index, run) in glyphs.runs.enumerated() where run.size > 0 {
            let key = keyOf[index], values = widths[key]
            // Once per font and size (a page has hundreds of runs of a few).
            guard !measured[key] else { continue }
            measured[key] = true
            guard values.count >= 2 else { continue }
            let factor = values.sorted()[values.count / 2] / run.size
            if factor < 0.8 || factor > 1.25 { factors[key] = factor }
        }
        guard factors.contains(where: { $0 != nil }) else { return glyphs }
        var out = glyphs
        for (index, run) in glyphs.runs.enumerated() {
            guard let factor = factors[keyOf[index]] else { continue }
            out.runs[index].size = run.size * factor
            for i in max(0, run.start)...min(out.boxes.count - 1, run.end) {
                // Shrink about the baseline, taken at 80% of the box's height.
                let b = out.boxes[i], height = b.y1 - b.y0, baseline = b.y0 + 0.8 * height
                out.boxes[i].y0 = baseline - 0.8 * height * factor
                out.boxes[i].y1 = baseline + 0.2 * height * factor
            }
        }
        return out
    }

    /// Blank characters: space, tab, line breaks, no-break and ideographic spaces.
    /// Other control characters are kept: they are what a broken text layer
    /// looks like, and the judge stage counts them.
    @inline(__always) static func isBlank(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v == 0x20 || (v >= 0x09 && v <= 0x0D) || v == 0xA0 || v == 0x3000 || (v >= 0x2000 && v <= 0x200B)
    }

    /// poppler puts text on one baseline into one line even across a column
    /// gap (two columns, a two-column box); a gap wider than about one and a
    /// half characters splits it (CJK text is set solid; word spaces stay narrower).
    /// It may also run one column's last line on into the other column's next
    /// line, lower down and back to the left (Chromium, v12405): a glyph that
    /// starts left of the one before, on another baseline, starts a new line.
    static func fragments(_ glyphs: PageGlyphs, _ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var previous: GlyphBox?
        for i in range where !isBlank(glyphs.scalars[i]) {
            let box = glyphs.boxes[i]
            if let p = previous {
                let height = max(p.y1 - p.y0, box.y1 - box.y0)
                let shared = min(p.y1, box.y1) - max(p.y0, box.y0)
                let shorter = min(p.y1 - p.y0, box.y1 - box.y0)
                // poppler also groups glyphs of different baselines (a title's last
                // line beside the next column's text): a wide gap splits whatever the overlap.
                let gap = box.x0 - p.x1
                let otherBaseline = shorter > 0 && shared / shorter < 0.2
                if gap > max(1.3 * height, 12) || (gap > 0.5 * height && otherBaseline) || (box.x1 <= p.x0 && otherBaseline) {
                    result.append(start..<i)
                    start = i
                }
            }
            previous = box
        }
        result.append(start..<range.upperBound)
        return result
    }

    /// The first span in the style (font, size, bold) of most of the line's
    /// characters, the larger on a tie: a justified title comes in many
    /// short runs, and a smaller marker before it ([陕西]) must not set its size.
    static func mainSpan(_ spans: [TextSpan], weights: [Int]) -> Int {
        // One entry per style: its first span and its total weight.
        var totals: [Int] = [], firsts: [Int] = []
        for (index, span) in spans.enumerated() {
            if let k = firsts.firstIndex(where: { sameStyle(spans[$0], span) }) { totals[k] += weights[index] } else {
                totals.append(weights[index]); firsts.append(index)
            }
        }
        var best = 0
        for k in totals.indices where totals[k] > totals[best]
            || (totals[k] == totals[best] && spans[firsts[k]].size > spans[firsts[best]].size) { best = k }
        return firsts.isEmpty ? 0 : firsts[best]
    }

    /// Same font, size and weight.
    static func sameStyle(_ a: TextSpan, _ b: TextSpan) -> Bool {
        a.bold == b.bold && a.font == b.font && PrintedSize(a.size) == PrintedSize(b.size)
    }

    private static func makeLine(_ glyphs: PageGlyphs, _ runOf: [Int], _ range: Range<Int>, _ fonts: inout FontFacts) -> TextLine? {
        // Trim blanks at both ends; keep inner ones.
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isBlank(glyphs.scalars[lower]) { lower += 1 }
        while upper > lower, isBlank(glyphs.scalars[upper - 1]) { upper -= 1 }
        guard lower < upper else { return nil }

        var spans: [TextSpan] = []
        var weights: [Int] = []
        var spanStart = lower
        for i in lower..<upper {
            let next = i + 1
            if next == upper || runOf[next] != runOf[spanStart] {
                let (span, weight) = makeSpan(glyphs, runOf[spanStart], spanStart..<next, &fonts)
                spans.append(span)
                weights.append(weight)
                spanStart = next
            }
        }
        guard let box = spans.map(\.box).union else { return nil }
        let main = mainSpan(spans, weights: weights)
        return TextLine(text: spans.map(\.text).joined(), box: box, font: spans[main].font, size: spans[main].size,
                        bold: spans[main].bold, spans: spans)
    }

    /// A span and how many non-blank characters it has.
    private static func makeSpan(_ glyphs: PageGlyphs, _ run: Int, _ range: Range<Int>, _ fonts: inout FontFacts) -> (TextSpan, Int) {
        var text = String.UnicodeScalarView()
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        var inked = 0
        for i in range {
            let scalar = glyphs.scalars[i]
            text.append(scalar)
            guard !isBlank(scalar) else { continue }
            let b = glyphs.boxes[i]
            x0 = min(x0, b.x0); y0 = min(y0, b.y0); x1 = max(x1, b.x1); y1 = max(y1, b.y1)
            inked += 1
        }
        if inked == 0 {
            let b = glyphs.boxes[range.lowerBound]
            (x0, y0, x1, y1) = (b.x0, b.y0, b.x1, b.y1)
        }
        let font = fonts.facts(run >= 0 ? glyphs.runs[run].font : "")
        let size = run >= 0 ? glyphs.runs[run].size : 0
        let span = TextSpan(text: String(text), box: Box(x0: x0, y0: y0, x1: x1, y1: y1),
                            font: font.name, size: size, bold: font.bold)
        return (span, inked)
    }
}
