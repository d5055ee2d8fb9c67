/// Duplicates and gaps, once every issue has its place: two files at one
/// place are the same issue twice; a place no file holds, between the first
/// and the last issue, is an issue missing.
struct SeriesSequenceCheck {
    let rules: SeriesRules
    /// Each year's cumulative minus issue number (from `SeriesPlacement`).
    let bases: [Int: Int]

    func duplicates(_ placed: [PlacedIssue]) -> [SeriesFinding] {
        let byPlace = Dictionary(grouping: placed) { [$0.group, $0.ordinal] }
        return byPlace.values.filter { $0.count > 1 }.map { copies in
            let sorted = copies.sorted { $0.issue.file < $1.issue.file }
            let first = sorted[0]
            let label = IssueLabel(year: first.year, number: first.number).printed
            let samePDF = Set(sorted.map(\.issue.sourceSha256)).count == 1 ? " (the same PDF)" : ""
            return SeriesFinding(.duplicate, .error, issue: label, file: sorted.last!.issue.file, files: sorted.map(\.issue.file),
                                 message: "\(label)\(cumulativeText(first.ordinal)) is in \(sorted.count) files\(samePDF): "
                                     + sorted.map(\.issue.file).joined(separator: ", "))
        }
    }

    func gaps(_ placed: [PlacedIssue]) -> [SeriesFinding] {
        var findings: [SeriesFinding] = []
        let groups = Dictionary(grouping: placed, by: \.group)
        var previousGroupLast: PlacedIssue?
        for group in groups.keys.sorted() {
            let issues = groups[group]!.sorted { ($0.ordinal, $0.issue.file) < ($1.ordinal, $1.issue.file) }
            if let last = previousGroupLast, let finding = yearBoundaryGap(after: last, before: issues[0]) { findings.append(finding) }
            for (p, q) in zip(issues, issues.dropFirst()) where q.ordinal - p.ordinal > 1 {
                findings.append(gap(between: p, and: q, missing: (p.ordinal + 1)...(q.ordinal - 1)))
            }
            previousGroupLast = issues.last
        }
        return findings
    }

    /// Issues missing between `p` and `q` (places in one group), named by year and number.
    private func gap(between p: PlacedIssue, and q: PlacedIssue, missing: ClosedRange<Int>) -> SeriesFinding {
        var byYear: [(year: Int, numbers: [Int])] = []
        for ordinal in missing {
            let (year, number) = yearAndNumber(ordinal, between: p, and: q)
            if byYear.last?.year == year { byYear[byYear.count - 1].numbers.append(number) } else { byYear.append((year, [number])) }
        }
        let names = byYear.map { IssueLabel.printedRange(year: $0.year, $0.numbers.min()!...$0.numbers.max()!) }.joined(separator: ", ")
        let cumulative = rules.hasCumulative
            ? (missing.count == 1 ? " (总第\(missing.lowerBound)期)" : " (总第\(missing.lowerBound)–\(missing.upperBound)期)") : ""
        return SeriesFinding(.gap, .error, issue: names, file: q.issue.file, files: [p.issue.file, q.issue.file],
                             message: "\(names)\(cumulative) missing, between \(p.issue.label) and \(q.issue.label)"
                                 + datesNote(p, q, placesApart: q.ordinal - p.ordinal))
    }

    /// Without cumulative numbers, issues at the start of a year are missing
    /// when its first number is not 1, and at the end of the year before when
    /// the print dates leave room for more issues than the start accounts for.
    private func yearBoundaryGap(after last: PlacedIssue, before first: PlacedIssue) -> SeriesFinding? {
        guard rules.restartsEachYear, !rules.hasCumulative else { return nil }
        let missingAtStart = first.number - 1
        var missingAtEnd = 0
        if let a = last.day, let b = first.day {
            missingAtEnd = max(0, Int((Double(b - a) / Double(rules.cadenceDays)).rounded()) - 1 - missingAtStart)
        }
        var names: [String] = []
        if missingAtEnd > 0 { names.append(IssueLabel.printedRange(year: last.year, (last.number + 1)...(last.number + missingAtEnd))) }
        if missingAtStart > 0 { names.append(IssueLabel.printedRange(year: first.year, 1...missingAtStart)) }
        guard !names.isEmpty else { return nil }
        return SeriesFinding(.gap, .error, issue: names.joined(separator: ", "), file: first.issue.file, files: [last.issue.file, first.issue.file],
                             message: "\(names.joined(separator: ", ")) missing, between \(last.issue.label) and \(first.issue.label)"
                                 + (missingAtEnd > 0 ? " (the end of \(last.year) by the print dates)" : ""))
    }

    /// The year and number of a missing place: in `q`'s year when its base
    /// leaves room for it there, else in `p`'s.
    private func yearAndNumber(_ ordinal: Int, between p: PlacedIssue, and q: PlacedIssue) -> (Int, Int) {
        guard rules.hasCumulative else { return (p.year, ordinal) }
        if let base = bases[group(q.year)], ordinal - base >= 1 { return (q.year, ordinal - base) }
        return (p.year, ordinal - (bases[group(p.year)] ?? p.ordinal - p.number))
    }

    private func group(_ year: Int) -> Int { rules.restartsEachYear ? year : 0 }

    private func cumulativeText(_ ordinal: Int) -> String { rules.hasCumulative ? " (总第\(ordinal)期)" : "" }

    /// When the print dates around a gap count another number of issues missing, say so.
    private func datesNote(_ p: PlacedIssue, _ q: PlacedIssue, placesApart: Int) -> String {
        guard let a = p.day, let b = q.day else { return "" }
        let byDates = Int((Double(b - a) / Double(rules.cadenceDays)).rounded())
        return byDates == placesApart ? "" : "; the print dates, \(b - a) days apart, leave room for \(max(0, byDates - 1))"
    }
}
