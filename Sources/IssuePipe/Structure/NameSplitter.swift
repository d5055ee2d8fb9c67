/// Splits a run of personal names as a staff box prints it: by separators,
/// then a run printed without any (`贺然金敏毓何莉娟`) at the names the
/// pipeline knows (its roster), else at family names (`staff.surnames`).
struct NameSplitter {
    let roster: [String]
    let surnames: Set<Character>
    /// Each family name's place in `staff.surnames`, which lists the most common first.
    let surnameRank: [Character: Int]
    let compoundSurnames: [String]
    /// Marks between names (`staff.separators`).
    let separators: Set<Character>
    /// Characters left out of names (`staff.strayCharacters`).
    let strays: Set<Character>

    init(rules: StaffRules?, roster: [String]?) {
        self.roster = (roster ?? []).sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
        let listed = Array(rules?.surnames ?? "")
        surnames = Set(listed)
        var rank: [Character: Int] = [:]
        for (index, name) in listed.enumerated() where rank[name] == nil { rank[name] = index }
        surnameRank = rank
        compoundSurnames = rules?.compoundSurnames ?? []
        separators = Set(rules?.separators ?? StaffRules.defaultSeparators)
        strays = Set(rules?.strayCharacters ?? "")
    }

    /// The names in `text`, in order, without stray marks.
    func split(_ text: String) -> [String] { split(lines: [text]) }

    /// The names printed over several lines: a name may wrap from one line to
    /// the next, so the lines are read as one run whose line ends are likely,
    /// not certain, cuts.
    func split(lines: [String]) -> [String] {
        lines.joined(separator: String(Self.lineEnd))
            .split(whereSeparator: { $0.isWhitespace || separators.contains($0) })
            .flatMap { token -> [String] in
                // A stray character goes, but where it stood is a likely cut, as a line end is:
                // OCR reads a speck between two names as one, and a family name too (`周立新了海燕`).
                let kept = token.filter { $0.isLetter || $0 == Self.lineEnd }
                var chars: [Character] = [], ends = Set<Int>()
                for c in kept { if c == Self.lineEnd || strays.contains(c) { ends.insert(chars.count) } else { chars.append(c) } }
                return chars.isEmpty ? [] : splitRun(chars, lineEnds: ends)
            }
    }

    static let lineEnd: Character = "\u{1}"

    /// One token: a name, or names printed together.
    func splitRun(_ chars: [Character], lineEnds: Set<Int> = []) -> [String] {
        let run = String(chars)
        guard chars.count > 3, chars.allSatisfy({ $0.unicodeScalars.allSatisfy(CJKCharacters.isHan) }) else { return [run] }
        if chars.count == 4, compoundSurnames.contains(String(chars.prefix(2))) { return [run] }
        return segment(chars, lineEnds: lineEnds) ?? [run]
    }

    /// The cheapest cut of `chars` into names: a roster name costs least, a
    /// name that starts with a known family name next (three characters the
    /// most common length); a cut that needs an unknown family name is the last resort.
    func segment(_ chars: [Character], lineEnds: Set<Int> = []) -> [String]? {
        let n = chars.count
        var best = [Double](repeating: .infinity, count: n + 1)
        var cut = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        for start in 0..<n where best[start] < .infinity {
            for length in 2...4 where start + length <= n {
                let name = String(chars[start..<start + length])
                let wraps = lineEnds.contains { $0 > start && $0 < start + length }
                let cost = best[start] + self.cost(name) + (wraps ? 0.5 : 0)
                if cost < best[start + length] {
                    best[start + length] = cost
                    cut[start + length] = start
                }
            }
        }
        guard best[n] < .infinity else { return nil }
        var names: [String] = []
        var end = n
        while end > 0 {
            let name = String(chars[cut[end]..<end])
            // (Only a run's first name: OCR reads the role's colon or a speck after it as a character.)
            names.insert(rosterName(withOneMore: name) ?? (cut[end] == 0 ? withoutStrayFirst(name) : nil) ?? name, at: 0)
            end = cut[end]
        }
        return names
    }

    /// The roster name a reading holds with one character more after its first
    /// (`何和莉娟`: a separator OCR read as 和), or before it where that is no
    /// family name (`上贺然`: a speck or the colon read as a character, v12002),
    /// if exactly one does.
    func rosterName(withOneMore name: String) -> String? {
        let chars = Array(name)
        guard chars.count >= 3, !roster.contains(name) else { return nil }
        let places = surnames.contains(chars[0]) ? chars.indices.dropFirst() : chars.indices.dropFirst(0)
        let found = Set(places.map { i in String(chars[..<i] + chars[(i + 1)...]) }.filter(roster.contains))
        return found.count == 1 ? found.first : nil
    }

    /// A name of four characters with no compound family name is no name:
    /// where its first is no family name and its second is one, the first is
    /// a speck or the colon OCR read as a character (`有梁启明`, v12211). The
    /// cut's costs leave it be: prose would read as names (`最高可达`).
    func withoutStrayFirst(_ name: String) -> String? {
        let chars = Array(name)
        guard chars.count == 4, !compoundSurnames.contains(String(chars.prefix(2))),
              !surnames.contains(chars[0]), surnames.contains(chars[1]) else { return nil }
        return String(chars.dropFirst())
    }

    func cost(_ name: String) -> Double {
        if roster.contains(name) { return 0.5 }
        if rosterName(withOneMore: name) != nil { return 0.8 }
        let chars = Array(name)
        let compound = compoundSurnames.contains(String(chars.prefix(2)))
        // Between cuts alike in lengths, the one at commoner family names (梁启明 白洁, not 梁启 明白洁).
        let rarity = compound ? 0 : 0.1 * Double(surnameRank[chars[0]] ?? 0) / Double(max(1, surnameRank.count))
        // Two characters cost more than three whether or not the family name is known: a
        // family name OCR misread (粱启明白洁) leaves the cut to the names after it.
        let known = compound || surnames.contains(chars[0])
        switch chars.count {
        case 4: return compound ? 1 : 9
        case 3: return (known ? 1 : 5) + rarity
        default: return (known ? 1.2 : 5.2) + rarity
        }
    }

    /// Whether a run reads as names rather than a piece of prose set beside the
    /// box (`出资比例最高可达`): at least half of the names it splits into open
    /// with a family name or are the roster's, as `corrected` takes OCR's
    /// readings (`贸然…何莉妈`: 贺然, 何莉娟). A run of fewer than four Han
    /// characters (a name wrapped onto the next line, `建新`) says nothing.
    func plausible(_ text: String) -> Bool {
        guard text.unicodeScalars.filter(CJKCharacters.isHan).count >= 4 else { return true }
        let read = split(text).filter { $0.unicodeScalars.allSatisfy(CJKCharacters.isHan) }
        let besideRoster = read.map { corrected($0) }.contains(where: roster.contains)
        let named = read.filter { name in
            roster.contains(corrected(name, besideRoster: besideRoster)) || compoundSurnames.contains { name.hasPrefix($0) }
                || name.first.map(surnames.contains) == true
        }
        return 2 * named.count >= read.count
    }

    /// A reading one character off a roster name of the same length (OCR) is
    /// that name. A two-character name is only when the names beside it are
    /// the roster's (`besideRoster`): one character is half of it.
    func corrected(_ name: String, besideRoster: Bool = false) -> String {
        guard name.count >= (besideRoster ? 2 : 3), !roster.contains(name) else { return name }
        let near = roster.filter { $0.count == name.count && EditDistance.distance($0, name) == 1 }
        return near.count == 1 ? near[0] : name
    }
}
