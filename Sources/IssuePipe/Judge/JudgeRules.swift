/// Thresholds of the judge stage, from the pipeline YAML (`judge:`).
public struct JudgeRules: Codable, Hashable, Sendable {
    public init() {}
}

/// `--ocr`: let the judge decide per page, or override it for every page.
public enum OCRMode: String, Codable, Sendable, CaseIterable {
    case auto, force, never
}
