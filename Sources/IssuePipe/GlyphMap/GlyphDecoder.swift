import Foundation

/// Gives a page's glyphs of broken fonts their learned characters.
struct GlyphDecoder {
    /// Learned character of each key (keys whose readings were too few or split are absent).
    let characters: [GlyphKey: Unicode.Scalar]
    /// Fonts whose text layer is wrong; glyphs in any other font keep their character.
    let brokenFonts: Set<String>

    struct Outcome {
        var glyphs: PageGlyphs
        var mapped = 0
        var readInPlace = 0
        /// Glyphs neither learned nor read in place (U+FFFD for now).
        var unresolved: [Int] = []
        /// Each character's key, as the page was keyed.
        var keys: [GlyphKey?] = []
        var touched: Bool { mapped + readInPlace + unresolved.count > 0 }
    }

    init(learned: [GlyphKey: LearnedGlyph], brokenFonts: Set<String>) {
        var characters: [GlyphKey: Unicode.Scalar] = [:]
        for (key, glyph) in learned where brokenFonts.contains(key.font) {
            if let scalar = glyph.character?.unicodeScalars.first { characters[key] = scalar }
        }
        self.characters = characters
        self.brokenFonts = brokenFonts
    }

    /// Every glyph of a broken font: its key's character; else what OCR read at
    /// its place (`alignment`, for pages read here); else U+FFFD, so the judge
    /// counts it and the page goes to OCR if too many are left.
    func decode(_ glyphs: PageGlyphs, keys: [GlyphKey?], alignment: SymbolAlignment?) -> Outcome {
        var outcome = Outcome(glyphs: glyphs)
        for (index, key) in keys.enumerated() {
            guard let key, brokenFonts.contains(key.font) else {
                // A glyph put back in a font that is not broken: what OCR read there, else a gap.
                if VanishedGlyphs.isPlaceholder(glyphs.scalars[index]) {
                    outcome.glyphs.scalars[index] = inPlace(index, alignment) ?? " "
                }
                continue
            }
            if key.variant == GlyphKey.blank {
                outcome.glyphs.scalars[index] = " "   // drawn with no ink: a space
            } else if let learned = characters[key] {
                outcome.glyphs.scalars[index] = learned
                outcome.mapped += 1
            } else if glyphs.scalars[index].properties.isWhitespace {
                continue   // a space of the layer, unless its key was learned as a glyph
            } else if let alignment, let symbol = alignment.symbolOfGlyph[index],
                      let read = alignment.symbols[symbol].text.unicodeScalars.first,
                      alignment.symbols[symbol].text.unicodeScalars.count == 1 {
                outcome.glyphs.scalars[index] = read
                outcome.readInPlace += 1
            } else if VanishedGlyphs.isPlaceholder(glyphs.scalars[index]) {
                outcome.glyphs.scalars[index] = " "   // ink OCR did not read as a character: the gap stays a gap
            } else {
                outcome.glyphs.scalars[index] = "\u{FFFD}"
                outcome.unresolved.append(index)
            }
        }
        return outcome
    }

    private func inPlace(_ index: Int, _ alignment: SymbolAlignment?) -> Unicode.Scalar? {
        guard let alignment, let symbol = alignment.symbolOfGlyph[index] else { return nil }
        let text = alignment.symbols[symbol].text
        return text.unicodeScalars.count == 1 ? text.unicodeScalars.first : nil
    }
}
