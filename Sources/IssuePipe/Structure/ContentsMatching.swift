/// Checks the printed contents against the articles found: every entry should
/// name an article, and every article should be in the contents.
enum ContentsMatching {
    /// Titles this similar (after NFKC and without spaces) are the same title read twice.
    static let threshold = 0.85
    /// When OCR read either of the two, more may differ.
    static let ocrThreshold = 0.7

    /// Each headline is printed twice, in the contents and above its article. Where
    /// OCR read the two differently, the reading with the higher confidence is
    /// taken for both, and a `headline-reconciled` warning records it.
    static func reconcile(contents: inout [ContentsEntry], contentsConfidence: [Double?],
                          articles: inout [Article], titleConfidence: [Double?], contentsPage: Int) -> [Warning] {
        var warnings: [Warning] = []
        var taken = Set<Int>()
        for i in contents.indices {
            let entryConfidence = i < contentsConfidence.count ? contentsConfidence[i] : nil
            let key = contents[i].title.comparisonKey
            guard let best = articles.indices.filter({ !taken.contains($0) })
                .map({ ($0, EditDistance.similarity(key, articles[$0].title.comparisonKey)) })
                .max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }) else { continue }
            let j = best.0
            let articleConfidence = j < titleConfidence.count ? titleConfidence[j] : nil
            guard entryConfidence != nil || articleConfidence != nil, best.1 >= ocrThreshold, best.1 < 1 else {
                if best.1 >= threshold { taken.insert(j) }
                continue
            }
            taken.insert(j)
            let fromContents = (entryConfidence ?? 1) >= (articleConfidence ?? 1)
            let kept = fromContents ? contents[i].title : articles[j].title
            let dropped = fromContents ? articles[j].title : contents[i].title
            guard kept.comparisonKey != dropped.comparisonKey else { continue }
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

    /// The contents print each headline's section beside it: an article whose
    /// own marker was not read (a shaded band OCR lost) takes its entry's section
    /// rather than the one carried over from the article before.
    static func sections(contents: [ContentsEntry], articles: inout [Article], marked: [Bool]) {
        var taken = Set<Int>()
        for entry in contents {
            guard let section = entry.section else { continue }
            let key = entry.title.comparisonKey
            guard let best = articles.indices.filter({ !taken.contains($0) })
                .map({ ($0, EditDistance.similarity(key, articles[$0].title.comparisonKey)) })
                .max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }), best.1 >= ocrThreshold else { continue }
            taken.insert(best.0)
            if articles[best.0].section == nil || !(best.0 < marked.count && marked[best.0]) {
                articles[best.0].section = section
            }
        }
    }

    private static func format(_ confidence: Double?) -> String {
        confidence.map { String(format: "%.2f", $0) } ?? "text layer"
    }

    static func warnings(contents: [ContentsEntry], articles: [Article], contentsPage: Int) -> [Warning] {
        guard !contents.isEmpty else { return [] }
        var warnings: [Warning] = []
        var unmatched = Set(articles.indices)
        for entry in contents {
            let key = entry.title.comparisonKey
            let best = unmatched.map { ($0, EditDistance.similarity(key, articles[$0].title.comparisonKey)) }
                .max { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }
            if let best, best.1 >= threshold {
                unmatched.remove(best.0)
                if let section = entry.section, let found = articles[best.0].section, section != found {
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
