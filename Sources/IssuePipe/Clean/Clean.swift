/// The clean stage: furniture out, lines joined into blocks.
public func clean(_ pages: [PageLayout], rules: FurnitureRules) -> CleanedDocument {
    CleanedDocument(pages: pages.map { PageSummary(number: $0.number, method: $0.method, confidence: $0.confidence) },
                    blocks: [], furniture: [])
}
