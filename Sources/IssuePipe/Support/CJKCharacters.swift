/// The one definition of the CJK character classes every stage uses: what is
/// a Han character, a CJK letter, CJK punctuation, and a character beside which
/// Chinese text has no word space. (Display width in a terminal is another
/// concept: `TerminalText`.)
public enum CJKCharacters {
    /// Han: the unified ideographs (BMP and extension A), the compatibility
    /// ideographs, the supplementary planes (extensions B–G), and the
    /// ideographic numerals 〇 and 〡–〩 that Unicode also gives the Han script
    /// (二〇二四年).
    @inline(__always) public static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F, 0x3007, 0x3021...0x3029: true
        default: false
        }
    }

    /// Hiragana, katakana (with its phonetic extensions and half-width forms).
    public static func isKana(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: true
        default: false
        }
    }

    /// Hangul syllables and jamo.
    public static func isHangul(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: true
        default: false
        }
    }

    /// A decimal digit, ASCII or full-width (a page number's). Not `isNumber`:
    /// Swift counts the Han numerals 一二三 as numbers, and a headline's last
    /// character 一 wrapped onto a row of its own is no page number.
    public static func isDigit(_ c: Character) -> Bool {
        c.unicodeScalars.count == 1 && c.unicodeScalars.first!.properties.numericType == .decimal
    }

    /// A CJK letter: Han, kana or hangul.
    public static func isLetter(_ s: Unicode.Scalar) -> Bool { isHan(s) || isKana(s) || isHangul(s) }

    /// Punctuation set full-width in Chinese text: the CJK symbols and
    /// punctuation block (。、「」《》…), the full-width and vertical forms
    /// (，：；！？（）﹁﹂), and the curly quotes, dashes (— and the ― some fonts map
    /// the Chinese dash to), ellipsis and middle dots Chinese typesetting shares
    /// with Latin. The bullet • is not among them: it marks a list item.
    public static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3000...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65,
             0x2018...0x201F, 0x2014, 0x2015, 0x2026, 0x00B7, 0x30FB, 0xFE30...0xFE4F: true
        default: false
        }
    }

    /// ０-９, Ａ-Ｚ, ａ-ｚ.
    public static func isFullWidthAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: true
        default: false
        }
    }

    /// A character next to which no word space belongs in Chinese text: a CJK
    /// letter, CJK punctuation, or a full-width letter or digit (set as Han: a gap
    /// beside it is spacing, not a word space).
    public static func isCJK(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || isPunctuation(s) || isFullWidthAlphanumeric(s)
    }

    // Characters (OCR text is handled as characters) are classed by their first scalar.

    public static func isHan(_ c: Character) -> Bool { c.unicodeScalars.first.map(isHan) ?? false }
    public static func isLetter(_ c: Character) -> Bool { c.unicodeScalars.first.map(isLetter) ?? false }
    public static func isCJK(_ c: Character) -> Bool { c.unicodeScalars.first.map(isCJK) ?? false }

    /// A printed rule (or a picture's edge) as OCR reads it: `atLeast` or more
    /// of 一, dashes, underscores and tildes, and nothing else.
    static func isRuleReading(_ text: String, atLeast: Int) -> Bool {
        let marks = text.filter { !$0.isWhitespace }
        return marks.count >= atLeast && marks.allSatisfy { "一-—–_－~～".contains($0) }
    }
}
