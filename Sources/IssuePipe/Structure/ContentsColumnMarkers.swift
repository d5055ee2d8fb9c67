extension ContentsRowReader {
    /// OCR reads a row of contents set in two columns on into the other
    /// column's section label where the row runs to within points of it
    /// (`社零总额已占全国四分之一”“[浙江]`, v8313): such a line is cut where
    /// the label's bracket stands, if that is where the other column's pieces
    /// start. A headline holds no bracketed section name after its words.
    /// poppler does the same on a text layer where one column's page number
    /// stands points from the other's label (`4 【福建】`, v10102).
    func cuttingAtColumnLabels(_ page: PageLines, columns: [Double]) -> PageLines {
        guard !columns.isEmpty else { return page }
        let cut = zip(page.lines, page.refs).flatMap { line, ref -> [(TextLine, String)] in
            guard let (left, right) = pieces(of: line, columns: columns) else { return [(line, ref)] }
            return [(left, ref), (right, ref)]
        }
        return PageLines(page: page.page, lines: cut.map(\.0), refs: cut.map(\.1))
    }

    /// The line's words before a known section's opening bracket that stands at
    /// a column start, and the label with what follows it.
    private func pieces(of line: TextLine, columns: [Double]) -> (TextLine, TextLine)? {
        let spans = line.spans, size = line.size
        for index in spans.indices.dropFirst() {
            // A text layer's word opens with the bracket (`【福建】`): the label is the word and what follows.
            // (OCR's words are cut as below: on a scan a label opening a word stays where it was read, v10102.)
            // So does an OCR line's last word that is a bracket and a known name alone,
            // its closing bracket read on a line of its own (`四分之一. -6 【江苏`, v11105).
            if line.confidence == nil || unclosedLabel(at: index, of: spans), let first = spans[index].text.unicodeScalars.first,
               first.properties.generalCategory == .openPunctuation {
                let after = String(String.UnicodeScalarView(spans[index].text.unicodeScalars.dropFirst())) + spans[(index + 1)...].map(\.text).joined()
                if labelStartsColumn(after, at: spans[index].box.x0, in: line, columns: columns) {
                    return (piece(of: line, spans: Array(spans[..<index])), piece(of: line, spans: Array(spans[index...])))
                }
            }
            let word = spans[index].text
            guard let open = word.unicodeScalars.last, open.properties.generalCategory == .openPunctuation else { continue }
            // The bracket is the word's last character: where it starts, what OCR read before it aside.
            let x = word.unicodeScalars.count > 1 ? spans[index].box.x1 - size / 2 : spans[index].box.x0
            guard labelStartsColumn(spans[(index + 1)...].map(\.text).joined(), at: x, in: line, columns: columns) else { continue }
            // Marks OCR read in the gap with the bracket (`”“[`) are none of the headline's.
            let lead = String(String.UnicodeScalarView(word.unicodeScalars.dropLast()))
            let before = Array(spans[..<index]) + (lead.contains(where: \.isLetter) ? [part(of: spans[index], lead, to: x)] : [])
            let label = [part(of: spans[index], String(open), from: x)] + spans[(index + 1)...]
            return (piece(of: line, spans: before), piece(of: line, spans: label))
        }
        return nil
    }

    /// Whether the word at `index` is the line's last, an opening bracket and a
    /// known section's name. (Not one the closing bracket follows on the line:
    /// OCR lines cut there, `4 【福建】` in the gutter, lost their order, v10102.)
    private func unclosedLabel(at index: Int, of spans: [TextSpan]) -> Bool {
        let scalars = spans[index].text.unicodeScalars
        guard index == spans.count - 1, let first = scalars.first, first.properties.generalCategory == .openPunctuation else { return false }
        return sections.contains(String(String.UnicodeScalarView(scalars.dropFirst())))
    }

    /// Whether an opening bracket at `x`, followed by `after`, is a known
    /// section's label standing at a column start, two ems or more into the line.
    /// (On an OCR line the closing bracket may be lost: then `after` is the name alone.)
    private func labelStartsColumn(_ after: String, at x: Double, in line: TextLine, columns: [Double]) -> Bool {
        let close = after.unicodeScalars.firstIndex(where: { $0.properties.generalCategory == .closePunctuation })
        let name = close.map { String(after.unicodeScalars[..<$0]) } ?? (line.confidence == nil ? "" : after.trimmingScalars(in: .whitespaces))
        guard sections.contains(name) else { return false }
        let size = line.size
        return x > line.box.x0 + 2 * size && columns.contains(where: { (($0 - size)...($0 + 2 * size)).contains(x) })
    }

    /// Part of an OCR word: its text, and its box cut at `x` (kept left of it, or right).
    private func part(of span: TextSpan, _ text: String, from x0: Double? = nil, to x1: Double? = nil) -> TextSpan {
        var part = span
        part.text = text
        part.box.x0 = x0 ?? span.box.x0
        part.box.x1 = x1 ?? span.box.x1
        return part
    }

    private func piece(of line: TextLine, spans: [TextSpan]) -> TextLine {
        var piece = line
        piece.spans = spans
        piece.text = OCRTextRepair.joinWords(spans.map(\.text))
        piece.box = spans.map(\.box).union ?? line.box
        return piece
    }
}
