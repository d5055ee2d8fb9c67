/// Where Chinese typesetting may break a line (GB/T 15834 practice, as
/// Word, WPS and browsers apply it): never inside a Latin word or number,
/// next to a space or a quotation mark, before closing or after opening punctuation.
enum LineBreaking {
    static let cannotStart: Set<Character> = Set("，。、；：！？）》〉」』】〕”’…%·．,.;:!?)]")
    static let cannotEnd: Set<Character> = Set("（《〈「『【〔“‘([")
    /// The marks that end or part a clause: no line and no paragraph opens with one.
    static let clauseMarks: Set<Character> = Set("，。、；：！？．,.;:!?")

    static let numericClosers: Set<Character> = Set("）)]")
    static let numericSigns: Set<Character> = Set("+-±")

    /// Quotation marks: Unicode line breaking (UAX #14, LB19) breaks neither before nor after them.
    static let quotes: Set<Character> = Set("“”‘’\"'")

    static func mayBreak(between before: Character, and after: Character) -> Bool {
        if before.isWhitespace || after.isWhitespace { return false }
        if quotes.contains(before) || quotes.contains(after) { return false }
        if cannotStart.contains(after) || cannotEnd.contains(before) { return false }
        // A numeric expression holds together (UAX #14 LB25): `（2+2）+（3+6）`.
        if numericClosers.contains(before) && isLatin(after) || numericSigns.contains(before) && cannotEnd.contains(after) { return false }
        return !(isLatin(before) && isLatin(after))
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// Letters, digits and the punctuation below the CJK blocks: a run of them is one word.
    static func isLatin(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.value < 0x2E80 } && !c.isWhitespace
    }

    /// About how wide the line's first unbreakable group is: what a typesetter
    /// could not have put at the end of the line before.
    /// OCR drops the spaces a producer set around a number (`高 500 万元` reads
    /// `高500万元`), which a text layer's group keeps together: on an OCR line a
    /// number and the Han characters touching it are one group.
    static func leadingGroupWidth(_ line: TextLine) -> Double {
        let chars = Array(line.text.drop { $0.isWhitespace })
        let ocr = line.confidence != nil
        func spacedNumber(_ a: Character, _ b: Character) -> Bool {
            (isDigit(a) && CJKCharacters.isHan(b)) || (CJKCharacters.isHan(a) && isDigit(b))
        }
        var end = chars.isEmpty ? 0 : 1
        while end < chars.count, !mayBreak(between: chars[end - 1], and: chars[end]) || (ocr && spacedNumber(chars[end - 1], chars[end])) {
            end += 1
        }
        return chars[0..<end].reduce(0) { width, c in
            width + (c.unicodeScalars.first.map(CJKCharacters.isCJK) == true ? line.size : 0.55 * line.size)
        }
    }
}
