import Foundation

// How texts are compared, in one place: the keys a text is reduced to before
// it is compared, and the one edit distance (over Unicode scalars) every
// comparison uses: matching contents to titles, the masthead to the lexicon,
// articles and paragraphs in `issuepipe diff`, OCR's character error rate in the tests.

extension String {
    /// The text with all white space removed, for comparisons across layouts.
    public var withoutWhitespace: String {
        // Most keys hold no white space: then the text is its own key.
        guard unicodeScalars.contains(where: \.isWhiteSpace) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.filter { !$0.isWhiteSpace }))
    }

    /// NFKC (full-width letters and digits as ASCII) with white space removed:
    /// how titles, names and OCR readings are compared with what is known.
    public var comparisonKey: String {
        // Foundation's NFKC goes through NSString; a text of scalars NFKC never
        // changes (most headlines) skips it.
        (unicodeScalars.allSatisfy(\.isStableUnderNFKC) ? self : precomposedStringWithCompatibilityMapping).withoutWhitespace
    }

    /// `min(count, limit)` without walking past the `limit`th character:
    /// counting characters (grapheme breaking) is slow on long CJK texts, and
    /// a run of scalars that each stand alone needs none.
    public func characterCount(atMost limit: Int) -> Int {
        var n = 0
        for scalar in unicodeScalars {
            if n >= limit { return limit }
            guard scalar.isAlwaysOneCharacter else { return slowCharacterCount(atMost: limit) }
            n += 1
        }
        return Swift.min(n, limit)
    }

    private func slowCharacterCount(atMost limit: Int) -> Int {
        var n = 0, i = startIndex
        while n < limit, i < endIndex { formIndex(after: &i); n += 1 }
        return n
    }

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
        UnicodeScalarBuffer.with(a) { x in UnicodeScalarBuffer.with(b) { y in similarity(x, y) } }
    }

    /// `similarity` of two texts' scalars, for a caller that decodes a text once for many comparisons.
    static func similarity(_ x: UnsafeBufferPointer<UInt32>, _ y: UnsafeBufferPointer<UInt32>) -> Double {
        let longest = max(x.count, y.count)
        return longest == 0 ? 1 : 1 - Double(distance(x, y)) / Double(longest)
    }

    /// The most `similarity` can be for texts of `m` and `n` scalars, computed
    /// as `similarity` computes it: the distance is at least the difference in
    /// length, and `1 - d / longest` in floating point never grows with `d`.
    /// A pair whose bound is no more than a score in hand cannot beat it.
    static func similarityBound(_ m: Int, _ n: Int) -> Double {
        let longest = max(m, n)
        return longest == 0 ? 1 : 1 - Double(longest - min(m, n)) / Double(longest)
    }

    /// `similarityBound`, tighter: the scalars each text lacks of the other
    /// (`ScalarSketch`) cost an edit each too.
    static func similarityBound(_ x: UnsafeBufferPointer<UInt32>, _ xSketch: ScalarSketch,
                                _ y: UnsafeBufferPointer<UInt32>, _ ySketch: ScalarSketch) -> Double {
        let longest = max(x.count, y.count)
        guard longest > 0 else { return 1 }
        let edits = max(longest - min(x.count, y.count), ySketch.missing(x), xSketch.missing(y))
        return 1 - Double(edits) / Double(longest)
    }

    /// The most `substringSimilarity(p, in: t)` can be: each scalar of the
    /// pattern the text lacks (`ScalarSketch`) costs an edit.
    static func substringSimilarityBound(_ p: UnsafeBufferPointer<UInt32>, in tSketch: ScalarSketch) -> Double {
        p.isEmpty ? 1 : max(0, 1 - Double(tSketch.missing(p)) / Double(p.count))
    }

    /// The fewest edits that turn `pattern` into some substring of `text`
    /// (Sellers' algorithm: a free start and end in `text`).
    public static func substringDistance(_ pattern: String, in text: String) -> Int {
        UnicodeScalarBuffer.with(pattern) { p in UnicodeScalarBuffer.with(text) { t in substringDistance(p, in: t) } }
    }

    /// 1 when `pattern` occurs in `text` as it is, 0 when nothing of it does.
    public static func substringSimilarity(_ pattern: String, in text: String) -> Double {
        UnicodeScalarBuffer.with(pattern) { p in UnicodeScalarBuffer.with(text) { t in substringSimilarity(p, in: t) } }
    }

    /// `substringSimilarity` of two texts' scalars.
    static func substringSimilarity(_ p: UnsafeBufferPointer<UInt32>, in t: UnsafeBufferPointer<UInt32>) -> Double {
        p.isEmpty ? 1 : max(0, 1 - Double(substringDistance(p, in: t)) / Double(p.count))
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

/// Which scalars a text holds, folded onto 256 bits: a scalar whose bit is
/// clear is not in the text (a set bit tells nothing). Each scalar of one
/// text that the other lacks costs an edit, in the whole distance and in
/// Sellers' substring distance alike (it is substituted or deleted, never
/// matched): how many of a text's scalars fall on clear bits of another's
/// sketch is a lower bound of both distances, found in a few instructions
/// a scalar, where the distance takes hundreds.
struct ScalarSketch {
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    init(_ scalars: UnsafeBufferPointer<UInt32>) {
        for scalar in scalars {
            let (word, bit) = Self.slot(scalar)
            switch word {
            case 0: w0 |= bit
            case 1: w1 |= bit
            case 2: w2 |= bit
            default: w3 |= bit
            }
        }
    }

    @inline(__always)
    private static func slot(_ scalar: UInt32) -> (Int, UInt64) {
        let hash = Int(truncatingIfNeeded: (scalar &* 0x9E37_79B1) >> 24)
        return (hash >> 6, 1 << UInt64(hash & 63))
    }

    @inline(__always)
    func mayHold(_ scalar: UInt32) -> Bool {
        let (word, bit) = Self.slot(scalar)
        let bits = switch word {
        case 0: w0
        case 1: w1
        case 2: w2
        default: w3
        }
        return bits & bit != 0
    }

    /// How many of `scalars` (counted with repeats) the sketched text certainly lacks.
    func missing(_ scalars: UnsafeBufferPointer<UInt32>) -> Int {
        var count = 0
        for scalar in scalars where !mayHold(scalar) { count += 1 }
        return count
    }
}

/// Classes of scalars the fast paths above rely on; `TextComparisonTests`
/// checks each against the standard library and Foundation scalar by scalar.
extension Unicode.Scalar {
    /// Unicode's White_Space property (`properties.isWhitespace`), without the table look-up.
    var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Scalars NFKC maps to themselves and never composes with a neighbour
    /// (NFKC_Quick_Check Yes, combining class 0): ASCII, CJK ideographs and
    /// the CJK punctuation a headline carries. A text of these is its own NFKC.
    var isStableUnderNFKC: Bool {
        switch value {
        case 0x00...0x7F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x3001...0x3029, 0x2013, 0x2014, 0x2018, 0x2019,
             0x201C, 0x201D, 0x2022, 0xB7: true
        default: false
        }
    }

    /// Scalars of grapheme break class Other that no rule joins to a neighbour
    /// of the same kind: each is a character of its own, wherever it stands
    /// among these (a combining mark after one joins it, which is why a text
    /// holding anything else is counted the slow way).
    var isAlwaysOneCharacter: Bool {
        switch value {
        case 0x20...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x3000...0x3029, 0xFF01...0xFF5E, 0x2010...0x2027, 0xB7: true
        default: false
        }
    }
}

extension Character {
    /// A letter or a number: what is left of a text once marks and punctuation go.
    var isLetterOrDigit: Bool { isLetter || isNumber }
}
