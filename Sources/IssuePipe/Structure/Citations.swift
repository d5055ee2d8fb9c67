/// Finds and parses the closing source citation of a paragraph:
/// `（中国经济时报 20240131）`, or several outlet/date pairs in one bracket pair.
struct CitationParser {
    let citation: Pattern
    let pair: Pattern

    static let defaultCitation = #"[（(]\s*(?<body>(?:[^（）()]{0,24}?\d{8}\s*)+)[）)]\s*$"#
    static let defaultPair = #"(?<name>\S[^（）()]*?)\s*(?<date>\d{8})"#

    init(rules: SourceRules?) {
        citation = Pattern(rules?.citation ?? Self.defaultCitation) ?? Pattern(Self.defaultCitation)!
        pair = Pattern(rules?.pair ?? Self.defaultPair) ?? Pattern(Self.defaultPair)!
    }

    /// The paragraph without its citation, and the citations; nil if it has none.
    func split(_ text: String) -> (rest: String, sources: [Citation])? {
        guard let m = citation.match(text), let body = m["body"], let start = Int(m["_start"] ?? "") else { return nil }
        let sources = pair.matches(body).compactMap { groups -> Citation? in
            guard let name = groups["name"], let date = groups["date"], let iso = Self.isoDate(date) else { return nil }
            return Citation(name: CJKText.normalizeSpacing(name.trimmingScalars(in: .whitespaces)), date: iso)
        }
        guard !sources.isEmpty else { return nil }
        let utf16 = Array(text.utf16)
        let rest = String(decoding: utf16[0..<start], as: UTF16.self).trimmingTrailingWhitespace
        return (rest, sources)
    }

    /// `20240131` → `2024-01-31`, nil for an impossible date.
    static func isoDate(_ digits: String) -> String? {
        guard digits.count == 8, let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)),
              let d = Int(digits.suffix(2)), (1...12).contains(m), (1...31).contains(d), y > 1900 else { return nil }
        return IssueDate.iso(year: y, month: m, day: d)
    }
}

enum IssueDate {
    static func iso(year: Int, month: Int, day: Int) -> String? {
        let daysInMonth = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...daysInMonth[month - 1]).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}

import Foundation
