/// A headline OCR joined to the paragraph under it is found by its contents
/// entry, whose own reading may have lost the headline's wrapped last line
/// (the contents' `…队伍建设` for a body headline going on `加速科技成果转化`).
/// The lines after those the entry covers are the headline's too while each
/// is set as large as its lines, larger than the paragraph's, and stops short
/// of the paragraph's measure without ending a sentence, as a wrapped headline does.
enum HeadlineLines {
    /// At most this many lines more: a headline wraps onto two or three.
    static let maxMore = 2
    /// OCR sizes are estimates: as large as the headline is within this share.
    static let sizeTolerance = 0.05
    /// Larger than the paragraph's median line by at least this share.
    static let overBody = 0.05
    /// Short of the paragraph's right edge by this many of its ems.
    static let shortEms = 2.0

    /// The block's last line goes with the headline too when it is set as large
    /// (the block is the headline alone: `…扩围至全岛重点` / `园区`), measured
    /// against the document's `bodySize`, as no paragraph line is left to measure by.
    static func count(_ block: CleanBlock, covered: Int, line: (String) -> TextLine?, bodySize: Double? = nil) -> Int {
        let lines = block.lines.compactMap(line)
        guard lines.count == block.lines.count, covered > 0, lines.allSatisfy({ $0.confidence != nil }) else { return covered }
        var count = covered
        while count < min(covered + maxMore, lines.count - 1), continues(lines[..<count], lines[count], lines[(count + 1)...]) {
            count += 1
        }
        if count == lines.count - 1, count < covered + maxMore, let bodySize, continues(lines[..<count], lines[count], [], bodySize: bodySize) {
            count += 1
        }
        return count
    }

    static func continues(_ headline: ArraySlice<TextLine>, _ candidate: TextLine, _ paragraph: ArraySlice<TextLine>,
                          bodySize: Double? = nil) -> Bool {
        guard let smallest = headline.map(\.size).min() else { return false }
        let body: Double, right: Double
        if let measured = paragraph.map(\.box.x1).max() {
            (body, right) = (paragraph.map(\.size).sorted()[paragraph.count / 2], measured)
        } else if let bodySize, let edge = headline.map(\.box.x1).max() {
            // No paragraph: short of the headline's own first lines instead.
            (body, right) = (bodySize, edge)
        } else {
            return false
        }
        let ends = candidate.text.last(where: { !$0.isWhitespace }).map { BlockBuilder.strongEnds.contains($0) || "，,、".contains($0) } ?? true
        return candidate.size >= (1 - sizeTolerance) * smallest && candidate.size >= (1 + overBody) * body
            && candidate.box.x1 <= right - shortEms * body && !ends
            && candidate.text.count <= ContentsMatching.wrappedLineMaxLength
    }
}
