import Foundation

/// Per-line fallback to OCR's reading. A decoded page was read by OCR anyway
/// (its symbols taught the map), and that reading has lines too. Where a
/// layer line's decoded text differs from the OCR line on it and too many of
/// its glyphs have weak keys (few readings or split ones: titles, headings,
/// source tags and masthead lines are set in their own fonts and sizes and
/// printed once or twice), the map has nothing to correct OCR with: the line
/// takes OCR's reading, in the layer line's band and fonts. An OCR
/// line (mean confidence 50 or more) with no glyphs of the layer under it (a title whose glyphs poppler
/// left out and none was put back) is put in as a line of its own. Body lines,
/// whose keys were read dozens of times, keep the map's characters.
enum LineFallback {
    /// One OCR line in page points.
    struct OCRLine {
        var box: Box
        var words: [(text: String, box: Box, confidence: Double)]
        var text: String { words.map(\.text).joined() }
        var confidence: Double { words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count) }
    }

    struct Settings {
        /// A line is read from OCR when at least this share of its glyphs of broken fonts have weak keys.
        var weakShare = 0.34
        /// OCR lines at least this confident (mean of words, 0…100) may replace or add a line.
        var minConfidence = 70.0
        /// A line the layer lacks is put in only when OCR is at least this confident.
        var minConfidenceMissing = 50.0
    }

    /// OCR's lines of a recognized page, boxes in page points, prepared as page
    /// OCR prepares them (`OCRLayout.page`): specks dropped, lines parted at
    /// column gaps, CJK punctuation, brackets and quotes repaired.
    static func lines(of recognized: RecognizedPage, image: GrayImage) -> [OCRLine] {
        let prepared = ColumnStarts.splitting(OCRLayout.splittingAtColumnGaps(OCRLayout.droppingSpecks(recognized, image: image), image: image))
        let repaired = OCRTextRepair.repair(prepared.lines.map { $0.words.map(\.text) },
                                            paragraphStarts: OCRLayout.paragraphStarts(prepared.lines))
        return zip(prepared.lines, repaired).compactMap { line, texts in
            let words = zip(line.words, texts).filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }
                .map { (text: $0.1, box: image.pageBox(of: $0.0.box), confidence: $0.0.confidence) }
            return words.isEmpty ? nil : OCRLine(box: image.pageBox(of: line.box), words: words)
        }
    }

    /// Text compared: compatibility-folded, no white space.
    static func normalized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.precomposedStringWithCompatibilityMapping.unicodeScalars
            .filter { !$0.properties.isWhitespace && $0 != "\u{FFFC}" }))
    }

    struct Replacement {
        /// Glyph indices taken out (empty: a line the layer lacks).
        var removed: [Int]
        /// Where the new characters go (index in the old glyphs).
        var at: Int
        var characters: [(Unicode.Scalar, GlyphBox)]
        var font: String
        var size: Double
        /// A line of its own: a line feed before and after.
        var ownLine: Bool
    }

    /// The page's glyphs with weak lines read from OCR; how many lines were.
    static func apply(_ glyphs: PageGlyphs, keys: [GlyphKey?], brokenFonts: Set<String>, strong: (GlyphKey) -> Bool,
                      lines ocrLines: [OCRLine], settings: Settings = Settings()) -> (PageGlyphs, Int) {
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        guard count > 0, !ocrLines.isEmpty else { return (glyphs, 0) }
        var runOf = [Int](repeating: -1, count: count)
        for (index, run) in glyphs.runs.enumerated() where max(0, run.start) <= min(count - 1, run.end) {
            for i in max(0, run.start)...min(count - 1, run.end) { runOf[i] = index }
        }
        var claimed = [Bool](repeating: false, count: count)
        var replacements: [Replacement] = []
        for line in ocrLines.sorted(by: { $0.box.y0 < $1.box.y0 }) {
            let ocrText = normalized(line.text)
            let letters = ocrText.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count
            guard letters >= 2, line.confidence >= min(settings.minConfidence, settings.minConfidenceMissing) else { continue }
            let height = line.box.y1 - line.box.y0
            guard height > 0 else { continue }
            var members: [Int] = []
            for i in 0..<count where !claimed[i] {
                let s = glyphs.scalars[i], b = glyphs.boxes[i]
                guard !s.properties.isWhitespace, b.x1 - b.x0 > 0.01 else { continue }
                let cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2
                if cx >= line.box.x0 - 0.3 * height, cx <= line.box.x1 + 0.3 * height, cy >= line.box.y0, cy <= line.box.y1 {
                    members.append(i)
                }
            }
            members.sort { glyphs.boxes[$0].x0 < glyphs.boxes[$1].x0 }
            let decoded = normalized(String(String.UnicodeScalarView(members.map { glyphs.scalars[$0] })))
            if decoded == ocrText { members.forEach { claimed[$0] = true }; continue }
            let ocrCount = ocrText.unicodeScalars.count
            if decoded.unicodeScalars.count * 2 < ocrCount {
                // The layer has (almost) nothing here: a line it lacks.
                guard members.count <= 1, line.confidence >= settings.minConfidenceMissing else { continue }
                let at = lineEnd(above: line.box, glyphs: glyphs, count: count)
                let font = at > 0 && runOf[at - 1] >= 0 ? glyphs.runs[runOf[at - 1]].font : ""
                replacements.append(Replacement(removed: members, at: at, characters: characters(of: line, band: nil),
                                                font: font, size: height, ownLine: true))
                members.forEach { claimed[$0] = true }
                continue
            }
            guard line.confidence >= settings.minConfidence else { continue }
            let judged = members.filter { i in keys.indices.contains(i) && keys[i].map { brokenFonts.contains($0.font) } == true }
            guard !judged.isEmpty else { continue }
            let weak = judged.filter { !strong(keys[$0]!) }.count
            // (Also taking OCR's line where the decoded one has U+FFFD, or fewer characters
            // than OCR's, measured worse: OCR's line has its own errors and junk.)
            // Glyphs of a line kept are not claimed: claimed, a taller OCR line over two
            // layer lines would find the layer nearly empty and be put in again (measured worse).
            guard Double(weak) >= settings.weakShare * Double(judged.count) else { continue }
            // Read from OCR, in the layer's band and its commonest font and size there.
            let runs = members.compactMap { runOf[$0] >= 0 ? glyphs.runs[runOf[$0]] : nil }
            let common = Dictionary(grouping: runs, by: { "\($0.font)|\($0.size)" }).max {
                ($0.value.count, $1.key) < ($1.value.count, $0.key)
            }?.value.first
            let band = (members.map { glyphs.boxes[$0].y0 }.min()!, members.map { glyphs.boxes[$0].y1 }.max()!)
            replacements.append(Replacement(removed: members, at: members.min()!, characters: characters(of: line, band: band),
                                            font: common?.font ?? "", size: common?.size ?? height, ownLine: false))
            members.forEach { claimed[$0] = true }
        }
        guard !replacements.isEmpty else { return (glyphs, 0) }
        return (rebuilt(glyphs, count: count, runOf: runOf, replacements: replacements), replacements.count)
    }

    /// Each character of the OCR line with a box: its word's box divided evenly;
    /// a space only between two Latin letters or digits of different words.
    static func characters(of line: OCRLine, band: (Double, Double)?) -> [(Unicode.Scalar, GlyphBox)] {
        var out: [(Unicode.Scalar, GlyphBox)] = []
        for (n, word) in line.words.enumerated() {
            let scalars = Array(word.text.unicodeScalars.filter { !$0.properties.isWhitespace })
            guard !scalars.isEmpty else { continue }
            let y0 = band?.0 ?? line.box.y0, y1 = band?.1 ?? line.box.y1
            if n > 0, let last = out.last?.0, isLatin(last), isLatin(scalars[0]), let previous = out.last?.1 {
                out.append((" ", GlyphBox(x0: previous.x1, y0: y0, x1: max(previous.x1, word.box.x0), y1: y1)))
            }
            let width = (word.box.x1 - word.box.x0) / Double(scalars.count)
            for (k, scalar) in scalars.enumerated() {
                out.append((scalar, GlyphBox(x0: word.box.x0 + Double(k) * width, y0: y0, x1: word.box.x0 + Double(k + 1) * width, y1: y1)))
            }
        }
        return out
    }

    static func isLatin(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) }

    /// Index after the line end that closes the nearest layer line above the box (same column); 0 if none.
    static func lineEnd(above box: Box, glyphs: PageGlyphs, count: Int) -> Int {
        var best: (index: Int, gap: Double)?
        for i in 0..<count {
            let b = glyphs.boxes[i]
            guard !glyphs.scalars[i].properties.isWhitespace, b.x1 - b.x0 > 0.01, b.y1 <= box.y0 + 0.3 * (box.y1 - box.y0),
                  b.x1 > box.x0, b.x0 < box.x1 else { continue }
            let gap = box.y0 - b.y1
            if gap < best?.gap ?? .infinity || (gap == best?.gap && i > best!.index) { best = (i, gap) }
        }
        guard var i = best?.index else { return 0 }
        while i < count, glyphs.scalars[i] != "\n" { i += 1 }
        return min(count, i + 1)
    }

    /// The glyphs with the replacements made; runs merged again by font and size.
    static func rebuilt(_ glyphs: PageGlyphs, count: Int, runOf: [Int], replacements: [Replacement]) -> PageGlyphs {
        var removed = Set<Int>(), at: [Int: [Replacement]] = [:]
        for r in replacements { removed.formUnion(r.removed); at[r.at, default: []].append(r) }
        var scalars: [Unicode.Scalar] = [], boxes: [GlyphBox] = [], styles: [(font: String, size: Double)?] = []
        func add(_ r: Replacement) {
            let style: (font: String, size: Double)? = (r.font, r.size)
            let first = r.characters.first?.1 ?? GlyphBox(x0: 0, y0: 0, x1: 0, y1: 0)
            if r.ownLine, let last = scalars.last, last != "\n" {
                scalars.append("\n"); boxes.append(GlyphBox(x0: first.x0, y0: first.y0, x1: first.x0, y1: first.y1)); styles.append(style)
            }
            for (scalar, box) in r.characters { scalars.append(scalar); boxes.append(box); styles.append(style) }
            if r.ownLine, let last = r.characters.last?.1 {
                scalars.append("\n"); boxes.append(GlyphBox(x0: last.x1, y0: last.y0, x1: last.x1, y1: last.y1)); styles.append(style)
            }
        }
        for i in 0...count {
            for r in at[i] ?? [] { add(r) }
            guard i < count, !removed.contains(i) else { continue }
            scalars.append(glyphs.scalars[i]); boxes.append(glyphs.boxes[i])
            styles.append(runOf[i] >= 0 ? (glyphs.runs[runOf[i]].font, glyphs.runs[runOf[i]].size) : nil)
        }
        var runs: [FontRun] = [], start = 0
        for i in 0...styles.count where i == styles.count || !same(styles[i], styles[start]) {
            if i > start, let style = styles[start] { runs.append(FontRun(start: start, end: i - 1, font: style.font, size: style.size)) }
            start = i
        }
        return PageGlyphs(scalars: scalars, boxes: boxes, runs: runs)
    }

    private static func same(_ a: (font: String, size: Double)?, _ b: (font: String, size: Double)?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): a.font == b.font && a.size == b.size
        default: false
        }
    }
}
