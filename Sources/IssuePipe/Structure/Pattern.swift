import Foundation

/// A compiled pattern from a pipeline YAML, with named-group access. Invalid
/// patterns are caught when the pipeline is loaded (see `PipelineDefinition.validate`).
struct Pattern: @unchecked Sendable {
    let regex: NSRegularExpression

    init?(_ pattern: String?) {
        guard let pattern, let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        self.regex = regex
    }

    /// The named groups of the first match, or nil.
    func match(_ text: String) -> [String: String]? {
        let range = NSRange(text.startIndex..., in: text)
        guard let m = regex.firstMatch(in: text, range: range) else { return nil }
        var groups: [String: String] = ["0": (Range(m.range, in: text).map { String(text[$0]) } ?? "")]
        for name in Pattern.groupNames(regex.pattern) {
            let r = m.range(withName: name)
            if r.location != NSNotFound, let sr = Range(r, in: text) { groups[name] = String(text[sr]) }
        }
        groups["_start"] = String(m.range.location)
        groups["_end"] = String(m.range.location + m.range.length)
        return groups
    }

    /// Every match's named groups.
    func matches(_ text: String) -> [[String: String]] {
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { m in
            var groups: [String: String] = [:]
            for name in Pattern.groupNames(regex.pattern) {
                let r = m.range(withName: name)
                if r.location != NSNotFound, let sr = Range(r, in: text) { groups[name] = String(text[sr]) }
            }
            return groups
        }
    }

    func matches(in text: String) -> Bool { match(text) != nil }

    static func groupNames(_ pattern: String) -> [String] {
        let finder = try! NSRegularExpression(pattern: #"\(\?<([A-Za-z][A-Za-z0-9]*)>"#)
        let range = NSRange(pattern.startIndex..., in: pattern)
        return finder.matches(in: pattern, range: range).compactMap { Range($0.range(at: 1), in: pattern).map { String(pattern[$0]) } }
    }
}

extension String {
    /// The text with all white space removed, for comparisons across layouts.
    var withoutWhitespace: String { String(unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }

    /// NFKC with white space removed: how titles are compared.
    var comparisonKey: String { precomposedStringWithCompatibilityMapping.withoutWhitespace }
}
