import Foundation

/// Glyphs a broken font drew that poppler left out of the text: a code it
/// takes for a space or a control character (reportlab's and LibreOffice's
/// subsets number glyphs from 1, so a common character gets code 32 or 10).
/// They leave a glyph-wide gap in their line, often cutting it in two; OCR read
/// a symbol there. It is put into the text layer at the gap, on the line's band.
enum VanishedGlyphs {
    struct Insertion {
        /// The glyph it follows on its line (-1: it starts the line, before `next`).
        var after: Int
        var next: Int
        var scalar: Unicode.Scalar
        var box: GlyphBox
    }

    /// A symbol OCR read with this confidence (0…100) or more may fill a gap.
    static let minConfidence = 60.0

    /// Unpaired symbols standing in a gap of a line of a broken font (of any font, for nil).
    static func find(_ glyphs: PageGlyphs, alignment: SymbolAlignment, brokenFonts: Set<String>?) -> [Insertion] {
        let paired = Set(alignment.symbolOfGlyph.values), fonts = glyphs.fontPerCharacter
        var insertions: [Insertion] = []
        for (index, symbol) in alignment.symbols.enumerated() where !paired.contains(index) {
            guard let line = alignment.lineOfSymbol[index], symbol.confidence >= minConfidence,
                  symbol.text.unicodeScalars.count == 1, let scalar = symbol.text.unicodeScalars.first,
                  !scalar.properties.isWhitespace else { continue }
            let members = alignment.lines[line]
            let top = members.map { glyphs.boxes[$0].y0 }.min()!, bottom = members.map { glyphs.boxes[$0].y1 }.max()!
            let em = bottom - top, x = symbol.centre.x
            let left = members.last { glyphs.boxes[$0].x1 <= x }, right = members.first { glyphs.boxes[$0].x0 >= x }
            // Inside a glyph's box: not a gap.
            guard members.allSatisfy({ glyphs.boxes[$0].x1 <= x || glyphs.boxes[$0].x0 >= x }),
                  let neighbour = left ?? right, brokenFonts?.contains(fonts[neighbour]) ?? true else { continue }
            let gapStart = left.map { glyphs.boxes[$0].x1 } ?? glyphs.boxes[right!].x0 - em
            let gapEnd = right.map { glyphs.boxes[$0].x0 } ?? glyphs.boxes[left!].x1 + em
            guard gapEnd - gapStart >= 0.6 * em else { continue }
            let x0 = max(gapStart, min(symbol.box.x0, gapEnd - em)), x1 = min(gapEnd, x0 + em)
            insertions.append(Insertion(after: left ?? -1, next: right ?? -1, scalar: scalar,
                                        box: GlyphBox(x0: x0, y0: top, x1: max(x1, x0 + 0.5 * em), y1: bottom)))
        }
        return insertions
    }

    /// The glyphs with the insertions put in (each after its left neighbour, or
    /// before its right one), runs and indices moved to match.
    static func inserting(_ insertions: [Insertion], into glyphs: PageGlyphs) -> PageGlyphs {
        guard !insertions.isEmpty else { return glyphs }
        var after: [Int: [Insertion]] = [:]
        for insertion in insertions {
            // Before `next` is after the character preceding it.
            after[insertion.after >= 0 ? insertion.after : insertion.next - 1, default: []].append(insertion)
        }
        var out = PageGlyphs(scalars: [], boxes: [], runs: [])
        var newIndex = [Int](repeating: 0, count: glyphs.scalars.count), lastOf = [Int](repeating: 0, count: glyphs.scalars.count)
        if let leading = after[-1] { add(leading, to: &out) }
        for index in glyphs.scalars.indices {
            newIndex[index] = out.scalars.count
            out.scalars.append(glyphs.scalars[index])
            out.boxes.append(index < glyphs.boxes.count ? glyphs.boxes[index] : GlyphBox(x0: 0, y0: 0, x1: 0, y1: 0))
            if let inserted = after[index] { add(inserted, to: &out) }
            lastOf[index] = out.scalars.count - 1
        }
        out.runs = glyphs.runs.map { run in
            var moved = run
            if run.start >= 0, run.start < newIndex.count { moved.start = newIndex[run.start] }
            if run.end >= 0, run.end < lastOf.count { moved.end = lastOf[run.end] }
            return moved
        }
        return out
    }

    private static func add(_ insertions: [Insertion], to glyphs: inout PageGlyphs) {
        for insertion in insertions.sorted(by: { $0.box.x0 < $1.box.x0 }) {
            glyphs.scalars.append(insertion.scalar)
            glyphs.boxes.append(insertion.box)
        }
    }
}
