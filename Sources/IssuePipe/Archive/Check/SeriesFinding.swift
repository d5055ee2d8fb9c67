/// One thing `archive check` found wrong with the series.
public struct SeriesFinding: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Issues missing between two that are there.
        case gap
        /// The same issue from two files.
        case duplicate
        /// An issue number that breaks the sequence (its cumulative number and date agree elsewhere).
        case number
        /// A cumulative number that breaks the sequence.
        case cumulativeNumber = "cumulative-number"
        /// Issue and cumulative number disagree, and the print date cannot tell which is wrong.
        case numbersDisagree = "numbers-disagree"
        /// A print date off the cadence.
        case printDate = "print-date"
        /// The masthead's title, publisher or staff changes between neighbouring issues.
        case masthead
        /// An issue without a year or number: it cannot be placed in the series.
        case unplaced
    }

    public enum Severity: String, Codable, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var kind: Kind
    public var severity: Severity
    /// The issue the finding is about (`2024年第3期`), as printed.
    public var issue: String?
    /// The file the finding is shown on (for a gap: the issue after it).
    public var file: String?
    /// Every file involved (a duplicate's two, a gap's neighbours).
    public var files: [String]
    public var message: String
    /// The likely right value, when there is one (`7`, `2024-03-07`).
    public var likely: String?

    public init(_ kind: Kind, _ severity: Severity, issue: String?, file: String?, files: [String]? = nil, message: String, likely: String? = nil) {
        self.kind = kind
        self.severity = severity
        self.issue = issue
        self.file = file
        self.files = files ?? file.map { [$0] } ?? []
        self.message = message
        self.likely = likely
    }
}
