/// How text becomes the terms of the archive's full-text index, the way
/// Lucene's CJK analyser does it: a run of CJK letters (Han, kana, hangul) as
/// its overlapping bigrams (政策措施 → 政策 策措 措施; a lone letter as itself),
/// a run of other letters and digits as one word, lowercased. Everything else
/// (punctuation, spaces, symbols) separates runs.
///
/// The terms are written into the indexed column as plain words separated by
/// spaces, and FTS5's stock `unicode61` tokenizer splits them there: the
/// archive is a plain SQLite file that any SQLite client can open and query,
/// with no custom tokenizer to register first (FTS5's own tokenizers do not
/// split Han text, and `trigram` never matches two-character words).
public enum SearchTerms {
    /// Put between two CJK runs that only punctuation separates, so that a
    /// query's bigrams can never match across a comma (政策，策略 does not
    /// contain 策策). A private-use letter: a token to `unicode61`, never a term.
    static let runBreak: Character = "\u{E000}"

    enum Run: Equatable {
        case cjk(String)
        case word(String)
    }

    /// A run with whether a character of the same text lies just before and
    /// after it (in a query: the run is then whole in any text that contains
    /// the query; at the query's edge it may be part of a longer run).
    struct BoundedRun: Equatable {
        var run: Run
        var boundedBefore: Bool
        var boundedAfter: Bool
    }

    /// The index terms of one text, separated by spaces.
    public static func indexTerms(_ text: String) -> String {
        var terms = ""
        terms.reserveCapacity(text.utf8.count * 2)
        var previousWasCJK = false
        for run in runs(text).map(\.run) {
            switch run {
            case .cjk(let letters):
                if previousWasCJK { terms.append(runBreak); terms.append(" ") }
                appendBigrams(of: letters, to: &terms)
                previousWasCJK = true
            case .word(let word):
                terms += word
                terms.append(" ")
                previousWasCJK = false
            }
        }
        return terms
    }

    /// The maximal runs of `text`, in order, each with its boundaries.
    static func runs(_ text: String) -> [BoundedRun] {
        var result: [BoundedRun] = []
        var current = String.UnicodeScalarView()
        var currentIsCJK = false
        var currentStartsAfterSomething = false
        var sawAnything = false

        func close(boundedAfter: Bool) {
            guard !current.isEmpty else { return }
            let text = String(current)
            result.append(BoundedRun(run: currentIsCJK ? .cjk(text) : .word(text),
                                     boundedBefore: currentStartsAfterSomething, boundedAfter: boundedAfter))
            current = String.UnicodeScalarView()
        }

        for scalar in text.unicodeScalars {
            let kind = characterKind(scalar)
            if kind == .separator || (kind == .cjk) != currentIsCJK { close(boundedAfter: true) }
            if kind != .separator {
                if current.isEmpty {
                    currentIsCJK = kind == .cjk
                    currentStartsAfterSomething = sawAnything
                }
                current.append(kind == .word ? asciiLowercased(scalar) : scalar)
            }
            sawAnything = true
        }
        close(boundedAfter: false)
        return result
    }

    enum CharacterKind { case cjk, word, separator }

    @inline(__always) static func characterKind(_ scalar: Unicode.Scalar) -> CharacterKind {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) ? .word : .separator
        }
        if CJKCharacters.isLetter(scalar) { return .cjk }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .word
        default:
            return .separator
        }
    }

    @inline(__always) static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (scalar.value >= 0x41 && scalar.value <= 0x5A) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
    }

    /// 政策措施 → `政策 策措 措施 `; a single letter stands for itself.
    static func appendBigrams(of letters: String, to terms: inout String) {
        let scalars = Array(letters.unicodeScalars)
        if scalars.count == 1 {
            terms.unicodeScalars.append(scalars[0])
            terms.append(" ")
            return
        }
        for i in 0..<(scalars.count - 1) {
            terms.unicodeScalars.append(scalars[i])
            terms.unicodeScalars.append(scalars[i + 1])
            terms.append(" ")
        }
    }
}
