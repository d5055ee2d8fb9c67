/// A headline that wraps onto a second line is printed whole in the contents.
/// Where OCR read its second line in the body as a line of its own (the size
/// misjudged, a gap too wide), the article opens with a short paragraph that is
/// the rest of its title: the contents entry, more like title + that line than
/// like the title alone, joins them again.
extension ContentsMatching {
    /// The longest such line, in characters: a title's wrapped end, not a paragraph.
    static let wrappedLineMaxLength = 24

    static func joiningWrappedTitles(contents: [ContentsEntry], ocr: [Bool], articles: inout [Article],
                                     lineage: inout [ArticleLineage]) -> [Warning] {
        var warnings: [Warning] = []
        let named = namedArticles(contents: contents, articles: articles, ocr: ocr)
        for (i, found) in named.enumerated() {
            guard let j = found, let first = articles[j].blocks.first, first.kind == .paragraph,
                  first.text.count <= wrappedLineMaxLength, articles[j].blocks.count > 1 else { continue }
            let entry = contents[i].title.comparisonKey, title = articles[j].title.comparisonKey
            let joined = EditDistance.similarity(entry, title + first.text.comparisonKey)
            let floor = i < ocr.count && ocr[i] ? ocrThreshold : threshold
            guard joined >= floor, joined > EditDistance.similarity(entry, title) + 0.1 else { continue }
            warnings.append(Warning(code: "title-line-joined",
                                    message: "'\(first.text)' opening the article '\(articles[j].title)' is the end of its title, "
                                        + "as the contents print it ('\(contents[i].title)'): joined to the title",
                                    page: articles[j].pages.first))
            articles[j].title = CJKText.normalizeSpacing(CJKText.joinWrapped(articles[j].title, first.text))
            articles[j].blocks.removeFirst()
            if j < lineage.count, !lineage[j].blocks.isEmpty {
                lineage[j].title += lineage[j].blocks.removeFirst()
            }
        }
        return warnings
    }
}
