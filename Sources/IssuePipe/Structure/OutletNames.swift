/// Outlet names in citations OCR misread (`澎涛新闻`, `大众旦报`, `解放上日报`)
/// taken as the lexicon's (`lexicon.outlets`): the one known outlet within one
/// edit, or two for names of six characters or more, when no other known outlet
/// is as close (`湖x日报` could be 湖北日报 or 湖南日报: left as read). Only
/// citations read by OCR are snapped; a text layer's outlet is as printed.
struct OutletNames {
    let known: [String]
    /// Characters the OCR model cannot write (`OCRReport.unwritable`): in a
    /// known name, each matches whatever OCR read in its place.
    var unwritable: Set<Character> = []

    /// Marks OCR read beside the name inside the bracket (`，福建日报`).
    static let strayMarks: Set<Character> = ["，", ",", "。", ".", "、", "；", ";", "：", ":", "|", "·"]

    /// The known outlet `name` is a misreading of, or nil (`name` unknown or
    /// ambiguous). Outlets as close as each other are told apart by the
    /// article they cite (`context`: its section and title): the paper of the
    /// place it reports on (`过宁日报` in an article of the 辽宁 section is
    /// 辽宁日报, not 南宁日报), where only one shares the most characters with it.
    func snapped(_ name: String, context: String = "") -> String? {
        let key = Self.bare(name).withoutWhitespace
        guard !key.isEmpty else { return nil }
        if let same = known.first(where: { $0.withoutWhitespace == key }) { return same }
        let allowed = key.count >= 6 ? 2 : 1
        // As near, a name read as printed beats one that needed a character matched as any.
        let near = known.map { ($0, edits($0.withoutWhitespace, key)) }.filter { $0.1.edits <= allowed }
        guard let best = near.min(by: { $0.1 < $1.1 }) else { return nil }
        let closest = near.filter { $0.1 == best.1 }.map(\.0)
        if closest.count == 1 { return best.0 }
        let places = Set(context)
        let shared = closest.map { ($0, Set($0).intersection(places).count) }
        guard let most = shared.max(by: { $0.1 < $1.1 }), most.1 > 0, shared.filter({ $0.1 == most.1 }).count == 1 else { return nil }
        return most.0
    }

    /// The edits that turn a known name into a reading, each character of the
    /// name OCR cannot write matching any, and how many of those it holds:
    /// the fewest edits over every reading's character put in its place.
    func edits(_ name: String, _ read: String) -> (edits: Int, unwritable: Int) {
        let letters = Array(name)
        let wild = letters.indices.filter { unwritable.contains(letters[$0]) }
        guard !wild.isEmpty else { return (EditDistance.distance(name, read), 0) }
        var names = [letters]
        for index in wild {
            names += names.flatMap { candidate in Set(read).map { var n = candidate; n[index] = $0; return n } }
        }
        return (names.map { EditDistance.distance(String($0), read) }.min()!, wild.count)
    }

    /// `name` without the marks OCR read at either end of it.
    static func bare(_ name: String) -> String {
        String(name.drop { strayMarks.contains($0) }.reversed().drop { strayMarks.contains($0) }.reversed())
    }

    /// The sources of articles on OCR pages with their outlet names snapped;
    /// a `lexicon-corrected` warning for each name changed.
    func snapping(_ articles: inout [Article], ocrPages: Set<Int>) -> [Warning] {
        guard !known.isEmpty else { return [] }
        var warnings: [Warning] = []
        for a in articles.indices where articles[a].pages.contains(where: ocrPages.contains) {
            for s in articles[a].sources.indices {
                let read = articles[a].sources[s].name
                guard let fixed = snapped(read, context: (articles[a].section ?? "") + articles[a].title), fixed != read else { continue }
                articles[a].sources[s].name = fixed
                warnings.append(Warning(code: "lexicon-corrected", message: "source outlet read as '\(read)', taken as the lexicon's '\(fixed)'",
                                        page: articles[a].pages.last))
            }
        }
        return warnings
    }
}
