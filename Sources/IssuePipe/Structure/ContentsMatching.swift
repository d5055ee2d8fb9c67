/// Checks the printed contents against the articles found: every entry should
/// name an article, and every article should be in the contents.
enum ContentsMatching {
    /// Titles this similar (after NFKC and without spaces) are the same title read twice.
    static let threshold = 0.85

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
