/// Some CJK fonts map their full-width punctuation to ASCII code points
/// (，and 。 given as `,` and `.`): the glyph still takes a whole em, which an
/// ASCII mark never does. Such a mark beside Han text is given its
/// full-width form, so sentences end and CJK spacing works as printed.
enum WidePunctuation {
    static let fullWidth: [Unicode.Scalar: Unicode.Scalar] = [
        ",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）",
    ]
    /// Share of an em from which a mark is full-width (ASCII punctuation is at most about half).
    static let minWidth = 0.8

    static func widening(_ glyphs: PageGlyphs) -> PageGlyphs {
        var out = glyphs
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        for run in glyphs.runs where run.size > 0 && run.start >= 0 && run.start <= run.end {
            for i in run.start...min(run.end, count - 1) {
                guard let wide = fullWidth[glyphs.scalars[i]],
                      glyphs.boxes[i].x1 - glyphs.boxes[i].x0 >= minWidth * run.size,
                      hanBeside(glyphs, i, count) else { continue }
                out.scalars[i] = wide
            }
        }
        return out
    }

    /// The nearest non-space glyph before or after, on the same line, is Han.
    static func hanBeside(_ glyphs: PageGlyphs, _ index: Int, _ count: Int) -> Bool {
        for step in [-1, 1] {
            var j = index + step
            while j >= 0, j < count, glyphs.scalars[j] == " " { j += step }
            if j >= 0, j < count, glyphs.scalars[j] != "\n", LineBuilder.isHanValue(glyphs.scalars[j].value) { return true }
        }
        return false
    }
}
