/// A run of characters on one line drawn in one font at one size.
public struct TextSpan: Codable, Hashable, Sendable {
    public var text: String
    public var box: Box
    public var font: String
    public var size: Double
    public var bold: Bool

    public init(text: String, box: Box, font: String, size: Double, bold: Bool) {
        self.text = text
        self.box = box
        self.font = font
        self.size = size.roundedToHundredths
        self.bold = bold
    }
}

/// One printed line: its text, where it is, and the style most of it has.
/// `confidence` is set for OCR lines only (tesseract's mean word confidence, 0…1).
public struct TextLine: Codable, Hashable, Sendable {
    public var text: String
    public var box: Box
    public var font: String
    public var size: Double
    public var bold: Bool
    public var spans: [TextSpan]
    public var confidence: Double?

    public init(text: String, box: Box, font: String, size: Double, bold: Bool,
                spans: [TextSpan], confidence: Double? = nil) {
        self.text = text
        self.box = box
        self.font = font
        self.size = size.roundedToHundredths
        self.bold = bold
        self.spans = spans
        self.confidence = confidence
    }
}

/// Where a page's text came from.
public enum TextMethod: String, Codable, Sendable {
    /// The PDF's own text layer, read by poppler.
    case text
    /// Tesseract, on the page as poppler rendered it.
    case ocr
}

/// The text of one page with its geometry: the output of the extract stage and,
/// in the same shape, of the OCR stage, so later stages do not care which ran.
public struct PageLayout: Codable, Hashable, Sendable {
    /// 1-based page index in the PDF.
    public var number: Int
    public var width: Double
    public var height: Double
    public var method: TextMethod
    /// Mean OCR word confidence (0…1), for OCR pages.
    public var confidence: Double?
    /// Lines in poppler's reading order.
    public var lines: [TextLine]
    /// The page's whole text as the library gave it (lines joined by newlines).
    public var text: String

    public init(number: Int, width: Double, height: Double, method: TextMethod,
                confidence: Double? = nil, lines: [TextLine], text: String) {
        self.number = number
        self.width = width.roundedToHundredths
        self.height = height.roundedToHundredths
        self.method = method
        self.confidence = confidence
        self.lines = lines
        self.text = text
    }
}

/// The document-level facts the extract stage reads once.
public struct SourceInfo: Codable, Hashable, Sendable {
    public var file: String
    public var sha256: String
    public var pageCount: Int
}

/// The PDF's own metadata (Info dictionary / XMP), each field optional.
public struct PDFMetadata: Codable, Hashable, Sendable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var creator: String?
    public var producer: String?
}

/// Output of the extract stage: every page's text and geometry.
public struct ExtractedDocument: Codable, Hashable, Sendable {
    public var source: SourceInfo
    public var metadata: PDFMetadata
    public var pages: [PageLayout]
    /// Private-use glyphs read and replaced (see `GlyphRepair`); nil when there were none.
    public var glyphRepairs: [GlyphRepair]? = nil
    /// Broken fonts decoded with maps learned from OCR (see `GlyphMapper`); nil when no page was judged broken.
    public var glyphMap: GlyphMapReport? = nil
}
