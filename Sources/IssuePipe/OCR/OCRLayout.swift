import Foundation

/// Turns an engine's output into the extract stage's shape: lines of spans
/// (one per word) in PDF points with a top-left origin, font `OCR`, size from
/// the line height, confidences 0…1, CJK punctuation and spacing repaired.
public enum OCRLayout {
    /// Body Han glyphs fill about this much of the em square: size ≈ the
    /// median Han glyph width (or, without Han, the line height) / this.
    public static let inkHeightPerEm = 0.92
    /// A gap between two words wider than this many glyph heights parts a line
    /// in two, as poppler parts a text layer's: tesseract reads across the gutter
    /// of contents or a staff box set in two narrow columns.
    public static let columnGapHeights = 3.0

    /// A line read as a few letters with little confidence: a QR code, a rule or
    /// a picture read as stray letters (or a short line tesseract could not read,
    /// which `UnreadInk` reads again alone). It is left out.
    static func isStray(meanConfidence: Double, han: Int) -> Bool { meanConfidence < 0.4 && han < 2 }

    public static func page(_ recognized: RecognizedPage, image: GrayImage, number: Int,
                            width: Double, height: Double) -> PageLayout {
        // The layout steps in order: a column read as one line parted into rows,
        // specks dropped, lines cut at column gaps and at where columns start.
        let rows = StackedRows.parting(recognized)
        let cleaned = droppingSpecks(rows, image: image)
        let recognized = ColumnStarts.splitting(splittingAtColumnGaps(cleaned, image: image))
        let repaired = OCRTextRepair.repair(recognized.lines.map { $0.words.map(\.text) },
                                            paragraphStarts: paragraphStarts(recognized.lines))
        var lines: [TextLine] = []
        var confidences: [Double] = []
        for (line, texts) in zip(recognized.lines, repaired) {
            var spans: [TextSpan] = []
            var lineConfidences: [Double] = []
            let lineBox = pageBox(line.box, recognized, image)
            // Han glyphs are square: their advance gives the size better than
            // the line box, which noise on a scan makes tall.
            let size = estimatedSize(line, lineBox: lineBox, texts: texts, image: image)
            for (word, text) in zip(line.words, texts) where !text.isEmpty {
                // Word boxes can reach into the lines above and below (noise,
                // tall punctuation); the line's own box bounds them vertically.
                var clipped = word.box
                clipped.y0 = max(word.box.y0, line.box.y0)
                clipped.y1 = min(word.box.y1, line.box.y1)
                if clipped.y1 <= clipped.y0 { clipped.y0 = line.box.y0; clipped.y1 = line.box.y1 }
                spans.append(TextSpan(text: text, box: pageBox(clipped, recognized, image), font: "OCR", size: size, bold: false))
                lineConfidences.append(max(0, min(1, word.confidence / 100)))
            }
            guard !spans.isEmpty, var box = spans.map(\.box).union else { continue }
            // Specks and tall marks stretch a line's box over its neighbours': its
            // Han words' median bottom and the size place it (its box is its ink band).
            // Tesseract's own line box can sit half a glyph off the line's ink, and
            // a word of several characters is boxed loosely: with three or more
            // words of one Han character (boxed tightly), their median bottom
            // places the line.
            let singles = zip(line.words, texts).filter { $1.count == 1 && CJKCharacters.isLetter($1.first!) }
                .map { pageBox($0.0.box, recognized, image).y1 }.sorted()
            let bottoms = spans.filter { $0.text.contains(where: CJKCharacters.isLetter) }.map(\.box.y1).sorted()
            if singles.count >= 3 {
                let bottom = singles[singles.count / 2]
                box = Box(x0: box.x0, y0: bottom - inkHeightPerEm * size, x1: box.x1, y1: bottom)
                // The words within it too: the clean stage takes a line's baseline from its words.
                spans = spans.map { span in
                    let y0 = min(max(span.box.y0, box.y0), box.y1), y1 = max(min(span.box.y1, box.y1), y0)
                    var clipped = span
                    clipped.box = Box(x0: span.box.x0, y0: y0, x1: span.box.x1, y1: y1)
                    return clipped
                }
            } else if bottoms.count >= 2 {
                let bottom = bottoms[bottoms.count / 2]
                box = Box(x0: box.x0, y0: max(box.y0, bottom - inkHeightPerEm * size), x1: box.x1, y1: min(box.y1, bottom))
            }
            let meanConfidence = lineConfidences.reduce(0, +) / Double(lineConfidences.count)
            if isStray(meanConfidence: meanConfidence, han: texts.joined().filter(CJKCharacters.isLetter).count) { continue }
            let text = OCRTextRepair.joinWords(spans.map(\.text))
            confidences += lineConfidences
            lines.append(TextLine(text: text, box: box, font: "OCR", size: size, bold: false, spans: spans,
                                  confidence: rounded(meanConfidence)))
        }
        let confidence = confidences.isEmpty ? 0 : confidences.reduce(0, +) / Double(confidences.count)
        lines = droppingSecondReadings(splicingPiecesInsideLines(mergingRowFragments(lines))).map(droppingDoubledSpans)
        return PageLayout(number: number, width: width, height: height, method: .ocr, confidence: rounded(confidence),
                          lines: lines, text: lines.map(\.text).joined(separator: "\n"))
    }

    /// Tesseract's page segmentation sometimes cuts the last character or two of
    /// justified lines off into a narrow "column" of its own, read after the
    /// main one, or parts a headline into two lines side by side. A narrow
    /// fragment on the same baseline as a line, close beside it, or a piece as
    /// tall touching it (less than half an em apart: no gutter is that narrow),
    /// is put back into that line, in left-to-right order; a line of the next
    /// text column is not a fragment. Pieces that overlap by a glyph or more
    /// read the ink between them twice (`…成立下` and `立不满5年…`, 200 dpi
    /// bitonal), as does a row read twice (`RowRereads`): the less confident
    /// piece loses its characters inside the other.
    static func mergingRowFragments(_ lines: [TextLine]) -> [TextLine] {
        var out: [TextLine] = []
        for line in lines {
            // A piece read inside a wider line's box is that line's ink read again
            // (`splicingPiecesInsideLines`), not the end of a line beside it.
            if lines.contains(where: { isInside(line, $0) }) {
                out.append(line)
                continue
            }
            var overlapping = false
            let host = out.indices.last { index in
                overlapping = false
                let other = out[index]
                let gap = max(line.box.x0 - other.box.x1, other.box.x0 - line.box.x1), em = max(line.size, other.size)
                let narrow = min(line.box.width, other.box.width) < 4 * em
                // (A label column beside contents rows, boxed over two rows, is no piece of one.)
                let alike = max(line.box.height, other.box.height) <= 1.5 * min(line.box.height, other.box.height)
                let shared = line.box.verticalOverlap(other.box)
                guard shared >= 0.6 || (alike && shared >= minRowOverlap) else { return false }
                if alike && gap < 0.5 * em && gap > -em { return true }
                if narrow && gap < 2 * em && gap > -em {
                    return gap < 0.5 * em || !startsColumn(line.box.x0 > other.box.x0 ? line : other, among: lines)
                }
                overlapping = alike && gap <= -em
                    && (-gap <= maxRereadEms * em && -gap < min(line.box.width, other.box.width) / 2 || isReadTwice(line, other))
                return overlapping
            }
            guard let host else { out.append(line); continue }
            var parts = [out[host], line].sorted { $0.box.x0 < $1.box.x0 }
            if overlapping { parts = withoutRereadCharacters(parts[0], parts[1]) }
            let spans = parts.flatMap(\.spans)
            let confidence = zip(parts, parts.map { Double($0.spans.count) }).reduce(0.0) { $0 + ($1.0.confidence ?? 0) * $1.1 }
                / Double(max(1, spans.count))
            // The longer part's size estimate is the better one.
            let size = parts.max { $0.text.count < $1.text.count }!.size
            out[host] = TextLine(text: OCRTextRepair.joinWords(parts.map(\.text)), box: parts.map(\.box).union!,
                                 font: out[host].font, size: size, bold: false, spans: spans,
                                 confidence: rounded(confidence))
        }
        return out
    }

    /// Whether two other lines at least 4 ems wide start where `piece` does: it
    /// is a line of the column whose left edge that is (a section label of
    /// contents set in two columns, `[山东]`, parted from the left entry by
    /// `ColumnStarts`), not a fragment of the line beside it. (The fragments
    /// tesseract cuts off justified lines are narrow, and may line up.)
    static func startsColumn(_ piece: TextLine, among lines: [TextLine]) -> Bool {
        // (Lines of like type: a footer's dash read beside its page number, 5 pt,
        // lines up with the 12 pt body's indent, v10710.)
        lines.filter { other in
            other.box.width >= 4 * other.size && abs(other.box.x0 - piece.box.x0) <= 0.8 * piece.size
                && max(other.size, piece.size) <= columnSizeRatio * min(other.size, piece.size)
                && other.box.verticalOverlap(piece.box) < 0.6
        }.count >= 2
    }

    /// Lines of one column: the larger type at most this many times the smaller.
    static let columnSizeRatio = 1.5

    /// A short piece read inside a line three times as wide or more, on its row:
    /// ink read again where tesseract's word boxes left it uncovered (`UnreadInk`
    /// reads such gaps). Where the line's words about it already hold the
    /// piece's text (`营经` inside `…部署民营经济…`, v8105) it is read twice and
    /// left out; else a confident piece as tall as the line is its lost words
    /// (`智能终` in `能蕊片和端的项目`) and goes in among them by place.
    static func splicingPiecesInsideLines(_ lines: [TextLine]) -> [TextLine] {
        var out = lines
        var gone = Set<Int>()
        for (index, piece) in lines.enumerated() {
            guard let host = lines.indices.first(where: { $0 != index && !gone.contains($0) && isInside(piece, lines[$0]) })
            else { continue }
            let text = piece.text.filter { !$0.isWhitespace }, em = out[host].size
            let about = out[host].spans.filter { $0.box.x1 >= piece.box.x0 - 2 * em && $0.box.x0 <= piece.box.x1 + 2 * em }
            if text.isEmpty || about.map(\.text).joined().contains(text) {
                gone.insert(index)
                continue
            }
            guard piece.box.height >= 0.6 * out[host].box.height, (piece.confidence ?? 0) >= splicedPieceConfidence else { continue }
            let spans = (out[host].spans + piece.spans).sorted { $0.box.x0 < $1.box.x0 }
            let weight = Double(out[host].spans.count), added = Double(piece.spans.count)
            out[host].confidence = rounded(((out[host].confidence ?? 0) * weight + (piece.confidence ?? 0) * added) / (weight + added))
            out[host].spans = spans
            out[host].text = OCRTextRepair.joinWords(spans.map(\.text))
            gone.insert(index)
        }
        return out.indices.filter { !gone.contains($0) }.map { out[$0] }
    }

    static let splicedPieceConfidence = 0.6

    /// Whether `piece` lies within `line`'s box on its row, a third of its width
    /// or less. (A line boxed over several rows, a cover's contents panel read as
    /// one, has no row a piece could be inside.)
    static func isInside(_ piece: TextLine, _ line: TextLine) -> Bool {
        line.box.width >= 3 * piece.box.width && piece.box.horizontalOverlap(line.box) >= 0.9
            && piece.box.verticalOverlap(line.box) >= 0.6 && line.box.height <= 2 * line.size
    }

    /// How much of the shorter piece's band two pieces of one row alike in
    /// height share at least (others: 0.6). Ink bands of rows a line apart share
    /// nothing; pieces of one row placed by their own few glyphs can sit a third
    /// of their height apart (`主办；天津滨` over `滨海综合发展研究院…`, v10610,
    /// share 0.597). A speck two rows tall (`>》六`, v10609) is not alike: it
    /// needs 0.6, which only the row it mostly stands on gives.
    static let minRowOverlap = 0.5

    /// How far (in ems) two pieces of a row may overlap and still be one row read
    /// in two: more is a line read twice, or no row at all.
    static let maxRereadEms = 3.0

    /// A span with the text of the one before it, boxed over it (each covering
    /// `doubledShare` of the other or more), is that character read twice (`洁` and `洁`
    /// at 343.0–349.8 and 342.6–350.5, a row's end read again, v10210): one
    /// goes. Two like characters side by side (常常) are boxed apart.
    static func droppingDoubledSpans(_ line: TextLine) -> TextLine {
        var spans: [TextSpan] = []
        for span in line.spans {
            if let last = spans.last, last.text == span.text, isBoxedOver(last.box, span.box) { continue }
            spans.append(span)
        }
        guard spans.count < line.spans.count else { return line }
        var out = line
        out.spans = spans
        out.text = OCRTextRepair.joinWords(spans.map(\.text))
        return out
    }

    /// Whether each box covers `doubledShare` of the other's width or more.
    static func isBoxedOver(_ a: Box, _ b: Box) -> Bool {
        let shared = min(a.x1, b.x1) - max(a.x0, b.x0)
        return shared >= doubledShare * a.width && shared >= doubledShare * b.width
    }

    /// (Two glyphs side by side can be boxed a little over each other: `敏` and
    /// `毓` read `敏敏`, 4.3 pt shared of 9.7 and 6.8, v10302.)
    static let doubledShare = 0.6

    /// Tesseract can read the end of a row twice: in its line, and again as a
    /// short line of its own over it, read with little confidence (`页秋取`
    /// over `…商业代却昆`, a two-column page). A line below `secondReadingConfidence`
    /// lying within a longer, more confident line's box is that ink read again: it is left out.
    static func droppingSecondReadings(_ lines: [TextLine]) -> [TextLine] {
        lines.filter { line in
            guard let confidence = line.confidence, confidence < secondReadingConfidence else { return true }
            return !lines.contains { other in
                other.box.width > line.box.width && (other.confidence ?? 0) > confidence
                    && line.box.horizontalOverlap(other.box) >= 0.8 && line.box.verticalOverlap(other.box) >= 0.6
            }
        }
    }

    static let secondReadingConfidence = 0.4

    /// The font size of a line: from its Han words' heights, else its width
    /// over its length in ems (Han and full-width characters one em, Latin
    /// letters and digits half, curly quotes and spaces less), else (short
    /// lines) the line height.
    static func estimatedSize(_ line: RecognizedLine, lineBox: Box, texts: [String], image: GrayImage) -> Double {
        // Han glyphs are nearly an em tall: the median height of the words that
        // hold Han characters, robust to a speck or a tall quote that inflates a few.
        // Specks and shading only ever make a reading larger: the smaller of
        // the two measures that apply.
        let hanHeights = zip(line.words, texts).filter { $0.1.contains(where: CJKCharacters.isLetter) }
            .map { Double($0.0.box.y1 - $0.0.box.y0) * 72 / image.dpiY }.sorted()
        let fromHeights = hanHeights.count >= 2 ? hanHeights[hanHeights.count / 2] / inkHeightPerEm : nil
        // The words' extent, not the line's box: tesseract sometimes gives a paragraph's short last line the paragraph's width.
        var inked = lineBox
        if let left = line.words.map(\.box.x0).min(), let right = line.words.map(\.box.x1).max() {
            inked.x1 = inked.x0 + Double(right - left) * 72 / image.dpiX
        }
        let (fromWidth, ems) = sizeFromWidth(lineBox: inked, texts: texts)
        var estimate = [fromHeights, ems >= 3 ? fromWidth : nil].compactMap { $0 }.min() ?? lineBox.height * inkHeightPerEm
        // Tesseract now and then boxes a long line's words a few pixels tall
        // (`”现代` 2 px in a 10 pt line, v10700): where both the width and the
        // line's own box say far larger, the heights are wrong. (Not where it
        // read letters: Han misread as `ee` is boxed wide and tall, v10607.)
        let fromBox = lineBox.height / inkHeightPerEm
        let letters = texts.contains { $0.contains { $0.isASCII && $0.isLetter } }
        if let fromHeights, !letters, ems >= squashedLineMinEms, fromHeights < squashedHeightShare * min(fromWidth, fromBox) {
            estimate = min(fromWidth, fromBox)
        }
        return (estimate * 2).rounded() / 2
    }

    /// A line this many ems long or longer whose words' heights give less than
    /// this share of what its width and its box give has wrongly boxed words.
    static let squashedLineMinEms = 8.0, squashedHeightShare = 0.6

    /// The line's width over its length in ems, and that length.
    static func sizeFromWidth(lineBox: Box, texts: [String]) -> (Double, Double) {
        let ems = texts.joined().unicodeScalars.reduce(0.0) { total, s in
            switch s.value {
            case 0x2018...0x201F: total + 0.4
            case 0x20: total + 0.25
            case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFF01...0xFF5E, 0x3000...0x303F: total + 1
            default: total + 0.55
            }
        }
        return (ems > 0 ? lineBox.width / ems : 0, ems)
    }

    /// A line read across a gap wider than `columnGapHeights` glyphs is parted there.
    /// `image`: the image read, where a gap must also be blank (word boxes can be
    /// far narrower than their characters; a gutter is white), unless wider
    /// than `inkedGapHeights` glyphs.
    static func splittingAtColumnGaps(_ page: RecognizedPage, image: GrayImage? = nil,
                                      inkedGapHeights: Double = .infinity) -> RecognizedPage {
        var out = page
        out.lines = page.lines.flatMap { line -> [RecognizedLine] in
            guard line.words.count >= 2 else { return [line] }
            let height = gapMeasure(line), limit = columnGapHeights * height
            // A word's box can be far narrower than its characters (`，营造` boxed as the comma):
            // its Han fill at least their squares, its letters and digits half of one.
            func right(_ word: RecognizedWord) -> Double {
                let han = word.text.filter(CJKCharacters.isLetter).count
                let narrow = word.text.filter { ($0.isLetter || $0.isNumber) && !CJKCharacters.isLetter($0) }.count
                return max(Double(word.box.x1), Double(word.box.x0) + (Double(han) + 0.5 * Double(narrow)) * height)
            }
            var parts: [[RecognizedWord]] = [[line.words[0]]]
            for (previous, word) in zip(line.words, line.words.dropFirst()) {
                let gap = PixelBox(x0: Int(right(previous)), y0: line.box.y0, x1: word.box.x0, y1: line.box.y1)
                let width = Double(gap.x1 - gap.x0)
                if width > limit, width > inkedGapHeights * height || (image.map({ isBlank(gap, on: $0, page: page) }) ?? true) {
                    parts.append([])
                }
                parts[parts.count - 1].append(word)
            }
            guard parts.count > 1 else { return [line] }
            // Marks alone across a gap (a rule, a scan's dark border read as ‖[) are no text.
            let text = parts.filter { $0.contains { $0.text.contains { $0.isLetter || $0.isNumber } } }
            return text.map { words in
                RecognizedLine(box: PixelBox(x0: words.map(\.box.x0).min()!, y0: line.box.y0,
                                             x1: words.map(\.box.x1).max()!, y1: line.box.y1), words: words)
            }
        }
        return out
    }

    /// The glyph height a line's gaps are measured in (`splittingAtColumnGaps`),
    /// in the reading's pixels: its words' median height (not only its Han
    /// words', as `SmallTextReread.glyphHeight`: a line of digits has gaps
    /// too), or where at least a third of its Han words are boxed tightly
    /// (`tightBoxShares` of the line's height), theirs. Tesseract boxes
    /// some characters of a contents row as tall as two rows (59 px round
    /// 28 px glyphs, v10410), which would hide a gutter four glyphs wide.
    /// (Flat glyphs, `一` boxed 3 px tall, are no measure: v10311.)
    static func gapMeasure(_ line: RecognizedLine) -> Double {
        let lineHeight = Double(line.box.y1 - line.box.y0)
        // A word boxed taller than its own line (44 px in a 34 px contents row, v11802) measures
        // nothing of the glyphs: no word is taller than its line.
        let heights = line.words.map { min(lineHeight, Double($0.box.y1 - $0.box.y0)) }.sorted()
        let han = line.words.filter { $0.text.contains(where: CJKCharacters.isLetter) }.map { Double($0.box.y1 - $0.box.y0) }
        let tight = han.filter { tightBoxShares.contains($0 / max(1, lineHeight)) }.sorted()
        guard tight.count >= 3, 3 * tight.count >= han.count else { return heights[heights.count / 2] }
        return tight[tight.count / 2]
    }

    static let tightBoxShares = 0.35..<0.7

    /// Whether the middle of a gap between two words (in the reading's pixels) has no ink on the image.
    static func isBlank(_ gap: PixelBox, on image: GrayImage, page: RecognizedPage) -> Bool {
        let w = gap.x1 - gap.x0, h = gap.y1 - gap.y0
        let middle = PixelBox(x0: gap.x0 + w / 5, y0: gap.y0 + h / 5, x1: gap.x1 - w / 5, y1: gap.y1 - h / 5)
        let area = SmallTextReread.onImage(middle, page: page).clamped(width: image.width, height: image.height)
        guard area.x1 > area.x0, area.y1 > area.y0 else { return true }
        var dark = 0
        for y in area.y0..<area.y1 { for x in area.x0..<area.x1 where image.pixels[y * image.width + x] < 128 { dark += 1 } }
        return Double(dark) <= 0.01 * Double((area.x1 - area.x0) * (area.y1 - area.y0))
    }

    /// Dust on a scan is read as punctuation: a word of punctuation or symbols
    /// only, whose box is tiny next to the page's Han glyphs (longer side under
    /// 12% of their median height) and whose confidence is below 90, is dropped.
    /// So is a speck read as one Han character at the start of a line (`二` from
    /// a 3×2 px dot in the indent, confidence 19, v10210, which joined the line to
    /// the heading above it): boxed under a quarter of a glyph, with blank paper
    /// wider than 1.5 glyphs between it and the rest of the line on `image`.
    /// (Tesseract boxes many real characters as small, `使` and `市` at a line's
    /// start too: their ink is in the gap.) And a line that is one digit or Latin
    /// letter boxed under a quarter of a glyph, read below confidence 90 (`3`
    /// from a 4 px speck in a column, v10505): a page number or a list's
    /// letter is set at least half a glyph high.
    public static func droppingSpecks(_ page: RecognizedPage, image: GrayImage? = nil) -> RecognizedPage {
        let hanHeights = page.lines.flatMap(\.words)
            .filter { $0.text.contains(where: CJKCharacters.isLetter) }
            .map { $0.box.y1 - $0.box.y0 }.sorted()
        guard !hanHeights.isEmpty else { return page }
        let median = Double(hanHeights[hanHeights.count / 2]), limit = median * 0.12
        var out = page
        out.lines = page.lines.compactMap { line in
            var line = line
            if let image { line.words = droppingHanSpecks(line, median: median, image: image, page: page) }
            line.words.removeAll { word in
                let symbolsOnly = word.text.unicodeScalars.allSatisfy {
                    [.otherPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
                     .dashPunctuation, .connectorPunctuation, .mathSymbol, .otherSymbol, .modifierSymbol,
                     .currencySymbol].contains($0.properties.generalCategory)
                }
                let side = Double(max(word.box.x1 - word.box.x0, word.box.y1 - word.box.y0))
                return symbolsOnly && side < limit && word.confidence < 90
            }
            // A speck read as a digit or a letter, alone on its line (`3` boxed 4 px, v10505).
            if line.words.count == 1, let word = line.words.first, word.text.count == 1,
               word.text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), word.confidence < 90,
               Double(max(word.box.x1 - word.box.x0, word.box.y1 - word.box.y0)) < 0.25 * median { return nil }
            return line.words.isEmpty ? nil : line
        }
        return out
    }

    /// `droppingSpecks`' Han specks: a line's first word when it is one. (Not its
    /// last: a headline's `日` boxed 1 pt wide two glyphs right of `工作` was a real
    /// one, v10311, and the gap before it read as blank.) The gap is measured in
    /// the line's own glyphs where they are larger than the page's.
    static func droppingHanSpecks(_ line: RecognizedLine, median: Double, image: GrayImage, page: RecognizedPage) -> [RecognizedWord] {
        guard line.words.count >= 2 else { return line.words }
        let (first, second) = (line.words[0], line.words[1])
        let heights = line.words.dropFirst().filter { $0.text.contains(where: CJKCharacters.isLetter) }
            .map { Double($0.box.y1 - $0.box.y0) }.sorted()
        let glyph = max(median, heights.isEmpty ? 0 : heights[heights.count / 2])
        let gap = PixelBox(x0: first.box.x1, y0: line.box.y0, x1: second.box.x0, y1: line.box.y1)
        let isSpeck = first.text.count == 1 && first.text.unicodeScalars.allSatisfy(CJKCharacters.isLetter) && first.confidence < 90
            && Double(max(first.box.x1 - first.box.x0, first.box.y1 - first.box.y0)) < 0.25 * median
            && Double(gap.x1 - gap.x0) > 1.5 * glyph && isBlank(gap, on: image, page: page)
        return isSpeck ? Array(line.words.dropFirst()) : line.words
    }

    /// Lines that open a paragraph: indented from their column's left edge, or
    /// after a line that stops well short of its column's right edge. A
    /// column's edges are those of the lines across from it (not the page's:
    /// every line of a left column would stop short of the right column's edge).
    static func paragraphStarts(_ lines: [RecognizedLine]) -> Set<Int> {
        guard !lines.isEmpty else { return [] }
        let edges = lines.map { line in columnEdges(of: line, among: lines) }
        var starts: Set<Int> = [0]
        for i in 1..<lines.count {
            let height = Double(max(1, lines[i].box.y1 - lines[i].box.y0))
            if Double(lines[i].box.x0 - edges[i].left) > 1.2 * height || Double(edges[i - 1].right - lines[i - 1].box.x1) > 2 * height {
                starts.insert(i)
            }
        }
        return starts
    }

    /// The left and right edges (10th and 90th percentiles) of the lines that
    /// overlap `line` across by half the narrower's width: its column.
    static func columnEdges(of line: RecognizedLine, among lines: [RecognizedLine]) -> (left: Int, right: Int) {
        let column = lines.filter { other in
            let overlap = min(line.box.x1, other.box.x1) - max(line.box.x0, other.box.x0)
            return 2 * overlap >= min(line.box.x1 - line.box.x0, other.box.x1 - other.box.x0)
        }
        let lefts = column.map(\.box.x0).sorted(), rights = column.map(\.box.x1).sorted()
        return (lefts[lefts.count / 10], rights[rights.count * 9 / 10])
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// A box on the (possibly deskewed) image as a page box: the page's straight
    /// reading frame, so that a column's lines share their left edge however
    /// the sheet lay on the scanner. `PageRead.transformOntoScan` draws them
    /// over the page as scanned; `onScan` maps one back.
    static func pageBox(_ box: PixelBox, _ recognized: RecognizedPage, _ image: GrayImage) -> Box {
        image.pageBox(x0: Double(box.x0), y0: Double(box.y0), x1: Double(box.x1), y1: Double(box.y1))
    }

    /// A box of the straight frame where the scan prints it: rotated back about
    /// the image centre by the deskew angle (leptonica turned the image clockwise).
    public static func onScan(_ box: Box, deskewAngle: Double, image: GrayImage) -> Box {
        let theta = deskewAngle * .pi / 180
        let cx = image.originX + Double(image.width) * 36 / image.dpiX, cy = image.originY + Double(image.height) * 36 / image.dpiY
        let corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x0, box.y1), (box.x1, box.y1)].map { x, y in
            let dx = x - cx, dy = y - cy
            return (cx + dx * cos(theta) + dy * sin(theta), cy - dx * sin(theta) + dy * cos(theta))
        }
        let xs = corners.map(\.0), ys = corners.map(\.1)
        return Box(x0: xs.min()!, y0: ys.min()!, x1: xs.max()!, y1: ys.max()!)
    }
}
