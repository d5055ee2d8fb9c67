/// Some CJK fonts map their full-width punctuation to ASCII code points
/// (，and 。 given as `,` and `.`): the glyph still takes a whole em, which an
/// ASCII mark never does. Such a mark beside Han text is given its
/// full-width form, so sentences end and CJK spacing works as printed.
enum WidePunctuation {
    /// OCR's table of full-width forms, and the full stop (which OCR reads as it is printed).
    static let fullWidth: [Unicode.Scalar: Unicode.Scalar] = Dictionary(uniqueKeysWithValues: OCRTextRepair.fullWidth.map {
        ($0.key.unicodeScalars.first!, $0.value.unicodeScalars.first!)
    }).merging([".": "。"]) { kept, _ in kept }
    /// Share of an em from which a mark is full-width (ASCII punctuation is at most about half).
    static let minWidth = 0.8

    static func widening(_ glyphs: PageGlyphs) -> PageGlyphs {
        var out = glyphs
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        for run in glyphs.runs where run.size > 0 && run.start >= 0 && run.start <= run.end {
            for i in run.start...min(run.end, count - 1) {
                guard let wide = fullWidth[glyphs.scalars[i]],
                      glyphs.boxes[i].x1 - glyphs.boxes[i].x0 >= minWidth * run.size,
                      hanBeside(glyphs, i, count), !afterAlphanumeric(glyphs, i) else { continue }
                out.scalars[i] = wide
            }
        }
        return out
    }

    /// After a digit or a letter a mark is a decimal point, a list number's
    /// point or a thousands comma (1. 3.5 1,000), whatever its box says:
    /// some fonts give half-width digits and marks an em-wide box.
    static func afterAlphanumeric(_ glyphs: PageGlyphs, _ index: Int) -> Bool {
        // poppler may have started a new line at the mark: the glyph before it on the page counts if it stands beside it.
        var j = index - 1
        while j >= 0, glyphs.scalars[j] == " " || glyphs.scalars[j] == "\n" { j -= 1 }
        guard j >= 0, j < glyphs.boxes.count else { return false }
        let mark = glyphs.boxes[index], before = glyphs.boxes[j]
        guard min(mark.y1, before.y1) > max(mark.y0, before.y0), abs(mark.x0 - before.x1) < mark.y1 - mark.y0 else { return false }
        let s = glyphs.scalars[j]
        return s.isASCII ? (s.properties.isAlphabetic || s.properties.numericType != nil) : CJKCharacters.isFullWidthAlphanumeric(s)
    }

    /// The nearest non-space glyph before or after, on the same line, is Han.
    static func hanBeside(_ glyphs: PageGlyphs, _ index: Int, _ count: Int) -> Bool {
        for step in [-1, 1] {
            var j = index + step
            while j >= 0, j < count, glyphs.scalars[j] == " " { j += step }
            if j >= 0, j < count, glyphs.scalars[j] != "\n", CJKCharacters.isHan(glyphs.scalars[j]) { return true }
        }
        return false
    }
}
