extension MastheadParser {
    /// How alike a staff box's line must hold a known name to stand for it.
    static let staffBoxSimilarity = 0.85

    /// The publisher's names the cover's reading lost (OCR read the small
    /// English name under the Chinese as nothing, v8513), taken from the staff
    /// box, which prints them again: a line there that holds the lexicon's name,
    /// OCR's errors aside (`Binhbhai Research IJnstitute in Tianjin`).
    /// Only lines in or within four lines of the box (`bands`) are read: the
    /// names stand over its roles or beside them.
    func fillingPublisher(_ publication: inout Publication, from pages: [PageLines], bands: [Int: ClosedRange<Double>]) -> [Warning] {
        var warnings: [Warning] = []
        func fill(_ name: inout String?, known: String?, field: String) {
            guard name == nil, let known, !known.isEmpty else { return }
            let key = known.comparisonKey
            for page in pages {
                guard let band = bands[page.page] else { continue }
                // The name alone, or beside the other name on its line: not a sentence citing it.
                guard let line = page.lines.first(where: { line in
                    let text = line.text.comparisonKey
                    guard line.box.y1 >= band.lowerBound - 4 * line.size, line.box.y0 <= band.upperBound + 4 * line.size else { return false }
                    return text.count <= 2 * key.count && EditDistance.substringSimilarity(key, in: text) >= Self.staffBoxSimilarity
                }) else { continue }
                name = known
                warnings.append(Warning(code: "lexicon-corrected",
                                        message: "\(field) not read on the cover; read in the staff box as '\(line.text)', taken as the lexicon's '\(known)'",
                                        page: page.page))
                return
            }
        }
        fill(&publication.publisher, known: lexicon?.publisher, field: "publisher")
        fill(&publication.publisherEn, known: lexicon?.publisherEn, field: "publisherEn")
        return warnings
    }
}
