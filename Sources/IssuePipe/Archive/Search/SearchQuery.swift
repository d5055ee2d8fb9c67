import Foundation

/// A search string made into an FTS5 `MATCH` expression over the index terms
/// (`SearchTerms`). The query is split at white space into parts; a text
/// matches when it contains every part, each as its characters in a row (ASCII
/// letters in either case). The expression finds every such text (and, for
/// some queries, a few more, which `TextMatch` then drops).
public struct SearchQuery: Equatable, Sendable {
    /// What the user typed.
    public var text: String
    /// The query split at white space.
    public var parts: [String]
    /// The FTS5 expression; nil when no term of the query is sure to be whole
    /// in a matching text (one character, `9年`, punctuation): then the blocks
    /// are scanned.
    public var match: String?
    /// True when every text the expression finds contains the query (one run
    /// of two or more CJK letters): nothing needs checking afterwards.
    public var isExact: Bool

    public init(_ text: String) {
        self.text = text
        parts = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let expressions = parts.flatMap { SearchTerms.runs($0).compactMap(Self.matchPart) }
        match = expressions.isEmpty ? nil : expressions.joined(separator: " AND ")
        isExact = parts.count == 1 && parts[0].unicodeScalars.count >= 2
            && parts[0].unicodeScalars.allSatisfy { SearchTerms.characterKind($0) == .cjk }
    }

    /// Each part's bytes as `TextMatch` compares them (ASCII folded to lower case).
    public var foldedParts: [[UInt8]] { parts.map(TextMatch.folded) }

    /// Whether `text` contains every part.
    public func isContained(in text: String, folded: [[UInt8]]) -> Bool {
        !folded.isEmpty && folded.allSatisfy { TextMatch.firstMatch(of: $0, in: text) != nil }
    }

    /// The part of the expression one run of the query gives, when a text that
    /// contains the query is sure to hold it:
    /// - two or more CJK letters: the phrase of their bigrams (they lie inside
    ///   one run of the text, wherever that run starts and ends);
    /// - one CJK letter or a word with characters on both sides in the query:
    ///   the run is whole in the text too, so its term;
    /// - a word that starts after a character of the query but ends the
    ///   query: a prefix of a word in the text (`8000 元` … `"8000"*`).
    /// A run at the start of the query may be the end of a longer one: nothing.
    static func matchPart(_ bounded: SearchTerms.BoundedRun) -> String? {
        switch bounded.run {
        case .cjk(let letters) where letters.unicodeScalars.count >= 2:
            var terms = ""
            SearchTerms.appendBigrams(of: letters, to: &terms)
            return quoted(terms)
        case .cjk(let letter):
            return bounded.boundedBefore && bounded.boundedAfter ? quoted(letter) : nil
        case .word(let word):
            guard bounded.boundedBefore else { return nil }
            return bounded.boundedAfter ? quoted(word) : quoted(word) + "*"
        }
    }

    /// An FTS5 string: terms hold only letters and digits, but a quote is doubled all the same.
    static func quoted(_ terms: String) -> String {
        "\"" + terms.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

}

/// The one definition of "a text contains the query", shared by the search's
/// check, its snippets and the scan: UTF-8 bytes compared with ASCII letters
/// folded to lower case (SQLite's `lower()` folds the same letters, so the scan
/// in SQL agrees with it). A UTF-8 needle can only match on character
/// boundaries.
public enum TextMatch {
    public static func folded(_ text: String) -> [UInt8] {
        text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// The byte offset of the first match of `needle` (already folded) in
    /// `text`, if any; the text's own bytes are read in place, folded as they go.
    public static func firstMatch(of needle: [UInt8], in text: String) -> Int? {
        var text = text
        return text.withUTF8 { firstMatch(of: needle, inFolded: $0, fold: true) }
    }

    static func firstMatch<Bytes: RandomAccessCollection<UInt8>>(of needle: [UInt8], inFolded haystack: Bytes, fold: Bool = false) -> Int?
    where Bytes.Index == Int {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        @inline(__always) func byte(_ i: Int) -> UInt8 {
            let b = haystack[haystack.startIndex + i]
            return fold && b >= 0x41 && b <= 0x5A ? b + 0x20 : b
        }
        let first = needle[0]
        for i in 0...(haystack.count - needle.count) where byte(i) == first {
            var j = 1
            while j < needle.count && byte(i + j) == needle[j] { j += 1 }
            if j == needle.count { return i }
        }
        return nil
    }
}
