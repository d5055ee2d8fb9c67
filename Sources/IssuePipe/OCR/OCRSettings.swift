/// How the OCR stage reads pages, from the pipeline YAML (`ocr:`).
public struct OCRSettings: Codable, Hashable, Sendable {
    /// Tesseract language string, e.g. `chi_sim`.
    public var languages: String = "chi_sim"
    public init() {}
}
