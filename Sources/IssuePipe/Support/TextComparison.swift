import Foundation

// How texts are compared, in one place: the keys a text is reduced to before
// it is compared, and the one edit distance (over Unicode scalars) every
// comparison uses: matching contents to titles, the masthead to the lexicon,
// articles and paragraphs in `issuepipe diff`, OCR's character error rate in the tests.

extension String {
    /// The text with all white space removed, for comparisons across layouts.
    public var withoutWhitespace: String { String(unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }

    /// NFKC (full-width letters and digits as ASCII) with white space removed:
    /// how titles, names and OCR readings are compared with what is known.
    public var comparisonKey: String { precomposedStringWithCompatibilityMapping.withoutWhitespace }

    /// Looser than `comparisonKey`, for checking a title against another printing of
    /// it (a contents line against its headline): NFKC, lower case, and no white
    /// space, punctuation or symbols.
    public var titleKey: String {
        let folded = precomposedStringWithCompatibilityMapping.lowercased()
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter {
            !CharacterSet.whitespacesAndNewlines.contains($0) && !CharacterSet.punctuationCharacters.contains($0)
                && !CharacterSet.symbols.contains($0)
        }))
    }
}

/// Levenshtein distance over Unicode scalars, the similarity it gives, and
/// how well a known name occurs in a longer reading.
public enum EditDistance {
    public static func distance(_ a: String, _ b: String) -> Int {
        UnicodeScalarBuffer.with(a) { x in UnicodeScalarBuffer.with(b) { y in distance(x, y) } }
    }

    /// 1 for equal strings, 0 for nothing in common.
    public static func similarity(_ a: String, _ b: String) -> Double {
        UnicodeScalarBuffer.with(a) { x in
            UnicodeScalarBuffer.with(b) { y in
                let longest = max(x.count, y.count)
                return longest == 0 ? 1 : 1 - Double(distance(x, y)) / Double(longest)
            }
        }
    }

    /// The fewest edits that turn `pattern` into some substring of `text`
    /// (Sellers' algorithm: a free start and end in `text`).
    public static func substringDistance(_ pattern: String, in text: String) -> Int {
        UnicodeScalarBuffer.with(pattern) { p in UnicodeScalarBuffer.with(text) { t in substringDistance(p, in: t) } }
    }

    /// 1 when `pattern` occurs in `text` as it is, 0 when nothing of it does.
    public static func substringSimilarity(_ pattern: String, in text: String) -> Double {
        UnicodeScalarBuffer.with(pattern) { p in
            UnicodeScalarBuffer.with(text) { t in
                p.isEmpty ? 1 : max(0, 1 - Double(substringDistance(p, in: t)) / Double(p.count))
            }
        }
    }

    private static func distance(_ x: UnsafeBufferPointer<UInt32>, _ y: UnsafeBufferPointer<UInt32>) -> Int {
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        // The distance is symmetric: the shorter string is the pattern (fewer 64-row words).
        return x.count <= y.count ? BitParallelLevenshtein.distance(x, y, freeEnds: false)
            : BitParallelLevenshtein.distance(y, x, freeEnds: false)
    }

    private static func substringDistance(_ p: UnsafeBufferPointer<UInt32>, in t: UnsafeBufferPointer<UInt32>) -> Int {
        guard !p.isEmpty else { return 0 }
        guard !t.isEmpty else { return p.count }
        return BitParallelLevenshtein.distance(p, t, freeEnds: true)
    }
}
