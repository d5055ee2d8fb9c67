/// CJK clean-up of tesseract's output. Pure functions on characters; every
/// repair but spacing replaces one character by one, so a page's words can be
/// repaired together (brackets and quotes pair across words and lines) and
/// split back into the same words.
public enum OCRTextRepair {
    // MARK: Spacing

    /// A line from its words: one space between two words unless a CJK
    /// character or CJK punctuation meets the other word.
    public static func joinWords(_ words: [String]) -> String {
        var line = ""
        for word in words where !word.isEmpty {
            if let last = line.last, let first = word.first, !(CJKCharacters.isCJK(last) || CJKCharacters.isCJK(first)) {
                line.append(" ")
            }
            line += word
        }
        return line
    }

    // MARK: Punctuation

    static let fullWidth: [Character: Character] = [",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"]

    /// Half-width `, : ; ? !` next to Chinese text become full-width (not
    /// between two digits, as in 1,000 or 10:30).
    public static func widenPunctuation(_ chars: [Character]) -> [Character] {
        var out = chars
        for i in chars.indices {
            guard let wide = fullWidth[chars[i]], chars[i] != "(", chars[i] != ")" else { continue }
            let before = i > 0 ? chars[i - 1] : nil, after = i + 1 < chars.count ? chars[i + 1] : nil
            if let b = before, let a = after, b.isASCII, a.isASCII, b.isNumber, a.isNumber { continue }
            if before.map(CJKCharacters.isCJK) == true || after.map(CJKCharacters.isLetter) == true { out[i] = wide }
        }
        return out
    }

    /// A `.` inside a line of Chinese text, after a Han character and before
    /// a Han character or a digit, is a `，` tesseract read as its dot (the
    /// comma's tail lost on a noisy or bitonal scan: 30 of 31 such dots in the
    /// tuning scans; `。` is read as `。` or `o`). Not at a line's end, where
    /// it may be a `。` closing the paragraph; never between digits (10.2%)
    /// or Latin letters (www.gov.cn).
    public static func commasFromDots(_ chars: [Character], lineEnds: Set<Int> = []) -> [Character] {
        var out = chars
        for i in chars.indices.dropFirst().dropLast() where chars[i] == "." && !lineEnds.contains(i) {
            let after = chars[i + 1]
            if CJKCharacters.isLetter(chars[i - 1]), CJKCharacters.isLetter(after) || (after.isASCII && after.isNumber) {
                out[i] = "，"
            }
        }
        return out
    }

    /// An `o` or `O` ending a line straight after a Han character is the `。`
    /// closing its sentence, read as a letter (`减负超过40亿元o`: five in the
    /// tuning outputs, none in their truth). Chinese text sets no Latin letter
    /// there; a word (`Taobao`) has a Latin letter before its `o`.
    /// So is a `*` ending a line after a Han character or `%` (`开放更多应用场景*`,
    /// `超过20%*`: eleven at line ends in two tuning sets' outputs, all `。`; the
    /// newsletter prints no asterisk). Inside a line `*` is as often a `+`, `%`
    /// or quote (`股权投资*信用贷款`, `30*给予`), and is left.
    public static func fullStopsAtLineEnds(_ chars: [Character], lineEnds: Set<Int>) -> [Character] {
        var out = chars
        for i in lineEnds where i > 0 && i < chars.count {
            let before = chars[i - 1]
            if (chars[i] == "o" || chars[i] == "O") && CJKCharacters.isHan(before)
                || chars[i] == "*" && (CJKCharacters.isHan(before) || before == "%") {
                out[i] = "。"
            }
        }
        return out
    }

    // MARK: Letters

    /// tesseract reads a capital I as a small l: a Latin word in capitals whose
    /// only small letters are l (`Al+港口`, `CPl`, `AlGC`) is an acronym, its l
    /// an I. A word with any other small letter (`Institute`, `Wi-Fi`) is left.
    public static func capitalIFromL(_ chars: [Character]) -> [Character] {
        var out = chars
        var start = 0
        while start < chars.count {
            guard chars[start].isASCII, chars[start].isLetter else { start += 1; continue }
            var end = start
            while end < chars.count, chars[end].isASCII, chars[end].isLetter { end += 1 }
            let word = chars[start..<end]
            if word.contains(where: \.isUppercase), word.allSatisfy({ $0.isUppercase || $0 == "l" }) {
                for i in start..<end where chars[i] == "l" { out[i] = "I" }
            }
            start = end
        }
        return out
    }

    static let openers: Set<Character> = ["(", "（", "〈", "《", "[", "【", "［", "「", "『"]
    static let closers: Set<Character> = [")", "）", "〉", "》", "]", "】", "］", "」", "』"]

    /// Look-alike brackets repaired by pairing: a `〈` or `《` closed by `）`
    /// is a `（`; a `（` closed by `〉`/`》` is closed by `）`; a `[` closed by `】`
    /// is a `【` (and the reverse); a half-width `( )` pair around or next to
    /// Chinese text becomes `（ ）`.
    public static func pairBrackets(_ chars: [Character]) -> [Character] {
        var out = chars
        var stack: [Int] = []
        var lastWideClose = -10
        for i in chars.indices {
            let c = out[i]
            defer { if out[i] == "）" { lastWideClose = i } }
            if openers.contains(c) { stack.append(i); continue }
            guard closers.contains(c) else { continue }
            guard let open = stack.popLast() else {
                if c == ")", i > 0, CJKCharacters.isCJK(chars[i - 1]) { out[i] = "）" }
                continue
            }
            let o = out[open]
            switch (o, c) {
            case ("〈", "）"), ("《", "）"), ("(", "）"): out[open] = "（"
            case ("（", "〉"), ("（", "》"), ("（", ")"): out[i] = "）"
            case ("〈", ")"), ("《", ")"): out[open] = "（"; out[i] = "）"
            case ("[", "】"), ("［", "】"): out[open] = "【"
            case ("【", "]"), ("【", "］"): out[i] = "】"
            case ("(", ")"):
                let inside = chars[(open + 1)..<i]
                let before = open > 0 && CJKCharacters.isCJK(chars[open - 1])
                let after = i + 1 < chars.count && CJKCharacters.isCJK(chars[i + 1])
                // A chain such as （2+2）+(3+6) follows the pair before it.
                let chained = open - lastWideClose <= 2
                if before || after || chained || inside.contains(where: CJKCharacters.isLetter) { out[open] = "（"; out[i] = "）" }
            default: break
            }
        }
        for open in stack where out[open] == "(" && open + 1 < chars.count && CJKCharacters.isLetter(chars[open + 1]) {
            out[open] = "（"
        }
        return out
    }

    /// Double quotes take their direction from their neighbours where these
    /// tell (a quote before `，。、；` closes, one after `，、；：` or after a
    /// closing quote opens) and by alternation, “ then ”, where they do not, starting
    /// afresh at each index in `resets` (paragraph starts) and after each quote
    /// its neighbours placed: one quote too many, too few or misread spoils a
    /// few quotes, not the rest of the paragraph. A half-width `"` counts when
    /// it touches Chinese text; a `'` or `` ` `` between two Han characters is a
    /// double quote tesseract read thin (Chinese text sets no such mark there).
    public static func alternateQuotes(_ chars: [Character], resets: Set<Int> = []) -> [Character] {
        var out = chars
        let quotes = chars.indices.filter { isDoubleQuote(chars, at: $0) }
        var open = true
        for (n, i) in quotes.enumerated() {
            if resets.contains(where: { $0 <= i && (n == 0 || $0 > quotes[n - 1]) }) { open = true }
            let placed = placedByNeighbours(chars, at: i, previousClosed: n > 0 && quotes[n - 1] == i - 1 && out[i - 1] == "”")
            let opens = placed ?? open
            out[i] = opens ? "“" : "”"
            open = !opens
        }
        return out
    }

    /// Whether the character at `i` is a double quote as OCR reads them.
    static func isDoubleQuote(_ chars: [Character], at i: Int) -> Bool {
        let before = i > 0 ? chars[i - 1] : nil, after = i + 1 < chars.count ? chars[i + 1] : nil
        switch chars[i] {
        case "“", "”", "„", "″": return true
        case "\"": return before.map(CJKCharacters.isCJK) == true || after.map(CJKCharacters.isCJK) == true
        case "'", "`": return before.map(CJKCharacters.isHan) == true && after.map(CJKCharacters.isHan) == true
        default: return false
        }
    }

    /// Marks a quote closes before (a clause ends after a quotation) and opens
    /// after. Not `。！？` after: a quoted sentence ends with its own stop (“……。”).
    static let closesBefore: Set<Character> = Set("，。、；：！？）》")
    static let opensAfter: Set<Character> = Set("，、；：（《")

    /// True (opens) or false (closes) when the quote's neighbours tell; nil when they do not.
    static func placedByNeighbours(_ chars: [Character], at i: Int, previousClosed: Bool) -> Bool? {
        let before = i > 0 ? chars[i - 1] : nil, after = i + 1 < chars.count ? chars[i + 1] : nil
        let closes = after.map(closesBefore.contains) == true || (after != nil && isDoubleQuote(chars, at: i + 1))
        let opens = before.map(opensAfter.contains) == true || previousClosed
        if closes == opens { return nil }
        return opens
    }

    /// All character repairs over the words of a page (lines of words, in
    /// reading order), returning the same shape. `paragraphStarts` are the
    /// indices of lines that open a paragraph (quote alternation restarts there).
    public static func repair(_ lines: [[String]], paragraphStarts: Set<Int> = []) -> [[String]] {
        let flat = lines.flatMap { $0 }.flatMap { Array($0) }
        var resets: Set<Int> = [], lineEnds: Set<Int> = []
        var offset = 0
        for (index, words) in lines.enumerated() {
            if paragraphStarts.contains(index) { resets.insert(offset) }
            offset += words.reduce(0) { $0 + $1.count }
            lineEnds.insert(offset - 1)
        }
        let punctuated = fullStopsAtLineEnds(commasFromDots(widenPunctuation(capitalIFromL(flat)), lineEnds: lineEnds), lineEnds: lineEnds)
        let repaired = alternateQuotes(pairBrackets(punctuated), resets: resets)
        var index = 0
        return lines.map { words in
            words.map { word in
                let count = word.count
                defer { index += count }
                return String(repaired[index..<(index + count)])
            }
        }
    }
}
