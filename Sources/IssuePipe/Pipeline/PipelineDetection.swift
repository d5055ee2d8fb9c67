import Foundation

extension PipelineCatalog {
    /// The pipeline whose `match` evidence scores highest on the document's
    /// first pages, at least its `minScore`; `generic` when none does.
    public func detect(_ pages: [PageLayout]) throws -> PipelineDefinition {
        let definitions = try all()
        let scored = definitions.compactMap { definition -> (PipelineDefinition, Double)? in
            guard definition.name != "generic", let rules = definition.match else { return nil }
            let count = rules.pages ?? 2
            let text = pages.prefix(count).flatMap(\.lines).map(\.text).joined().withoutWhitespace
            let score = Self.score(rules, lexicon: definition.lexicon, text: text)
            return score >= rules.minScore ? (definition, score) : nil
        }
        if let best = scored.max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0.name > $1.0.name) }) { return best.0 }
        return definitions.first { $0.name == "generic" } ?? PipelineCatalog.generic
    }

    /// How many leading pages any pipeline looks at to recognise its publication.
    public func detectionPages() throws -> Int {
        try all().compactMap { $0.match.map { $0.pages ?? 2 } }.max() ?? 1
    }

    /// The summed weights of the evidence found in `text` (white space removed).
    static func score(_ rules: MatchRules, lexicon: Lexicon?, text: String) -> Double {
        rules.evidence.reduce(0) { total, item in
            var found = false
            if let pattern = item.pattern {
                found = text.range(of: pattern, options: .regularExpression) != nil
            } else if let field = item.lexicon, let known = lexicon?.value(field)?.withoutWhitespace, !known.isEmpty {
                found = EditDistance.substringSimilarity(known, in: text) >= (item.minSimilarity ?? 0.7)
            }
            return total + (found ? item.weight : 0)
        }
    }
}
