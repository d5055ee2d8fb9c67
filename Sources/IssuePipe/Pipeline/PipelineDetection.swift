import Foundation

extension PipelineCatalog {
    /// The first pipeline (by name) whose `match.firstPage` patterns all match
    /// the first page's text; `generic` when none does.
    public func detect(_ extracted: ExtractedDocument) throws -> PipelineDefinition {
        try detect(firstPage: extracted.pages.first)
    }

    /// The same, from a page as OCR read it (a scanned issue has no text to match before OCR).
    public func detect(firstPage page: PageLayout?) throws -> PipelineDefinition {
        let firstPage = (page?.lines.map(\.text).joined(separator: "\n") ?? "").filter { !$0.isWhitespace }
        let definitions = try all()
        for definition in definitions where definition.name != "generic" {
            guard let patterns = definition.match?.firstPage, !patterns.isEmpty else { continue }
            if patterns.allSatisfy({ firstPage.range(of: $0, options: .regularExpression) != nil }) {
                return definition
            }
        }
        return definitions.first { $0.name == "generic" } ?? PipelineCatalog.generic
    }
}
