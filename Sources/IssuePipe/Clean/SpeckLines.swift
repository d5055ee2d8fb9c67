/// Specks and rules a scan's OCR read as a short line of their own (`二和`
/// boxed 3 pt tall among 11 pt lines, v11602; a rule read `也一` right across
/// the page, v11814): a few letters, no digit, and a box far flatter than the
/// page's lines of text or far wider than its characters. They are furniture
/// (`speck`), found last: until then a rule under a running head tells where
/// the heads stand, as the head does. (Digits stay: a contents page sets its
/// page numbers small.)
enum SpeckLines {
    /// The `page:line` references of OCR pages' speck lines not yet furniture.
    static func refs(_ pages: [PageLayout], reasons: [String: String]) -> [String] {
        pages.filter { $0.method == .ocr }.flatMap { page -> [String] in
            let heights = page.lines.filter { $0.text.filter(CJKCharacters.isLetter).count >= minLetters }.map(\.box.height).sorted()
            guard heights.count >= 3 else { return [] }
            let textHeight = heights[heights.count / 2]
            return page.lines.indices.map { (ref: "\(page.number):\($0)", line: page.lines[$0]) }
                .filter { reasons[$0.ref] == nil && isSpeck($0.line, textHeight: textHeight) }.map(\.ref)
        }
    }

    static func isSpeck(_ line: TextLine, textHeight: Double) -> Bool {
        let letters = line.text.filter(\.isLetter).count
        guard letters > 0, letters < minLetters, !line.text.contains(where: CJKCharacters.isDigit) else { return false }
        return line.box.height < flattestShare * textHeight || line.box.width > widestEms * textHeight * Double(line.text.count)
    }

    /// Fewer letters than this make a line that may be a speck; lines with
    /// this many Han characters or more give the page's text height.
    static let minLetters = 4
    /// A speck's box is flatter than this share of the text height, or wider
    /// than this many text heights per character.
    static let flattestShare = 0.6, widestEms = 4.0
}
