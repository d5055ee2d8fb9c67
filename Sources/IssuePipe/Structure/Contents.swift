/// The printed table of contents, found by what it lists: rows on the
/// contents pages whose text is the title of an article printed further on.
/// Each headline is printed twice, so the two copies identify each other
/// whatever bullets, numbering, leaders or columns the contents uses.
struct ContentsReader {
    let rows: ContentsRowReader
    let pages: [Int]
    /// The publication's own names (title, publisher…): a masthead line, never an entry.
    let masthead: [String]
    /// The contents' own heading (目录): on a page with contents, its lines are neither entries nor text.
    let labels: [String]
    /// The staff box's role and contact labels (编辑, 电话): a row opening with
    /// one names no headline, and is no entry beside those that do.
    var staffLabels: [String] = []
    /// The masthead names' keys as scalars, once per reader: `isMasthead` asks for every row.
    private let mastheadKeys: [[UInt32]]

    init(rows: ContentsRowReader, pages: [Int], masthead: [String], labels: [String], staffLabels: [String] = []) {
        self.rows = rows
        self.pages = pages
        self.masthead = masthead
        self.labels = labels
        self.staffLabels = staffLabels
        mastheadKeys = masthead.map { $0.comparisonKey.unicodeScalars.map(\.value) }
    }

    struct Entry {
        var entry: ContentsEntry
        var confidence: Double?
        /// The body blocks (indices into the title index's blocks) printing this headline.
        var blocks: [Int]?
        /// Set when the headline is only the first lines of its block.
        var leadingLines: Int?
        var refs: [String]
        var box: Box
        var size: Double
        /// Its rows open an entry or end in a page number.
        var decorated = false
    }

    /// The reading without up to three characters at either end (at the end,
    /// not Han alone), where that makes it more like the headline.
    /// Alike is judged on the keys and on their letters alone: a bullet read as
    /// a letter (▲ as 全) goes even where the headline's own reading opens with a
    /// quote mark OCR put there (`“陕西发布措施推动”科学`).
    static func trimmed(_ text: String, toward key: String) -> String {
        let chars = Array(text)
        let keyLetters = key.filter(\.isLetterOrDigit)
        func likeness(_ candidate: String) -> Double {
            let candidateKey = candidate.comparisonKey
            return EditDistance.similarity(candidateKey, key) + EditDistance.similarity(candidateKey.filter(\.isLetterOrDigit), keyLetters)
        }
        var best = (text, likeness(text))
        for head in 0...min(3, chars.count / 3) {
            // At the end only leaders and a page number read as marks or letters of
            // another script, and a character at most after them (`一-全`, `- On小`):
            // Han alone there, or two Han characters last (`”扩围`), are the
            // headline's, which the other reading may have lost (`…新三年蓝图` over `…新三年蓝`, v11105).
            for tail in 0...min(3, chars.count / 3) where head + tail > 0 && head + tail < chars.count
                && (tail == 0 || isLeaderTail(chars.suffix(tail))) {
                let candidate = String(chars[head..<(chars.count - tail)])
                let similarity = likeness(candidate)
                if similarity > best.1 { best = (candidate, similarity) }
            }
        }
        return best.0.trimmingScalars(in: .whitespaces)
    }

    /// Characters at a reading's end that are leaders or a page number as OCR
    /// reads them: one or more marks or letters of another script, then at
    /// most one Han character.
    static func isLeaderTail(_ tail: ArraySlice<Character>) -> Bool {
        let isHan = { (c: Character) in c.unicodeScalars.contains(where: CJKCharacters.isHan) }
        let lastHan = tail.reversed().prefix(while: isHan).count
        return lastHan < tail.count && lastHan <= 1
    }

    /// A row with nothing of a headline: a page number alone, or one or two
    /// letters OCR read off a speck (`Fi`).
    func isSpeck(_ row: ContentsRow) -> Bool {
        row.text.isEmpty || (row.confidence != nil && row.text.count <= 2
            && !row.text.unicodeScalars.contains(where: CJKCharacters.isHan))
    }

    /// (The label and its colon: a headline may open with the word, 统筹推进….)
    func opensWithStaffLabel(_ text: String) -> Bool {
        let compact = text.withoutWhitespace
        return staffLabels.contains { label in
            let key = label.withoutWhitespace
            return !key.isEmpty && compact.hasPrefix(key) && compact.dropFirst(key.count).first.map { "：:;；".contains($0) } == true
        }
    }

    /// One of the publication's own names (OCR may misread more of it).
    func isMasthead(_ text: String, ocr: Bool = false) -> Bool {
        guard !mastheadKeys.isEmpty else { return false }
        let floor = ocr ? Self.ocrThreshold : 0.8
        // A name the lengths alone keep below the floor (`similarityBound`) is not compared.
        return UnicodeScalarBuffer.with(text.comparisonKey) { key in
            mastheadKeys.contains { name in
                EditDistance.similarityBound(name.count, key.count) >= floor
                    && name.withUnsafeBufferPointer { EditDistance.similarity($0, key) } >= floor
            }
        }
    }

    /// Titles this similar (NFKC, no spaces) are the same headline; OCR may differ more.
    static let threshold = 0.85
    static let ocrThreshold = 0.7

    /// The entries, and the other lines of the contents (its heading, section
    /// rows, page numbers standing alone): none of them is article text.
    func read(_ pageLines: [PageLines], titles: TitleIndex) -> (entries: [Entry], labelRefs: [String]) {
        var entries: [Entry] = [], otherRefs: [String] = []
        let keys = Set(labels.map(\.withoutWhitespace))
        for page in pageLines where pages.contains(page.page) {
            let rows = ordered(rows.rows(page), page: page.page, titles: titles)
            let found = read(rows, page: page.page, titles: titles)
            guard let first = found.first, let last = found.last else { continue }
            entries += found
            let top = first.box.y0 - 2.5 * first.size, bottom = last.box.y1 + 0.5 * last.size
            otherRefs += rows.filter { row in
                keys.contains(row.text.withoutWhitespace) || isHeading(row) || (row.text.isEmpty && (top...bottom).contains(row.box.midY))
            }.flatMap(\.refs)
        }
        return (entries, otherRefs)
    }

    /// The rows of the contents' area in reading order: the area is where rows
    /// name headlines; contents set in two columns are read column by column.
    private func ordered(_ rows: [ContentsRow], page: Int, titles: TitleIndex) -> [ContentsRow] {
        // A row of a wrapped entry holds part of a headline.
        let hits = rows.filter { row in
            guard row.text.count >= 4, !isMasthead(row.text, ocr: row.confidence != nil) else { return false }
            return titles.contains(row.text, after: row.box, page: page, atLeast: row.confidence == nil ? Self.threshold : Self.ocrThreshold)
        }
        let band = Self.densestRun(of: hits)
        guard let top = band.map(\.box.y0).min(), let bottom = band.map(\.box.y1).max() else { return rows }
        let margin = 3 * (band.compactMap { $0.lines.first?.size }.max() ?? 12)
        let inside = rows.indices.filter { rows[$0].box.midY > top - margin && rows[$0].box.midY < bottom + margin }
        guard let first = inside.first, let last = inside.last else { return rows }
        let order = ReadingOrder.order(inside.map { rows[$0].wordsBox }).map { rows[inside[$0.index]] }
        let outside = rows.indices.filter { !inside.contains($0) }
        return outside.filter { $0 < first }.map { rows[$0] } + order + outside.filter { $0 > last }.map { rows[$0] }
    }

    /// The rows naming headlines that stand together: a short cover line far
    /// above that a headline happens to contain (`2024年`) stretches no band.
    static func densestRun(of hits: [ContentsRow]) -> [ContentsRow] {
        let sorted = hits.sorted { $0.box.y0 < $1.box.y0 }
        let sizes = sorted.compactMap { $0.lines.first?.size }.sorted()
        let reach = 6 * (sizes.isEmpty ? 12 : sizes[sizes.count / 2])
        var runs: [[ContentsRow]] = []
        for hit in sorted {
            if let last = runs.last?.last, hit.box.y0 - last.box.y1 <= reach { runs[runs.count - 1].append(hit) } else { runs.append([hit]) }
        }
        return runs.max { $0.count < $1.count } ?? []
    }

    /// A headline the body prints on more lines than the one matched so far, from
    /// the same first line: the contents row that wraps is its next part, even
    /// where the shorter headline read as well (`各地积极推动大规模设备更新` /
    /// `和消费品以旧换新`, both lines set as titles; or, on an OCR page, the first
    /// line of a two-line title block against the whole block).
    private func extends(_ more: TitleIndex.Match, _ best: TitleIndex.Match?, ocr: Bool) -> Bool {
        guard let best, TitleIndex.covers(more.blocks, more.leadingLines, moreThan: best) else { return false }
        // A headline OCR read (a scanned page of a mixed issue) at OCR's likeness, as in `read`.
        return more.similarity >= (ocr || more.ocr ? Self.ocrThreshold : Self.threshold)
    }

    /// Whether a row joined on makes the text more like the headline by its
    /// letters alone: quotes the other copy lost (OCR's `…十条新政` for
    /// `…“十条新政”`) make a last row of one character (`政”`) look like no gain.
    static func lettersGrow(_ text: String, _ joined: String, like key: String) -> Bool {
        let letters = ContentsMatching.headlineLetters(key)
        return EditDistance.similarity(ContentsMatching.headlineLetters(joined), letters)
            > EditDistance.similarity(ContentsMatching.headlineLetters(text), letters) + 0.02
    }

    /// The contents' own heading (本期要目), as OCR may read it: a character
    /// short or wrong (`期要目`). It opens no entry and joins none.
    func isHeading(_ row: ContentsRow) -> Bool {
        let text = row.text.withoutWhitespace
        guard row.confidence != nil, !text.isEmpty else { return labels.contains { $0.withoutWhitespace == text } }
        return labels.contains { EditDistance.similarity($0.withoutWhitespace, text) >= 0.75 }
    }

    /// A section label alone in a column left of the entries names the row it
    /// sits beside, not only those below: set centred on a group of rows, or
    /// read by OCR a few points low, it comes after that row in reading order.
    private func labelsRowAbove(_ label: ContentsRow, _ entry: Box, next: ContentsRow?) -> Bool {
        guard label.text.isEmpty, label.box.x1 <= entry.x0 + 1 else { return false }
        let beside = label.box.verticalOverlap(entry)
        if beside >= 0.3 && beside > (next.map { label.box.verticalOverlap($0.box) } ?? 0) { return true }
        // OCR boxes a small coloured label a third of a line low, touching the
        // row above and short of the next: the nearer middle within a line tells.
        let above = abs(label.box.midY - entry.midY)
        return above < entry.height && above < (next.map { abs(label.box.midY - $0.box.midY) } ?? .infinity)
    }

    /// The headline an entry's first row opens: a long one wraps onto the next
    /// rows, which open no entry of their own (a page number or a speck OCR read
    /// as a row of its own may stand between them); they are taken while the
    /// text joined so far grows more like a headline. A headline in a narrow
    /// column wraps onto three or four rows, whose middle part alone is like
    /// nothing: two rows are tried together where one does not do.
    private func headline(from rows: ArraySlice<ContentsRow>, page: Int, titles: TitleIndex)
        -> (text: String, used: [ContentsRow], best: TitleIndex.Match?) {
        let row = rows[rows.startIndex], ocr = row.confidence != nil
        var text = row.text, used = [row], best = titles.best(text, after: row.box, page: page, excluding: row.refs, ocr: ocr)
        while let first = continuation(rows, after: rows.startIndex + used.count) {
            var grown: (text: String, used: [ContentsRow], best: TitleIndex.Match)?
            var taken = used, joined = text
            for step in [first, continuation(rows, after: rows.startIndex + used.count + first.count)].compactMap({ $0 }) {
                taken += step
                joined = CJKText.normalizeSpacing(CJKText.joinWrapped(joined, step.last!.text))
                let excluded = taken.flatMap(\.refs)
                let grows = { (more: TitleIndex.Match) in
                    more.similarity > (best?.similarity ?? 0) + 0.02 || extends(more, best, ocr: ocr)
                        || (more.key == best?.key && Self.lettersGrow(text, joined, like: more.key))
                }
                // A garbled wrapped row: the title's first line stays likest, but the
                // title block's lines together may still be like enough.
                guard let more = titles.best(joined, after: row.box, page: page, excluding: excluded, ocr: ocr).flatMap({ grows($0) ? $0 : nil })
                    ?? best.flatMap({ titles.best(joined, after: row.box, page: page, excluding: excluded, ocr: ocr, wrapping: $0) })
                        .flatMap({ grows($0) ? $0 : nil }) else { continue }
                grown = (joined, taken, more)
                break
            }
            guard let grown else { break }
            (text, used, best) = (grown.text, grown.used, grown.best)
        }
        return (text, used, best)
    }

    /// The rows from `index` that continue a headline: a row that opens no entry
    /// and is neither the contents' heading, a staff line nor a masthead line,
    /// after at most two specks or section labels of the column beside it.
    private func continuation(_ rows: ArraySlice<ContentsRow>, after index: Int) -> [ContentsRow]? {
        guard index < rows.endIndex else { return nil }
        // A section label alone in the column left of the entries, set centred on
        // a two-row entry, stands between its rows in reading order.
        // (Only the column just left of it: not a label of the other column of contents set in two.)
        let head = rows[rows.startIndex].box, em = rows[rows.startIndex].lines.first?.size ?? 10
        // Measured from the column's entries' left edge: OCR may have lost the head row's bullet and number.
        let edge = columnEdge(of: head, in: rows[index...].prefix(8), em: em)
        let between = rows[index...].prefix {
            ($0.section == nil && isSpeck($0))
                || ($0.section != nil && $0.text.isEmpty && $0.box.x1 <= head.x0 + 1 && edge - $0.box.x1 <= 4 * em)
        }.prefix(2)
        guard index + between.count < rows.endIndex else { return nil }
        let next = rows[index + between.count]
        // A label beside the next row opens that row's entry: the headline ends.
        guard between.allSatisfy({ $0.section == nil || $0.box.midY < next.box.y0 }) else { return nil }
        // The contents' own heading (本期要目), a staff line and the publication's
        // own names (the cover's subtitle) end what stands above them: no headline runs on into them.
        guard next.section == nil, !next.text.isEmpty, !next.opensEntry, !isHeading(next), !opensWithStaffLabel(next.text),
              !isMasthead(next.text, ocr: next.confidence != nil)
        else { return nil }
        return Array(between) + [next]
    }

    /// Where the entries of `head`'s column start: the leftmost row near it that
    /// opens an entry up to six ems left of it (a bullet, a number and a character
    /// OCR lost, `◆ 一、国`), else its own left edge. A column is wider than six
    /// ems, so the other column of contents set in two is not taken for it.
    private func columnEdge(of head: Box, in rows: ArraySlice<ContentsRow>, em: Double) -> Double {
        rows.filter { $0.opensEntry && !$0.text.isEmpty && $0.box.x0 < head.x0 && head.x0 - $0.box.x0 <= 6 * em }
            .map(\.box.x0).min() ?? head.x0
    }

    private func read(_ rows: [ContentsRow], page: Int, titles: TitleIndex) -> [Entry] {
        var entries: [Entry] = []
        var section: String?
        var i = 0
        while i < rows.count {
            let row = rows[i]
            if let named = row.section {
                section = named
                if let last = entries.last, labelsRowAbove(row, last.box, next: i + 1 < rows.count ? rows[i + 1] : nil) {
                    entries[entries.count - 1].entry.section = named
                }
            }
            guard !row.text.isEmpty, !isSpeck(row), !isMasthead(row.text, ocr: row.confidence != nil), !isHeading(row),
                  !opensWithStaffLabel(row.text) else { i += 1; continue }
            var (text, used, best) = headline(from: rows[i...], page: page, titles: titles)
            i += used.count
            if row.bulletedName, used.count == 1 {
                section = row.text
                continue
            }
            // The cover's title and subtitle, each misread past knowing alone, are known together.
            if used.count > 1, isMasthead(text, ocr: row.confidence != nil) { continue }
            if let label = used.dropFirst().first(where: { $0.section != nil && $0.text.isEmpty })?.section { section = label }
            // A page number set close after a headline that fills the line: the headline printed in the body has none.
            if let number = text.range(of: #"\s*\d{1,3}$"#, options: .regularExpression) {
                let bare = String(text[..<number.lowerBound])
                if let better = titles.best(bare, after: row.box, page: page, excluding: used.flatMap(\.refs), ocr: row.confidence != nil),
                   better.similarity > (best?.similarity ?? 0) {
                    (text, best) = (bare, better)
                }
            }
            let confidence = used.compactMap(\.confidence).min()
            // A headline OCR read (a scanned page of a mixed issue) is named at OCR's likeness by a text-layer row too.
            let threshold = confidence == nil && best?.ocr != true ? Self.threshold : Self.ocrThreshold
            let matched = best.flatMap { $0.similarity >= threshold ? $0.blocks : nil }
            let leading = matched == nil ? nil : best?.leadingLines
            // OCR reads a bullet as a character or two (@@, 侠): what the headline lacks at either end goes.
            if confidence != nil, matched != nil, let key = best?.key {
                text = Self.trimmed(text, toward: key)
            }
            entries.append(Entry(entry: ContentsEntry(section: section, title: text), confidence: confidence,
                                 blocks: matched, leadingLines: leading, refs: used.flatMap(\.refs), box: used.map(\.box).union ?? row.box,
                                 size: row.lines.map(\.size).max() ?? 0, decorated: used.contains(where: \.decorated)))
        }
        titles.fillingGaps(&entries)
        // The contents run from the first row naming a headline to the last; rows
        // between that name none are entries too (a garbled or missing article).
        guard var first = entries.firstIndex(where: { $0.blocks != nil }),
              var last = entries.lastIndex(where: { $0.blocks != nil }),
              entries[first...last].filter({ $0.blocks != nil }).count >= 2 else { return [] }
        // Entries set like the others just before or after them are entries too (an article the body lacks).
        let matched = entries.filter { $0.blocks != nil }
        let size = matched.map(\.size).sorted()[matched.count / 2]
        let pitches = zip(matched, matched.dropFirst()).map { $1.box.y0 - $0.box.y0 }.filter { $0 > 0 }.sorted()
        let pitch = pitches.isEmpty ? 2 * size : pitches[pitches.count / 2]
        let lefts = matched.map(\.box.x0)
        // Where every entry carries a bullet, a number or a page number, a row without one is no entry (a masthead line).
        let decorated = matched.allSatisfy(\.decorated)
        func alike(_ entry: Entry, _ neighbour: Entry) -> Bool {
            // OCR sizes are estimates (small print reads 5.5 to 7 pt): a wider tolerance there.
            let tolerance = entry.confidence == nil ? 0.1 : 0.25
            return (entry.decorated || !decorated) && !opensWithStaffLabel(entry.entry.title)
                && abs(entry.size - size) <= tolerance * size
                && abs(entry.box.y0 - neighbour.box.y0) <= 1.6 * pitch
                && lefts.contains { abs(entry.box.x0 - $0) <= 1.5 * size }
        }
        while first > 0, alike(entries[first - 1], entries[first]) { first -= 1 }
        while last + 1 < entries.count, alike(entries[last + 1], entries[last]) { last += 1 }
        return Array(entries[first...last])
    }
}

/// The cleaned blocks that could be headlines, keyed for comparison with
/// contents rows: set at least at body size, of headline length.
struct TitleIndex {
    struct Candidate {
        var blocks: [Int]
        /// Set when only the block's first lines are the headline (OCR joined
        /// a title to the paragraph under it): how many.
        var leadingLines: Int? = nil
        var key: String
        var page: Int
        var box: Box
        var refs: Set<String>
        /// Read by OCR: a text-layer contents row names it at OCR's likeness.
        var ocr = false
        /// Its first block's size (whole blocks only: nil for a block's leading lines).
        var size: Double? = nil
    }

    let candidates: [Candidate]
    let bodySize: Double
    /// Each candidate's key as Unicode scalars, decoded once for the many
    /// comparisons with contents rows.
    private let keyScalars: [[UInt32]]
    /// Which scalars each key holds (`ScalarSketch`), for the bounds that spare most comparisons.
    private let keySketches: [ScalarSketch]
    /// Set when the contents list only articles that start on a later page
    /// (`contents.headlinesOnLaterPages`): a page's own titles are then never its entries.
    var laterPagesOnly = false

    /// Whether a headline at `candidate` can be the one a contents row at `box` on `page` names.
    func follows(_ candidate: Candidate, _ box: Box, _ page: Int) -> Bool {
        candidate.page > page || (!laterPagesOnly && candidate.page == page && candidate.box.y0 > box.y1 - 1)
    }

    struct Match {
        var blocks: [Int]
        var leadingLines: Int?
        var similarity: Double
        var key: String
        var ocr = false
    }

    /// `notOn`: pages that hold no article (the cover, a back cover); `names`:
    /// the publication's own names (a staff box repeats them), never a headline.
    /// `lineText`: the text of a line by its `page:index` reference, for headlines
    /// at the start of a block.
    /// `sections`: the known section names, for a label whose closing bracket OCR lost (`[区域各地…`).
    init(_ blocks: [CleanBlock], bodySize: Double, marker: Pattern?, sections: [String] = [], notOn: Set<Int> = [],
         names: [String] = [], lineText: (String) -> String? = { _ in nil }) {
        let nameKeys = names.map(\.comparisonKey)
        // The names' scalars and lengths, once for every block.
        let nameScalars = nameKeys.map { $0.unicodeScalars.map(\.value) }, nameCounts = nameKeys.map(\.count)
        /// The name, or the name with a little more beside it (a staff box line that opens with it).
        /// `keyCount`: the key's length in characters, counted once when first needed.
        func isName(_ i: Int, _ key: String, _ keyScalars: UnsafeBufferPointer<UInt32>, _ keyCount: inout Int?) -> Bool {
            nameScalars[i].withUnsafeBufferPointer { name in
                // A pair whose lengths alone keep it below 0.8 (`similarityBound`) is not compared.
                if EditDistance.similarityBound(name.count, keyScalars.count) >= 0.8,
                   EditDistance.similarity(name, keyScalars) >= 0.8 { return true }
                let count = keyCount ?? key.count
                keyCount = count
                return nameCounts[i] * 2 >= count && EditDistance.substringSimilarity(name, in: keyScalars) >= 0.8
            }
        }
        func key(_ text: String) -> String {
            guard let m = marker?.match(text), m["_start"] == "0" else { return text.comparisonKey }
            return text.utf16Suffix(from: Int(m["_end"] ?? "0") ?? 0).comparisonKey
        }
        /// An OCR headline's key without a label whose closing bracket OCR lost, beside its own.
        func unlabelledKey(_ text: String, ocr: Bool) -> String? {
            guard ocr, marker?.match(text)?["_start"] != "0" else { return nil }
            return ArticleBuilder.unclosedInlineLabel(text, sections: sections).map(\.1.comparisonKey)
        }
        func isHeadline(_ block: CleanBlock) -> Bool {
            guard block.size >= bodySize * 0.95 && (2...120).contains(block.text.characterCount(atMost: 121))
                && !block.pages.contains(where: notOn.contains) else { return false }
            let key = block.text.comparisonKey
            var keyCount: Int?
            return UnicodeScalarBuffer.with(key) { scalars in !nameKeys.indices.contains { isName($0, key, scalars, &keyCount) } }
        }
        // Each block is asked once, as a headline and as the next part of one.
        let headlines = blocks.map(isHeadline)
        /// Set like `block`: the next part of the same headline. OCR sizes are
        /// estimates, off by a quarter on a line of a few glyphs, and tell nothing
        /// on a part of one to three (`出炉` read half as large again).
        func alike(_ index: Int, _ block: CleanBlock) -> Bool {
            let next = blocks[index]
            // A headline's last line may hold a single character (`好`).
            let tail = next.text.withoutWhitespace.count == 1 && next.size >= bodySize * 0.95
            guard headlines[index] || tail, next.pages == block.pages else { return false }
            if (next.ocr ?? false) || (block.ocr ?? false) {
                return next.text.withoutWhitespace.count < 4 || abs(next.size - block.size) <= 0.3 * block.size
            }
            return next.size == block.size && next.bold == block.bold
        }
        var found: [Candidate] = []
        for (index, block) in blocks.enumerated() where headlines[index] {
            guard let first = block.provenance.first else { continue }
            found.append(Candidate(blocks: [index], key: key(block.text), page: first.page, box: first.box, refs: Set(block.lines),
                                   ocr: block.ocr ?? false, size: block.size))
            if let unlabelled = unlabelledKey(block.text, ocr: block.ocr ?? false) {
                found.append(Candidate(blocks: [index], key: unlabelled, page: first.page, box: first.box, refs: Set(block.lines),
                                       ocr: true, size: block.size))
            }
            // A headline whose lines the clean stage kept apart (two to four, in a narrow column).
            var parts = [index]
            // Set like the headline's first part with text: a section label alone
            // above it (`[海南]`, its key empty) is sized as neither line.
            let lead = key(block.text).isEmpty && index + 1 < blocks.count ? blocks[index + 1] : block
            while parts.count < 4, let last = parts.last, last + 1 < blocks.count, alike(last + 1, last == index ? block : lead) {
                parts.append(last + 1)
                let joined = CJKText.joinWrapped(parts.map { blocks[$0].text })
                found.append(Candidate(blocks: parts, key: key(joined), page: first.page, box: first.box,
                                       refs: Set(parts.flatMap { blocks[$0].lines }), ocr: parts.contains { blocks[$0].ocr ?? false },
                                       size: block.size))
            }
        }
        // On an OCR page a title set barely larger than the text may have been
        // joined to the paragraph under it: its first line or two are candidates too.
        for (index, block) in blocks.enumerated() where (block.ocr ?? false) && block.lines.count >= 2
            && !block.pages.contains(where: notOn.contains) {
            guard let first = block.provenance.first else { continue }
            for count in 1...min(3, block.lines.count - 1) {
                let texts = block.lines.prefix(count).compactMap(lineText)
                guard texts.count == count else { break }
                let text = CJKText.joinWrapped(texts)
                guard (4...60).contains(text.count) else { continue }
                found.append(Candidate(blocks: [index], leadingLines: count, key: key(text), page: first.page, box: first.box,
                                       refs: Set(block.lines.prefix(count)), ocr: true))
            }
        }
        candidates = found
        self.bodySize = bodySize
        keyScalars = found.map { $0.key.unicodeScalars.map(\.value) }
        keySketches = keyScalars.map { $0.withUnsafeBufferPointer(ScalarSketch.init) }
    }

    /// The contents list the articles in the order the body prints them. An
    /// entry OCR garbled past matching, between two entries that name headlines
    /// (or before the first, or after the last, of them), names the headline
    /// there most like it, if one is at least half alike (`上海出台实施方案和度型开放`)
    /// and is not the contents' own rows (before the first or after the last
    /// named entry: where set at their size). Text-layer entries are left as read.
    func fillingGaps(_ entries: inout [ContentsReader.Entry]) {
        let used = Set(entries.compactMap { $0.blocks?.first })
        let contentsRows = Set(entries.flatMap(\.refs))
        for i in entries.indices where entries[i].blocks == nil && entries[i].confidence != nil {
            let previous = entries[..<i].last(where: { $0.blocks != nil }), next = entries[(i + 1)...].first(where: { $0.blocks != nil })
            // Before the first or after the last named entry, only one set like
            // its named neighbour (OCR sizes are estimates): not a masthead line beside the contents.
            guard let neighbour = previous ?? next else { continue }
            if previous == nil || next == nil, abs(entries[i].size - neighbour.size) > 0.25 * neighbour.size { continue }
            let before = previous?.blocks?.last ?? -1, after = next?.blocks?.first ?? .max
            let page = entries[i].refs.first.flatMap { Int($0.split(separator: ":")[0]) } ?? 0
            let key = entries[i].entry.title.comparisonKey
            let best = candidates.filter {
                $0.blocks[0] > before && $0.blocks[0] < after && !used.contains($0.blocks[0])
                    && $0.refs.isDisjoint(with: contentsRows) && follows($0, entries[i].box, page)
            }
                .map { ($0, EditDistance.similarity(key, $0.key)) }
                .max { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0.blocks[0] > $1.0.blocks[0]) }
            guard let (candidate, similarity) = best, similarity >= 0.5 else { continue }
            entries[i].blocks = candidate.blocks
            entries[i].leadingLines = candidate.leadingLines
        }
        fillingGapsBySize(&entries, contentsRows: contentsRows)
    }

    /// An OCR entry garbled past even half likeness (`【一六)三提发布推动2 A罗AL…`
    /// for 【广东】广州发布推动5G-A与AI…, 0.32) alone between two entries that name
    /// headlines names the one OCR block between those two headlines set as the
    /// named ones are (from the smallest to a little over the largest, clearly
    /// larger than the body's sub-headings), if it is at least `sizedLikeness`
    /// alike: the order, the document's own headline size and the likeness together.
    private func fillingGapsBySize(_ entries: inout [ContentsReader.Entry], contentsRows: Set<String>) {
        let sizeOf = Dictionary(candidates.compactMap { c in c.size.map { (c.blocks[0], $0) } }, uniquingKeysWith: { a, _ in a })
        let namedSizes = entries.compactMap { $0.blocks.flatMap { sizeOf[$0[0]] } }
        guard namedSizes.count >= 2, let smallest = namedSizes.min(), let largest = namedSizes.max() else { return }
        let lower = max(0.95 * smallest, Self.sizedAboveBody * bodySize), upper = 1.1 * largest
        guard lower <= upper else { return }
        let range = lower...upper
        for i in entries.indices.dropFirst().dropLast() where entries[i].blocks == nil && entries[i].confidence != nil
            && entries[i - 1].blocks != nil && entries[i + 1].blocks != nil {
            let before = entries[i - 1].blocks!.last!, after = entries[i + 1].blocks!.first!
            let sized = candidates.filter {
                $0.blocks.count == 1 && $0.ocr && $0.blocks[0] > before && $0.blocks[0] < after
                    && $0.size.map(range.contains) == true && $0.refs.isDisjoint(with: contentsRows)
            }
            guard sized.count == 1, let only = sized.first,
                  EditDistance.similarity(entries[i].entry.title.comparisonKey, only.key) >= Self.sizedLikeness else { continue }
            entries[i].blocks = only.blocks
        }
    }

    /// How alike a garbled entry and the one headline-sized block in its place must be.
    static let sizedLikeness = 0.2
    /// How much larger than the body such a block must be read.
    static let sizedAboveBody = 1.1

    /// Blocks (and their leading lines) that hold `match`'s headline and more of
    /// the same: more blocks from its first, or more lines of the same block.
    static func covers(_ blocks: [Int], _ leadingLines: Int?, moreThan match: Match) -> Bool {
        guard blocks.first == match.blocks.first else { return false }
        return blocks.count > match.blocks.count
            || (blocks == match.blocks && match.leadingLines.map { $0 < (leadingLines ?? .max) } == true)
    }

    /// Whether `text` occurs inside some headline printed after `box` on `page`
    /// at least `threshold` alike (`EditDistance.substringSimilarity`, 1: as it
    /// is), as the most alike one (0 without any) compares with it: the first
    /// one alike enough answers.
    func contains(_ text: String, after box: Box, page: Int, atLeast threshold: Double) -> Bool {
        let key = text.comparisonKey, length = key.count
        return UnicodeScalarBuffer.with(key) { p in
            candidates.indices.contains { i in
                let candidate = candidates[i]
                guard follows(candidate, box, page), candidate.key.characterCount(atMost: length) >= length,
                      EditDistance.substringSimilarityBound(p, in: keySketches[i]) >= threshold else { return false }
                return keyScalars[i].withUnsafeBufferPointer { EditDistance.substringSimilarity(p, in: $0) } >= threshold
            }
        } || 0 >= threshold
    }

    /// The candidate printed after `box` on `page` most like `text`, not made of `excluding` lines.
    /// `ocr`: the row was read by OCR, and may have lost its wrapped line (`ContentsMatching.likeness`).
    /// `wrapping`: only more lines of its block, no longer than `text` by more
    /// than a quarter (a title block's second line, not the paragraph OCR joined to it).
    func best(_ text: String, after box: Box, page: Int, excluding: [String], ocr: Bool = false,
              wrapping: Match? = nil) -> Match? {
        let key = text.comparisonKey
        guard !key.isEmpty else { return nil }
        let own = Set(excluding)
        var best: Match?
        UnicodeScalarBuffer.with(key) { x in
            let sketch = ScalarSketch(x)
            for (i, candidate) in candidates.enumerated() where follows(candidate, box, page) {
                if let shorter = wrapping {
                    guard candidate.blocks == shorter.blocks, Self.covers(candidate.blocks, candidate.leadingLines, moreThan: shorter),
                          candidate.key.count <= key.count + key.count / 4 + 2 else { continue }
                }
                // (No length filter: the first row of a wrapped entry is compared with the whole headline.)
                // Only a likeness above the best so far counts: one that cannot
                // be (the lengths bound the similarity, and so do the scalars
                // either key lacks of the other; an OCR reading's opening lifts
                // it to `ocrThreshold` at most) is not computed.
                let floor = best?.similarity ?? 0
                if !ocr || ContentsMatching.ocrThreshold <= floor,
                   EditDistance.similarityBound(x.count, keyScalars[i].count) <= floor
                    || keyScalars[i].withUnsafeBufferPointer({ EditDistance.similarityBound(x, sketch, $0, keySketches[i]) }) <= floor {
                    continue
                }
                guard candidate.refs.isDisjoint(with: own) else { continue }
                let similarity = keyScalars[i].withUnsafeBufferPointer { ContentsMatching.likeness(key, x, candidate.key, $0, ocr: ocr) }
                if similarity > floor {
                    best = Match(blocks: candidate.blocks, leadingLines: candidate.leadingLines, similarity: similarity, key: candidate.key,
                                 ocr: candidate.ocr)
                }
            }
        }
        return best
    }
}
