import Foundation

/// Finds the lines that are page furniture rather than content: running
/// headers and footers, page numbers and decorations.
enum FurnitureDetector {
    /// Page-number shapes: `3`, `— 3 —`, `- 3 -`, `第 3 页`, `Page 3`, `3 / 10`.
    static let pageNumberPatterns = [
        #"^[\s—–\-－·•|]*\d{1,4}[\s—–\-－·•|]*$"#,
        #"^第\s*\d{1,4}\s*页(\s*[/／]?\s*共\s*\d{1,4}\s*页)?$"#,
        #"^(?i:page|p\.)\s*\d{1,4}(\s*(?i:of)\s*\d{1,4})?$"#,
        #"^\d{1,4}\s*[/／]\s*\d{1,4}$"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// Key of a line as a repeated header: its text with digits and spaces folded.
    static func repeatKey(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }
            .map { $0.properties.numericType != nil ? "#" : Character($0) })
    }

    static func isPageNumber(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return pageNumberPatterns.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// Reasons by `page:line` reference.
    static func detect(_ pages: [PageLayout], rules: FurnitureRules) -> [String: String] {
        let band = rules.marginBand ?? 0.1
        let decorations = (rules.decorations ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        let pagesWithText = pages.filter { !$0.lines.isEmpty }.count
        let minRepeats = rules.minRepeats ?? max(2, Int((0.3 * Double(pagesWithText)).rounded(.up)))

        var reasons: [String: String] = [:]
        // Candidates for running headers/footers: lines in the top or bottom band.
        struct Candidate { var ref: String; var page: Int; var key: String; var midY: Double; var tolerance: Double }
        var candidates: [Candidate] = []
        for page in pages {
            for (index, line) in page.lines.enumerated() {
                let ref = "\(page.number):\(index)"
                let text = line.text
                let range = NSRange(text.startIndex..., in: text)
                if decorations.contains(where: { $0.firstMatch(in: text, range: range) != nil }) {
                    reasons[ref] = "decoration"
                    continue
                }
                let inBand = page.height > 0 && (line.box.y1 < page.height * band || line.box.y0 > page.height * (1 - band))
                guard inBand else { continue }
                if isPageNumber(text) {
                    reasons[ref] = "page-number"
                    continue
                }
                candidates.append(Candidate(ref: ref, page: page.number, key: repeatKey(text), midY: line.box.midY,
                                            tolerance: max(6, page.height * 0.012)))
            }
        }
        // A candidate repeated at about the same height on enough pages is a running header/footer.
        let byKey = Dictionary(grouping: candidates, by: \.key)
        for candidate in candidates {
            let pagesSeen = Set(byKey[candidate.key, default: []].filter {
                abs($0.midY - candidate.midY) <= candidate.tolerance
            }.map(\.page))
            if pagesSeen.count >= minRepeats {
                reasons[candidate.ref] = candidate.midY < 0.5 * (pages.first { $0.number == candidate.page }?.height ?? 0)
                    ? "running-header" : "running-footer"
            }
        }
        return reasons
    }
}
