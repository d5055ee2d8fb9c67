/// How a periodical's issues follow each other, from the pipeline YAML's
/// `series:` block; `archive check` holds an archive to them.
///
/// ```yaml
/// series:
///   numbering: perYear   # 第 N 期 starts again at 1 each year (continuous: it runs on)
///   cumulative: true     # 总第 N 期 runs on across years
///   cadenceDays: 14
///   toleranceDays: 3     # a print date may stray this far from the cadence
/// ```
public struct SeriesRules: Codable, Hashable, Sendable {
    public enum Numbering: String, Codable, Sendable {
        case perYear, continuous
    }

    /// nil: perYear.
    public var numbering: Numbering?
    /// The masthead prints a cumulative number that runs on across years; nil: false.
    public var cumulative: Bool?
    public var cadenceDays: Int
    /// nil: 3 days.
    public var toleranceDays: Int?

    public init(numbering: Numbering = .perYear, cumulative: Bool = true, cadenceDays: Int = 14, toleranceDays: Int? = nil) {
        self.numbering = numbering
        self.cumulative = cumulative
        self.cadenceDays = cadenceDays
        self.toleranceDays = toleranceDays
    }

    public var restartsEachYear: Bool { (numbering ?? .perYear) == .perYear }
    public var hasCumulative: Bool { cumulative ?? false }
    public var tolerance: Int { toleranceDays ?? 3 }

    /// What is wrong with the numbers, for the loader's message; nil if nothing.
    public var problem: String? {
        if !(1...366).contains(cadenceDays) { return "series.cadenceDays: \(cadenceDays) is outside 1…366" }
        if tolerance < 0 || tolerance * 2 >= cadenceDays {
            return "series.toleranceDays: \(tolerance) must be 0 or more and under half of cadenceDays"
        }
        return nil
    }
}
