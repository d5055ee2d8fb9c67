/// A stretch of a block's text around its first match, every match in it
/// marked: `…各地加快布局“**新质生产力**”正成为…`.
public struct SnippetMarks: Sendable {
    public var start: String
    public var end: String
    public init(start: String, end: String) { self.start = start; self.end = end }
    /// `**match**`: readable as it is and as Markdown.
    public static let stars = SnippetMarks(start: "**", end: "**")
}

enum Snippet {
    static func make(_ text: String, _ request: SearchRequest) -> String {
        make(text, parts: request.query.foldedParts, marks: request.marks, before: request.snippetContext.before,
             length: request.snippetContext.length)
    }

    /// `before` characters before the first match, `length` in all (marks and ellipses not counted).
    static func make(_ text: String, parts: [[UInt8]], marks: SnippetMarks, before: Int, length: Int) -> String {
        let folded = TextMatch.folded(text)
        let matches = matchRanges(parts, in: folded)
        guard let first = matches.first else { return String(text.prefix(length)) + (text.count > length ? "…" : "") }
        let utf8 = text.utf8
        let matchStart = utf8.index(utf8.startIndex, offsetBy: first.lowerBound)
        let start = text.index(matchStart, offsetBy: -before, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(start, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex
        let windowStart = utf8.distance(from: utf8.startIndex, to: start)
        let windowEnd = utf8.distance(from: utf8.startIndex, to: end)

        var out = start > text.startIndex ? "…" : ""
        var cursor = windowStart
        for range in matches where range.lowerBound >= cursor && range.upperBound <= windowEnd {
            out += slice(text, cursor, range.lowerBound) + marks.start + slice(text, range.lowerBound, range.upperBound) + marks.end
            cursor = range.upperBound
        }
        out += slice(text, cursor, windowEnd)
        return out + (end < text.endIndex ? "…" : "")
    }

    /// Every match of every part, as byte ranges, sorted, overlaps merged.
    static func matchRanges(_ parts: [[UInt8]], in folded: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for part in parts {
            var from = 0
            while from < folded.count, let found = TextMatch.firstMatch(of: part, inFolded: folded[from...]) {
                ranges.append((from + found)..<(from + found + part.count))
                from += found + part.count
            }
        }
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    private static func slice(_ text: String, _ from: Int, _ to: Int) -> String {
        let utf8 = text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: from), b = utf8.index(utf8.startIndex, offsetBy: to)
        return String(text[a..<b])
    }
}
