/// The clean stage: furniture out, then the remaining lines joined into blocks,
/// across page breaks too. Works on geometry, so OCR pages clean the same way.
public func clean(_ pages: [PageLayout], rules: FurnitureRules) -> CleanedDocument {
    let reasons = FurnitureDetector.detect(pages, rules: rules)
    var furniture: [FurnitureLine] = []
    var body: [BlockBuilder.Line] = []
    for page in pages {
        for (index, line) in page.lines.enumerated() {
            let ref = "\(page.number):\(index)"
            if let reason = reasons[ref] {
                furniture.append(FurnitureLine(page: page.number, text: line.text, box: line.box, reason: reason, line: ref))
            } else {
                body.append(BlockBuilder.Line(ref: ref, page: page.number, line: line))
            }
        }
    }
    let builder = BlockBuilder(metrics: BlockBuilder.metrics(body))
    return CleanedDocument(
        pages: pages.map { PageSummary(number: $0.number, method: $0.method, confidence: $0.confidence) },
        bodySize: builder.metrics.bodySize,
        blocks: builder.blocks(body),
        furniture: furniture)
}
