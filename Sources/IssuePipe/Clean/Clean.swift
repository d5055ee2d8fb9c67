/// The clean stage: furniture out, then the remaining lines joined into blocks,
/// across page breaks too. Works on geometry, so OCR pages clean the same way.
/// `names`: the publication's own names (the pipeline lexicon's title and
/// subtitle); `issueLabels`: the masthead's issue-label patterns. Running heads print both.
public func clean(_ pages: [PageLayout], rules: FurnitureRules, text: TextRules = TextRules(),
                  blocks: BlockRules = BlockRules(), names: [String] = [], issueLabels: [String] = []) -> CleanedDocument {
    let reasons = FurnitureDetector.detect(pages, rules: rules, names: names, issueLabels: issueLabels)
    var furniture: [FurnitureLine] = []
    var body: [BlockBuilder.Line] = []
    var keptLines: [[Int]] = []
    for page in pages {
        var kept: [Int] = []
        for (index, line) in page.lines.enumerated() {
            let ref = "\(page.number):\(index)"
            if let reason = reasons[ref] {
                furniture.append(FurnitureLine(page: page.number, text: line.text, box: line.box, reason: reason, line: ref))
            } else {
                kept.append(index)
            }
        }
        keptLines.append(kept)
    }
    let pieces = zip(pages, keptLines).map { page, kept in ReadingOrder.splittingAtGutter(kept.map { page.lines[$0] }) }
    let gutters = pieces.map { ReadingOrder.gutter($0.map(\.line.box)) }
    let shared = ReadingOrder.sharedGutter(gutters.compactMap { $0 })
    for (((page, kept), pieces), own) in zip(zip(zip(pages, keptLines), pieces), gutters) {
        let boxes = pieces.map(\.line.box)
        for placed in ReadingOrder.order(boxes, gutter: own ?? shared.flatMap { ReadingOrder.fitting($0, boxes) }) {
            let piece = pieces[placed.index]
            body.append(BlockBuilder.Line(ref: "\(page.number):\(kept[piece.source])", page: page.number, column: placed.column,
                                          line: piece.line))
        }
    }
    let builder = BlockBuilder(metrics: BlockBuilder.metrics(body, rules: blocks), rules: blocks, foldFullWidth: text.foldFullWidth)
    return CleanedDocument(
        pages: pages.map { PageSummary(number: $0.number, method: $0.method, confidence: $0.confidence) },
        bodySize: builder.metrics.bodySize,
        blocks: builder.blocks(body).map(quotesTurned),
        furniture: furniture,
        spacedParagraphs: builder.metrics.spacesParagraphs && !builder.metrics.indentsParagraphs ? true : nil)
}

/// An OCR block's double quotes turned again within the block: the OCR
/// stage turns them over a page from the paragraph starts it guesses, and a
/// start guessed wrong puts two paragraphs' quotes together (`”白名单“`, v8918).
func quotesTurned(_ block: CleanBlock) -> CleanBlock {
    guard block.ocr ?? false, block.text.contains(where: { $0 == "“" || $0 == "”" }) else { return block }
    var out = block
    out.text = String(OCRTextRepair.turnQuotes(Array(block.text)))
    return out
}
