import Testing
@testable import IssuePipe

/// Pieces poppler gives of one printed line, put back together by the extract
/// stage (`LineBuilder.mergingTouching`), from a two-column ReportLab page
/// (v10914): body 10.5 pt, columns starting at x 79.9 and 258.5.
@Suite struct LinePiecesTests {
    private func piece(_ text: String, x0: Double, x1: Double, y: Double, size: Double = 10.5) -> TextLine {
        line(text, x: x0, y: y, width: x1 - x0, size: size)
    }

    /// Rows of both columns under the pieces, each starting at its column's edge.
    private var columns: [TextLine] {
        (0..<3).flatMap { row in
            [piece("严肃查处违规收费和变相涨价行", x0: 79.9, x1: 237.5, y: 440 + 19 * Double(row)),
             piece("的20%给予最高500万元补助；", x0: 258.5, x1: 416.1, y: 440 + 19 * Double(row))]
        }
    }

    /// A justified line parted at its widened word space (`3` / `年内按照…`,
    /// an em apart) is one line again, the space kept.
    @Test func aJustifiedLinePartedAtAWideSpaceIsOneLine() {
        let lines = LineBuilder.mergingTouching([piece("3", x0: 258.5, x1: 263.8, y: 405.2),
                                                  piece("年内按照其新增研发投入", x0: 274.3, x1: 416.1, y: 405.2)] + columns)
        #expect(lines.first?.text == "3 年内按照其新增研发投入")
        #expect(lines.first?.spans.map(\.text).joined() == lines.first?.text)
        #expect(lines.count == 7)
    }

    /// A piece that starts at a column's edge (the right column's contents
    /// entry beside the left one's page number, v10604) or opens with a digit
    /// (a running head's page number beside it) stays a line of its own.
    @Test func aPieceAtAColumnsEdgeOrOpeningWithADigitStaysApart() {
        let entry = LineBuilder.mergingTouching([piece("4", x0: 242, x1: 247.5, y: 405.2),
                                                 piece("北京加快打造未来产业先导区", x0: 258.5, x1: 416.1, y: 405.2)] + columns)
        #expect(entry.count == 8)
        let head = LineBuilder.mergingTouching([piece("2024 年第 11 期", x0: 335.1, x1: 402.6, y: 29, size: 9),
                                                piece("3", x0: 411.6, x1: 416.1, y: 29, size: 9)])
        #expect(head.map(\.text) == ["2024 年第 11 期", "3"])
    }

    /// poppler ran the right column's last line (`20230916）`, a citation's
    /// end) on into the left column's next line, lower down, with no line
    /// break between (Chromium, v12405): they are two lines.
    @Test func aColumnsLastLineRunOnIntoTheOtherColumnsNextLineIsTwoLines() {
        func glyphs(_ text: String, x: Double, y: Double) -> [(Unicode.Scalar, GlyphBox)] {
            text.unicodeScalars.enumerated().map { i, s in
                (s, GlyphBox(x0: x + 12 * Double(i), y0: y, x1: x + 12 * Double(i + 1), y1: y + 14))
            }
        }
        let right = glyphs("20230916）", x: 260.5, y: 434.5), left = glyphs("术攻关的，按照", x: 68.2, y: 458.3)
        let all = right + left
        let page = PageGlyphs(scalars: all.map(\.0), boxes: all.map(\.1),
                              runs: [FontRun(start: 0, end: all.count - 1, font: "NotoSerifCJKsc-Regular", size: 12)])
        #expect(LineBuilder.lines(from: page).map(\.text) == ["20230916）", "术攻关的，按照"])
        // On one baseline a glyph a little left of the one before (a synthetic bold's second stroke) stays in the line.
        let bold = glyphs("合肥", x: 68.2, y: 100) + [("肥", GlyphBox(x0: 80.6, y0: 100, x1: 92.6, y1: 114))]
        let overprinted = PageGlyphs(scalars: bold.map(\.0), boxes: bold.map(\.1),
                                     runs: [FontRun(start: 0, end: 2, font: "NotoSerifCJKsc-Regular", size: 12)])
        #expect(LineBuilder.lines(from: overprinted).count == 1)
    }
}
