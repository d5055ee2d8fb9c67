/// Splits a run of personal names as a staff box prints it: by separators,
/// then a run printed without any (`贺然金敏毓何莉娟`) at the names the
/// pipeline knows (its roster), else at family names (`staff.surnames`).
struct NameSplitter {
    let roster: [String]
    let surnames: Set<Character>
    let compoundSurnames: [String]

    init(rules: StaffRules?, roster: [String]?) {
        self.roster = (roster ?? []).sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
        surnames = Set(rules?.surnames ?? "")
        compoundSurnames = rules?.compoundSurnames ?? []
    }

    static let separators: Set<Character> = ["、", "，", ",", "；", ";", "/", "／", "·", "|"]

    /// The names in `text`, in order, without stray marks.
    func split(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || Self.separators.contains($0) })
            .map { String($0.filter { $0.isLetter }) }
            .filter { !$0.isEmpty }
            .flatMap(splitRun)
    }

    /// One token: a name, or names printed together.
    func splitRun(_ run: String) -> [String] {
        let chars = Array(run)
        guard chars.count > 3, chars.allSatisfy({ $0.unicodeScalars.allSatisfy(CJKText.isHan) }) else { return [run] }
        if chars.count == 4, compoundSurnames.contains(String(chars.prefix(2))) { return [run] }
        return segment(chars) ?? [run]
    }

    /// The cheapest cut of `chars` into names: a roster name costs least, a
    /// name that starts with a known family name next (three characters the
    /// most common length); a cut that needs an unknown family name is the last resort.
    func segment(_ chars: [Character]) -> [String]? {
        let n = chars.count
        var best = [Double](repeating: .infinity, count: n + 1)
        var cut = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        for start in 0..<n where best[start] < .infinity {
            for length in 2...4 where start + length <= n {
                let name = String(chars[start..<start + length])
                let cost = best[start] + self.cost(name)
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
            names.insert(String(chars[cut[end]..<end]), at: 0)
            end = cut[end]
        }
        return names
    }

    func cost(_ name: String) -> Double {
        if roster.contains(name) { return 0.5 }
        let chars = Array(name)
        let compound = compoundSurnames.contains(String(chars.prefix(2)))
        switch chars.count {
        case 4: return compound ? 1 : 9
        case 3: return compound || surnames.contains(chars[0]) ? 1 : 5
        default: return surnames.contains(chars[0]) ? 1.2 : 5
        }
    }

    /// A reading one character off a roster name of the same length (OCR) is that name.
    func corrected(_ name: String) -> String {
        guard name.count >= 3, !roster.contains(name) else { return name }
        let near = roster.filter { $0.count == name.count && EditDistance.distance($0, name) == 1 }
        return near.count == 1 ? near[0] : name
    }
}
