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
        let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        return levenshtein(y, x, freeEnds: false)
    }

    /// 1 for equal strings, 0 for nothing in common.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let longest = max(a.unicodeScalars.count, b.unicodeScalars.count)
        return longest == 0 ? 1 : 1 - Double(distance(a, b)) / Double(longest)
    }

    /// The fewest edits that turn `pattern` into some substring of `text`
    /// (Sellers' algorithm: a free start and end in `text`).
    public static func substringDistance(_ pattern: String, in text: String) -> Int {
        let p = pattern.unicodeScalars.map(\.value), t = text.unicodeScalars.map(\.value)
        guard !p.isEmpty else { return 0 }
        guard !t.isEmpty else { return p.count }
        return levenshtein(p, t, freeEnds: true)
    }

    /// The edit distance of two non-empty scalar arrays, one column over `p` per
    /// scalar of `t`; with `freeEnds`, `p` may start and end anywhere in `t`.
    /// Two columns in one buffer, through unsafe pointers: this runs millions of
    /// times per issue (contents matching), also in debug builds.
    private static func levenshtein(_ p: [UInt32], _ t: [UInt32], freeEnds: Bool) -> Int {
        let height = p.count + 1
        var columns = [Int](repeating: 0, count: 2 * height)
        return p.withUnsafeBufferPointer { ps in
            t.withUnsafeBufferPointer { ts in
                columns.withUnsafeMutableBufferPointer { buffer in
                    var previous = buffer.baseAddress!, current = previous + height
                    for i in 0..<height { previous[i] = i }
                    var best = previous[height - 1]
                    for j in 1...ts.count {
                        current[0] = freeEnds ? 0 : j
                        let tj = ts[j - 1]
                        for i in 1..<height {
                            var value = previous[i - 1] + (ps[i - 1] == tj ? 0 : 1)
                            let up = previous[i] + 1, left = current[i - 1] + 1
                            if up < value { value = up }
                            if left < value { value = left }
                            current[i] = value
                        }
                        if current[height - 1] < best { best = current[height - 1] }
                        swap(&previous, &current)
                    }
                    return freeEnds ? best : previous[height - 1]
                }
            }
        }
    }

    /// 1 when `pattern` occurs in `text` as it is, 0 when nothing of it does.
    public static func substringSimilarity(_ pattern: String, in text: String) -> Double {
        let length = pattern.unicodeScalars.count
        return length == 0 ? 1 : max(0, 1 - Double(substringDistance(pattern, in: text)) / Double(length))
    }
}
