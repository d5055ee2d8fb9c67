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
    /// number (with the marks read in and after it, `8.2%`, `8.2$`) and the Han
    /// characters touching it are one group (`降 8.1% 和 4.7%，` wrapped whole
    /// 7 ems short, v10906).
    static func leadingGroupWidth(_ line: TextLine) -> Double {
        let ocr = line.confidence != nil
        let group = leadingGroup(line.text, ocr: ocr)
        let estimate = { (text: ArraySlice<Character>) in estimatedEms(text) * line.size }
        // A text layer's spans stand where the producer set the glyphs: as far as
        // the group reaches in them (digits and `%` run wider than half an em:
        // `20%。` 42.4 pt in 14 pt type, v10818; the spaces a producer set
        // between spans count, `过 1.5 亿`, v10409).
        let letters = group.filter { !$0.isWhitespace }.count
        if !ocr, let measured = measuredWidth(ofFirst: letters, in: line, estimate: estimate) { return measured }
        return estimate(group)
    }

    /// The text's first unbreakable group (`leadingGroupWidth`).
    static func leadingGroup(_ text: String, ocr: Bool) -> ArraySlice<Character> {
        let chars = Array(text.drop { $0.isWhitespace })
        var inNumber = chars.first.map(isDigit) ?? false
        func spacedNumber(_ a: Character, _ b: Character) -> Bool {
            (inNumber && isLatin(a) && CJKCharacters.isHan(b)) || (CJKCharacters.isHan(a) && isDigit(b))
        }
        var end = chars.isEmpty ? 0 : 1
        while end < chars.count, !mayBreak(between: chars[end - 1], and: chars[end]) || (ocr && spacedNumber(chars[end - 1], chars[end])) {
            inNumber = isDigit(chars[end]) || (inNumber && isLatin(chars[end]))
            end += 1
        }
        return chars[0..<end]
    }

    /// About how many ems wide a text is: an em a CJK character, half an em and a little more a Latin one.
    static func estimatedEms(_ text: ArraySlice<Character>) -> Double {
        text.reduce(0) { width, c in width + (c.unicodeScalars.first.map(CJKCharacters.isCJK) == true ? 1 : 0.55) }
    }

    /// How far the line's first `count` characters other than spaces reach
    /// from where its first span starts (the spaces between spans included),
    /// the last span's share by estimated width; nil when the spans hold fewer.
    static func measuredWidth(ofFirst count: Int, in line: TextLine, estimate: (ArraySlice<Character>) -> Double) -> Double? {
        var left = count, start: Double?
        for span in line.spans {
            let text = Array(span.text.drop { $0.isWhitespace && left == count })[...]
            guard !text.isEmpty, left > 0 else { continue }
            if start == nil { start = span.box.x0 }
            var taken = 0
            for c in text where left > 0 {
                taken += 1
                if !c.isWhitespace { left -= 1 }
            }
            guard left == 0, let start else { continue }
            let whole = estimate(text)
            guard whole > 0 else { return nil }
            return span.box.x0 + span.box.width * estimate(text.prefix(taken)) / whole - start
        }
        return nil
    }
}
