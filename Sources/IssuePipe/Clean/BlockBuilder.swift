/// Joins a page's lines into blocks (paragraphs, headings) by geometry:
/// a new block starts at a style change, a larger gap, a first-line indent or
/// after a line that stops short of the right margin.
struct BlockBuilder {
    struct Line {
        var ref: String
        var page: Int
        /// 0 the only or left column, 1 the right one, -1 across both (see `ReadingOrder`).
        var column: Int = 0
        var line: TextLine
        /// Where its text column's edges are looked up.
        var area: Area { Area(page: page, column: column) }
    }

    /// One text column of one page.
    struct Area: Hashable {
        var page: Int
        var column: Int
    }

    /// Measures of the body text, taken over the whole document.
    struct Metrics {
        var bodySize: Double
        var leftEdge: [Area: Double]
        var rightEdge: [Area: Double]
        /// How far right most text-layer body lines reach (their 90th percentile):
        /// in ragged-right text, well past the commonest right edge.
        var reach: [Area: Double] = [:]
        var lineGap: Double
        /// Paragraphs start with a first-line indent: then a line that stops
        /// short before an unbreakable token is not a paragraph end unless the
        /// next line is indented.
        var indentsParagraphs: Bool
        /// The distance between the baselines of consecutive OCR body lines.
        var ocrPitch: Double? = nil
        /// Paragraphs are set apart by spacing: most lines that stop short at a
        /// sentence's end are followed by a paragraph gap. Then a gap, not a short
        /// line, ends a paragraph (ragged-right text stops short mid-sentence).
        var spacesParagraphs = false
        /// How far paragraphs' first lines are set in, in body ems (the median
        /// over lines after a sentence's end that are indented); nil without indents.
        var indentEms: Double? = nil
        /// How far down the page full columns reach: the upper quartile over
        /// areas (of three body lines or more) of their lowest body line's bottom.
        var foot: Double? = nil
    }

    static func metrics(_ lines: [Line], rules: BlockRules = BlockRules()) -> Metrics {
        var sizeWeight: [Double: Int] = [:]
        for l in lines { sizeWeight[l.line.size, default: 0] += l.line.text.unicodeScalars.count }
        let bodySize = sizeWeight.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 12
        let body = lines.filter { isBodyStyle($0.line, bodySize, rules: rules) }
        var left: [Area: Double] = [:], right: [Area: Double] = [:], reach: [Area: Double] = [:]
        var feet: [Double] = []
        for (page, pageLines) in Dictionary(grouping: body, by: \.area) {
            if pageLines.count >= 3, let lowest = pageLines.map(\.line.box.y1).max() { feet.append(lowest) }
            reach[page] = quantile(pageLines.filter { $0.line.confidence == nil }.map(\.line.box.x1), 0.9)
            let x0s = pageLines.map(\.line.box.x0), x1s = pageLines.map(\.line.box.x1)
            if pageLines.contains(where: { $0.line.confidence != nil }) {
                // OCR edges wander by a point or two, and a speck can start a line:
                // the edges most lines reach, not the extremes or an exact mode.
                left[page] = quantile(x0s, rules.ocrLeftEdgeQuantile)
                right[page] = quantile(x1s, rules.ocrRightEdgeQuantile)
            } else {
                // The left edge is the leftmost position two lines share: indented first
                // lines can outnumber the others when paragraphs are short.
                left[page] = leftmostShared(x0s) ?? x0s.min()
                right[page] = mode(x1s) ?? x1s.max()
            }
        }
        var gaps: [Double] = []
        for (a, b) in zip(body, body.dropFirst()) where a.area == b.area {
            let gap = b.line.box.y0 - a.line.box.y1
            if gap > -1, gap < rules.maxLineGapEms * bodySize { gaps.append(gap) }
        }
        gaps.sort()
        // The gap between lines of one paragraph: the lower quartile (paragraph
        // spacing and headings only ever widen gaps).
        let lineGap = gaps.isEmpty ? bodySize * rules.defaultLineGapEms : gaps[gaps.count / 4]
        var pitches: [Double] = []
        for (a, b) in zip(body, body.dropFirst()) where a.area == b.area && a.line.confidence != nil {
            let pitch = rowPosition(b.line) - rowPosition(a.line)
            if pitch > rules.ocrMinPitchEms * bodySize, pitch < rules.ocrMaxPitchEms * bodySize { pitches.append(pitch) }
        }
        var metrics = Metrics(bodySize: bodySize, leftEdge: left, rightEdge: right, reach: reach, lineGap: lineGap, indentsParagraphs: false,
                              ocrPitch: pitches.isEmpty ? nil : quantile(pitches, 0.5))
        metrics.foot = quantile(feet, 0.75)
        var afterShort = 0, indentedAfterShort = 0, spacedAfterShort = 0
        var insets: [Double] = []
        // Only lines that end a sentence: ragged-right lines stop short mid-paragraph too.
        for (a, b) in zip(body, body.dropFirst()) where a.area == b.area {
            guard let r = right[a.area], let l = left[b.area], a.line.box.x1 < r - rules.marginEms * bodySize,
                  a.line.text.last(where: { !$0.isWhitespace }).map(sentenceEnds.contains) ?? false else { continue }
            afterShort += 1
            if b.line.box.x0 > l + rules.indentEms * bodySize {
                indentedAfterShort += 1
                insets.append((b.line.box.x0 - l) / bodySize)
            }
            if metrics.isParagraphGap(a.line, b.line, rules: rules) { spacedAfterShort += 1 }
        }
        let enough = afterShort >= rules.indentedMinShortLines
        metrics.indentsParagraphs = enough && Double(indentedAfterShort) >= rules.indentedShare * Double(afterShort)
        metrics.spacesParagraphs = enough && Double(spacedAfterShort) >= rules.spacedShare * Double(afterShort)
        metrics.indentEms = metrics.indentsParagraphs ? quantile(insets, 0.5) : nil
        return metrics
    }

    /// The value below which `fraction` of the values lie.
    static func quantile(_ values: [Double], _ fraction: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Where a line stands, to measure the step from one line to the next: on a
    /// text layer its bottom; for OCR, the median centre of its Han words (tall
    /// quotes, brackets and specks move a line's box, not its characters, and a
    /// word box OCR stretched over a speck grows on both sides: its centre moves
    /// less than its bottom, `意义` boxed 19 pt high in 11 pt type).
    static func rowPosition(_ line: TextLine) -> Double {
        guard line.confidence != nil else { return line.box.y1 }
        let centres = line.spans.filter { $0.text.unicodeScalars.contains(where: CJKCharacters.isHan) }.map(\.box.midY).sorted()
        return centres.isEmpty ? line.box.midY : centres[centres.count / 2]
    }

    /// The most common value, rounded to the point, if it occurs at least twice.
    static func mode(_ values: [Double]) -> Double? {
        var counts: [Int: Int] = [:]
        for v in values { counts[Int(v.rounded()), default: 0] += 1 }
        guard let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              best.value >= 2 else { return nil }
        return Double(best.key)
    }

    static func meanConfidence(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : ((values.reduce(0, +) / Double(values.count)) * 1000).rounded() / 1000
    }

    /// The smallest value, rounded to the point, that at least two lines share.
    static func leftmostShared(_ values: [Double]) -> Double? {
        var counts: [Int: Int] = [:]
        for v in values { counts[Int(v.rounded()), default: 0] += 1 }
        return counts.filter { $0.value >= 2 }.keys.min().map(Double.init)
    }

    static func isBodyStyle(_ line: TextLine, _ bodySize: Double, rules: BlockRules) -> Bool {
        !line.bold && abs(line.size - bodySize) <= (line.confidence == nil ? rules.bodySizeTolerance : rules.ocrBodySizeTolerance) * bodySize
    }

    func isBodyStyle(_ line: TextLine) -> Bool { Self.isBodyStyle(line, metrics.bodySize, rules: rules) }

    let metrics: Metrics
    let rules: BlockRules
    /// Full-width letters and digits written as ASCII (`text.foldFullWidth`).
    var foldFullWidth = true

    /// Why `next` does not continue the block that `previous` ends, or nil if it does.
    /// The first of the pieces on the baseline of a block's last line, left to
    /// right before it (OCR cuts a line at wide spaces), if there are any.
    static func rowStart(_ block: [Line]) -> Line? {
        guard var piece = block.last else { return nil }
        var start: Line?
        for earlier in block.dropLast().reversed() {
            guard earlier.line.box.verticalOverlap(piece.line.box) > 0.5, earlier.line.box.x1 <= piece.line.box.x0 + 1 else { break }
            (start, piece) = (earlier, earlier)
        }
        return start
    }

    /// `rowStart`: the first piece of `previous`'s row before it (`rowStart(_:)`).
    func breakReason(_ previous: Line, _ next: Line, rowStart: Line? = nil) -> String? {
        let a = previous.line, b = next.line
        let size = max(a.size, b.size)
        // OCR sizes are estimates (±10%) and its boxes loose: wider tolerances there.
        let ocr = a.confidence != nil || b.confidence != nil
        // A text layer's sizes are exact: a title 1.11 times the body (15.54 pt
        // over 13.99, its bold faked by stroking, v8306) differs by more than
        // `styleChange` of the smaller size, if not of the larger.
        let styleSize = ocr ? size : min(a.size, b.size)
        // An OCR size from a paragraph's last line of a character or two is a guess:
        // no style break on it alone. (A short line before a larger one is a label.)
        let sizesKnown = !ocr || (b.text.count >= rules.ocrSizeMinCharacters && !endsRunningSentence(previous, next))
        // OCR cuts a line where a mark it did not read leaves a gap, and guesses each
        // piece's size apart (8 pt and 10.5 pt on one baseline): a piece to the right
        // on the same baseline is the rest of the line, whatever size it was given.
        if ocr, b.box.verticalOverlap(a.box) > 0.5, b.box.x0 >= a.box.x1 - 1, previous.area == next.area { return nil }
        if sizesKnown, abs(a.size - b.size) > (ocr ? rules.ocrStyleChange : rules.styleChange) * styleSize,
           !(ocr && fillsMeasureAtPitch(previous, next)), !wrapsInItsType(previous, next) { return "style" }
        if a.bold != b.bold, !isBoldLeadIn(previous, next) { return "style" }
        // (A piece on the same baseline is the rest of that line, whatever its place.)
        // A piece OCR cut off the end of a full line is no flush-right line: its row starts at the margin.
        if isFlushRight(previous, rowX0: rowStart?.line.box.x0), b.box.verticalOverlap(a.box) <= 0.5 { return "flush-right" }
        if previous.area != next.area { return crossColumnBreak(previous, next) }
        if b.box.y0 < a.box.y0 - rules.columnRiseEms * size { return "column" }
        // A piece on the same baseline to the right is the rest of the line (OCR cut it at a wide space).
        // (A justified last line set with wide letter spacing comes apart the same way.)
        if b.box.verticalOverlap(a.box) > 0.5 { return b.box.x0 >= a.box.x1 - 1 ? nil : "same-baseline" }
        if metrics.isParagraphGap(a, b, rules: rules) {
            // Scanned lines sit unevenly: a line that runs to the margin without
            // ending a sentence goes on below it unless the gap is wide, or it is
            // set larger than the body over a body line that runs to the margin
            // too (a long headline over its first paragraph: 17 and 14 pt, closer
            // than a style change at OCR's tolerance). Sizes are the document's:
            // OCR's guesses for two body lines can differ as much.
            let body = metrics.bodySize
            let sizedApart = sizesKnown && reachesMargin(b, in: previous.area) && a.size - body > rules.styleChange * body
                && abs(b.size - body) <= rules.styleChange * body
            let runsOn = ocr && reachesMargin(a, in: previous.area) && !closesBeforeGap(a) && !sizedApart
            let pitch = metrics.ocrPitch ?? rules.ocrDefaultPitchEms * size
            // A gap and an indent together end a body paragraph whatever OCR read
            // at the line's end (`…优先保障` over `二、发挥国资和并购`, its 。 lost,
            // v10919): a line whose first character OCR lost follows at the pitch.
            // (A headline's centred last line is set in below a wider step.)
            let setIn = isSetIn(next, size: size) && isBodyStyle(a) && isBodyStyle(b) && !endsCentredHeadline(previous, next)
            if !runsOn || Self.rowPosition(b) - Self.rowPosition(a) > rules.ocrRunOnPitches * pitch || setIn { return "gap" }
        }
        // On OCR pages size and weight say little, so a title or heading is
        // told from the body by geometry too: body lines are indented or full.
        guard isBodyStyle(a) || ocr else { return nil }
        if let left = metrics.leftEdge[next.area], isSetIn(next, size: size),
           !(ocr && (lostItsFirstCharacters(previous, next, left: left) || endsCentredHeadline(previous, next))) {
            return "indent"
        }
        if isShort(previous, before: next) { return "short-line" }
        return nil
    }

    /// OCR sizes a line of a paragraph far off its neighbours (a justified line
    /// boxed tall, `网通办”改革行动方案` at 18 pt among 13.5, v10509): where it runs
    /// to the margin mid-sentence, the next line starts at the margin, and the
    /// block so far (two lines or more; its size the median of its lines) is
    /// set like the next line, the paragraph goes on. A headline's block is
    /// set larger than the line under it.
    func goesOnInTheBlocksSize(_ block: [Line], _ next: Line) -> Bool {
        guard block.count >= 2, let last = block.last, last.area == next.area, reachesMargin(last.line, in: last.area),
              !endsSentence(last.line), startsAtMargin(next) else { return false }
        let size = Self.ocrBlockSize(block.map(\.line), rules: rules)
        return abs(size - next.line.size) <= rules.ocrStyleChange * max(size, next.line.size)
    }

    /// A paragraph's short last line closing its sentence (`予贴息。`) under a
    /// line running to the margin mid-sentence: OCR sizes it by a guess. (A
    /// short line closing a bracket, `（图2）`, may be a caption.) So is a short
    /// line set from the margin whose full stop OCR lost (`长9.1%`, 13.5 pt
    /// under 10.5), or a wrapped heading's last line (`增长10%以上`); not a
    /// bracketed label (`【福建】`).
    func endsRunningSentence(_ previous: Line, _ next: Line) -> Bool {
        guard previous.area == next.area, !endsSentence(previous.line),
              next.line.text.count <= rules.ocrLastLineSizeCharacters else { return false }
        let closes = next.line.text.last(where: { !$0.isWhitespace }).map(Self.strongEnds.contains) == true
        let opensLabel = next.line.text.first(where: { !$0.isWhitespace }).map(Self.labelOpenings.contains) == true
        guard closes || startsAtMargin(next) && !opensLabel else { return false }
        return reachesMargin(previous.line, in: previous.area)
    }

    /// Whether a line's text starts `indentEms` or more right of its area's left edge.
    func isSetIn(_ line: Line, size: Double) -> Bool {
        metrics.leftEdge[line.area].map { Self.textStart(line.line) > $0 + rules.indentEms * min(size, metrics.bodySize * rules.indentMaxSize) }
            ?? false
    }

    /// Whether a line ends within `marginEms` (of its own size) of its area's right edge.
    func reachesMargin(_ line: TextLine, in area: Area) -> Bool {
        metrics.rightEdge[area].map { line.box.x1 >= $0 - rules.marginEms * line.size } ?? false
    }

    /// Where paragraphs are spaced and not indented, a scanned line set in by a
    /// character or two under a line that runs to the margin mid-sentence, with
    /// no gap between them, goes on: OCR lost its first character or quote mark
    /// (`业总部超过300家`, `“直通车”`).
    ///
    /// Where paragraphs are indented, such a line set in clearly less than the
    /// document's own first-line indent goes on too: OCR lost its first character
    /// (`长8.7%，占全部投资…` read `8.7%，…`, set in 1.5 ems where paragraphs start 2 in).
    /// `previous` may be a column's or page's last line, `next` the next one's first.
    func lostItsFirstCharacters(_ previous: Line, _ next: Line, left: Double) -> Bool {
        guard let right = metrics.rightEdge[previous.area] else { return false }
        let a = previous.line, size = min(a.size, next.line.size)
        guard a.box.x1 >= right - rules.marginEms * size, !endsSentence(a) else { return false }
        if metrics.indentsParagraphs {
            guard let indent = metrics.indentEms else { return false }
            return next.line.box.x0 <= left + (indent - rules.lostIndentEms) * metrics.bodySize
        }
        return metrics.spacesParagraphs && next.line.box.x0 <= left + rules.lostCharactersEms * size
    }

    /// A scanned headline wrapped by a character or two: its last line is set
    /// centred under a line that runs from margin to margin mid-sentence
    /// (`…压缩至半个工作` / `日`). Its inset is no indent.
    func endsCentredHeadline(_ previous: Line, _ next: Line) -> Bool {
        guard previous.area == next.area, previous.page == next.page, !endsSentence(previous.line),
              next.line.text.filter({ !$0.isWhitespace }).count <= rules.ocrLastLineSizeCharacters,
              startsAtMargin(previous), reachesMargin(previous.line, in: previous.area) else { return false }
        let a = previous.line.box, b = next.line.box
        return abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= rules.marginEms * previous.line.size
    }

    /// Two scanned lines that both run from the left edge to the right margin,
    /// a body pitch apart: lines of one paragraph, whatever sizes OCR guessed
    /// (a justified line with digits in it is spaced out, and its width misleads).
    func fillsMeasureAtPitch(_ previous: Line, _ next: Line) -> Bool {
        guard previous.area == next.area, let pitch = metrics.ocrPitch else { return false }
        let step = Self.rowPosition(next.line) - Self.rowPosition(previous.line)
        let size = min(metrics.bodySize, previous.line.size, next.line.size)
        return abs(step - pitch) <= rules.ocrSamePitch * pitch
            && [previous, next].allSatisfy { line in
                startsAtMargin(line) && metrics.rightEdge[line.area].map { line.line.box.x1 >= $0 - rules.marginEms * size } == true
            }
    }

    /// Where paragraphs are not indented, a block of lines set centred (a
    /// headline's last line) is no paragraph's start: the flush line under it
    /// starts one. (A paragraph line OCR lost its first character of looks
    /// centred too, but follows a full line of its block, or ends mid-sentence.)
    func centredBreak(_ block: [Line], _ next: Line) -> Bool {
        guard let last = block.last, last.line.confidence != nil || next.line.confidence != nil, !metrics.indentsParagraphs,
              block.allSatisfy(isCentred), !isCentred(next),
              !block.contains(where: { $0.line.text.contains { "，；。,;".contains($0) } }),
              let end = last.line.text.last(where: { !$0.isWhitespace }), !"、".contains(end) else { return false }
        return true
    }

    /// Inset from both edges of its column by about as much, and by more than an indent.
    func isCentred(_ line: Line) -> Bool {
        guard let left = metrics.leftEdge[line.area], let right = metrics.rightEdge[line.area] else { return false }
        let box = line.line.box, size = min(line.line.size, metrics.bodySize * rules.indentMaxSize)
        let leftInset = box.x0 - left, rightInset = right - box.x1
        return leftInset > rules.indentEms * size && rightInset > rules.indentEms * size
            && abs(leftInset - rightInset) <= rules.marginEms * size
    }

    /// A line set flush right that starts well inside its column (a source
    /// citation, a date, a signature) stands alone: nothing after it continues it.
    /// (A first-line indent is two or three characters; this is more.)
    func isFlushRight(_ line: Line, rowX0: Double? = nil) -> Bool {
        guard let left = metrics.leftEdge[line.area], let right = metrics.rightEdge[line.area] else { return false }
        let box = line.line.box, size = line.line.size
        return min(box.x0, rowX0 ?? box.x0) > left + rules.flushRightEms * size && box.x1 >= right - rules.marginEms * size
    }

    /// A paragraph's bold opening sentence that fills most of its first line:
    /// the line, bold with some regular text or ending a sentence (a heading
    /// does not), runs to the margin and the regular text goes on below it, flush left.
    func isBoldLeadIn(_ previous: Line, _ next: Line) -> Bool {
        func plainHan(_ line: TextLine) -> Bool { line.spans.contains { !$0.bold && $0.text.unicodeScalars.contains(where: CJKCharacters.isHan) } }
        guard previous.line.bold, !next.line.bold, previous.area == next.area, previous.page == next.page,
              plainHan(previous.line) || previous.line.text.last.map(Self.strongEnds.contains) == true
                // A lead-in that wraps: the next line goes on in bold, then in the body's weight.
                || (next.line.spans.first?.bold == true && plainHan(next.line)),
              isBodyStyle(next.line),
              let right = metrics.rightEdge[previous.area], let left = metrics.leftEdge[next.area] else { return false }
        return previous.line.box.x1 >= right - rules.marginEms * previous.line.size
            && next.line.box.x0 <= left + rules.flushLeftEms * next.line.size
    }

    /// A run of other type that wraps, in a text layer: a paragraph's lead-in
    /// sentence set in a fallback font 1.2 times the body (`四是强化人才和法律服`
    /// over `务。组织开展…`, Chromium, v10316) fills its line, and the next line
    /// opens in the same font and size, then goes on in the body's. One
    /// paragraph: a headline never shares a line with body text.
    func wrapsInItsType(_ previous: Line, _ next: Line) -> Bool {
        guard previous.line.confidence == nil, next.line.confidence == nil, previous.area == next.area,
              previous.page == next.page, let last = previous.line.spans.last, let first = next.line.spans.first,
              first.font == last.font, abs(first.size - last.size) < 0.01, isBodyStyle(next.line),
              next.line.spans.contains(where: { abs($0.size - first.size) > rules.styleChange * first.size }),
              let right = metrics.rightEdge[previous.area], let left = metrics.leftEdge[next.area] else { return false }
        return previous.line.box.x1 >= right - rules.marginEms * previous.line.size
            && next.line.box.x0 <= left + rules.flushLeftEms * next.line.size
    }

    /// Stops before the right margin at the end of a paragraph. CJK wrapping
    /// also leaves a line short before an unbreakable group (a number, a quoted
    /// Latin phrase), so a short line that does not end a sentence ends a
    /// paragraph only in a layout without indents, and only when the next
    /// line's first unbreakable group would have fitted in the space left.
    func isShort(_ line: Line, before next: Line) -> Bool {
        guard let right = metrics.rightEdge[line.area] else { return false }
        let box = line.line.box, size = line.line.size
        guard box.x1 < right - rules.marginEms * size else {
            // Ragged right: a line that ends a sentence with room left for the next
            // line's first character (or group) ended its paragraph, wherever it stops.
            guard line.line.confidence == nil, let reach = metrics.reach[line.area], endsSentence(line.line) else { return false }
            return LineBreaking.leadingGroupWidth(next.line) < reach - box.x1
        }
        if let last = line.line.text.last(where: { !$0.isWhitespace }), Self.sentenceEnds.contains(last) {
            // A closing mark with no full stop before it (`…若干措施》` / `（以下简称…`) ends a
            // paragraph only where the next line's first group would have fitted: an opening
            // bracket is never left at a line's end. OCR boxes ink, not advances: half an em more.
            guard Self.closingMarks.contains(last), !endsSentenceInsideMarks(line.line) else { return true }
            let slack = line.line.confidence == nil ? 0 : 0.5 * size
            return LineBreaking.leadingGroupWidth(next.line) + slack < right - box.x1
        }
        // Where paragraphs are set apart by spacing, the gap ends them: a scanned
        // ragged-right line, set from the margin, stops short mid-sentence by three
        // ems and more (a heading, by more, or set in: no gap need follow it).
        if line.line.confidence != nil, metrics.spacesParagraphs, startsAtMargin(line),
           right - box.x1 < min(rules.ocrRaggedEms * size, rules.ocrRaggedShare * (measure(line.area) ?? 0)) { return false }
        // OCR drops the spaces a producer wrapped at (`分别增` / `长 5.8%`) and a
        // line's last glyph or two: a line a little short mid-sentence goes on.
        if line.line.confidence != nil, right - box.x1 < rules.ocrRunOnEms * size { return false }
        // (The edge is the lines' commonest end, rounded: a group within a tenth
        // of an em of it may not have fitted, v10818's `20%。` 0.03 pt short.)
        return !metrics.indentsParagraphs && LineBreaking.leadingGroupWidth(next.line) + Self.fitSlackEms * size < right - box.x1
    }

    static let fitSlackEms = 0.1
    /// How far left of its column's edge an OCR line starts for the marks it opens with to be a speck, in ems.
    static let speckOutsideEms = 0.5
    /// How much of its measure a scanned column's last line leaves empty at least
    /// to have ended its paragraph before a short line at the next column's top.
    static let emptiedColumnShare = 0.5

    /// A line ending in closing marks after a full stop (`。”`, `！）`).
    func endsSentenceInsideMarks(_ line: TextLine) -> Bool {
        line.text.reversed().drop { $0.isWhitespace || Self.closingMarks.contains($0) }.first.map(Self.strongEnds.contains) ?? false
    }

    /// Closing quotes and brackets: they end a sentence only after a full stop.
    static let closingMarks: Set<Character> = ["”", "’", "）", "」", "』", "》", ")"]

    /// `endsSentence`, where a gap follows: a closing quote ends a paragraph only
    /// after a full stop (`…打造对台合作和“海丝”` ran to the margin over a gap a
    /// scan's uneven lines left, v10208); a closing bracket does (a citation's).
    func closesBeforeGap(_ line: TextLine) -> Bool {
        guard let last = line.text.last(where: { !$0.isWhitespace }), Self.sentenceEnds.contains(last) else { return false }
        return !(CJKText.closingQuotes.contains(last) || last == CJKText.closingTitleMark) || endsSentenceInsideMarks(line)
    }

    func endsSentence(_ line: TextLine) -> Bool {
        line.text.last(where: { !$0.isWhitespace }).map(Self.sentenceEnds.contains) ?? false
    }

    /// A line that stops short inside an open bracket (a citation wrapped at the
    /// space between two outlets, `…经济日报20240529 中国证券` / `报20240530）`)
    /// goes on when the next lines (`next`) close the bracket.
    /// (Two opening brackets side by side are one read twice: OCR's `(（`.)
    static func closesOpenBracket(_ block: [String], next: String) -> Bool {
        var depth = 0, previous: Character = " "
        for character in block.joined() {
            if openingBrackets.contains(character) {
                if !openingBrackets.contains(previous) { depth += 1 }
            } else if closingBrackets.contains(character) { depth = max(0, depth - 1) }
            previous = character
        }
        return depth > 0 && next.contains(where: closingBrackets.contains)
    }

    /// A scanned citation wrapped inside its date (`（辽宁日报2` / `0230918）`): the
    /// short tail, a few marks closing the bracket the block left open, is no
    /// line of another style, whatever size OCR guessed for its digits. Nor is
    /// a citation of two outlets wrapped twice (`（南方日` / `报20241022 21世纪经济报`
    /// / `道20241022）`, a narrow column): the two lines after the block close
    /// its bracket, the first of them holding a whole date.
    static func endsCitation(_ block: [String], next lines: [String]) -> Bool {
        lines.indices.prefix(2).contains { last in
            let next = lines[...last].joined()
            guard let close = next.firstIndex(where: closingBrackets.contains) else { return false }
            let tail = next[..<close].filter { !$0.isWhitespace }
            let dated = last == 0 ? tail.contains(where: \.isNumber) : lines[0].contains(/\d{8}/)
            return tail.count <= (last == 0 ? 12 : 2 * citationTailPerLine) && !tail.contains(where: openingBrackets.contains) && dated
                && closesOpenBracket(block, next: next)
        }
    }

    /// What a full line of a wrapped citation holds at most: an outlet's name
    /// and its date, or the ends of two.
    static let citationTailPerLine = 20

    /// A citation on its own line (`（经济日报 20221209 21 世纪经济报`) wraps onto a
    /// part set right-aligned, which reads as indented (`道 20221210）`): it goes
    /// on when that part closes the bracket before it opens any.
    static func continuesOwnLineCitation(_ line: String, next: String) -> Bool {
        guard let first = line.first(where: { !$0.isWhitespace }), openingBrackets.contains(first),
              closesOpenBracket([line], next: next) else { return false }
        return next.first(where: { openingBrackets.contains($0) || closingBrackets.contains($0) }).map(closingBrackets.contains) == true
    }

    /// A scanned line that opens with a clause mark (`，天津港…`) under a line
    /// that runs to the margin mid-sentence goes on: OCR lost the character
    /// before the mark, and the line looks indented. (After a headline, which
    /// stops short, the mark is a speck: see `leadingClauseMarks`.)
    func opensMidClause(_ previous: Line, _ next: Line) -> Bool {
        guard next.line.confidence != nil, previous.area == next.area, !endsSentence(previous.line),
              let first = next.line.text.first(where: { !$0.isWhitespace }), LineBreaking.clauseMarks.contains(first)
        else { return false }
        return reachesMargin(previous.line, in: previous.area)
    }

    /// The clause marks (and spaces) an OCR block opens with, if anything follows
    /// them: specks in a paragraph's indent or before a headline read as marks.
    static func leadingClauseMarks(_ text: String) -> Substring {
        let marks = text.prefix { LineBreaking.clauseMarks.contains($0) || $0.isWhitespace }
        return marks.contains(where: LineBreaking.clauseMarks.contains) && marks.count < text.count ? marks : ""
    }

    /// `leadingClauseMarks`, and after them a quote mark the block holds no
    /// other of: a speck before a sub-heading or a paragraph read as `“`
    /// (`“强化要素保障`, v8115), which would keep a sub-heading from being one.
    static func leadingStrayMarks(_ text: String) -> Substring {
        let marks = leadingClauseMarks(text)
        let rest = text.dropFirst(marks.count)
        guard let first = rest.first, quoteMarks.contains(first), rest.count > 1,
              !rest.dropFirst().contains(where: quoteMarks.contains) else { return marks }
        return text.prefix(marks.count + 1)
    }

    static let quoteMarks: Set<Character> = Set("“”‘’\"'「」『』")

    /// Where a line's text starts: on an OCR line that opens with clause marks
    /// (a speck in a paragraph's indent read `。`), where the first word after them starts.
    static func textStart(_ line: TextLine) -> Double {
        guard line.confidence != nil, line.text.first.map(LineBreaking.clauseMarks.contains) == true,
              let first = line.spans.first(where: { $0.text.contains { !LineBreaking.clauseMarks.contains($0) && !$0.isWhitespace } })
        else { return line.box.x0 }
        return first.box.x0
    }

    /// A line set from its area's left edge, as a wrapped line is (not a centred title).
    func startsAtMargin(_ line: Line) -> Bool {
        metrics.leftEdge[line.area].map { line.line.box.x0 <= $0 + rules.indentEms * line.line.size } ?? true
    }

    /// A line that is one bracketed group (`（文汇报20241016）`): it opens with a
    /// bracket, and the only closing bracket ends it.
    func isBracketedLine(_ line: TextLine) -> Bool { Self.isBracketedGroup([line.text]) }

    /// Lines that are together one bracketed group: they open with a bracket,
    /// and the only closing bracket ends them.
    static func isBracketedGroup(_ lines: [String]) -> Bool {
        let text = lines.joined().filter { !$0.isWhitespace }
        guard text.count >= 4, let first = text.first, openingBrackets.contains(first),
              let last = text.last, closingBrackets.contains(last) else { return false }
        return text.dropLast().filter(closingBrackets.contains).isEmpty
    }

    /// A citation wrapped onto two or three lines of its own closes its article
    /// where the column or the page ends, even set from the margin: the
    /// next column's headline (`（福建日报… / 报20221207新华社20221208）` ran on
    /// into `厦门自贸片区推出…`, 1.2 times the body: within OCR's tolerance, v10404).
    func endsWithCitation(_ block: [Line], before next: Line) -> Bool {
        guard let last = block.last, last.area != next.area, (2...3).contains(block.count) else { return false }
        return Self.isBracketedGroup(block.map(\.line.text))
    }

    static let openingBrackets: Set<Character> = ["（", "("]
    /// What a label set on a line of its own opens with (`【福建】`, `[湖南]`, `《…》`).
    static let labelOpenings: Set<Character> = ["【", "[", "〔", "（", "(", "《"]
    static let closingBrackets: Set<Character> = ["）", ")"]

    /// How much a text layer's line may differ in size from the one it runs on from across a break.
    static let runOnSizeShare = 0.05

    /// Characters only a sentence ends with (no closing quote or bracket).
    static let strongEnds: Set<Character> = ["。", "！", "？", "；", "：", ".", "!", "?", ";", ":"]

    /// Characters a paragraph's last line ends with.
    static let sentenceEnds: Set<Character> = ["。", "！", "？", "；", "…", "”", "’", "）", "」", "』", "》", ".", "!", "?", ")", ":", "："]

    /// A paragraph continues in the next column or on the next page when the
    /// last line ran to the margin and the next column's first line is not indented.
    /// An area's body measure: its right edge less its left edge.
    func measure(_ area: Area) -> Double? {
        guard let left = metrics.leftEdge[area], let right = metrics.rightEdge[area] else { return nil }
        return right - left
    }

    func crossColumnBreak(_ previous: Line, _ next: Line) -> String? {
        let a = previous.line, b = next.line
        let nextColumn = next.page == previous.page && next.column == previous.column + 1 && previous.column >= 0
        let nextPage = next.page == previous.page + 1 && next.column <= 0 && previous.column != -1
        guard isBodyStyle(a), nextColumn || nextPage else { return next.page == previous.page ? "column" : "page" }
        // A text layer's paragraph keeps its size over a break: a cover's last
        // contents row (11 pt, to the margin) and the next page's first headline
        // (12 pt, a title only 1.14 times the body) are two blocks, v11312.
        if a.confidence == nil, b.confidence == nil, abs(a.size - b.size) > Self.runOnSizeShare * max(a.size, b.size) {
            return next.page == previous.page ? "column" : "page"
        }
        // (Narrower before than after: a page of text ending in a line or two is no measure.
        // Wider before than after where the next page is set in columns: another
        // layout, a cover's contents across the page over a two-column scan, v8512.)
        if nextPage, let before = measure(previous.area), let after = measure(next.area) {
            let apart = rules.pageMeasureEms * max(a.size, b.size)
            let inColumns = metrics.leftEdge[Area(page: next.page, column: 1)] != nil
            if after - before > apart || (inColumns && before - after > apart) { return "page" }
        }
        // A page whose text stops well above the foot full pages reach ended
        // its paragraph there (a contents page's last row and the title at the
        // top of the next page, set alike: v9307).
        if nextPage, let foot = metrics.foot, foot - a.box.y1 > rules.pageFootEms * a.size { return "page" }
        if isShort(previous, before: next) { return "short-line" }
        // A citation on a line of its own, set in from the margin, closes its article at a column's foot
        // (`（文汇报20241016）` ran on into the next page's `[广东]广东前三季度…` headline, v10313).
        if isBracketedLine(a), let left = metrics.leftEdge[previous.area], a.box.x0 > left + a.size { return "citation" }
        // On a scan, a column's last line that stops well short of its edge ended
        // its paragraph (OCR read its 。 as “, v8112; a staff box's last number);
        // one that stops at a Han letter (a producer that would not part `给`
        // from `予50%`, v9310) or at a clause's mark goes on.
        if a.confidence != nil, let right = metrics.rightEdge[previous.area], right - a.box.x1 > rules.ocrRunOnEms * a.size,
           let last = a.text.last(where: { !$0.isWhitespace }), !CJKCharacters.isLetter(last),
           !LineBreaking.clauseMarks.contains(last) {
            return "short-line"
        }
        // (Set in less than a paragraph is, on a scan, under a column's last line
        // running to its margin mid-sentence: OCR lost the line's first characters,
        // `景，实现…` for `场景，实现…` at the next page's top, v10909.)
        if let left = metrics.leftEdge[next.area], b.box.x0 > left + rules.indentEms * b.size,
           !(b.confidence != nil && lostItsFirstCharacters(previous, next, left: left)) {
            return "indent"
        }
        // On a scan, a column's last line that stops more than half its measure
        // short, before a next column's first line that stops short too and ends
        // no sentence: a paragraph whose 。 OCR lost (`安排。` read `排`, v10802)
        // and a sub-heading at the next column's top. (A line a producer ended
        // before an unbreakable group, v9310, leaves a few ems, not half a column.)
        if a.confidence != nil, let right = metrics.rightEdge[previous.area], let width = measure(previous.area),
           right - a.box.x1 > Self.emptiedColumnShare * width, !endsSentence(b),
           let nextRight = metrics.rightEdge[next.area], b.box.x1 < nextRight - rules.marginEms * b.size {
            return next.page == previous.page ? "column" : "page"
        }
        // On a scan, a sentence ended at a column's foot and a short line that
        // ends none opens the next column: a sub-heading set at its top, not
        // the paragraph going on (weight, which would tell, OCR does not read).
        if a.confidence != nil || b.confidence != nil, let last = a.text.last(where: { !$0.isWhitespace }), Self.strongEnds.contains(last),
           !endsSentence(b), let right = metrics.rightEdge[next.area], b.box.x1 < right - rules.marginEms * b.size {
            return next.page == previous.page ? "column" : "page"
        }
        return nil
    }

    /// An OCR size is an estimate per line: the block's is the median of its
    /// lines that tell one. A line of a character or three does not (a
    /// heading's last character, `场`, read half as large again, v8508).
    static func ocrBlockSize(_ lines: [TextLine], rules: BlockRules) -> Double {
        let telling = lines.filter { $0.text.count >= rules.ocrSizeMinCharacters }
        let sizes = (telling.isEmpty ? lines : telling).map(\.size).sorted()
        return sizes[sizes.count / 2]
    }

    func blocks(_ lines: [Line]) -> [CleanBlock] {
        var blocks: [CleanBlock] = []
        var current: [Line] = []
        func flush(_ reason: String?) {
            guard let first = current.first else { return }
            var text = CJKText.joinWrapped(current.map(\.line.text))
            let stray = first.line.confidence == nil ? "" : String(Self.leadingStrayMarks(text))
            if !stray.isEmpty { text.removeFirst(stray.count) }
            // Marks read left of the column's edge are a speck there, not the text's (`：做强…`, v10904).
            let outside = metrics.leftEdge[first.area].map { first.line.box.x0 < $0 - Self.speckOutsideEms * first.line.size } ?? false
            let boldCount = current.filter(\.line.bold).count
            blocks.append(CleanBlock(
                text: foldFullWidth ? CJKText.foldingFullWidth(CJKText.normalizeSpacing(text)) : CJKText.normalizeSpacing(text),
                provenance: current.map { Provenance(page: $0.page, box: $0.line.box) },
                lines: current.map(\.ref),
                size: first.line.confidence == nil ? first.line.size : Self.ocrBlockSize(current.map(\.line), rules: rules),
                bold: boldCount * 2 > current.count,
                endReason: reason,
                ocr: current.contains { $0.line.confidence != nil } ? true : nil,
                confidence: Self.meanConfidence(current.compactMap(\.line.confidence)),
                strayMarks: stray.isEmpty || outside ? nil : stray))
            current = []
        }
        for (index, line) in lines.enumerated() {
            if endsWithCitation(current, before: line) {
                flush("citation")
                current.append(line)
                continue
            }
            // The bracket may close on the line after the next (a citation of three outlets).
            if let last = current.last, let reason = breakReason(last, line, rowStart: Self.rowStart(current)),
               !(reason == "short-line" && startsAtMargin(line)
                 && Self.closesOpenBracket(current.map(\.line.text), next: lines[index...].prefix(2).map(\.line.text).joined())),
               !(reason == "indent" && Self.continuesOwnLineCitation(last.line.text, next: line.line.text)),
               !(reason == "indent" && opensMidClause(last, line)),
               !(reason == "style" && line.line.confidence != nil
                 && Self.endsCitation(current.map(\.line.text), next: lines[index...].prefix(2).map(\.line.text))),
               !(reason == "style" && line.line.confidence != nil && goesOnInTheBlocksSize(current, line)) {
                flush(reason)
            } else if !current.isEmpty, centredBreak(current, line) {
                flush("centred")
            }
            current.append(line)
        }
        flush("end")
        return blocks
    }
}

extension BlockBuilder.Metrics {
    /// Wider than the body's own spacing between the lines of a paragraph: on
    /// OCR pages a baseline step past the pitch, on a text layer a gap past the line gap.
    func isParagraphGap(_ a: TextLine, _ b: TextLine, rules: BlockRules) -> Bool {
        let size = max(a.size, b.size)
        if a.confidence != nil || b.confidence != nil {
            let pitch = ocrPitch ?? rules.ocrDefaultPitchEms * size
            let step = BlockBuilder.rowPosition(b) - BlockBuilder.rowPosition(a)
            return step > max(pitch * rules.ocrGapPitches, pitch + rules.paragraphGapEms * size)
        }
        return b.box.y0 - a.box.y1 > lineGap + max(rules.paragraphGapEms * size, rules.paragraphGapPoints)
    }
}
