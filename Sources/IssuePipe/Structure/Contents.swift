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

    struct Entry {
        var entry: ContentsEntry
        var confidence: Double?
        /// The body blocks (indices into the title index's blocks) printing this headline.
        var blocks: [Int]?
        var refs: [String]
        var box: Box
        var size: Double
    }

    func isMasthead(_ text: String) -> Bool {
        masthead.contains { EditDistance.similarity($0.comparisonKey, text.comparisonKey) >= 0.8 }
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
            let rows = rows.rows(page)
            let found = read(rows, page: page.page, titles: titles)
            guard let first = found.first, let last = found.last else { continue }
            entries += found
            let top = first.box.y0 - 2.5 * first.size, bottom = last.box.y1 + 0.5 * last.size
            otherRefs += rows.filter { row in
                keys.contains(row.text.withoutWhitespace) || (row.text.isEmpty && (top...bottom).contains(row.box.midY))
            }.flatMap(\.refs)
        }
        return (entries, otherRefs)
    }

    private func read(_ rows: [ContentsRow], page: Int, titles: TitleIndex) -> [Entry] {
        var entries: [Entry] = []
        var section: String?
        var i = 0
        while i < rows.count {
            let row = rows[i]
            if let named = row.section { section = named }
            guard !row.text.isEmpty, !isMasthead(row.text) else { i += 1; continue }
            var text = row.text, used = [row], best = titles.best(text, after: row.box, page: page, excluding: row.refs)
            // A long headline wraps onto a second row without bullet or marker.
            if i + 1 < rows.count, rows[i + 1].section == nil, !rows[i + 1].text.isEmpty {
                let joined = CJKText.normalizeSpacing(CJKText.joinWrapped(text, rows[i + 1].text))
                if let two = titles.best(joined, after: row.box, page: page, excluding: row.refs + rows[i + 1].refs),
                   two.similarity > (best?.similarity ?? 0) + 0.02 {
                    (text, used, best) = (joined, [row, rows[i + 1]], two)
                }
            }
            i += used.count
            let confidence = used.compactMap(\.confidence).min()
            let threshold = confidence == nil ? Self.threshold : Self.ocrThreshold
            let matched = best.flatMap { $0.similarity >= threshold ? $0.blocks : nil }
            entries.append(Entry(entry: ContentsEntry(section: section, title: text), confidence: confidence,
                                 blocks: matched, refs: used.flatMap(\.refs), box: used.map(\.box).union ?? row.box,
                                 size: row.lines.map(\.size).max() ?? 0))
        }
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
        func alike(_ entry: Entry, _ neighbour: Entry) -> Bool {
            abs(entry.size - size) <= 0.1 * size && abs(entry.box.y0 - neighbour.box.y0) <= 1.6 * pitch
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
        var key: String
        var page: Int
        var box: Box
        var refs: Set<String>
    }

    let candidates: [Candidate]

    /// `notOn`: pages that hold no article (the cover, a back cover).
    init(_ blocks: [CleanBlock], bodySize: Double, marker: Pattern?, notOn: Set<Int> = []) {
        func key(_ text: String) -> String {
            guard let m = marker?.match(text), m["_start"] == "0" else { return text.comparisonKey }
            return text.utf16Suffix(from: Int(m["_end"] ?? "0") ?? 0).comparisonKey
        }
        func isHeadline(_ block: CleanBlock) -> Bool {
            block.size >= bodySize * 0.95 && (2...120).contains(block.text.count) && !block.pages.contains(where: notOn.contains)
        }
        var found: [Candidate] = []
        for (index, block) in blocks.enumerated() where isHeadline(block) {
            guard let first = block.provenance.first else { continue }
            found.append(Candidate(blocks: [index], key: key(block.text), page: first.page, box: first.box, refs: Set(block.lines)))
            // A headline whose two lines the clean stage kept apart.
            if index + 1 < blocks.count, isHeadline(blocks[index + 1]), blocks[index + 1].size == block.size,
               blocks[index + 1].bold == block.bold, blocks[index + 1].pages == block.pages {
                let joined = CJKText.joinWrapped(block.text, blocks[index + 1].text)
                found.append(Candidate(blocks: [index, index + 1], key: key(joined), page: first.page, box: first.box,
                                       refs: Set(block.lines + blocks[index + 1].lines)))
            }
        }
        candidates = found
    }

    /// The candidate printed after `box` on `page` most like `text`, not made of `excluding` lines.
    func best(_ text: String, after box: Box, page: Int, excluding: [String]) -> (blocks: [Int], similarity: Double)? {
        let key = text.comparisonKey
        let length = Double(key.count)
        guard length > 0 else { return nil }
        let own = Set(excluding)
        var best: (blocks: [Int], similarity: Double)?
        for candidate in candidates where candidate.page > page || (candidate.page == page && candidate.box.y0 > box.y1 - 1) {
            let ratio = Double(candidate.key.count) / length
            guard ratio > 0.6, ratio < 1.6, candidate.refs.isDisjoint(with: own) else { continue }
            let similarity = EditDistance.similarity(key, candidate.key)
            if similarity > (best?.similarity ?? 0) { best = (candidate.blocks, similarity) }
        }
        return best
    }
}
