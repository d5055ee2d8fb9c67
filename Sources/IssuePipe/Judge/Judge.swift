/// The judge stage's verdict on one page.
public struct PageVerdict: Codable, Hashable, Sendable {
    public var page: Int
    public var verdict: TextMethod
    public var reasons: [String]
}

/// Output of the judge stage.
public struct JudgeReport: Codable, Hashable, Sendable {
    public var pages: [PageVerdict]
    /// What the issue JSON should say about the verdicts (e.g. a broken text layer).
    public var warnings: [Warning] = []
}

/// The judge stage: is each page's text layer usable?
public func judge(_ extracted: ExtractedDocument, document: PDFDocument, rules: JudgeRules, mode: OCRMode) -> JudgeReport {
    JudgeReport(pages: extracted.pages.map { page in
        switch mode {
        case .force: PageVerdict(page: page.number, verdict: .ocr, reasons: ["--ocr force"])
        case .never, .auto: PageVerdict(page: page.number, verdict: .text, reasons: ["--ocr \(mode.rawValue)"])
        }
    })
}
