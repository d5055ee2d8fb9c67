/// `archive check`: the archive held to its series rules. Every issue is
/// placed by its numbers (the print date deciding between two that disagree),
/// then the places are checked for duplicates and gaps, the print dates
/// against the cadence, and the masthead from one issue to the next.
public struct SeriesCheck: Sendable {
    public let rules: SeriesRules

    public init(rules: SeriesRules) { self.rules = rules }

    /// Every finding, sorted by file, then kind and message.
    public func findings(_ issues: [SeriesIssue]) -> [SeriesFinding] {
        let placement = SeriesPlacement(rules: rules, issues: issues)
        let sequence = SeriesSequenceCheck(rules: rules, bases: placement.bases)
        let all = placement.findings + sequence.duplicates(placement.placed) + sequence.gaps(placement.placed)
            + SeriesDateCheck(rules: rules).findings(placement.placed) + MastheadCheck().findings(placement.placed)
        return all.sorted { ($0.file ?? "", $0.kind.rawValue, $0.message) < ($1.file ?? "", $1.kind.rawValue, $1.message) }
    }

    /// The findings a new upload brings: the archive with `new` added (in place
    /// of an indexed output of the same PDF), and only the findings that
    /// involve `new`: its numbers and date, a duplicate of it, a gap next to it,
    /// its masthead.
    public func findings(adding new: SeriesIssue, to archive: [SeriesIssue]) -> [SeriesFinding] {
        let others = archive.filter { $0.sourceSha256 != new.sourceSha256 && $0.file != new.file }
        return findings(others + [new]).filter { $0.files.contains(new.file) }
    }
}
