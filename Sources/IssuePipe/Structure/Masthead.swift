/// Reads the masthead (publication names, issue numbers, print date) from the cover.
struct MastheadParser {
    let rules: MastheadRules?
    let lexicon: Lexicon?

    func parse(_ cover: PageLines, bodySize: Double) -> (Publication, IssueInfo) {
        var publication = Publication()
        var issue = IssueInfo()
        let texts = cover.lines.map(\.text)

        if let label = Pattern(rules?.issueLabel), let m = texts.lazy.compactMap(label.match).first {
            issue.year = m["year"].flatMap { Int($0) }
            issue.number = m["number"].flatMap { Int($0) }
        }
        if let cumulative = Pattern(rules?.cumulative), let m = texts.lazy.compactMap(cumulative.match).first {
            issue.cumulativeNumber = m["number"].flatMap { Int($0) }
        }
        if let date = Pattern(rules?.printDate), let m = texts.lazy.compactMap(date.match).first,
           let month = m["month"].flatMap({ Int($0) }), let day = m["day"].flatMap({ Int($0) }),
           let year = m["year"].flatMap({ Int($0) }) ?? issue.year {
            issue.printDate = IssueDate.iso(year: year, month: month, day: day)
        }
        if let publisher = Pattern(rules?.publisher) {
            publication.publisher = texts.first(where: publisher.matches(in:)).map(CJKText.normalizeSpacing)
                .map { corrected($0, known: lexicon?.publisher) }
        }
        if let publisherEn = Pattern(rules?.publisherEn) {
            publication.publisherEn = texts.first(where: publisherEn.matches(in:)).map(CJKText.normalizeSpacing)
                .map { corrected($0, known: lexicon?.publisherEn) }
        }
        // The title is the largest text on the cover; the subtitle the next line below it set larger than body text.
        if let titleLine = cover.lines.max(by: { $0.size < $1.size || ($0.size == $1.size && $0.box.y0 > $1.box.y0) }),
           titleLine.size > bodySize * 1.5 {
            publication.title = corrected(CJKText.normalizeSpacing(titleLine.text), known: lexicon?.title)
            if rules?.subtitleFromCover ?? true,
               let sub = cover.lines.filter({ $0.box.y0 >= titleLine.box.y1 - 1 && $0.size > bodySize * 1.2 && $0.size < titleLine.size })
                   .min(by: { $0.box.y0 < $1.box.y0 }),
               sub.box.y0 - titleLine.box.y1 < 2 * titleLine.size {
                publication.subtitle = corrected(CJKText.normalizeSpacing(sub.text), known: lexicon?.subtitle)
            }
        }
        return (publication, issue)
    }

    /// A reading within a couple of characters of a known name is that name (OCR misreads).
    func corrected(_ text: String, known: String?) -> String {
        guard let known else { return text }
        let limit = max(1, known.count / 4)
        return EditDistance.distance(text.comparisonKey, known.comparisonKey) <= limit ? known : text
    }
}

/// Levenshtein distance over Unicode scalars.
public enum EditDistance {
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count), current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// 1 for equal strings, 0 for nothing in common.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let longest = max(a.unicodeScalars.count, b.unicodeScalars.count)
        return longest == 0 ? 1 : 1 - Double(distance(a, b)) / Double(longest)
    }
}
