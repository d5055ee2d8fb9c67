/// A paragraph, heading or other block of text the clean stage formed from lines.
public struct CleanBlock: Codable, Hashable, Sendable {
    public var text: String
    /// Pages and boxes of the lines it was joined from, in order.
    public var provenance: [Provenance]
    /// Indices into the page's `lines` (extract/OCR stage) of each joined line, as `page:line`.
    public var lines: [String]
    public var size: Double
    public var bold: Bool
    /// Why the block ends where it does (e.g. `indent`, `gap`, `style`, `short-line`).
    public var endReason: String?
    /// Read by OCR: its size is an estimate and its weight unknown.
    public var ocr: Bool?
    /// Mean OCR confidence of its lines (0…1), for OCR blocks.
    public var confidence: Double?
    /// Marks OCR read before an OCR block's first character (a speck in the
    /// indent read as `.` or `，`: no paragraph opens with one), left out of `text`.
    public var strayMarks: String?

    public var pages: [Int] { Array(Set(provenance.map(\.page))).sorted() }
}

/// Output of the clean stage.
public struct CleanedDocument: Codable, Hashable, Sendable {
    public var pages: [PageSummary]
    /// The font size most of the text is set in; titles and headings are measured against it.
    public var bodySize: Double
    public var blocks: [CleanBlock]
    public var furniture: [FurnitureLine]
    /// True where the document's paragraphs are set apart by spacing and not
    /// indented (measured on its body lines); nil otherwise. There a line set
    /// in at a block's start is no paragraph's first line.
    public var spacedParagraphs: Bool?

    public init(pages: [PageSummary], bodySize: Double, blocks: [CleanBlock], furniture: [FurnitureLine],
                spacedParagraphs: Bool? = nil) {
        self.pages = pages
        self.bodySize = bodySize
        self.blocks = blocks
        self.furniture = furniture
        self.spacedParagraphs = spacedParagraphs
    }
}
