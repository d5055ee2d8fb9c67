import Foundation

/// Which OCR symbol stands on each glyph of a page's text layer. The page was
/// rendered from the same PDF, so OCR's lines lie on the layer's lines; but
/// tesseract's symbol boxes for Han text drift by up to half a glyph, so a
/// symbol is not simply given to the glyph under it. Each symbol goes to the
/// layer line it stands on, and within a line glyphs and symbols are paired in
/// reading order, by the alignment that keeps paired centres closest (a glyph OCR
/// missed, or a symbol with no glyph, is skipped at a cost).
struct SymbolAlignment {
    /// Glyph index → index in `symbols`.
    var symbolOfGlyph: [Int: Int]
    /// Glyphs that could carry ink (not spaces, not line ends, with a box).
    var alignable: Int
    /// The OCR symbols, their boxes in page points.
    var symbols: [PlacedSymbol]
    /// The layer's lines (glyph indices left to right) and the line each placed symbol stands on.
    var lines: [[Int]] = []
    var lineOfSymbol: [Int: Int] = [:]
    /// The glyphs' boxes as aligned (a producer's scaled font size corrected).
    var layerBoxes: [GlyphBox] = []

    struct PlacedSymbol {
        var text: String
        var box: Box
        var confidence: Double
        var centre: (x: Double, y: Double) { ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2) }
    }

    /// Share of the alignable glyphs that have a symbol.
    var share: Double { alignable == 0 ? 0 : Double(symbolOfGlyph.count) / Double(alignable) }

    /// Share of the symbols on the layer's lines that have a glyph: what OCR read
    /// that the layer lacks (glyphs poppler left out) brings it down.
    var symbolShare: Double {
        lineOfSymbol.isEmpty ? 1 : Double(Set(symbolOfGlyph.values).count) / Double(lineOfSymbol.count)
    }

    /// Skipping a glyph or a symbol costs this much, in glyph heights of centre
    /// distance: tesseract's LSTM places Han symbols up to a glyph off, so order
    /// counts for more than position, and a line is skipped into only for a real gap.
    static let skipCost = 4.0

    static func align(_ glyphs: PageGlyphs, recognized: RecognizedPage, image: GrayImage) -> SymbolAlignment {
        let placed = (recognized.symbols ?? []).map { symbol in
            PlacedSymbol(text: symbol.text, box: image.pageBox(of: symbol.box), confidence: symbol.confidence)
        }
        // Boxes as lines are built from them: a producer's scaled font size corrected (Chromium).
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        var runOf = [Int](repeating: -1, count: count)
        for (index, run) in glyphs.runs.enumerated() where max(0, run.start) <= min(count - 1, run.end) {
            for i in max(0, run.start)...min(count - 1, run.end) { runOf[i] = index }
        }
        let glyphs = LineBuilder.correctingScale(glyphs, runOf: runOf)
        let lines = inkLines(glyphs, image: image)
        var symbolsOfLine = [[Int]](repeating: [], count: lines.count), lineOfSymbol: [Int: Int] = [:]
        for (index, symbol) in placed.enumerated() {
            if let line = line(of: symbol, lines: lines, glyphs: glyphs) {
                symbolsOfLine[line].append(index)
                lineOfSymbol[index] = line
            }
        }
        var matches: [Int: Int] = [:]
        for (line, members) in lines.enumerated() {
            // Tesseract's reading order: its boxes drift, its order does not.
            let symbols = symbolsOfLine[line]
            for (glyph, symbol) in pair(members, symbols, glyphs: glyphs, placed: placed) { matches[glyph] = symbol }
        }
        // Spaces count only where OCR read something on them (a glyph given a space's code).
        let alignable = lines.joined().filter { !glyphs.scalars[$0].properties.isWhitespace || matches[$0] != nil }.count
        return SymbolAlignment(symbolOfGlyph: matches, alignable: alignable, symbols: placed, lines: lines, lineOfSymbol: lineOfSymbol,
                               layerBoxes: glyphs.boxes)
    }

    /// The same lines paired again, now that most glyphs' characters are known:
    /// a symbol that reads as a glyph's `expected` character pairs with it for
    /// free, one that does not costs `mismatchCost`. Where OCR dropped or added
    /// a symbol, the pairing then moves at once instead of after a few glyphs.
    func realigned(_ scalars: [Unicode.Scalar], expected: (Int) -> String?) -> SymbolAlignment {
        let glyphs = PageGlyphs(scalars: scalars, boxes: layerBoxes, runs: [])
        var symbolsOfLine = [[Int]](repeating: [], count: lines.count)
        for (symbol, line) in lineOfSymbol.sorted(by: { $0.key < $1.key }) { symbolsOfLine[line].append(symbol) }
        var copy = self
        copy.symbolOfGlyph = [:]
        for (line, members) in lines.enumerated() {
            for (glyph, symbol) in Self.pair(members, symbolsOfLine[line], glyphs: glyphs, placed: symbols, expected: members.map(expected)) {
                copy.symbolOfGlyph[glyph] = symbol
            }
        }
        return copy
    }

    /// What pairing a symbol with a glyph whose known character it does not read as costs.
    static let mismatchCost = 1.5

    /// Whether a character of the layer is a glyph drawn on the page: it has a
    /// box. Spaces poppler makes up have none (or no width); a glyph whose code
    /// a broken font gives as a space, tab or line feed has one.
    static func isGlyph(_ scalar: Unicode.Scalar, _ box: GlyphBox) -> Bool {
        box.x1 - box.x0 > 0.01 && box.y1 > box.y0
    }

    /// A space, tab or line feed of the layer with no ink under its middle: a real space.
    static func isBlankSpace(_ glyphs: PageGlyphs, _ index: Int, _ image: GrayImage?) -> Bool {
        let scalar = glyphs.scalars[index], box = glyphs.boxes[index]
        guard scalar.properties.isWhitespace, let image else { return false }
        let inset = (box.x1 - box.x0) * 0.2
        return !image.hasInk(x: (box.x0 + inset)...(box.x1 - inset), y: box.y0...box.y1, minWidth: (box.x1 - box.x0) * 0.2)
    }

    /// A line end poppler made up, not a glyph read as one: a line feed the text
    /// does not go on after, on its band, to its right. (Some producers' line
    /// ends carry the last glyph's box, so a box alone does not tell.)
    static func isLineEnd(_ glyphs: PageGlyphs, _ index: Int) -> Bool {
        let scalar = glyphs.scalars[index], box = glyphs.boxes[index]
        guard scalar == "\n" || scalar == "\r" else { return false }
        guard box.x1 - box.x0 > 0.01, index + 1 < min(glyphs.scalars.count, glyphs.boxes.count) else { return true }
        let next = glyphs.boxes[index + 1], height = box.y1 - box.y0
        let overlap = min(box.y1, next.y1) - max(box.y0, next.y0)
        return !(overlap > 0.5 * height && next.x0 >= box.x1 - 0.2 * height && next.x0 <= box.x1 + 1.5 * height)
    }

    /// The layer's lines as poppler ends them, each its glyphs left to right;
    /// with the render, a space with no ink under it is a space, not a glyph.
    static func inkLines(_ glyphs: PageGlyphs, image: GrayImage? = nil) -> [[Int]] {
        var lines: [[Int]] = [], current: [Int] = []
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        for index in 0..<count {
            if isLineEnd(glyphs, index) {
                if !current.isEmpty { lines.append(current) }
                current = []
            } else if isGlyph(glyphs.scalars[index], glyphs.boxes[index]), !isBlankSpace(glyphs, index, image) {
                current.append(index)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return joiningPieces(lines.map { $0.sorted { glyphs.boxes[$0].x0 < glyphs.boxes[$1].x0 } }, glyphs)
    }

    /// poppler ends a line at a wide gap (a glyph it left out): pieces that follow
    /// on one band, a few glyphs apart at most, are one line.
    static func joiningPieces(_ lines: [[Int]], _ glyphs: PageGlyphs) -> [[Int]] {
        var out: [[Int]] = []
        for line in lines {
            if let previous = out.last, let a = previous.last, let b = line.first {
                let left = glyphs.boxes[a], right = glyphs.boxes[b], height = max(left.y1 - left.y0, right.y1 - right.y0)
                let overlap = min(left.y1, right.y1) - max(left.y0, right.y0)
                if overlap > 0.7 * height, right.x0 >= left.x1 - 0.2 * height, right.x0 - left.x1 <= 3.5 * height {
                    out[out.count - 1] += line
                    continue
                }
            }
            out.append(line)
        }
        return out
    }

    /// The line whose band holds the symbol's centre and whose extent (a glyph either side) its x; the nearest such.
    static func line(of symbol: PlacedSymbol, lines: [[Int]], glyphs: PageGlyphs) -> Int? {
        let (x, y) = symbol.centre
        var best: (line: Int, distance: Double)?
        for (index, members) in lines.enumerated() {
            guard let first = members.first, let last = members.last else { continue }
            let top = members.map { glyphs.boxes[$0].y0 }.min()!, bottom = members.map { glyphs.boxes[$0].y1 }.max()!
            let em = bottom - top
            guard y >= top, y <= bottom, x >= glyphs.boxes[first].x0 - em, x <= glyphs.boxes[last].x1 + em else { continue }
            let distance = abs(y - (top + bottom) / 2)
            if distance < best?.distance ?? .infinity { best = (index, distance) }
        }
        return best?.line
    }

    /// Glyphs and symbols of one line paired in order, closest centres (edit-distance alignment).
    static func pair(_ members: [Int], _ symbols: [Int], glyphs: PageGlyphs, placed: [PlacedSymbol],
                     expected: [String?]? = nil) -> [(Int, Int)] {
        let n = members.count, m = symbols.count
        guard n > 0, m > 0 else { return [] }
        let em = max(1, members.map { glyphs.boxes[$0].y1 - glyphs.boxes[$0].y0 }.max()!)
        func cost(_ i: Int, _ j: Int) -> Double {
            let g = glyphs.boxes[members[i]], s = placed[symbols[j]].centre
            let known = expected?[i].map { $0 == placed[symbols[j]].text ? 0 : mismatchCost } ?? 0
            return abs((g.x0 + g.x1) / 2 - s.x) / em + known
        }
        var table = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { table[i][0] = Double(i) * skipCost }
        for j in 0...m { table[0][j] = Double(j) * skipCost }
        for i in 1...max(1, n) where n > 0 {
            for j in 1...m {
                table[i][j] = min(table[i - 1][j - 1] + cost(i - 1, j - 1), table[i - 1][j] + skipCost, table[i][j - 1] + skipCost)
            }
        }
        var pairs: [(Int, Int)] = [], i = n, j = m
        while i > 0, j > 0 {
            if table[i][j] == table[i - 1][j - 1] + cost(i - 1, j - 1) {
                if cost(i - 1, j - 1) < 2.5 + (expected == nil ? 0 : mismatchCost) { pairs.append((members[i - 1], symbols[j - 1])) }
                i -= 1; j -= 1
            } else if table[i][j] == table[i - 1][j] + skipCost { i -= 1 } else { j -= 1 }
        }
        return pairs.reversed()
    }
}

extension GrayImage {
    /// A box in this image's pixels as a box in page points.
    func pageBox(of box: PixelBox) -> Box {
        let sx = 72 / dpiX, sy = 72 / dpiY
        return Box(x0: originX + Double(box.x0) * sx, y0: originY + Double(box.y0) * sy,
                   x1: originX + Double(box.x1) * sx, y1: originY + Double(box.y1) * sy)
    }
}
