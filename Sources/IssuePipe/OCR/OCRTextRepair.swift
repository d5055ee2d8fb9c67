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

    /// Double quotes take their direction from the way of reading them that
    /// costs least, paragraph by paragraph (a new one at each index in
    /// `resets`): each quote its neighbours place (one before `，。、；` closes,
    /// one after `，、；：【】` or straight after a closing quote opens) placed
    /// otherwise costs 2; two quotes in a row the same way, a paragraph opening
    /// on a closing quote or ending on an opening one, 1; a quoted stretch
    /// nothing (quotes stand round a few words: `“一站式”`), but empty 2,
    /// holding a `，。；！？` before its last character 0.5, and past 30
    /// characters a fortieth a character more; going against the direction OCR
    /// read, 0.1. One quote lost or misread then spoils the one stretch where
    /// it costs least, not every quote after it (alternation from the first
    /// quote did: `推出”收旧+售新“一站式`). A half-width `"` counts when it
    /// touches Chinese text; a `'` or `` ` `` between two Han characters is a
    /// double quote tesseract read thin (Chinese text sets no such mark there).
    public static func turnQuotes(_ chars: [Character], resets: Set<Int> = []) -> [Character] {
        var out = chars
        var paragraphs: [[Int]] = []
        for i in chars.indices where isDoubleQuote(chars, at: i) {
            let previous = paragraphs.last?.last
            if let previous, !resets.contains(where: { $0 > previous && $0 <= i }) {
                paragraphs[paragraphs.count - 1].append(i)
            } else {
                paragraphs.append([i])
            }
        }
        for quotes in paragraphs {
            for (i, opens) in zip(quotes, directions(chars, quotes: quotes)) { out[i] = opens ? "“" : "”" }
        }
        return out
    }

    /// The cheapest directions (true: opens) of one paragraph's quotes, by
    /// dynamic programming over the two ways each can face.
    static func directions(_ chars: [Character], quotes: [Int]) -> [Bool] {
        func own(_ k: Int, _ opens: Bool) -> Double {
            let i = quotes[k]
            var cost = 0.0
            if let placed = placedByNeighbours(chars, at: i), placed != opens { cost += 2 }
            if (chars[i] == "“" && !opens) || (chars[i] == "”" && opens) { cost += 0.1 }
            return cost
        }
        func step(_ k: Int, from previous: Bool, to opens: Bool) -> Double {
            let adjacent = quotes[k] == quotes[k - 1] + 1
            switch (previous, opens) {
            case (true, false): return quotedCost(chars[(quotes[k - 1] + 1)..<quotes[k]])
            case (false, true): return 0
            case (false, false): return adjacent ? 3 : 1
            case (true, true): return 1
            }
        }
        // cost[k][way], way 0 closes and 1 opens; back[k][way] the way before.
        var cost = [[own(0, false) + 1, own(0, true)]]
        var back: [[Int]] = [[0, 0]]
        for k in quotes.indices.dropFirst() {
            var row = [0.0, 0.0], from = [0, 0]
            for way in 0...1 {
                let options = (0...1).map { cost[k - 1][$0] + step(k, from: $0 == 1, to: way == 1) }
                from[way] = options[1] < options[0] ? 1 : 0
                row[way] = options[from[way]] + own(k, way == 1)
            }
            cost.append(row)
            back.append(from)
        }
        var way = cost[quotes.count - 1][0] <= cost[quotes.count - 1][1] + 1 ? 0 : 1
        var ways = [Bool](repeating: false, count: quotes.count)
        for k in quotes.indices.reversed() {
            ways[k] = way == 1
            way = back[k][way]
        }
        return ways
    }

    /// What a quoted stretch costs: nothing for a few words, more when empty,
    /// holding a clause's end, or long.
    static func quotedCost(_ inner: ArraySlice<Character>) -> Double {
        if inner.isEmpty { return 2 }
        var cost = inner.dropLast().contains(where: clauseEnds.contains) ? 0.5 : 0
        if inner.count > 30 { cost += Double(inner.count - 30) / 40 }
        return cost
    }

    static let clauseEnds: Set<Character> = Set("，。；！？")

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
    static let opensAfter: Set<Character> = Set("，、；：（《【】")

    /// True (opens) or false (closes) when the quote's neighbours tell; nil when they do not.
    static func placedByNeighbours(_ chars: [Character], at i: Int) -> Bool? {
        let before = i > 0 ? chars[i - 1] : nil, after = i + 1 < chars.count ? chars[i + 1] : nil
        let closes = after.map(closesBefore.contains) == true || (after != nil && isDoubleQuote(chars, at: i + 1))
        let opens = before.map(opensAfter.contains) == true
        if closes == opens { return nil }
        return opens
    }

    /// All character repairs over the words of a page (lines of words, in
    /// reading order), returning the same shape. `paragraphStarts` are the
    /// indices of lines that open a paragraph (quotes are turned per paragraph).
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
        let repaired = turnQuotes(pairBrackets(punctuated), resets: resets)
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
