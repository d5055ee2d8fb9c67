extension StaffLines {
    /// A label a narrow table cell wrapped (`主` over `办： 院`, the hosts'
    /// 主办) is put back together on its first line: the line that opens with
    /// a label's first characters as a word of their own, over a line starting
    /// at the same place with the rest of that label. What stood after the
    /// label's end below stays there, as the value's wrapped line.
    static func joiningWrappedLabels(_ page: PageLines, labels: [String]) -> PageLines {
        var out = page
        var index = 0
        while index < out.lines.count {
            if let (label, lower) = wrappedLabel(at: index, in: out, labels: labels) {
                rejoin(label, upper: index, lower: lower, in: &out)
            }
            index += 1
        }
        return out
    }

    /// The label whose start the line at `index` opens with as a word, and the
    /// line below holding the label's rest.
    private static func wrappedLabel(at index: Int, in page: PageLines, labels: [String]) -> (String, Int)? {
        let line = page.lines[index]
        let text = line.text.trimmingScalars(in: .whitespaces)
        let head = String(text.prefix { !$0.isWhitespace })
        guard !head.isEmpty, !labels.contains(where: { head.hasPrefix($0) }) else { return nil }
        let candidates = labels.filter { $0.count > head.count && $0.hasPrefix(head) }
        guard !candidates.isEmpty else { return nil }
        for below in page.lines.indices where below != index {
            let next = page.lines[below]
            guard next.box.y0 > line.box.y0, next.box.y0 - line.box.y1 < line.size,
                  abs(next.box.x0 - line.box.x0) < 0.5 * line.size else { continue }
            let lower = next.text.trimmingScalars(in: .whitespaces)
            if let label = candidates.first(where: { opens(lower, with: String($0.dropFirst(head.count))) }) {
                return (label, below)
            }
        }
        return nil
    }

    /// Whether a text opens with `rest` as a word: a colon, a space or its end after it.
    private static func opens(_ text: String, with rest: String) -> Bool {
        guard text.hasPrefix(rest) else { return false }
        guard let after = text.dropFirst(rest.count).first else { return true }
        return after.isWhitespace || "：:".contains(after)
    }

    /// The label on the upper line, reaching as far right as the label's part
    /// below; the lower line keeps only what followed the label, if anything.
    private static func rejoin(_ label: String, upper: Int, lower: Int, in page: inout PageLines) {
        var joined = page.lines[upper]
        let upperText = joined.text.trimmingScalars(in: .whitespaces)
        let head = upperText.prefix { !$0.isWhitespace }
        let value = upperText.dropFirst(head.count).trimmingScalars(in: .whitespaces)
        let line = page.lines[lower]
        let chars = Array(line.text)
        var end = chars.prefix { $0.isWhitespace }.count + label.count - head.count
        while end < chars.count, chars[end].isWhitespace || "：:".contains(chars[end]) { end += 1 }
        joined.text = label + "：" + value
        joined.box.x1 = max(joined.box.x1, line.box.x0 + line.box.width * Double(end) / Double(max(1, chars.count)))
        page.lines[upper] = joined
        if end < chars.count, let rest = pieces(of: line, at: [end]).last {
            page.lines[lower] = rest
        } else {
            page.lines.remove(at: lower)
            page.refs.remove(at: lower)
        }
    }
}
