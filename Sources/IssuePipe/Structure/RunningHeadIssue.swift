/// The issue's numbers where the cover lost them to OCR, from the running heads
/// that print them on every page (`《双周决策观察》2024年第20期（总第294期）`):
/// OCR misreads each page differently, so the reading most pages agree on, and
/// two pages at least. And a print date whose year OCR read one digit off the
/// issue's year (2021 for 2024) takes the issue's year.
extension MastheadParser {
    func filling(_ issue: inout IssueInfo, fromRunningHeads heads: [String], coverReadByOCR: Bool = false) -> [Warning] {
        var warnings: [Warning] = []
        let texts = heads.map(\.withoutWhitespace)
        let labels = (rules?.issueLabel?.patterns ?? []).compactMap { Pattern($0) }
        let labelled = texts.compactMap { text in
            labels.lazy.compactMap { $0.match(text) }.first.flatMap { m -> [Int]? in
                guard let year = m["year"].flatMap({ Int($0) }), let number = m["number"].flatMap({ Int($0) }) else { return nil }
                return [year, number]
            }
        }
        if issue.year == nil || issue.number == nil, let agreed = Self.agreed(labelled) {
            (issue.year, issue.number) = (agreed[0], agreed[1])
            warnings.append(Warning(code: "masthead-from-running-head",
                                    message: "year and number not read on the cover: \(agreed[0]) No. \(agreed[1]), as the running heads print them"))
        }
        let cumulative = (rules?.cumulative?.patterns ?? []).compactMap { Pattern($0) }
        let counts = texts.compactMap { text in
            cumulative.lazy.compactMap { $0.match(text)?["number"].flatMap { Int($0) } }.first
        }.map { [$0] }
        if issue.cumulativeNumber == nil, let agreed = Self.agreed(counts) {
            issue.cumulativeNumber = agreed[0]
            warnings.append(Warning(code: "masthead-from-running-head",
                                    message: "cumulative number not read on the cover: \(agreed[0]), as the running heads print it"))
        }
        if coverReadByOCR {
            warnings += correcting(&issue.number, by: Self.agreed(labelled).flatMap { $0[0] == issue.year ? $0[1] : nil },
                                   votes: labelled.filter { $0[0] == issue.year }.map { $0[1] }, field: "number")
            warnings += correcting(&issue.cumulativeNumber, by: Self.agreed(counts)?[0], votes: counts.map { $0[0] },
                                   field: "cumulative number")
        }
        if let year = issue.year, let date = issue.printDate, let printed = Int(date.prefix(4)), printed != year,
           EditDistance.distance(String(printed), String(year)) == 1, abs(printed - year) > 1 {
            issue.printDate = String(year) + date.dropFirst(4)
            warnings.append(Warning(code: "masthead-corrected",
                                    message: "print date's year read as \(printed), taken as the issue's year \(year)"))
        }
        return warnings
    }

    /// The publication's title where OCR did not read it on the cover (a title
    /// set very large is passed over by tesseract's layout analysis, and the
    /// cover's largest other text taken): the running heads of two pages or more print it.
    func fillingTitle(_ publication: inout Publication, fromRunningHeads heads: [String]) -> [Warning] {
        guard let known = lexicon?.title, publication.title != known else { return [] }
        let printed = heads.filter { EditDistance.substringSimilarity(known, in: $0.withoutWhitespace) >= Self.titleSimilarity }
        guard printed.count >= 2 else { return [] }
        let read = publication.title.map { " (the cover's largest text read: '\($0)')" } ?? ""
        publication.title = known
        return [Warning(code: "masthead-from-running-head",
                        message: "title not read on the cover\(read): '\(known)', as the running heads print it")]
    }

    /// A number the scanned cover reads one digit off the one `minHeadVotes`
    /// running heads or more agree on, most of them (`第1期` on a cover whose
    /// heads print 第11期 on five pages, v10308): OCR read the cover wrong, as
    /// it may read any one line, and the heads' reading is taken.
    private func correcting(_ number: inout Int?, by agreed: Int?, votes: [Int], field: String) -> [Warning] {
        guard let read = number, let agreed, read != agreed, EditDistance.distance(String(read), String(agreed)) == 1 else { return [] }
        let count = votes.filter { $0 == agreed }.count
        guard count >= Self.minHeadVotes, 2 * count > votes.count else { return [] }
        number = agreed
        return [Warning(code: "masthead-corrected",
                        message: "\(field) read as \(read) on the cover (OCR), taken as \(agreed), as \(count) running heads print it")]
    }

    static let minHeadVotes = 3

    /// The reading most texts agree on, when at least two do and no other reading has as many.
    static func agreed(_ readings: [[Int]]) -> [Int]? {
        let votes = Dictionary(readings.map { ($0, 1) }, uniquingKeysWith: +)
        guard let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.lexicographicallyPrecedes($1.key)) }),
              best.value >= 2, votes.values.filter({ $0 == best.value }).count == 1 else { return nil }
        return best.key
    }
}
