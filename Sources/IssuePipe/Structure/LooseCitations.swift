/// A closing citation OCR damaged past the `sources.citation` pattern: its
/// brackets lost or misread (`。苏州日报20240529）`, `。421世纪经济报道20251031)`),
/// a mark or a speck inside or after it (`…中国证券报20240530.）`,
/// `（四川日报20251104）肌捕`), a date misread (`20230013`). Read instead by
/// what every citation is: known outlets (`lexicon.outlets`), each followed
/// by its date, at the very end of an article. Only articles on OCR pages
/// that have no sources yet, and only where every name is a known outlet.
struct LooseCitations {
    let outlets: OutletNames
    let dates: CitationDates
    /// Names OCR may read in after a citation, from the page around it: the
    /// next article's section label (`…20240529，[江苏]`), a host's name off the
    /// staff box beside it (`…20240601，天津滨海综合发展研究院`). Taken off the
    /// end before the citation is read; the warning quotes them.
    var trailingNames: [String] = []

    /// Characters read after the last date (a closing bracket, specks) at most.
    static let maxTrailing = 3
    /// Characters before a date that may hold its outlet's name (and a misread bracket).
    static let maxName = 12
    /// What ends the sentence a citation follows.
    static let sentenceEnds: Set<Character> = ["。", "！", "？", "!", "?", "…"]
    static let openingBrackets: Set<Character> = ["（", "(", "【", "[", "〔", "《", "{"]

    /// The citations found at the end of each source-less OCR article's last
    /// paragraph, cut from it (the block goes when nothing is left, as a
    /// citation on lines of its own); a `citation-read-loosely` warning for each.
    /// A citation on lines of its own that ends the article and lost its
    /// opening bracket (`1浙江日报20241017杭州日报20241017》`) reads as a
    /// sub-heading: it is looked at first.
    func taking(from articles: inout [Article], lineage: inout [ArticleLineage], ocrPages: Set<Int>) -> [Warning] {
        guard !outlets.known.isEmpty else { return [] }
        var warnings: [Warning] = []
        for a in articles.indices where articles[a].sources.isEmpty && articles[a].pages.contains(where: ocrPages.contains) {
            let blocks = articles[a].blocks, context = (articles[a].section ?? "") + articles[a].title
            guard let found = found(in: blocks, context: context) else { continue }
            let at = found.at, cut = found.rest.isEmpty ? found.at : found.at + 1
            let read = found.text.utf16Suffix(from: found.rest.utf16.count)
            articles[a].sources = found.sources
            if !found.rest.isEmpty { articles[a].blocks[at].text = found.rest }
            articles[a].blocks.removeSubrange(cut..<(at + found.count))
            if cut < at + found.count, lineage.indices.contains(a) { lineage[a].takeCitation(at: Array(cut..<(at + found.count))) }
            let taken = found.sources.map { "\($0.name) \($0.date)" }.joined(separator: ", ")
            warnings.append(Warning(code: "citation-read-loosely",
                                    message: "'\(read.trimmingScalars(in: .whitespaces))' at the end of '\(articles[a].title)' read as its sources: \(taken)",
                                    page: articles[a].pages.last))
        }
        return warnings
    }

    /// The first of `candidates` that ends in a citation: its blocks, their
    /// text, the text before the citation and the citation's pairs.
    func found(in blocks: [ArticleBlock], context: String)
        -> (at: Int, count: Int, text: String, rest: String, sources: [Citation])? {
        for (at, count) in candidates(blocks) {
            let run = blocks[at..<(at + count)]
            let text = count == 1 ? blocks[at].text : CJKText.normalizeSpacing(CJKText.joinWrapped(run.map(\.text)))
            guard let split = split(text, context: context),
                  count == 1 || split.rest.isEmpty || ArticleBuilder.endsInCitationLines(run, rest: split.rest) else { continue }
            return (at, count, text, split.rest, split.sources)
        }
        return nil
    }

    /// The text without the known names (and the marks and brackets round
    /// them) that end it, one after another.
    static func withoutTrailing(_ names: [String], _ text: String) -> Substring {
        let marks = OutletNames.strayMarks.union(openingBrackets).union(["）", ")", "】", "]", "〕", "》", "}", " "])
        var rest = Substring(text)
        while true {
            let trimmed = rest.reversed().drop(while: marks.contains).reversed()
            guard let name = names.first(where: { !$0.isEmpty && String(trimmed).hasSuffix($0) }) else { return rest }
            rest = Substring(String(trimmed).dropLast(name.count))
        }
    }

    /// Where a citation may be, as (first block, blocks): the last paragraph
    /// and the lines OCR set apart after it (each short, with digits: a
    /// citation printed on lines of its own, `1福建日报20221206中国经济时` over
    /// `报20221207`), the longest run first; a sub-heading ending the article
    /// (a citation that lost its opening bracket reads as one); the last paragraph.
    func candidates(_ blocks: [ArticleBlock]) -> [(at: Int, count: Int)] {
        let lines = blocks.reversed().prefix(3).prefix { $0.text.count <= ArticleBuilder.maxCitationLine && $0.text.contains(where: \.isNumber) }
        let joined = stride(from: lines.count, through: 1, by: -1).compactMap { n -> (Int, Int)? in
            blocks.count > n ? (blocks.count - n - 1, n + 1) : nil
        }
        let endingHeading = blocks.last?.kind == .heading ? blocks.indices.last : nil
        return joined + [endingHeading, blocks.lastIndex(where: { $0.kind == .paragraph })].compactMap { $0 }.map { ($0, 1) }
    }

    /// The text before its closing citation and the citation's pairs; nil
    /// when the text does not end in known outlets with dates.
    func split(_ text: String, context: String = "") -> (rest: String, sources: [Citation])? {
        let chars = Array(Self.withoutTrailing(trailingNames, text))
        let runs = Self.dateRuns(chars)
        guard let lastRun = runs.last,
              chars[lastRun.end...].filter({ !$0.isWhitespace }).count <= Self.maxTrailing else { return nil }
        var pairs: [Citation] = []
        var start = lastRun.end
        for (k, run) in runs.enumerated().reversed() {
            let floor = max(k > 0 ? runs[k - 1].end : 0, run.start - Self.maxName)
            let known = bestName(chars, from: floor, to: run.start, context: context, between: k > 0 && floor == runs[k - 1].end)
            guard let name = known ?? (pairs.isEmpty ? Self.shapedName(chars, date: run, dates: dates) : nil),
                  let date = dates.iso(run.digits) else { break }
            pairs.insert(Citation(name: name.outlet, date: date), at: 0)
            start = name.start
            // The pair before must end where this name begins (spaces and marks between).
            guard k > 0, chars[runs[k - 1].end..<name.start].allSatisfy({ $0.isWhitespace || OutletNames.strayMarks.contains($0) })
            else { break }
        }
        guard !pairs.isEmpty else { return nil }
        let cut = Self.citationStart(chars, nameStart: start)
        let rest = String(chars[..<cut]).trimmingTrailingWhitespace
        return (rest, pairs)
    }

    /// A name the lexicon does not know (`北京市科委`, `洛阳日报`) is taken only
    /// in a citation's whole shape: right after a sentence's end (and at most
    /// one mark, a misread bracket: `。！北京市科委20240206)`), two to ten Han
    /// characters and nothing else, then a date of eight digits read as a day
    /// in the window, then a closing bracket that ends the text.
    static func shapedName(_ chars: [Character], date run: DateRun, dates: CitationDates) -> (outlet: String, start: Int)? {
        guard run.digits.count == 8, run.end < chars.count, closingBrackets.contains(chars[run.end]),
              chars[(run.end + 1)...].allSatisfy(\.isWhitespace),
              let day = CitationParser.isoDate(run.digits).flatMap(ISODay.init), dates.window?.contains(day) == true,
              let sentenceEnd = sentenceEnd(chars, before: run.start) else { return nil }
        var start = sentenceEnd + 1
        if start < run.start, !chars[start].unicodeScalars.contains(where: CJKCharacters.isHan) { start += 1 }
        let name = chars[start..<run.start]
        guard (2...10).contains(name.count), name.allSatisfy({ $0.unicodeScalars.allSatisfy(CJKCharacters.isHan) }) else { return nil }
        return (String(name), start)
    }

    /// The last mark ending a sentence before `end`; of two different ones in a
    /// row (`。！`) the first: no sentence ends twice, the second is a bracket
    /// OCR misread (an ellipsis, `……`, is one mark).
    static func sentenceEnd(_ chars: [Character], before end: Int) -> Int? {
        guard let last = chars[..<end].lastIndex(where: { sentenceEnds.contains($0) }) else { return nil }
        return last > 0 && chars[last - 1] != chars[last] && sentenceEnds.contains(chars[last - 1]) ? last - 1 : last
    }

    static let closingBrackets: Set<Character> = ["）", ")", "]", "】", "〕", "}"]

    /// Where the citation begins: at the bracket right before the first name;
    /// or, where no more than four characters stand between the sentence
    /// before it and the name, at the first of them (a bracket OCR misread as
    /// `4`, `“` or `上`, a label such as `（来源：`).
    static func citationStart(_ chars: [Character], nameStart: Int) -> Int {
        var i = nameStart
        while i > 0, chars[i - 1].isWhitespace { i -= 1 }
        let sentence = sentenceEnd(chars, before: i).map { $0 + 1 } ?? 0
        if chars[sentence..<i].filter({ !$0.isWhitespace }).count <= 4 { return sentence }
        return i > 0 && openingBrackets.contains(chars[i - 1]) ? i - 1 : i
    }

    /// The known outlet the characters before a date name, and where that name
    /// begins: of the endings of `chars[floor..<end]` that snap to an outlet,
    /// the one closest to it (the shortest of those as close). `between`: the
    /// characters run from the date before, so as close, all of them are the
    /// name (`…20241015湾涛新闻20241016`, 澎湃新闻 with two misread, v8919).
    func bestName(_ chars: [Character], from floor: Int, to end: Int, context: String,
                  between: Bool = false) -> (outlet: String, start: Int)? {
        guard end - floor >= 2 else { return nil }
        var best: (outlet: String, start: Int, distance: Int)?
        for start in stride(from: end - 2, through: floor, by: -1) {
            let candidate = String(chars[start..<end])
            guard let outlet = outlets.snapped(candidate, context: context) else { continue }
            let distance = EditDistance.distance(outlet.withoutWhitespace, OutletNames.bare(candidate).withoutWhitespace)
            if best == nil || distance < best!.distance || (between && start == floor && distance == best!.distance) {
                best = (outlet, start, distance)
            }
        }
        return best.map { ($0.outlet, $0.start) }
    }

    /// A run of digits read as one date: eight digits; or seven or nine (a
    /// digit lost or added); or two runs one space or speck apart that together
    /// are eight or nine (`20241 1016`, `202.40527`), where neither alone is eight.
    struct DateRun { let start: Int, end: Int, digits: String }

    /// What OCR reads inside a date: a space, or a speck as a dot, a comma or a quote (`2022120"9`, v8905).
    static let specksInDates: Set<Character> = [" ", ".", ",", "·", "，", "、", "\"", "'", "“", "”", "‘", "’"]

    static func dateRuns(_ chars: [Character]) -> [DateRun] {
        var plain: [DateRun] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            plain.append(DateRun(start: i, end: j, digits: String(chars[i..<j])))
            i = j
        }
        var runs: [DateRun] = []
        var k = 0
        while k < plain.count {
            let run = plain[k]
            if k + 1 < plain.count, run.digits.count < 8, plain[k + 1].digits.count < 8, plain[k + 1].start == run.end + 1,
               Self.specksInDates.contains(chars[run.end]), (8...9).contains(run.digits.count + plain[k + 1].digits.count) {
                runs.append(DateRun(start: run.start, end: plain[k + 1].end, digits: run.digits + plain[k + 1].digits))
                k += 2
                continue
            }
            if (7...9).contains(run.digits.count) { runs.append(run) }
            k += 1
        }
        return runs
    }
}
