/// A font without a Unicode map is broken on every page it sets. A cover set in
/// such a font may read as digits and Latin letters (no Han, next to no Latin-1)
/// and pass on its own characters; where most of a page's characters are in
/// fonts whose text another page shows as glyph soup, its layer is no more
/// usable than theirs. So too a font whose map points at control characters:
/// a back page's one line (`扫描⼆维 ，敬请详看《#3*\u{01}\u{87}周决策观察》`, v10909
/// broken) holds two, too few to judge it alone, in the font of pages that
/// show dozens.
struct SharedBrokenFonts {
    static let code = "font-broken-elsewhere"
    /// The share of a page's characters in such fonts that sends it to OCR.
    static let minShare = 0.5
    /// The reasons that show a font without a Unicode map.
    static let soupCodes: Set<String> = ["latin1-soup", "control-characters"]

    /// Whether a page's characters hold any soup at all (Latin-1, Latin
    /// Extended or control characters): a page with none is not weighed by
    /// its fonts (and the other pages are not judged for it).
    static func mayHide(_ characters: CharacterStatistics) -> Bool {
        characters.latin1 + (characters.letters[Script.latinExtended.rawValue] ?? 0) + characters.control > 0
    }

    /// Each font the soup pages set text in, with the first such page.
    let fonts: [String: Int]

    /// `verdicts`: the pages judged on their characters alone, in order.
    init(_ pages: [PageLayout], verdicts: [PageVerdict]) {
        var fonts: [String: Int] = [:]
        for (page, verdict) in zip(pages, verdicts) where verdict.reasons.contains(where: { Self.soupCodes.contains($0.code) }) {
            for span in page.lines.flatMap(\.spans) where fonts[span.font] == nil { fonts[span.font] = page.number }
        }
        self.fonts = fonts
    }

    /// The verdict on `layout`, sent to OCR when most of its characters are in fonts another page shows broken.
    func applied(to verdict: PageVerdict, layout: PageLayout) -> PageVerdict {
        guard verdict.verdict == .text, !verdict.textLayerBroken else { return verdict }
        let spans = layout.lines.flatMap(\.spans)
        let total = spans.reduce(0) { $0 + $1.text.unicodeScalars.count }
        let elsewhere = spans.filter { fonts[$0.font].map { $0 != layout.number } ?? false }
        let broken = elsewhere.reduce(0) { $0 + $1.text.unicodeScalars.count }
        guard total > 0, Double(broken) / Double(total) >= Self.minShare, let page = elsewhere.compactMap({ fonts[$0.font] }).min() else {
            return verdict
        }
        var out = verdict
        out.verdict = .ocr
        out.reasons.append(JudgeReason(code: Self.code, value: Double(broken) / Double(total), threshold: Self.minShare,
                                       message: "\(broken) of \(total) characters are in fonts whose text page \(page) shows broken"))
        return out
    }
}
