import Foundation

/// What the glyph map learned and did, in the extract dump (`glyphMap`).
public struct GlyphMapReport: Codable, Hashable, Sendable {
    /// Every font seen on an aligned page, with its learned map.
    public var fonts: [FontGlyphMap]
    /// Every page judged broken, and every page decoded with a learned map.
    public var pages: [GlyphMapPage]
    /// What the issue JSON says about it: one line a page.
    public var warnings: [Warning]
}

/// One font's map from code to character.
public struct FontGlyphMap: Codable, Hashable, Sendable {
    public var font: String
    /// False when OCR reads the font as its text layer has it: it is kept as it is.
    public var decoded: Bool
    /// Share of the font's readings that were the text layer's own character.
    public var textLayerAgreement: Double
    public var votes: Int
    /// Sorted by code; only for decoded fonts.
    public var glyphs: [LearnedGlyph]
}

/// One (font, code): what OCR read it as.
public struct LearnedGlyph: Codable, Hashable, Sendable {
    /// The code as the text layer has it, `U+00C0`.
    public var code: String
    /// The character every occurrence is given; nil when the readings were too few or split
    /// (each occurrence then takes the OCR reading at its place).
    public var character: String?
    /// How many aligned occurrences OCR read as one character.
    public var votes: Int
    /// Share of those that gave the most frequent reading.
    public var agreement: Double
    /// The most frequent readings and their counts, `的 12`.
    public var readings: [String]
}

/// What happened to one page.
public struct GlyphMapPage: Codable, Hashable, Sendable {
    public var page: Int
    /// `decoded`: its text layer was decoded with the learned map; `page-ocr`: it
    /// could not be aligned and is left to page OCR.
    public var outcome: String
    /// Share of its glyphs matched to an OCR symbol (nil: not read by OCR here).
    public var aligned: Double?
    /// Share of OCR's symbols on the layer's lines matched to a glyph.
    public var symbolsMatched: Double?
    /// Glyphs given their font's learned character.
    public var mapped: Int
    /// Glyphs of a key with too few or split readings, given the OCR reading at their place.
    public var readInPlace: Int
    /// Glyphs neither learned nor read in any way: U+FFFD, so the judge sees them.
    public var unreadable: Int
    /// Glyphs poppler left out (a code read as a space or control character), put in from OCR.
    public var inserted: Int?
    /// Glyphs of keys OCR gave no reading for, read from crops of their line (`GlyphRepairer`).
    public var readFromCrops: Int? = nil
    /// Lines whose keys were weak and whose decoded text OCR's line disagreed with: OCR's reading (`LineFallback`).
    public var linesFromOCR: Int? = nil
    /// Share of its glyphs of broken fonts whose keys are weak (pages read here).
    public var weakShare: Double? = nil
    public var reason: String?
}
