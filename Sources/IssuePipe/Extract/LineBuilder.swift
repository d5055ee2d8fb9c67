/// Turns poppler's per-character boxes and font runs into lines and spans.
enum LineBuilder {
    static func lines(from glyphs: PageGlyphs) -> [TextLine] {
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        var runOf = [Int](repeating: -1, count: count)
        for (index, run) in glyphs.runs.enumerated() {
            let lower = max(0, run.start), upper = min(count - 1, run.end)
            if lower <= upper { for i in lower...upper { runOf[i] = index } }
        }
        var lines: [TextLine] = []
        var start = 0
        for i in 0...count {
            if i == count || glyphs.scalars[i] == "\n" {
                for fragment in fragments(glyphs, start..<i) {
                    if let line = makeLine(glyphs, runOf, fragment) { lines.append(line) }
                }
                start = i + 1
            }
        }
        return lines
    }

    /// poppler puts text on one baseline into one line even across a column
    /// gap (a two-column box); a gap wider than two character heights splits it.
    static func fragments(_ glyphs: PageGlyphs, _ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var previous: Box?
        for i in range where !glyphs.scalars[i].properties.isWhitespace {
            let box = glyphs.boxes[i]
            if let previous {
                let threshold = max(2 * max(previous.height, box.height), 18)
                if box.x0 - previous.x1 > threshold, box.verticalOverlap(previous) > 0.5 {
                    result.append(start..<i)
                    start = i
                }
            }
            previous = box
        }
        result.append(start..<range.upperBound)
        return result
    }

    private static func makeLine(_ glyphs: PageGlyphs, _ runOf: [Int], _ range: Range<Int>) -> TextLine? {
        var spans: [TextSpan] = []
        var spanStart = range.lowerBound
        for i in range {
            let next = i + 1
            if next == range.upperBound || runOf[next] != runOf[spanStart] {
                if let span = makeSpan(glyphs, runOf[spanStart], spanStart..<next) { spans.append(span) }
                spanStart = next
            }
        }
        // Trim spaces poppler puts at line ends; keep inner ones.
        while let last = spans.last, last.text.allSatisfy(\.isWhitespace) { spans.removeLast() }
        while let first = spans.first, first.text.allSatisfy(\.isWhitespace) { spans.removeFirst() }
        guard !spans.isEmpty, let box = spans.map(\.box).union else { return nil }
        let text = spans.map(\.text).joined().trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        // The line's style is the style of most of its characters.
        var weight: [Int: Int] = [:]
        for (index, span) in spans.enumerated() { weight[index] = span.text.unicodeScalars.filter { !$0.properties.isWhitespace }.count }
        let main = spans[weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key]
        return TextLine(text: text, box: box, font: main.font, size: main.size, bold: main.bold, spans: spans)
    }

    private static func makeSpan(_ glyphs: PageGlyphs, _ run: Int, _ range: Range<Int>) -> TextSpan? {
        var text = String.UnicodeScalarView()
        var box: Box?
        for i in range {
            let scalar = glyphs.scalars[i]
            text.append(scalar)
            if !scalar.properties.isWhitespace {
                box = box?.union(glyphs.boxes[i]) ?? glyphs.boxes[i]
            }
        }
        let font = run >= 0 ? glyphs.runs[run].font : ""
        let size = run >= 0 ? glyphs.runs[run].size : 0
        let string = String(text)
        guard let box else {
            return string.isEmpty ? nil : TextSpan(text: string, box: glyphs.boxes[range.lowerBound], font: FontStyle.baseName(font), size: size, bold: FontStyle.isBold(font))
        }
        return TextSpan(text: string, box: box, font: FontStyle.baseName(font), size: size, bold: FontStyle.isBold(font))
    }
}

import Foundation
