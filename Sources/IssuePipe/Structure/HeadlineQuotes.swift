/// A headline's double quotes as the other printed copy has them. OCR drops or
/// turns the quotes of large headline type more often than its letters
/// (`出台十条“支持` for `出台“十条”支持`); printed quotes pair up, so where one
/// reading's pair and the other's do not, the pair is right.
enum HeadlineQuotes {
    static let opening: Character = "“", closing: Character = "”"

    /// Each opening quote closed before the next opens, and at least one pair.
    static func paired(_ text: String) -> Bool {
        var open = false, pairs = 0
        for c in text {
            if c == opening { if open { return false }; open = true }
            if c == closing { if !open { return false }; open = false; pairs += 1 }
        }
        return !open && pairs > 0
    }

    /// `kept` with the quotes of `other`, when only `other`'s pair up and the
    /// two hold as many letters and digits: each quote of `other` goes before
    /// the same letter of `kept` (after its last, for a closing one at the end),
    /// and `kept`'s own quotes go. `kept`'s letters stay, as chosen. Nil otherwise.
    static func taken(from other: String, into kept: String) -> String? {
        guard paired(other), !paired(kept) else { return nil }
        let isQuote = { (c: Character) in c == opening || c == closing }
        let isLetter = { (c: Character) in c.isLetter || c.isNumber }
        guard kept.filter(isLetter).count == other.filter(isLetter).count else { return nil }
        var before: [Int: [Character]] = [:], index = 0
        for c in other {
            if isQuote(c) { before[index, default: []].append(c) } else if isLetter(c) { index += 1 }
        }
        var out = "", letter = 0
        for c in kept where !isQuote(c) {
            if isLetter(c) {
                out += String(before[letter] ?? [])
                letter += 1
            }
            out.append(c)
        }
        out += String(before[letter] ?? [])
        return paired(out) ? out : nil
    }
}
