/// An issue with its place in the series: an ordinal that counts issues.
/// With cumulative numbering the ordinal is the (right) cumulative number, and
/// every issue's is comparable; without, it is the issue number, comparable
/// within a year (`group`) when numbering starts again each year.
struct PlacedIssue {
    var issue: SeriesIssue
    var group: Int
    var ordinal: Int
    /// The issue's number as the series places it (differs from the printed one when misread).
    var number: Int
    var year: Int
    var day: ISODay? { issue.day }
}

/// Places every issue in the series by its numbers, and when issue number and
/// cumulative number disagree lets the print date decide which is wrong.
///
/// Within a year, cumulative minus issue number is the same for every issue
/// (the year's base): the value most of the year's issues give. An issue that
/// gives another has one number misread; its print date, stepped by the
/// cadence from the nearest issues that agree, says which one.
struct SeriesPlacement {
    let rules: SeriesRules
    var placed: [PlacedIssue] = []
    var findings: [SeriesFinding] = []
    /// Each year's base (cumulative minus number); for a year with too few issues to tell, guessed.
    var bases: [Int: Int] = [:]

    init(rules: SeriesRules, issues: [SeriesIssue]) {
        self.rules = rules
        var numbered: [SeriesIssue] = []
        for issue in issues {
            if issue.year == nil || issue.number == nil {
                findings.append(SeriesFinding(.unplaced, .warning, issue: nil, file: issue.file,
                                              message: "no issue year or number: it cannot be placed in the series"))
            } else {
                numbered.append(issue)
            }
        }
        if rules.hasCumulative { placeByCumulative(numbered) } else { placeByNumber(numbered) }
    }

    func numberingGroup(_ year: Int) -> Int { rules.restartsEachYear ? year : 0 }

    private mutating func placeByNumber(_ issues: [SeriesIssue]) {
        placed = issues.map { PlacedIssue(issue: $0, group: numberingGroup($0.year!), ordinal: $0.number!, number: $0.number!, year: $0.year!) }
    }

    private mutating func placeByCumulative(_ issues: [SeriesIssue]) {
        let firm = Self.firmBases(issues, group: numberingGroup)
        var trusted: [PlacedIssue] = [], doubtful: [SeriesIssue] = []
        for issue in issues {
            if let c = issue.cumulative, let base = firm[numberingGroup(issue.year!)], c - issue.number! == base {
                trusted.append(PlacedIssue(issue: issue, group: 0, ordinal: c, number: issue.number!, year: issue.year!))
            } else {
                doubtful.append(issue)
            }
        }
        bases = firm
        let dates = DatePredictor(rules: rules, reference: trusted)
        for group in Set(doubtful.map { numberingGroup($0.year!) }) where bases[group] == nil {
            // A year with too few issues to agree: it is taken to go on from the year before.
            if let last = trusted.filter({ numberingGroup($0.year) < group }).map(\.ordinal).max() { bases[group] = last }
        }
        placed = trusted
        for issue in doubtful.sorted(by: { $0.file < $1.file }) {
            if let one = place(issue, firm: firm[numberingGroup(issue.year!)] != nil, dates: dates) { placed.append(one) }
        }
    }

    /// The base of each year that at least two of its issues agree on, more than any other value.
    static func firmBases(_ issues: [SeriesIssue], group: (Int) -> Int) -> [Int: Int] {
        var votes: [Int: [Int: Int]] = [:]
        for issue in issues {
            if let c = issue.cumulative { votes[group(issue.year!), default: [:]][c - issue.number!, default: 0] += 1 }
        }
        return votes.compactMapValues { counts in
            let ranked = counts.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
            guard ranked[0].value >= 2, ranked.count == 1 || ranked[1].value < ranked[0].value else { return nil }
            return ranked[0].key
        }
    }

    /// One issue whose numbers do not agree with its year's base (or whose year has none).
    private mutating func place(_ issue: SeriesIssue, firm: Bool, dates: DatePredictor) -> PlacedIssue? {
        let n = issue.number!, year = issue.year!
        let base = bases[numberingGroup(year)]
        let byDate = issue.day.flatMap { dates.ordinal(at: $0) }
        guard let c = issue.cumulative else {
            guard let base else {
                findings.append(SeriesFinding(.unplaced, .warning, issue: issue.label, file: issue.file,
                                              message: "no cumulative number, and the year's other issues do not give one"))
                return nil
            }
            return PlacedIssue(issue: issue, group: 0, ordinal: base + n, number: n, year: year)
        }
        guard let base else { return PlacedIssue(issue: issue, group: 0, ordinal: c, number: n, year: year) }
        if !firm && (c - n == base || byDate != base + n) {
            // Only a guess to go by: the cumulative number stands unless the date says it is misread.
            return PlacedIssue(issue: issue, group: 0, ordinal: c, number: n, year: year)
        }
        if byDate == c {
            findings.append(SeriesFinding(.number, .error, issue: issue.label, file: issue.file,
                                          message: "issue number \(n) breaks the sequence: 总第\(c)期 and the print date place it at 第\(c - base)期",
                                          likely: String(c - base)))
            return PlacedIssue(issue: issue, group: 0, ordinal: c, number: c - base, year: year)
        }
        if byDate == base + n {
            findings.append(SeriesFinding(.cumulativeNumber, .error, issue: issue.label, file: issue.file,
                                          message: "cumulative number 总第\(c)期 breaks the sequence: 第\(n)期 and the print date give 总第\(base + n)期",
                                          likely: String(base + n)))
            return PlacedIssue(issue: issue, group: 0, ordinal: base + n, number: n, year: year)
        }
        findings.append(SeriesFinding(.numbersDisagree, .error, issue: issue.label, file: issue.file,
                                      message: "第\(n)期 and 总第\(c)期 disagree: \(year)'s other issues give 总第\(base + n)期 for 第\(n)期, "
                                          + "or 第\(c - base)期 for 总第\(c)期; the print date does not tell which",
                                      likely: String(base + n)))
        return PlacedIssue(issue: issue, group: 0, ordinal: base + n, number: n, year: year)
    }
}
