import Foundation
import Yams

/// What is checked when a pipeline is loaded, so that a typo is an error with
/// its line instead of a rule that silently does nothing: unknown keys, every
/// regular expression compiled with the named groups its rule reads, and
/// numbers in their range.
extension PipelineDefinition {
    /// The problems of a decoded definition and the YAML it came from, each
    /// naming the key path (and line where the YAML gives one); empty if none.
    static func problems(in definition: PipelineDefinition, yaml: String) -> [String] {
        unknownKeys(yaml, definition) + definition.patternProblems() + definition.rangeProblems()
    }

    /// Keys of the YAML that no field of the definition reads (`nmae: typo`).
    static func unknownKeys(_ yaml: String, _ definition: PipelineDefinition) -> [String] {
        // The keys the definition would write back (`EncodedKeyPaths`: those of
        // `YAMLEncoder().encode(definition)`, without writing and parsing that YAML).
        guard let original = try? Yams.compose(yaml: yaml),
              let known = try? EncodedKeyPaths.of(definition) else { return [] }
        var problems: [String] = []
        walk(original, path: "") { path, node in
            if !known.contains(path), node.null == nil {
                problems.append("unknown key '\(path)' at line \(node.mark?.line ?? 0)")
            }
        }
        return problems
    }

    /// Every mapping key below `node` as a dotted path (`articles.titleMinSizeRatio`, list items as `[]`).
    private static func walk(_ node: Node, path: String, _ visit: (String, Node) -> Void) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.string ?? "?"
                let child = path.isEmpty ? name : "\(path).\(name)"
                visit(child, value)
                walk(value, path: child, visit)
            }
        case .sequence(let sequence):
            for item in sequence { walk(item, path: path + "[]", visit) }
        default:
            break
        }
    }

    /// Each pattern with the named groups its rule reads.
    public var patterns: [(path: String, pattern: String, groups: [String])] {
        var out: [(String, String, [String])] = []
        for (i, item) in (match?.evidence ?? []).enumerated() { if let p = item.pattern { out.append(("match.evidence[\(i)].pattern", p, [])) } }
        for (key, list, groups) in [("issueLabel", masthead?.issueLabel, ["year", "number"]), ("cumulative", masthead?.cumulative, ["number"]),
                                    ("printDate", masthead?.printDate, ["month", "day"])] {
            for (i, p) in (list?.patterns ?? []).enumerated() { out.append(("masthead.\(key)[\(i)]", p, groups)) }
        }
        if let p = masthead?.publisher { out.append(("masthead.publisher", p, [])) }
        if let p = masthead?.publisherEn { out.append(("masthead.publisherEn", p, [])) }
        for (i, rule) in (contacts ?? []).enumerated() { out.append(("contacts[\(i)].pattern", rule.pattern, ["value"])) }
        if let p = contents?.numbering { out.append(("contents.numbering", p, [])) }
        if let p = contents?.pageNumber { out.append(("contents.pageNumber", p, [])) }
        if let p = articles?.sectionMarker { out.append(("articles.sectionMarker", p, ["name"])) }
        for (i, p) in (articles?.headingPatterns ?? []).enumerated() { out.append(("articles.headingPatterns[\(i)]", p, [])) }
        for (i, p) in (articles?.titlePatterns ?? []).enumerated() { out.append(("articles.titlePatterns[\(i)]", p, [])) }
        if let p = sources?.citation { out.append(("sources.citation", p, ["body"])) }
        if let p = sources?.pair { out.append(("sources.pair", p, ["name", "date"])) }
        for (i, p) in (furniture?.decorations ?? []).enumerated() { out.append(("furniture.decorations[\(i)]", p, [])) }
        for (i, p) in (furniture?.pageNumbers ?? []).enumerated() { out.append(("furniture.pageNumbers[\(i)]", p, [])) }
        return out
    }

    /// Compiled through the process-wide `Pattern` cache: the stages that use
    /// the patterns find them compiled, with their group names.
    func patternProblems() -> [String] {
        patterns.compactMap { path, pattern, groups in
            guard let compiled = Pattern(pattern) else {
                return "\(path): '\(pattern)' is not a valid regular expression (ICU syntax)"
            }
            let missing = groups.filter { !compiled.names.contains($0) }
            return missing.isEmpty ? nil : "\(path): '\(pattern)' lacks the named group\(missing.count == 1 ? "" : "s") "
                + missing.map { "(?<\($0)>…)" }.joined(separator: ", ")
        }
    }

    func rangeProblems() -> [String] {
        var problems: [String] = []
        func check(_ path: String, _ value: Double?, _ range: ClosedRange<Double>) {
            if let value, !range.contains(value) { problems.append("\(path): \(value) is outside \(range.lowerBound)…\(range.upperBound)") }
        }
        check("articles.titleMinSizeRatio", articles?.titleMinSizeRatio, 1.01...5)
        check("articles.headingMaxLength", articles?.headingMaxLength.map(Double.init), 1...500)
        check("articles.headingMinLetters", articles?.headingMinLetters.map(Double.init), 1...500)
        check("furniture.marginBand", furniture?.marginBand, 0...0.5)
        check("sources.daysBeforeIssue", sources?.daysBeforeIssue.map(Double.init), 0...3660)
        check("furniture.minRepeats", furniture?.minRepeats.map(Double.init), 2...10_000)
        check("furniture.scanShift", furniture?.scanShift, 0...0.2)
        check("furniture.scanSimilarity", furniture?.scanSimilarity, 0.3...1)
        check("furniture.scanMinRepeats", furniture?.scanMinRepeats.map(Double.init), 2...10_000)
        check("furniture.scanMinKeyLetters", furniture?.scanMinKeyLetters.map(Double.init), 1...1000)
        check("furniture.repeatShare", furniture?.repeatShare, 0.01...1)
        check("furniture.textShift", furniture?.textShift, 0...0.2)
        check("furniture.minShiftPoints", furniture?.minShiftPoints, 0...100)
        check("furniture.headerRowPoints", furniture?.headerRowPoints, 0.5...100)
        for (key, value, range) in blocks?.ranges ?? [] { check("blocks.\(key)", value, range) }
        if let problem = series?.problem { problems.append(problem) }
        check("match.minScore", match?.minScore, 0.01...1000)
        check("match.pages", match?.pages.map(Double.init), 1...100)
        for (i, item) in (match?.evidence ?? []).enumerated() {
            check("match.evidence[\(i)].weight", item.weight, 0.001...1000)
            check("match.evidence[\(i)].minSimilarity", item.minSimilarity, 0.01...1)
        }
        for (i, page) in (contents?.pages ?? []).enumerated() { check("contents.pages[\(i)]", Double(page), 1...10_000) }
        // Places are evidence for a section the pipeline knows: a key it does not is a typo.
        for section in (lexicon?.places ?? [:]).keys.sorted() where !(lexicon?.sections ?? []).contains(section) {
            problems.append("lexicon.places.\(section): not one of lexicon.sections")
        }
        for (i, page) in (staff?.pages ?? []).enumerated() { check("staff.pages[\(i)]", Double(page), 1...10_000) }
        if let ocr {
            check("ocr.dpi", ocr.dpi, 50...1200)
            check("ocr.pageSegMode", Double(ocr.pageSegMode), 0...13)
            check("ocr.minConfidence", ocr.minConfidence, 0...1)
            check("ocr.retryBelowConfidence", ocr.retryBelowConfidence, 0...1)
            check("ocr.localThresholdUnreadShare", ocr.localThresholdUnreadShare, 0...1)
            check("ocr.pageTimeout", ocr.pageTimeout, 1...86_400)
        }
        return problems
    }
}
