/// Spacing rules for Chinese text mixed with Latin (the character classes
/// they use are `CJKCharacters`).
public enum CJKText {
    /// Closing quotation marks: a sentence ends inside them, so the mark before them tells.
    static let closingQuotes: Set<Character> = ["”", "’", "」", "』"]
    /// A closing title mark (`》`): like a closing quote, it ends no sentence of its own.
    static let closingTitleMark: Character = "》"

    /// Full-width letters and digits as ASCII (２０２３ → 2023), and a full-width
    /// full stop after a digit as a point (３．５, １．); punctuation stays full-width.
    public static func foldingFullWidth(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        let wide = CJKCharacters.isFullWidthAlphanumeric
        for (i, s) in scalars.enumerated() {
            // After a digit, a full-width full stop is a decimal or a list number's point.
            let decimal = s == "．" && i > 0 && (wide(scalars[i - 1]) || scalars[i - 1].properties.numericType != nil)
            out.append(wide(s) || decimal ? Unicode.Scalar(s.value - 0xFEE0)! : s)
        }
        return String(out)
    }

    /// Removes spaces between two CJK characters and between a CJK character and
    /// full-width punctuation; folds other runs of white space into one space.
    public static func normalizeSpacing(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if isSpace(s) {
                var j = i
                while j < scalars.count, isSpace(scalars[j]) { j += 1 }
                let before = out.last
                let after = j < scalars.count ? scalars[j] : nil
                if let before, let after, !(CJKCharacters.isCJK(before) && CJKCharacters.isCJK(after)) {
                    out.append(" ")
                }
                i = j
                continue
            }
            out.append(s)
            i += 1
        }
        return String(out)
    }

    /// Joins two lines that wrapping split: no space where a CJK character meets
    /// the break, a hyphenated Latin word rejoined, one space between Latin words.
    public static func joinWrapped(_ first: String, _ second: String) -> String {
        joinWrapped([first, second])
    }

    /// Joins the lines of one paragraph by the rules of `joinWrapped(_:_:)`,
    /// in one pass (a paragraph can have dozens of lines).
    public static func joinWrapped(_ lines: [String]) -> String {
        var out = String.UnicodeScalarView()
        // Chinese typesetting breaks lines inside numbers and before `%` as
        // well: in Chinese text only two Latin letters meeting at a break had a
        // space between them, and not two capitals (an acronym broken, `GD` / `P`).
        var han = 0, latin = 0
        for scalar in lines.lazy.flatMap(\.unicodeScalars) {
            if CJKCharacters.isHan(scalar) { han += 1 } else if isLatinLetter(scalar) { latin += 1 }
        }
        let chinese = han > latin
        for line in lines {
            var piece = Substring(line).unicodeScalars[...]
            while let first = piece.first, isSpace(first) { piece.removeFirst() }
            while let last = piece.last, isSpace(last) { piece.removeLast() }
            while let last = out.last, isSpace(last) { out.removeLast() }
            guard let next = piece.first else { continue }
            if let last = out.last {
                if last == "-", isLowercaseLatin(next), let joined = rejoinHyphen(&out) {
                    if !joined { out.removeLast() }
                } else if !(CJKCharacters.isCJK(last) || CJKCharacters.isCJK(next) || last == "-" || last == "/"),
                          !chinese || (isLatinLetter(last) && isLatinLetter(next) && !(isUppercaseLatin(last) && isUppercaseLatin(next))) {
                    // A line ending in a dash or slash continues without a space (URLs, ranges).
                    out.append(" ")
                }
            }
            out.append(contentsOf: piece)
        }
        return String(out)
    }

    /// For text ending in a hyphen after a Latin word: true if the hyphen stays
    /// (a compound such as `state-of-the-`), false if it goes (`imple-`); nil
    /// when no Latin word stands before it.
    private static func rejoinHyphen(_ text: inout String.UnicodeScalarView) -> Bool? {
        var index = text.index(before: text.endIndex)
        var sawLetter = false
        while index > text.startIndex {
            index = text.index(before: index)
            let s = text[index]
            if isLatinLetter(s) { sawLetter = true; continue }
            if s == "-" { return sawLetter ? true : nil }
            break
        }
        return sawLetter ? false : nil
    }

    /// White space, without a Unicode property look-up for the common cases.
    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return v == 0xA0 || v == 0x3000 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F
    }

    static func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic && s.value < 0x0250
    }

    static func isUppercaseLatin(_ s: Unicode.Scalar) -> Bool {
        isLatinLetter(s) && s.properties.isUppercase
    }

    static func isLowercaseLatin(_ s: Unicode.Scalar) -> Bool {
        isLatinLetter(s) && s.properties.isLowercase
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    var trimmingLeadingWhitespace: String {
        String(drop(while: \.isWhitespace))
    }
}
