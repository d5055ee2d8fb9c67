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

/// A headline printed with its section marker inline that wraps
/// (`【湖南】长沙出台10条措施` / `支持工程机械企业开拓海外市场`) reads as a
/// sub-heading closing the article before it (the newsletter's sub-headings
/// open with `【地区】` too) and a title of its second line alone. The contents
/// entry, more like that sub-heading's text and the title than like the title
/// alone, joins them again; the marker stays the article's section.
extension ContentsMatching {
    static func joiningTitleStarts(contents: [ContentsEntry], ocr: [Bool], marker: Pattern?, articles: inout [Article],
                                   lineage: inout [ArticleLineage]) -> [Warning] {
        var warnings: [Warning] = []
        // (The entry is not matched to its article first: the title alone, its
        // second line, may be too little like the entry to be found.)
        for i in contents.indices {
            let entry = contents[i].title.comparisonKey
            let floor = i < ocr.count && ocr[i] ? ocrThreshold : threshold
            let candidates = articles.indices.dropFirst().compactMap { j -> (j: Int, start: String, name: String?, joined: Double)? in
                guard articles[j - 1].blocks.count > 1, let last = articles[j - 1].blocks.last, last.kind == .heading else { return nil }
                let markerMatch = marker?.match(last.text).flatMap { $0["_start"] == "0" ? $0 : nil }
                let start = markerMatch.map { last.text.utf16Suffix(from: Int($0["_end"] ?? "0") ?? 0) } ?? last.text
                guard start.count <= wrappedLineMaxLength else { return nil }
                let joined = EditDistance.similarity(entry, start.comparisonKey + articles[j].title.comparisonKey)
                guard joined >= floor, joined > EditDistance.similarity(entry, articles[j].title.comparisonKey) + 0.1 else { return nil }
                return (j, start, markerMatch?["name"], joined)
            }
            guard let best = candidates.max(by: { $0.joined < $1.joined || ($0.joined == $1.joined && $0.j > $1.j) }) else { continue }
            let j = best.j, start = best.start, last = articles[j - 1].blocks[articles[j - 1].blocks.count - 1]
            warnings.append(Warning(code: "title-line-joined",
                                    message: "'\(last.text)' closing the article before '\(articles[j].title)' is the start of its title, "
                                        + "as the contents print it ('\(contents[i].title)'): joined to the title",
                                    page: articles[j].pages.first))
            articles[j].title = CJKText.normalizeSpacing(CJKText.joinWrapped(start, articles[j].title))
            if articles[j].section == nil, let name = best.name { articles[j].section = name }
            articles[j - 1].blocks.removeLast()
            // The sub-heading's page is the title's now; the article before ends where its last block does.
            let moved = (last.provenance ?? []).map(\.page)
            articles[j].pages = Array(Set(articles[j].pages + moved)).sorted()
            if let end = articles[j - 1].blocks.flatMap({ ($0.provenance ?? []).map(\.page) }).max() {
                articles[j - 1].pages = articles[j - 1].pages.filter { $0 <= end }
            }
            if j - 1 < lineage.count, j < lineage.count, let moved = lineage[j - 1].blocks.popLast() {
                lineage[j].title = moved + lineage[j].title
            }
        }
        return warnings
    }
}
