/// Character classes and spacing rules for Chinese text mixed with Latin.
public enum CJKText {
    /// Han ideographs (BMP blocks, compatibility ideographs and the supplementary planes).
    public static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
        default: false
        }
    }

    /// Punctuation set full-width in Chinese text, including the curly quotes,
    /// dash and ellipsis Chinese typesetting shares with Latin.
    public static func isFullWidthPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3000...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65,
             0x2018...0x201F, 0x2014, 0x2026, 0x00B7, 0x30FB, 0xFE30...0xFE4F: true
        default: false
        }
    }

    /// A character next to which no space belongs in Chinese text.
    public static func isCJK(_ s: Unicode.Scalar) -> Bool {
        isHan(s) || isFullWidthPunctuation(s) || (0x3040...0x30FF).contains(s.value) || (0xAC00...0xD7AF).contains(s.value)
    }

    /// Removes spaces between two CJK characters and between a CJK character and
    /// full-width punctuation; folds other runs of white space into one space.
    public static func normalizeSpacing(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s.properties.isWhitespace {
                var j = i
                while j < scalars.count, scalars[j].properties.isWhitespace { j += 1 }
                let before = out.last
                let after = j < scalars.count ? scalars[j] : nil
                if let before, let after, !(isCJK(before) && isCJK(after)) {
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
        let a = first.trimmingTrailingWhitespace
        let b = second.trimmingLeadingWhitespace
        guard let last = a.unicodeScalars.last, let next = b.unicodeScalars.first else { return a + b }
        if last == "-", isLowercaseLatin(next) {
            let word = a.unicodeScalars.dropLast().reversed().prefix { isLatinLetter($0) || $0 == "-" }
            // A compound (state-of-the-) keeps its hyphen; a split word (imple-) loses it.
            if let beforeHyphen = word.first, isLatinLetter(beforeHyphen) {
                return word.contains("-") ? a + b : String(a.dropLast()) + b
            }
        }
        if isCJK(last) || isCJK(next) { return a + b }
        // A line ending in a dash or slash continues without a space (URLs, ranges).
        if last == "-" || last == "/" { return a + b }
        return a + " " + b
    }

    static func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic && s.value < 0x0250
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
