import Foundation

/// Settings of the glyph map (`glyphMap:` in the pipeline YAML). Every key may
/// be left out. A page judged broken is read by OCR once, its symbols are
/// matched to the text layer's glyphs by position, and each (font, code) is
/// given the character most of its occurrences were read as.
public struct GlyphMapRules: Codable, Hashable, Sendable {
    /// Off by default until it beats page OCR on the broken variants (see the
    /// README): broken pages then go straight to page OCR, as before glyph maps.
    public var enabled: Bool = false
    /// Resolution of the page render OCR reads; nil: `ocr.dpi`.
    public var dpi: Double? = nil
    /// A page whose glyphs are matched to OCR symbols for less than this share
    /// cannot be aligned (OCR found other lines): it is read by page OCR.
    public var minAlignedShare: Double = 0.6
    /// A page where fewer of OCR's symbols on the layer's lines have a glyph is
    /// missing glyphs the layer dropped (codes poppler took for spaces or control
    /// characters) beyond what can be put back: it is read by page OCR.
    public var minSymbolShare: Double = 0.995
    /// A key is learned from at least this many readings…
    public var minVotes: Int = 1
    /// …of which at least this share agree.
    public var minAgreement: Double = 0.6
    /// A font whose characters OCR reads as the text layer has them, for at least
    /// this share of its readings, is not broken: its text is kept as it is.
    public var keepFontAgreement: Double = 0.6
    /// Two occurrences of one font name and code are the same glyph when their
    /// renders differ by at most this (gray difference of a 12×12 grid over the
    /// ink of both, 0…1): subsets of one font number their glyphs anew.
    public var maxShapeDistance: Double = 0.25
    /// Lines of a page read here whose keys are weak (fewer than `lineFallbackVotes`
    /// readings, or split) for at least `lineFallbackWeakShare` of their glyphs, and
    /// whose decoded text disagrees with OCR's line there, take OCR's reading; a
    /// confident OCR line the layer has no glyphs under is put in (`LineFallback`).
    public var lineFallback: Bool = true
    public var lineFallbackVotes: Int = 3
    public var lineFallbackWeakShare: Double = 0.34
    /// A page read here with more of its glyphs' keys weak than this (a cover or
    /// contents page set in fonts of its own) is left to page OCR.
    public var maxWeakShare: Double = 0.2

    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, dpi, minAlignedShare, minSymbolShare, minVotes, minAgreement, keepFontAgreement, maxShapeDistance
        case lineFallback, lineFallbackVotes, lineFallbackWeakShare, maxWeakShare
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = GlyphMapRules()
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled
        dpi = try c.decodeIfPresent(Double.self, forKey: .dpi) ?? d.dpi
        minAlignedShare = try c.decodeIfPresent(Double.self, forKey: .minAlignedShare) ?? d.minAlignedShare
        minSymbolShare = try c.decodeIfPresent(Double.self, forKey: .minSymbolShare) ?? d.minSymbolShare
        minVotes = try c.decodeIfPresent(Int.self, forKey: .minVotes) ?? d.minVotes
        minAgreement = try c.decodeIfPresent(Double.self, forKey: .minAgreement) ?? d.minAgreement
        keepFontAgreement = try c.decodeIfPresent(Double.self, forKey: .keepFontAgreement) ?? d.keepFontAgreement
        maxShapeDistance = try c.decodeIfPresent(Double.self, forKey: .maxShapeDistance) ?? d.maxShapeDistance
        lineFallback = try c.decodeIfPresent(Bool.self, forKey: .lineFallback) ?? d.lineFallback
        lineFallbackVotes = try c.decodeIfPresent(Int.self, forKey: .lineFallbackVotes) ?? d.lineFallbackVotes
        lineFallbackWeakShare = try c.decodeIfPresent(Double.self, forKey: .lineFallbackWeakShare) ?? d.lineFallbackWeakShare
        maxWeakShare = try c.decodeIfPresent(Double.self, forKey: .maxWeakShare) ?? d.maxWeakShare
    }
}
