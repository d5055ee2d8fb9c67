/// Checks the printed contents against the articles found: every entry should
/// name an article, and every article should be in the contents.
enum ContentsMatching {
    /// Titles this similar (after NFKC and without spaces) are the same title read twice.
    static let threshold = 0.85
    /// When OCR read either of the two, more may differ.
    static let ocrThreshold = 0.7

    /// How alike a contents entry and a title are (comparison keys). An entry OCR
    /// read may have lost its wrapped second line, or read it as noise: where its
    /// opening (six to twelve characters) reads as the title's does, it counts as
    /// naming the title, at the lowest likeness that does.
    static func likeness(_ entry: String, _ title: String, ocr: Bool) -> Double {
        UnicodeScalarBuffer.with(entry) { x in UnicodeScalarBuffer.with(title) { y in likeness(entry, x, title, y, ocr: ocr) } }
    }

    /// `likeness`, given both keys' scalars (`TitleIndex` decodes each key once).
    /// It is the keys' similarity, or `ocrThreshold` on an OCR reading.
    static func likeness(_ entry: String, _ entryScalars: UnsafeBufferPointer<UInt32>, _ title: String,
                         _ titleScalars: UnsafeBufferPointer<UInt32>, ocr: Bool) -> Double {
        let whole = EditDistance.similarity(entryScalars, titleScalars)
        guard ocr, whole < ocrThreshold else { return whole }
        let n = min(entry.characterCount(atMost: 12), title.characterCount(atMost: 12))
        guard n >= 6 else { return whole }
        return EditDistance.similarity(String(entry.prefix(n)), String(title.prefix(n))) >= 0.85 ? ocrThreshold : whole
    }

    /// Each headline is printed twice, in the contents and above its article.
    /// Where OCR read either of the two (a mixed document's contents from its text
    /// layer, a title from a scanned page with its first paragraph's opening read
    /// into it, v12007) and they differ, the reading with the higher confidence is
    /// taken for both, corrected where the other reads a stretch as the issue's
    /// body text prints it (`HeadlineMerge`) and given the other's quotes where
    /// only those pair up (`HeadlineQuotes`); a `headline-reconciled` warning records it. `named`:
    /// the entries the contents reader found a headline for (by order, too:
    /// `TitleIndex.fillingGaps`), which may be read as little as half alike.
    static func reconcile(contents: inout [ContentsEntry], contentsConfidence: [Double?], named: [Bool] = [],
                          articles: inout [Article], titleConfidence: [Double?], contentsPage: Int) -> [Warning] {
        var warnings: [Warning] = []
        var partner: [Int: Int] = [:]
        var changed: [(entry: Int, article: Int)] = []
        for i in contents.indices {
            let entryConfidence = i < contentsConfidence.count ? contentsConfidence[i] : nil
            let key = contents[i].title.comparisonKey
            let taken = Set(partner.values)
            guard let best = articles.indices.filter({ !taken.contains($0) })
                .map({ ($0, likeness(key, articles[$0].title.comparisonKey,
                                     ocr: entryConfidence != nil || ($0 < titleConfidence.count && titleConfidence[$0] != nil))) })
                .max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }) else { continue }
            let j = best.0
            let articleConfidence = j < titleConfidence.count ? titleConfidence[j] : nil
            let floor = i < named.count && named[i] && entryConfidence != nil ? 0.5 : ocrThreshold
            guard entryConfidence != nil || articleConfidence != nil, best.1 >= floor, best.1 < 1 else {
                if best.1 >= threshold { partner[i] = j }
                continue
            }
            partner[i] = j
            changed.append((i, j))
        }
        changed += pairedByOrder(contents: contents, contentsConfidence: contentsConfidence, named: named, articles: articles,
                                 partner: &partner)
        let merge = HeadlineMerge(body: articles.flatMap { $0.blocks.map(\.text) })
        for (i, j) in changed.sorted(by: { $0.entry < $1.entry }) {
            let entryConfidence = i < contentsConfidence.count ? contentsConfidence[i] : nil
            let articleConfidence = j < titleConfidence.count ? titleConfidence[j] : nil
            let others = articles.indices.filter { $0 != j }.map { articles[$0].title }
            // A reading OCR all but garbled somewhere extends nothing: its extra line is more likely
            // another entry's row read into it (`和钴，各塘充相布期…` at 0.48 before a whole headline, v11907).
            let extended = extends(contents[i].title, articles[j].title, others: others).flatMap { contentsWhole in
                ((contentsWhole ? entryConfidence : articleConfidence) ?? 1) >= Self.extendingMinConfidence ? contentsWhole : nil
            }
            let fromContents = extended
                ?? keepsLostStretches(contents[i].title, entryConfidence, articles[j].title, articleConfidence)
                ?? strayLatin(contents[i].title, articles[j].title)
                ?? ((entryConfidence ?? 1) >= (articleConfidence ?? 1))
            let dropped = fromContents ? articles[j].title : contents[i].title
            let chosen = merge.merged(fromContents ? contents[i].title : articles[j].title, other: dropped)
            let kept = HeadlineQuotes.taken(from: dropped, into: chosen) ?? chosen
            guard kept.comparisonKey != dropped.comparisonKey else {
                contents[i].title = kept
                articles[j].title = kept
                continue
            }
            warnings.append(Warning(
                code: "headline-reconciled",
                message: "contents and title read differently: kept '\(kept)' (\(fromContents ? "contents" : "title"), "
                    + "confidence \(format(fromContents ? entryConfidence : articleConfidence))) over '\(dropped)' "
                    + "(confidence \(format(fromContents ? articleConfidence : entryConfidence)))",
                page: fromContents ? contentsPage : articles[j].pages.first))
            contents[i].title = kept
            articles[j].title = kept
        }
        return warnings
    }

    /// The contents list the articles in the order the body prints them. OCR
    /// entries garbled past likeness (a 150 dpi contents page: `临剖新片以爱布下…`
    /// for 临港新片区发布…) lie between entries paired with their headlines; where
    /// such a run of entries and the run of unpaired headlines between the same
    /// two pairs are equally long, they are each other's, in order, if every pair
    /// is at least `orderedLikeness` alike (of 1,275 pairs of unrelated headlines
    /// of the newsletter, 20 are 0.3 alike or more, the most 0.5: the order
    /// decides, the likeness only keeps a row that is no headline out). Returns
    /// the new pairs. An entry the contents reader already tied to a headline
    /// in that place (`named`: by order and the headlines' size, `TitleIndex`)
    /// needs no likeness.
    static func pairedByOrder(contents: [ContentsEntry], contentsConfidence: [Double?], named: [Bool] = [], articles: [Article],
                              partner: inout [Int: Int]) -> [(entry: Int, article: Int)] {
        var added: [(entry: Int, article: Int)] = []
        var i = 0
        while i < contents.count {
            guard partner[i] == nil else { i += 1; continue }
            let start = i
            while i < contents.count, partner[i] == nil { i += 1 }
            let run = Array(start..<i)
            let before = (0..<start).reversed().first(where: { partner[$0] != nil }).flatMap { partner[$0] } ?? -1
            let after = i < contents.count ? partner[i]! : articles.count
            guard before < after else { continue }
            let taken = Set(partner.values)
            let headlines = ((before + 1)..<after).filter { !taken.contains($0) }
            guard headlines.count == run.count,
                  run.allSatisfy({ $0 < contentsConfidence.count && contentsConfidence[$0] != nil }),
                  zip(run, headlines).allSatisfy({ ($0 < named.count && named[$0])
                      || EditDistance.similarity(contents[$0].title.comparisonKey, articles[$1].title.comparisonKey) >= orderedLikeness })
            else { continue }
            for (entry, article) in zip(run, headlines) {
                partner[entry] = article
                added.append((entry, article))
            }
        }
        return added
    }

    /// How alike an OCR entry and the headline in its place in the order must be.
    static let orderedLikeness = 0.35

    /// A headline reading's letters and digits, as two readings are compared:
    /// OCR puts quote marks where none are printed.
    static func headlineLetters(_ text: String) -> String { text.comparisonKey.filter(\.isLetterOrDigit) }

    /// Whether the first reading is the one to keep because it is the other's
    /// whole (true) or the other is its whole (false): a reading that is the
    /// other's start, short of two or more letters, lost its wrapped line
    /// (`…已占全国四` for `…已占全国四分之一`); one that is the other's end lost
    /// its first line (a two-column contents page read across its columns:
    /// `五支“20+8”…` for `深圳确定五支“20+8”…`: a line's worth, not a section
    /// label read into the headline, `[海南海南自贸港…`). Nil when neither extends the other.
    /// Their letters are compared: OCR puts quote marks where none are printed;
    /// and an end reads as the other reading but for OCR's misreads (`readsAs`).
    /// (A start must read exactly: a bullet misread before a headline, `合海南…`,
    /// shifts it by a character, and would pass for a reading with more after it.)
    /// A head that is the end of another headline (`others`) is no lost first
    /// line: the row was read across into the entry above's wrapped line.
    static func extends(_ first: String, _ second: String, others: [String] = []) -> Bool? {
        let a = headlineLetters(first), b = headlineLetters(second), ends = others.map(headlineLetters)
        func wraps(_ whole: String, _ part: String, opensWithLabel: Bool) -> Bool {
            guard whole.count >= part.count + 2 else { return false }
            if whole.hasPrefix(part) && whole.dropFirst(part.count).allSatisfy(\.isLetter) { return true }
            guard !opensWithLabel, part.count >= Self.minWrappedTail, whole.count >= part.count + Self.minLostFirstLine,
                  readsAs(whole.suffix(part.count), part) else { return false }
            // (Its letters: the number in `苏州出台20条举` is the first line's too.)
            let head = whole.dropLast(part.count)
            return head.filter(\.isLetter).count >= Self.minLostFirstLine && !ends.contains { $0 != whole && $0.hasSuffix(head) }
        }
        func opensWithLabel(_ text: String) -> Bool {
            text.first(where: { !$0.isWhitespace }).map(ArticleBuilder.labelBrackets.contains) ?? false
        }
        return wraps(a, b, opensWithLabel: opensWithLabel(first)) ? true : wraps(b, a, opensWithLabel: opensWithLabel(second)) ? false : nil
    }

    /// Whether a stretch of one reading is the other reading, but for what OCR
    /// misread in either (`民营双济发展` for 民营经济发展, v11105): alike at
    /// `wrappedLikeness` from `minWrappedTail` letters on, exactly below.
    static func readsAs(_ stretch: Substring, _ part: String) -> Bool {
        stretch == part || (part.count >= minWrappedTail && EditDistance.similarity(String(stretch), part) >= wrappedLikeness)
    }

    static let wrappedLikeness = 0.85
    /// The least confidence a reading that extends the other must have been read at.
    static let extendingMinConfidence = 0.6

    /// Whether the first reading is the one to keep because the other is it
    /// with stretches lost inside (`losesStretch`), true, or the other way
    /// round, false; nil when neither. The longer reading must be read about
    /// as confidently (`stretchConfidenceMargin`): a row read across two columns
    /// of contents takes in a run of the other column's (`多地出台措施五“洛阳恢复…`,
    /// confidence 0.23 against 0.92, v10204).
    static func keepsLostStretches(_ first: String, _ firstConfidence: Double?, _ second: String,
                                   _ secondConfidence: Double?) -> Bool? {
        let a = headlineLetters(first), b = headlineLetters(second)
        let (ca, cb) = (firstConfidence ?? 1, secondConfidence ?? 1)
        if losesStretch(a, b), ca >= cb - stretchConfidenceMargin { return true }
        if losesStretch(b, a), cb >= ca - stretchConfidenceMargin { return false }
        return nil
    }

    static let stretchConfidenceMargin = 0.1

    /// Whether `part` is `whole` with `minLostStretch` letters or more lost
    /// inside, in one or two stretches, after a head of `minLostFirstLine`
    /// letters both open with (`北京建设数据基础制度先行区北京` for `…先行区打造数据要素
    /// 流通“北京样板”`: a wrapped row's first words and last characters unread,
    /// v10301). OCR loses letters; it does not make up runs of them.
    static func losesStretch(_ whole: String, _ part: String) -> Bool {
        let head = zip(whole, part).prefix { $0 == $1 }.count
        let rest = Array(whole.dropFirst(head)), tail = Array(part.dropFirst(head))
        guard head >= minLostFirstLine, tail.count >= 2, rest.count >= tail.count + minLostStretch,
              rest.allSatisfy(\.isLetter) else { return false }
        // The tail's letters in order in the rest, each at the first place it can go; the runs left between are what was lost.
        var at = 0, runs = 0, inRun = false
        for letter in rest {
            if at < tail.count, letter == tail[at] { at += 1; inRun = false } else if !inRun { runs += 1; inRun = true }
        }
        return at == tail.count && runs <= 2
    }

    /// The fewest letters a stretch OCR lost inside a headline holds (fewer: a speck read, or a character lost).
    static let minLostStretch = 3

    /// The fewest letters a reading that is another's end holds (fewer: a scrap, not a headline's last line).
    static let minWrappedTail = 6
    /// The fewest letters of a first line a contents row lost (fewer: a section's name, 海南, read into the headline).
    static let minLostFirstLine = 4

    /// Whether the first reading is the one to keep because only the other has
    /// Latin letters in lower case the first lacks (OCR reads a stretch of a Han
    /// headline as `sr`; a headline's own Latin, `GDP`, `AI`, `5G-A`, is capitals
    /// and is in both). Nil when neither or both have such letters.
    static func strayLatin(_ first: String, _ second: String) -> Bool? {
        func runs(_ text: String) -> Set<String> {
            Set(text.split { !($0.isASCII && $0.isLetter) }.map(String.init).filter { $0.contains(where: \.isLowercase) })
        }
        let a = runs(first).subtracting(runs(second)), b = runs(second).subtracting(runs(first))
        return a.isEmpty == b.isEmpty ? nil : a.isEmpty
    }

    /// The contents print each headline's section beside it: an article whose
    /// own marker was not read (a shaded band OCR lost) takes its entry's section
    /// rather than the one carried over from the article before. Where OCR read
    /// the two labels differently (or lost the contents' label, so that the one
    /// before carried over), a known section name outranks an unknown one, and
    /// else the article's own marker, printed larger, outranks the contents',
    /// unless OCR read the marker as no section name at all and it was taken for
    /// the nearest (`|天人` for 天津 over the contents' 【区域】, v12712; `上[市)`
    /// for 上海 over 【河南】, v12517).
    /// An OCR entry whose label was lost altogether, in contents that print
    /// labels, takes the section its article's own marker names, or the one its
    /// article carries over where the entry before it has that section too.
    static func sections(contents: inout [ContentsEntry], articles: inout [Article], marked: [Bool],
                         misread: [Bool] = [], ocr: [Bool], known: [String]) {
        var taken = Set<Int>()
        let labelled = contents.contains { $0.section != nil }
        for i in contents.indices {
            let read = i < ocr.count && ocr[i]
            guard contents[i].section != nil || (read && labelled) else { continue }
            let key = contents[i].title.comparisonKey
            guard let best = articles.indices.filter({ !taken.contains($0) })
                .map({ ($0, likeness(key, articles[$0].title.comparisonKey, ocr: read)) })
                .max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }), best.1 >= ocrThreshold else { continue }
            let j = best.0
            taken.insert(j)
            guard let section = contents[i].section else {
                if j < marked.count, marked[j], let own = articles[j].section {
                    contents[i].section = own
                } else if let carried = articles[j].section, i > 0, contents[i - 1].section == carried {
                    // Carried over in the body as in the contents: the label printed once for both (`域】` lost).
                    contents[i].section = carried
                }
                continue
            }
            guard let own = articles[j].section, j < marked.count, marked[j] else {
                // A label OCR misread near two known names (二海: 上海 or 青海) is the one carried over;
                // so is one OCR misread past knowing (`芭或` for 区域, v10503): a known name outranks an unknown one.
                if let carried = articles[j].section, !known.contains(section), known.contains(carried),
                   read || EditDistance.distance(section, carried) <= 1 {
                    contents[i].section = carried
                } else {
                    articles[j].section = section
                }
                continue
            }
            guard own != section else { continue }
            // A known section over a label misread past knowing (`卫西` on a scanned page
            // of a mixed issue whose contents page is text, v10210): the known one.
            let entryKnown = known.contains(section), articleKnown = known.contains(own)
            if entryKnown && (!articleKnown || (j < misread.count && misread[j])) {
                articles[j].section = section
            } else if i < ocr.count, ocr[i] {
                contents[i].section = own
            }
        }
    }

    /// OCR reads a mark, a page number or a wrapped line's second reading on a
    /// contents page as a row of its own (`全3`, `【山东`). An entry read by OCR
    /// that names no article, or only reads again the end of a headline another
    /// entry names as well or better, is dropped, with a warning, when every
    /// article is already named by another entry: it cannot be an article the
    /// body lacks.
    static func droppingStrayRows(contents: inout [ContentsEntry], ocr: inout [Bool], articles: [Article],
                                  contentsPage: Int) -> [Warning] {
        guard !articles.isEmpty else { return [] }
        let keys = articles.map(\.title.comparisonKey)
        let likenesses = contents.indices.map { i in
            keys.map { likeness(contents[i].title.comparisonKey, $0, ocr: i < ocr.count && ocr[i]) }
        }
        let names = likenesses.map { row in row.indices.filter { row[$0] >= ocrThreshold } }
        guard Set(names.joined()).count == articles.count else { return [] }
        func isTail(_ i: Int) -> Bool {
            !names[i].isEmpty && names[i].allSatisfy { j in
                endsHeadline(contents[i].title, articles[j].title)
                    && contents.indices.contains { k in k != i && likenesses[k][j] >= likenesses[i][j] }
            }
        }
        let stray = contents.indices.filter { $0 < ocr.count && ocr[$0] && (names[$0].isEmpty || isTail($0)) }
        let warnings = stray.map { index in
            Warning(code: "contents-row-dropped",
                    message: "contents row '\(contents[index].title)' (OCR) names no article of its own, and every article is in the contents: left out",
                    page: contentsPage)
        }
        contents = contents.indices.filter { !stray.contains($0) }.map { contents[$0] }
        ocr = ocr.indices.filter { !stray.contains($0) }.map { ocr[$0] }
        return warnings
    }

    /// Whether a row reads (as OCR may, 0.85 alike) the end of a headline, not the whole of it.
    static func endsHeadline(_ row: String, _ headline: String) -> Bool {
        let r = row.comparisonKey.filter(\.isLetterOrDigit), h = headline.comparisonKey.filter(\.isLetterOrDigit)
        guard r.count >= 2, h.count >= r.count + 2 else { return false }
        return EditDistance.similarity(r, String(h.suffix(r.count))) >= 0.85
    }

    private static func format(_ confidence: Double?) -> String {
        confidence.map { String(format: "%.2f", $0) } ?? "text layer"
    }

    /// The article each contents entry names (nil: none), in order, each article
    /// named once: the most alike of those not yet named, if alike enough. An entry
    /// OCR read (`ocr[i]`) is compared as `likeness` does, at the OCR threshold.
    static func namedArticles(contents: [ContentsEntry], articles: [Article], ocr: [Bool] = []) -> [Int?] {
        var unmatched = Set(articles.indices)
        return contents.indices.map { i in
            let read = i < ocr.count && ocr[i]
            let key = contents[i].title.comparisonKey
            let best = unmatched.map { ($0, likeness(key, articles[$0].title.comparisonKey, ocr: read)) }
                .max { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }
            guard let best, best.1 >= (read ? ocrThreshold : threshold) else { return nil }
            unmatched.remove(best.0)
            return best.0
        }
    }

    static func warnings(contents: [ContentsEntry], articles: [Article], contentsPage: Int) -> [Warning] {
        guard !contents.isEmpty else { return [] }
        var warnings: [Warning] = []
        let named = namedArticles(contents: contents, articles: articles)
        let unmatched = Set(articles.indices).subtracting(named.compactMap { $0 })
        for (entry, article) in zip(contents, named) {
            if let article {
                if let section = entry.section, let found = articles[article].section, section != found {
                    warnings.append(Warning(code: "toc-mismatch",
                                            message: "contents entry '\(entry.title)' is under 【\(section)】 but its article is under 【\(found)】",
                                            page: contentsPage))
                }
            } else {
                warnings.append(Warning(code: "toc-mismatch", message: "contents entry '\(entry.title)' has no matching article",
                                        page: contentsPage))
            }
        }
        for index in unmatched.sorted() {
            warnings.append(Warning(code: "toc-mismatch", message: "article '\(articles[index].title)' is not in the contents",
                                    page: articles[index].pages.first))
        }
        return warnings
    }
}
