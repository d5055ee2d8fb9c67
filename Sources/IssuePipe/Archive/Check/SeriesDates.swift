/// What the cadence predicts: from the nearest issues whose place is sure, the
/// ordinal a print date falls on, or the date an ordinal should be printed on.
/// Each neighbour (two on each side) votes; the value most of them give wins,
/// so one neighbour with a wrong date is outvoted.
struct DatePredictor {
    let rules: SeriesRules
    /// Issues with a date, by date.
    private let byDay: [PlacedIssue]

    init(rules: SeriesRules, reference: [PlacedIssue]) {
        self.rules = rules
        byDay = reference.filter { $0.day != nil }.sorted { ($0.day!, $0.ordinal) < ($1.day!, $1.ordinal) }
    }

    /// The ordinal an issue printed on `day` has, by the neighbours' dates.
    func ordinal(at day: ISODay) -> Int? {
        let split = byDay.partitionIndex { $0.day! > day }
        let neighbours = byDay[max(0, split - 2)..<split] + byDay[split..<min(byDay.count, split + 2)]
        let votes = neighbours.map { neighbour -> Int in
            let steps = Double(day - neighbour.day!) / Double(rules.cadenceDays)
            return neighbour.ordinal + Int(steps.rounded())
        }
        return Self.majority(votes)
    }

    /// The value given most, if more than one voter gives it (or the only voter does) and no other is given as often.
    static func majority(_ votes: [Int]) -> Int? {
        let counts = Dictionary(grouping: votes, by: { $0 }).mapValues(\.count).sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let best = counts.first, best.value >= 2 || votes.count == 1 else { return nil }
        return counts.count > 1 && counts[1].value == best.value ? nil : best.key
    }
}

/// Print dates off the cadence: for each issue, the date each of its nearest
/// placed neighbours (two on each side, in the same group) predicts, stepping
/// by the cadence; when most of them agree (within the tolerance) on a date
/// further than the tolerance from the printed one, the printed date is off,
/// and the date they agree on is the likely one. A holiday that shifts the
/// cadence from some issue on is no finding: the neighbours then disagree.
struct SeriesDateCheck {
    let rules: SeriesRules

    func findings(_ placed: [PlacedIssue]) -> [SeriesFinding] {
        var findings: [SeriesFinding] = []
        let groups = Dictionary(grouping: placed.filter { $0.day != nil }, by: \.group)
        for group in groups.keys.sorted() {
            let issues = groups[group]!.sorted { ($0.ordinal, $0.issue.file) < ($1.ordinal, $1.issue.file) }
            findings += issues.compactMap { check($0, among: issues) }
        }
        return findings
    }

    private func check(_ issue: PlacedIssue, among issues: [PlacedIssue]) -> SeriesFinding? {
        let others = issues.filter { $0.ordinal != issue.ordinal }
        let split = others.partitionIndex { $0.ordinal > issue.ordinal }
        let neighbours = Array(others[max(0, split - 2)..<split] + others[split..<min(others.count, split + 2)])
        guard neighbours.count >= 2, let day = issue.day else { return nil }
        let predictions = neighbours.map { $0.day! + rules.cadenceDays * (issue.ordinal - $0.ordinal) }
        // The prediction most others lie within the tolerance of, nearest neighbour first on a tie.
        let supported = predictions.map { p in (p, predictions.filter { abs($0 - p) <= rules.tolerance }.count) }
        guard let best = supported.max(by: { $0.1 < $1.1 }), best.1 >= 2, best.1 * 2 > predictions.count else { return nil }
        // The likely date: the middle of the predictions that agree (a printer's day early or late evens out).
        let agreeing = predictions.filter { abs($0 - best.0) <= rules.tolerance }.sorted()
        let likely = agreeing[(agreeing.count - 1) / 2]
        guard abs(day - likely) > rules.tolerance else { return nil }
        return SeriesFinding(.printDate, .error, issue: issue.issue.label, file: issue.issue.file,
                             message: "print date \(day.iso) is \(abs(day - likely)) days off the \(rules.cadenceDays)-day cadence "
                                 + "of the issues around it; likely \(likely.iso)",
                             likely: likely.iso)
    }
}

extension Collection {
    /// The index of the first element for which `isAfter` holds, in a collection where it holds for a suffix.
    func partitionIndex(where isAfter: (Element) -> Bool) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isAfter(self[middle]) { count = half } else { low = index(after: middle); count -= half + 1 }
        }
        return low
    }
}
