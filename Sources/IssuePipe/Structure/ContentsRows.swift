import Foundation

/// One printed row of a contents page: lines on one baseline joined left to
/// right (OCR reads the marker column, the title and the page number apart),
/// with its decorations taken off: bullet, numbering, section marker or a
/// section name in its own column, dot leaders and page number.
struct ContentsRow {
    var text: String
    /// It starts with a bullet, a number or a marker: a new entry, not a wrapped one.
    var opensEntry = false
    /// It opens an entry or ends in leaders or a page number: set as an entry is.
    var decorated = false
    /// It ends in leaders or a page number, or is a page number alone.
    var numbered = false
    /// The section this row names (`【上海】`, `[上海]`, or a bare known section name).
    var section: String?
    /// A known section name alone after a bullet: a headline's first word, or a
    /// label where no row continues it.
    var bulletedName = false
    var lines: [TextLine]
    var refs: [String]
    var confidence: Double? { lines.compactMap(\.confidence).min() }
    var box: Box { lines.map(\.box).union ?? Box(x0: 0, y0: 0, x1: 0, y1: 0) }
    /// Where its words stand, page numbers left out: contents in two columns
    /// print the left column's numbers by the gutter, where OCR reads one with
    /// the right column's row on its baseline (`4 ★南京…`, v11802); it says
    /// nothing of the column the row's text is in.
    var wordsBox: Box {
        lines.flatMap(\.spans).filter { !ContentsRowReader.isBareNumber($0.text) }.map(\.box).union ?? box
    }
}

struct ContentsRowReader {
    let rules: ContentsRules
    let marker: Pattern?
    /// Known section names: a bare one standing apart is a section label.
    let sections: [String]
    let sectionName: (String) -> String
    /// The document's pages: a bare number past them ends a headline (`发布 20`), not a page reference.
    var pageCount: Int? = nil
    /// A bare number ending a row (no leaders before it) is a page number. Not
    /// in contents that print none: there it is the headline's, wrapped after it
    /// (`◆ 2. GDP 超 5000 亿区县或达 12` / `个西海岸新区入围`, v12701).
    private var barePageNumbers = true
    /// Built once per reader from `rules`, not for every row (`stripped` and
    /// `opensEntry` ask for them several times a row): the bullets and the
    /// white space round a row, with the stray marks OCR adds, and the rules'
    /// patterns (`Pattern` compiles each source once per process; this saves
    /// looking it up by its source).
    private let bullets: CharacterSet, bulletsAndStrayMarks: CharacterSet
    private let numbering: Pattern?, ocrNumbering: Pattern?, pageNumber: Pattern?
    /// The known section names as plain scalars (`StaffLines.plainScalars`), when every one is.
    private let plainSections: [[Unicode.Scalar]]?

    init(rules: ContentsRules, marker: Pattern?, sections: [String], sectionName: @escaping (String) -> String,
         pageCount: Int? = nil) {
        self.rules = rules
        self.marker = marker
        self.sections = sections
        self.sectionName = sectionName
        self.pageCount = pageCount
        bullets = CharacterSet(charactersIn: (rules.bullets ?? "") + " \u{3000}\t")
        bulletsAndStrayMarks = bullets.union(ArticleBuilder.strayMarks)
        numbering = Pattern(rules.numbering)
        ocrNumbering = Pattern(rules.ocrNumbering)
        pageNumber = Pattern(rules.pageNumber)
        plainSections = StaffLines.PlainLabels(sections).scalars
    }

    /// The rows in reading order: pieces of one baseline joined unless a
    /// column gap parts them (contents in two columns), a page number standing
    /// apart kept with its row.
    func rows(_ page: PageLines) -> [ContentsRow] {
        var rows: [ContentsRow] = []
        let columns = Self.columnStarts(page.lines)
        let page = cuttingAtColumnLabels(page, columns: columns)
        // (Page numbers in a column of their own start no column of entries.)
        let entryColumns = Self.columnStarts(page.lines.filter { !Self.isBareNumber($0.text) })
        for (line, ref) in zip(page.lines, page.refs) {
            let isNumber = Self.isBareNumber(line.text)
            // A piece that opens an entry (bullet, number, marker) starts a row, unless the row so far is a
            // section label beside it (not one across the gap of contents in two columns). Other text
            // joins within three ems of the smaller print: OCR sizes a lone character large (`大`).
            let gap = line.box.x0 - (rows.last?.box.x1 ?? 0), em = max(line.size, rows.last?.lines[0].size ?? 0)
            // A row that ends in its page number is whole: a piece beside it, even a number, is the
            // other column's. (Leaders without their number still take one.)
            let whole = rows.last.map { gap > em / 2 && endsInPageNumber($0) } ?? false
                // A piece across a wide gap where the pieces of other rows start too
                // begins the other column (OCR's bullet read as a letter opens no entry).
                || (!isNumber && gap >= Self.columnGapEms * em && columns.contains { Self.startsColumn(line, at: $0) }
                    && !(rows.last.map(isLabelOnly) ?? false))
            // A bare number past where the other column starts is that column's page number
            // (OCR read it on the baseline of this column's next entry).
            let othersNumber = isNumber && entryColumns.contains { $0 > (rows.last?.box.x1 ?? 0) + em && $0 < line.box.x0 }
            // (Nor does a label whose closing bracket OCR lost or read apart, `【江苏`: a row starts there.)
            let joins = !whole && !othersNumber && (isNumber || (rows.last.map { isLabelOnly($0) && gap < 4 * em } ?? false)
                || (!opensEntry(line.text, ocr: line.confidence != nil) && gap < 3 * min(line.size, rows.last?.lines[0].size ?? line.size)
                    && !(line.confidence != nil && unclosedMarker(line.text) != nil)))
            if var last = rows.last, line.box.verticalOverlap(last.box) > 0.5, line.box.x0 >= last.box.x1 - 1, joins {
                last.lines.append(line)
                last.refs.append(ref)
                rows[rows.count - 1] = last
            } else {
                rows.append(ContentsRow(text: "", lines: [line], refs: [ref]))
            }
        }
        let done = rows.map(stripped)
        guard barePageNumbers, Self.printsNoPageNumbers(done) else { return done }
        var plain = self
        plain.barePageNumbers = false
        return plain.rows(page)
    }

    /// Contents whose entries (`minEntriesToJudge` or more) end in a page number
    /// or leaders fewer than one time in four print no page numbers: the few
    /// bare numbers found are headlines' own.
    static func printsNoPageNumbers(_ rows: [ContentsRow]) -> Bool {
        let entries = rows.filter(\.opensEntry).count
        return entries >= minEntriesToJudge && 4 * rows.filter(\.numbered).count < entries
    }

    static let minEntriesToJudge = 4

    /// Commas a headline holds mid-way, so a wrapped row may end with.
    static let titleCommas = CharacterSet(charactersIn: "、，")

    static func isBareNumber(_ text: String) -> Bool { text.allSatisfy { CJKCharacters.isDigit($0) || $0.isWhitespace } }

    /// A gap this many ems wide between pieces of a baseline may be a column gap.
    static let columnGapEms = 1.5

    /// Where the pieces of three or more rows start after a gap of
    /// `columnGapEms` or more: the left edges of a contents' other columns.
    static func columnStarts(_ lines: [TextLine]) -> [Double] {
        let starts = lines.filter { line in
            lines.contains { other in
                other.box.verticalOverlap(line.box) > 0.5 && other.box.x1 <= line.box.x0
                    && line.box.x0 - other.box.x1 >= columnGapEms * max(line.size, other.size)
            }
        }
        return starts.filter { line in starts.filter { startsColumn($0, at: line.box.x0) }.count >= 3 }.map(\.box.x0)
    }

    /// A piece at a column's left edge, or up to two ems inside it (a wrapped
    /// line set past the bullet).
    static func startsColumn(_ line: TextLine, at x: Double) -> Bool {
        (x - line.size...x + 2 * line.size).contains(line.box.x0)
    }

    private func endsInPageNumber(_ row: ContentsRow) -> Bool {
        let text = row.lines.map(\.text).joined(separator: " ")
        return text.last.map(CJKCharacters.isDigit) == true && strip(text, pattern: pageNumber, atEnd: true) != text
    }

    /// A row that only names a section (`【上海】`, or a bare known section name).
    func isLabelOnly(_ row: ContentsRow) -> Bool {
        let done = stripped(row)
        return done.text.isEmpty && done.section != nil
    }

    /// Text that starts with a bullet, an entry number or a section marker.
    /// `ocr`: the bullet before a number may have been read as a character or two.
    func opensEntry(_ text: String, ocr: Bool = false) -> Bool {
        var trimmed = text.trimmingScalars(in: .whitespaces)
        guard let first = trimmed.unicodeScalars.first else { return false }
        if (rules.bullets ?? "").unicodeScalars.contains(first) { return true }
        // OCR reads a bullet as marks (`。 。六、北京…` beside the other column's entry, v8006),
        // and a speck before the other column's label as a quote (`“【广东】`, v10100).
        if ocr {
            let marks = trimmed.unicodeScalars.prefix { bulletsAndStrayMarks.contains($0) || Self.quoteMarks.contains($0) }.count
            if marks > 0, marks < trimmed.unicodeScalars.count { trimmed = String(trimmed.unicodeScalars.dropFirst(marks)) }
        }
        if let m = marker?.match(trimmed), m["_start"] == "0" { return true }
        if numberingEnd(trimmed, ocr: ocr) != nil { return true }
        return bareSection(trimmed) != nil
    }

    static let quoteMarks = CharacterSet(charactersIn: "“”\"'‘’")
    static let dashes = CharacterSet(charactersIn: "-—–－")

    /// Where the entry's number ends (UTF-16 offset), if the text opens with one.
    /// On OCR rows the bullet before it may have been read as a character or two (`轩7.`, `sa 8.`).
    func numberingEnd(_ text: String, ocr: Bool) -> Int? {
        guard let number = numbering else { return nil }
        let markless = ocr ? ocrNumbering : nil
        for skip in 0...(ocr ? min(2, text.count) : 0) {
            let rest = String(text.dropFirst(skip))
            let m = number.match(rest).flatMap { $0["_start"] == "0" ? $0 : nil }
                ?? (skip > 0 ? markless?.match(rest).flatMap { $0["_start"] == "0" ? $0 : nil } : nil)
            if let m, let end = Int(m["_end"] ?? "") {
                // Past a skipped mark, a number must be one: not the start of a decimal (区1.5万亿).
                // A number closed by an enumeration comma is one before a digit too (`人女三、2023年`,
                // a bullet read as two characters, v10617).
                let after = rest.utf16Suffix(from: end)
                let closed = rest.utf16Prefix(end).contains("、")
                if skip > 0, after.first.map({ $0.isNumber && !closed }) ?? true { continue }
                return text.utf16.count - rest.utf16.count + end
            }
        }
        return nil
    }

    /// The row with its text freed of decorations, and the section it names.
    func stripped(_ row: ContentsRow) -> ContentsRow {
        var out = row
        let ocr = row.confidence != nil
        out.opensEntry = row.lines.first.map { opensEntry($0.text, ocr: ocr) } ?? false
        // A page number set apart in its own column is a line of its own.
        var lines = row.lines
        while lines.count > 1, let last = lines.last, Self.isBareNumber(last.text) { lines.removeLast() }
        let leaders = ocr ? lines.last.flatMap(Self.withoutSparseTail) : nil
        if let leaders { lines[lines.count - 1] = leaders }
        var text = lines.map(\.text).joined(separator: " ")
        let whole = text
        text = strip(text, pattern: pageNumber, atEnd: true)
        out.numbered = text != whole || lines.count < row.lines.count || leaders != nil
        out.decorated = out.opensEntry || out.numbered
        let bulleted = text.trimmingScalars(in: .whitespaces).unicodeScalars.first.map(bullets.contains) ?? false
        text = text.trimmingScalars(in: bullets)
        if bulleted, let known = bareSection(text), text.trimmingScalars(in: .whitespaces) == known {
            // A bullet marks an entry: a known name alone after one is a headline's
            // first word wrapped in a narrow column (`■ 重庆` / `加快西部陆海…`),
            // unless no row continues it (`read` then takes it as a label).
            out.bulletedName = true
        } else if let m = marker?.match(text), m["_start"] == "0", let name = m["name"] {
            // A stray character OCR read beside a known name (`【了辽宁】`) goes.
            out.section = ArticleBuilder.knownName(read: name, named: sectionName(CJKText.normalizeSpacing(name)), ocr: ocr, sections: sections)
            text = text.utf16Suffix(from: Int(m["_end"] ?? "0") ?? 0)
        } else if let known = bareSection(text) {
            out.section = known
            text = String(text.dropFirst(known.count))
        } else if row.confidence != nil, let known = ArticleBuilder.misreadSectionMarker(text, sections: sections) {
            out.section = known
            text = ""
        } else if ocr, let (known, rest) = unclosedMarker(text) {
            out.section = known
            text = rest
        }
        text = text.trimmingScalars(in: bullets)
        if let end = numberingEnd(text, ocr: ocr) {
            text = text.utf16Suffix(from: end)
        } else if ocr {
            // A bullet OCR read as a run of marks (`“”@@ 1.各地…`) before the entry's number.
            let marks = text.prefix { !$0.isLetter && !$0.isNumber }
            let rest = String(text.dropFirst(marks.count))
            if !marks.isEmpty, let end = numberingEnd(rest, ocr: ocr) { text = rest.utf16Suffix(from: end) }
        }
        // A text layer's row ending in a comma of the title (`…座次稳定 成都、` / `杭州增速领跑`, v12004)
        // wraps there: the comma is the title's. (OCR reads specks as commas.)
        out.text = CJKText.normalizeSpacing(text.trimmingScalars(in: bulletsAndStrayMarks,
                                                                 trailing: ocr ? nil : bulletsAndStrayMarks.subtracting(Self.titleCommas)))
        // What is left of an OCR row past its bullet and number may be a label that lost its bracket (`【山东`).
        if ocr, out.section == nil, let known = ArticleBuilder.misreadSectionMarker(out.text, sections: sections) {
            out.section = known
            out.text = ""
        }
        // A page number standing alone (its row's text lost on a scan) names nothing,
        // nor do marks OCR read beside a label (`【湖北】〗`).
        if Self.isBareNumber(out.text) || (ocr && !out.text.contains(where: \.isLetter)) {
            out.numbered = out.numbered || (Self.isBareNumber(out.text) && !out.text.isEmpty)
            out.text = ""
        }
        // Nor does a letter or two OCR read off the bullet beside a label, its entry read
        // as a line of its own a few points higher (`【北京】人@@` beside `5.北京经开区…`): no headline is so short.
        if ocr, out.section != nil, out.text.filter(\.isLetter).count <= 2 { out.text = "" }
        return out
    }

    /// An OCR line without the words at its end that stand apart and far
    /// between: dot leaders and a page number read as characters
    /// (`…新质生产力 一 三 二 -三 本`, v11818). A headline's characters
    /// follow each other an em apart; these, at most `sparseTailCharacters`,
    /// stand `sparseTailEms` or more apart, after a gap as wide. Nil when the
    /// line has no such end (a bare page number is the page-number rule's).
    static func withoutSparseTail(_ line: TextLine) -> TextLine? {
        let spans = line.spans.sorted { $0.box.x0 < $1.box.x0 }
        let limit = sparseTailEms * line.size
        var cut: Int?, characters = 0
        for k in spans.indices.dropFirst().reversed() {
            characters += spans[k].text.count
            guard characters <= sparseTailCharacters,
                  (spans[spans.count - 1].box.x1 - spans[k].box.x0) / Double(max(1, characters)) >= limit else { break }
            if spans[k].box.x0 - spans[k - 1].box.x1 >= limit { cut = k }
        }
        guard let cut, !isBareNumber(spans[cut...].map(\.text).joined()) else { return nil }
        var kept = line
        kept.spans = Array(spans[..<cut])
        kept.text = OCRTextRepair.joinWords(kept.spans.map(\.text))
        kept.box = kept.spans.map(\.box).union ?? line.box
        return kept
    }

    static let sparseTailEms = 1.5, sparseTailCharacters = 8

    /// A marker whose closing bracket OCR lost (`【山东六9.青岛…`, the ★ read as
    /// 六): an opening bracket (any script's) and a known section name; the rest of the row.
    func unclosedMarker(_ text: String) -> (section: String, rest: String)? {
        guard let first = text.unicodeScalars.first, first.properties.generalCategory == .openPunctuation else { return nil }
        let body = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst()))
        guard let name = sections.filter({ body.hasPrefix($0) }).max(by: { $0.count < $1.count }) else { return nil }
        return (name, String(body.dropFirst(name.count)))
    }

    /// A known section name printed bare at the row's start and standing apart
    /// (alone, or followed by a space): a section column.
    func bareSection(_ text: String) -> String? {
        // Plain names and text (each scalar a character of its own, with no
        // canonical equivalent): a name is a prefix of the text where its
        // scalars are, and what follows it is the next scalar.
        if let names = plainSections, let scalars = StaffLines.plainScalars(text) {
            return sections.indices.first { i in
                let name = names[i]
                guard scalars.count >= name.count, scalars.starts(with: name) else { return false }
                return scalars.count == name.count || Character(scalars[name.count]).isWhitespace
            }.map { sections[$0] }
        }
        return sections.first { name in
            guard text.hasPrefix(name) else { return false }
            let rest = text.dropFirst(name.count)
            return rest.isEmpty || rest.first?.isWhitespace == true
        }
    }

    private func strip(_ text: String, pattern: Pattern?, atEnd: Bool) -> String {
        guard let pattern, let m = pattern.match(text),
              let start = Int(m["_start"] ?? ""), let end = Int(m["_end"] ?? "") else { return text }
        if atEnd {
            guard end == text.utf16.count else { return text }
            let suffix = text.utf16Suffix(from: start)
            if !barePageNumbers, Self.isBareNumber(suffix.trimmingScalars(in: Self.dashes)) { return text }
            return isPastTheLastPage(suffix) ? text : text.utf16Prefix(start)
        }
        return start == 0 ? text.utf16Suffix(from: end) : text
    }

    /// A bare number (no leaders before it) greater than the document's page count.
    private func isPastTheLastPage(_ suffix: String) -> Bool {
        guard let pageCount, let number = Int(suffix.trimmingScalars(in: .whitespaces)) else { return false }
        return number > pageCount
    }
}
