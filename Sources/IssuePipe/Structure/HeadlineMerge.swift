/// A headline read twice (contents and title) merged where the two readings
/// differ: each stretch they read differently is taken from the reading whose
/// characters pair with their neighbours as the issue's own body text pairs
/// them. OCR's misreadings make pairs the body never prints (`开折海外`,
/// `各干措施`, `青鸟`); the headline's words recur in its article (`开拓`,
/// `若干`, `青岛`). Confidence chose the reading; the body corrects it
/// character by character. Quotes are left to `HeadlineQuotes`.
struct HeadlineMerge {
    /// The longest stretch taken from the other reading: OCR misreads a
    /// character or two; a longer stretch read differently is another text (a
    /// contents row read across two columns: `…扩大消费：洛阳深化“万人助万企`).
    static let maxStretch = 2
    /// Readings less alike than this are not one text misread here and there.
    static let minSimilarity = 0.8

    /// Every pair of adjacent characters the body prints.
    let pairs: Set<String>

    init(body: [String]) {
        var pairs = Set<String>()
        for text in body {
            let chars = Array(text.filter { !$0.isWhitespace })
            for i in chars.indices.dropLast() { pairs.insert(String([chars[i], chars[i + 1]])) }
        }
        self.pairs = pairs
    }

    /// `chosen`, with each stretch `other` reads differently taken from `other`
    /// where more of its pairs with the neighbours are the body's, when the two
    /// are at least `minSimilarity` alike.
    func merged(_ chosen: String, other: String) -> String {
        guard EditDistance.similarity(chosen, other) >= Self.minSimilarity else { return chosen }
        let a = Array(chosen), b = Array(other)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var out: [Character] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, !removed.contains(i), !inserted.contains(j) {
                out.append(a[i])
                i += 1
                j += 1
                continue
            }
            var mine: [Character] = [], theirs: [Character] = []
            while i < a.count, removed.contains(i) { mine.append(a[i]); i += 1 }
            while j < b.count, inserted.contains(j) { theirs.append(b[j]); j += 1 }
            out += prefers(theirs, over: mine, after: out.last, before: i < a.count ? a[i] : nil) ? theirs : mine
        }
        return String(out)
    }

    /// Whether `theirs` reads better than `mine` between two characters: a
    /// larger share of its pairs are the body's, and at least one is. A
    /// stretch of quotes alone is not decided here, nor one past `maxStretch`.
    func prefers(_ theirs: [Character], over mine: [Character], after left: Character?, before right: Character?) -> Bool {
        let quotes: Set<Character> = [HeadlineQuotes.opening, HeadlineQuotes.closing]
        guard !(theirs + mine).allSatisfy(quotes.contains), max(theirs.count, mine.count) <= Self.maxStretch else { return false }
        let (theirHits, theirPairs) = hits(theirs, left, right), (myHits, myPairs) = hits(mine, left, right)
        return theirHits >= 1 && theirHits * myPairs > myHits * theirPairs
    }

    /// How many of the stretch's pairs with its neighbours the body prints, of how many.
    func hits(_ stretch: [Character], _ left: Character?, _ right: Character?) -> (Int, Int) {
        let chars = (left.map { [$0] } ?? []) + stretch + (right.map { [$0] } ?? [])
        guard chars.count >= 2 else { return (0, 0) }
        let all = chars.indices.dropLast().map { String([chars[$0], chars[$0 + 1]]) }
        return (all.filter(pairs.contains).count, all.count)
    }
}
