import Foundation

/// A glyph as a text layer without a usable ToUnicode map names it: its font
/// (with the subset tag, `AAAAAB+UMingCN-0`: each subset numbers its glyphs
/// anew) and the character poppler gives for its code. Wrong, but stable: the
/// same glyph in the same font always gives the same character, so what one
/// occurrence is read as holds for all. Both glyph repairs (private-use glyphs
/// read from crops, `GlyphRepairer`) and glyph maps (whole fonts learned from
/// page OCR, `GlyphMapper`) are keyed by it.
struct GlyphKey: Hashable, Comparable, Sendable {
    var font: String
    var code: UInt32
    /// Which of the glyphs drawn for this font name and code (see `GlyphVariants`); 0 for most.
    var variant: Int = 0

    static func < (a: GlyphKey, b: GlyphKey) -> Bool { (a.font, a.code, a.variant) < (b.font, b.code, b.variant) }

    /// `U+1001B0` (`U+1001B0/2` for a further variant), as dumps and warnings show a code.
    var codeText: String { String(format: "U+%04X", code) + (variant == 0 ? "" : "/\(variant)") }
}

extension PageGlyphs {
    /// The font of every character index (runs are inclusive ranges; "" where none covers it).
    var fontPerCharacter: [String] {
        var fonts = [String](repeating: "", count: scalars.count)
        for run in runs where run.start <= run.end {
            for index in max(0, run.start)...min(run.end, scalars.count - 1) where index < fonts.count { fonts[index] = run.font }
        }
        return fonts
    }
}
