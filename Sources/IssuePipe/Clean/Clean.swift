/// The clean stage: furniture out, then the remaining lines joined into blocks,
/// across page breaks too. Works on geometry, so OCR pages clean the same way.
public func clean(_ pages: [PageLayout], rules: FurnitureRules, text: TextRules = TextRules(),
                  blocks: BlockRules = BlockRules()) -> CleanedDocument {
    let reasons = FurnitureDetector.detect(pages, rules: rules)
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
    let shared = ReadingOrder.sharedGutter(pieces.compactMap { ReadingOrder.gutter($0.map(\.line.box)) })
    for ((page, kept), pieces) in zip(zip(pages, keptLines), pieces) {
        for placed in ReadingOrder.order(pieces.map(\.line.box), shared: shared) {
            let piece = pieces[placed.index]
            body.append(BlockBuilder.Line(ref: "\(page.number):\(kept[piece.source])", page: page.number, column: placed.column,
                                          line: piece.line))
        }
    }
    let builder = BlockBuilder(metrics: BlockBuilder.metrics(body, rules: blocks), rules: blocks, foldFullWidth: text.foldFullWidth)
    return CleanedDocument(
        pages: pages.map { PageSummary(number: $0.number, method: $0.method, confidence: $0.confidence) },
        bodySize: builder.metrics.bodySize,
        blocks: builder.blocks(body),
        furniture: furniture)
}
