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

    /// The variant of an occurrence drawn with no ink: a space, whatever its code.
    static let blank = -2

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

extension PageGlyphs {
    /// The characters realigned with their boxes. poppler's text of a line it
    /// takes for right-to-left (a broken CID font's glyph ids read as Hebrew or
    /// Arabic letters) carries embedding marks (U+202B … U+202C) its layout has
    /// no boxes for, so every character after one would stand on the next
    /// one's box. They are dropped when that makes characters and boxes agree.
    func droppingBidiMarks() -> PageGlyphs {
        guard scalars.count > boxes.count else { return self }
        let marks: Set<UInt32> = [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        let kept = scalars.filter { !marks.contains($0.value) }
        guard kept.count == boxes.count else { return self }
        return PageGlyphs(scalars: kept, boxes: boxes, runs: runs)
    }
}
