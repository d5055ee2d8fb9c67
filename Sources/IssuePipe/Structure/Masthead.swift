/// Reads the masthead (publication names, issue numbers, print date) from the
/// cover. Names the publication prints on every issue are found by their
/// likeness to the pipeline's lexicon first, wherever they stand; the layout
/// (largest line, the line below it) is the fallback.
struct MastheadParser {
    let rules: MastheadRules?
    let lexicon: Lexicon?

    /// How alike a reading must be to a known name to be taken for it.
    static let titleSimilarity = 0.5
    static let nameSimilarity = 0.6

    func parse(_ cover: PageLines, bodySize: Double) -> (Publication, IssueInfo, [Warning]) {
        var issue = IssueInfo()
        let texts = Self.candidateTexts(cover.lines)
        if let m = first(rules?.issueLabel, in: texts) {
            issue.year = m["year"].flatMap { Int($0) }
            issue.number = m["number"].flatMap { Int($0) }
        }
        issue.cumulativeNumber = first(rules?.cumulative, in: texts)?["number"].flatMap { Int($0) }
        issue.printDate = printDate(texts, year: issue.year)
        var names = NameReader(lines: cover.lines, page: cover.page)
        let publication = Publication(
            title: names.title(known: lexicon?.title, bodySize: bodySize),
            subtitle: names.subtitle(known: lexicon?.subtitle, bodySize: bodySize, fromLayout: rules?.subtitleFromCover ?? true),
            publisher: names.name(known: lexicon?.publisher, pattern: rules?.publisher, field: "publisher"),
            publisherEn: names.name(known: lexicon?.publisherEn, pattern: rules?.publisherEn, field: "publisherEn"))
        return (publication, issue, names.warnings)
    }

    /// The print date among the cover's texts; one printed without its year
    /// (`11月6日印发`) takes `year`, the issue's (nil: no date). A day's 1 that
    /// OCR read as `i` (a pattern may let it in: `9月2i日`) is a 1.
    func printDate(_ texts: [String], year: Int?) -> String? {
        guard let m = first(rules?.printDate, in: texts),
              let month = m["month"].flatMap({ Int($0) }), let day = m["day"].flatMap({ Int($0.replacingOccurrences(of: "i", with: "1")) }),
              let year = m["year"].flatMap({ Int($0) }) ?? year else { return nil }
        return IssueDate.iso(year: year, month: month, day: day)
    }

    /// The year of an issue whose number was read alone (a stacked label's
    /// year line lost to OCR, and no running head printing it): the print
    /// date's, said in a warning since it was not read as the label's.
    func fillingYear(_ issue: inout IssueInfo) -> [Warning] {
        guard issue.year == nil, issue.number != nil, let date = issue.printDate, let year = Int(date.prefix(4)) else { return [] }
        issue.year = year
        return [Warning(code: "masthead-year-from-print-date",
                        message: "the issue label's year not read (number \(issue.number!) read alone): \(year), the print date's year")]
    }

    /// Each line, each line joined with the line below it (a label printed
    /// stacked, `2024 年` over `第 3 期`), and with the one beside it on its
    /// baseline (OCR parts a line at a wide gap: `2024年10` / `月24日印发`),
    /// white space removed.
    /// A piece on the same baseline at most this many ems away is the line's
    /// rest: OCR parts a line at a gap of three glyph heights (`印发日期：2024` / `年6月6日`).
    static let besideGapEms = 3.0

    static func candidateTexts(_ lines: [TextLine]) -> [String] {
        var texts = lines.map(\.text.withoutWhitespace)
        for line in lines {
            let beside = lines.filter { $0.box.x0 >= line.box.x1 - 1 && $0.box.x0 - line.box.x1 < Self.besideGapEms * line.size
                && $0.box.verticalOverlap(line.box) > 0.6 }
            if let next = beside.min(by: { $0.box.x0 < $1.box.x0 }) {
                texts.append((line.text + next.text).withoutWhitespace)
            }
            // A line set tight under it has a box reaching into this one's (LibreOffice's
            // `2024 年` / `第 20 期` overlap by 2 pt): below is its middle past this one's foot.
            let below = lines.filter { $0.box.midY > line.box.y1 && $0.box.y0 >= line.box.midY
                && $0.box.y0 - line.box.y1 < 1.5 * line.size && $0.box.horizontalOverlap(line.box) > 0 }
            if let next = below.min(by: { $0.box.y0 < $1.box.y0 }) {
                texts.append((line.text + next.text).withoutWhitespace)
            }
        }
        return texts
    }

    /// The named groups of the first text any of the patterns matches.
    private func first(_ patterns: PatternList?, in texts: [String]) -> [String: String]? {
        for pattern in (patterns?.patterns ?? []).compactMap({ Pattern($0) }) {
            if let m = texts.lazy.compactMap(pattern.match).first { return m }
        }
        return nil
    }
}

/// Finds the publication's names on the cover, and says when a reading was
/// corrected to the lexicon (`lexicon-corrected`, with the raw reading).
struct NameReader {
    let lines: [TextLine]
    let page: Int
    var warnings: [Warning] = []
    private var titleLine: TextLine?

    init(lines: [TextLine], page: Int) {
        self.lines = lines
        self.page = page
    }

    /// The line most like `known`, if alike enough.
    func closest(to known: String, minimum: Double) -> (line: TextLine, similarity: Double)? {
        let key = known.comparisonKey
        return lines.map { ($0, EditDistance.similarity($0.text.comparisonKey, key)) }
            .filter { $0.1 >= minimum }
            .max { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0.box.y0 > $1.0.box.y0) }
    }

    mutating func title(known: String?, bodySize: Double) -> String? {
        if let known, let found = closest(to: known, minimum: MastheadParser.titleSimilarity) {
            titleLine = found.line
            return taken(known, reading: found.line.text, field: "title")
        }
        // The publication was recognised: every issue prints its title, however badly it was read…
        if let known, let found = closest(to: known, minimum: 0.3) {
            titleLine = found.line
            return taken(known, reading: found.line.text, field: "title")
        }
        // The largest text on the cover, clearly larger than the body.
        guard let largest = lines.max(by: { $0.size < $1.size || ($0.size == $1.size && $0.box.y0 > $1.box.y0) }),
              largest.size > bodySize * 1.5 else { return nil }
        titleLine = largest
        // …and where OCR could not read it at all (`双向起形观守祭` at confidence 0.15), the largest text is it.
        if let known, let confidence = largest.confidence, confidence < Self.unreadConfidence {
            return taken(known, reading: largest.text, field: "title")
        }
        return CJKText.normalizeSpacing(largest.text)
    }

    /// A line read below this mean word confidence was not read: no text line is.
    static let unreadConfidence = 0.3

    /// The part of a known name OCR read apart from the rest (`地方工作` of
    /// 地方工作亮点追踪, past characters it lost): half the name or more, exactly.
    func piece(of known: String) -> TextLine? {
        let key = known.comparisonKey
        return lines.filter {
            let read = $0.text.comparisonKey
            return read.count * 2 >= key.count && key.contains(read)
        }.max { $0.text.count < $1.text.count }
    }

    mutating func subtitle(known: String?, bodySize: Double, fromLayout: Bool) -> String? {
        if let known, let found = closest(to: known, minimum: MastheadParser.nameSimilarity) ?? piece(of: known).map({ ($0, 1) }) {
            return taken(known, reading: found.line.text, field: "subtitle")
        }
        // The next line below the title, set larger than the body.
        guard fromLayout, let title = titleLine,
              let sub = lines.filter({ $0.box.y0 >= title.box.y1 - 1 && $0.size > bodySize * 1.2 && $0.size < title.size })
                  .min(by: { $0.box.y0 < $1.box.y0 }),
              sub.box.y0 - title.box.y1 < 2 * title.size else { return nil }
        return CJKText.normalizeSpacing(sub.text)
    }

    /// A publisher line: the lexicon's name where a line is like it, else the first line the pattern matches.
    mutating func name(known: String?, pattern: String?, field: String) -> String? {
        if let known, let found = closest(to: known, minimum: MastheadParser.nameSimilarity) {
            return taken(known, reading: found.line.text, field: field)
        }
        guard let pattern = Pattern(pattern) else { return nil }
        return lines.map(\.text).first(where: pattern.matches(in:)).map(CJKText.normalizeSpacing)
    }

    /// The known name, noting the reading when it differed.
    private mutating func taken(_ known: String, reading: String, field: String) -> String {
        let read = CJKText.normalizeSpacing(reading)
        if read.comparisonKey != known.comparisonKey {
            warnings.append(Warning(code: "lexicon-corrected",
                                    message: "\(field) read as '\(read)', taken as the lexicon's '\(known)'", page: page))
        }
        return known
    }
}
