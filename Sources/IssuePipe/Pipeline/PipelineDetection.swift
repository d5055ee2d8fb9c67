import Foundation

extension PipelineCatalog {
    /// The first pipeline (by name) whose `match.firstPage` patterns all match
    /// the first page's text; `generic` when none does.
    public func detect(_ extracted: ExtractedDocument) throws -> PipelineDefinition {
        let firstPage = (extracted.pages.first?.text ?? "").filter { !$0.isWhitespace }
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
