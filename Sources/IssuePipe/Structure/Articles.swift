/// Splits the body blocks into articles: section markers, titles (larger and
/// bold), sub-headings (bold at body size, or a marker prefix), paragraphs, and
/// the closing citation of each article.
struct ArticleBuilder {
    let rules: ArticleRules?
    let bodySize: Double
    let citations: CitationParser
    var lexiconSections: [String]? = nil
    var genericPipeline = false
    /// The contents were found: on an OCR page, where sizes are estimates, only
    /// a block the contents name is a title.
    var contentsKnown = false
    /// The contents' headlines (`comparisonKey`), to choose between two readings of an OCR headline.
    var contentsKeys: [String] = []
    /// OCR's leftovers of the masthead and staff box: before the first title, dropped (quoted in a warning).
    var frontMatter: FrontMatterLeftovers? = nil
    /// The heading patterns (indices into `headingPatterns`) that two or more of
    /// the text-layer blocks match as whole sub-headings standing alone
    /// (`standingHeadingPatterns`): how this issue sets its sub-headings.
    var standingPatterns: Set<Int> = []
    /// The document's paragraphs are spaced and not indented (`CleanedDocument.spacedParagraphs`).
    var spacedParagraphs = false

    enum Role: Equatable { case section(String), title(section: String?, text: String), heading, paragraph }

    var marker: Pattern? { Pattern(rules?.sectionMarker) }

    /// What a block is. `isHeadline`: the contents name it, so it is a title whatever its size.
    /// `underMarker`: it follows a section label of its own, or the first line
    /// of a headline under one: there a title-size OCR block is a headline even
    /// where the contents are trusted (OCR lost its contents row).
    func role(of block: CleanBlock, isHeadline: Bool = false, underMarker: Bool = false) -> Role {
        let text = block.text
        let markerMatch = marker?.match(text).flatMap { $0["_start"] == "0" ? $0 : nil }
        // What follows the marker, less stray brackets and dots OCR adds (`【北京】】`).
        let rest = markerMatch.map {
            text.utf16Suffix(from: Int($0["_end"] ?? "0") ?? 0).trimmingScalars(in: Self.strayMarks)
        }
        if let markerMatch, let rest, rest.isEmpty, let name = markerMatch["name"] { return .section(sectionName(name, ocr: block.ocr ?? false)) }
        // A marker whose brackets OCR misread (`‖天津）`, `1【河北`): a known name and marks, nothing else Han.
        if block.ocr ?? false, let known = lexiconSections.flatMap({ Self.misreadSectionMarker(text, sections: $0) }),
           !text.withoutWhitespace.replacingOccurrences(of: known, with: "").unicodeScalars.contains(where: CJKCharacters.isHan) {
            return .section(known)
        }
        // (Not a reading OCR was all but unsure of, `上5湖#)` at 0.15: a guess
        // from it would outrank the section the contents print.)
        if block.ocr ?? false, (block.confidence ?? 1) >= Self.misreadLabelMinConfidence, let known = misreadSectionLabel(text) {
            return .section(known)
        }
        let isTitleSize = block.size >= bodySize * (rules?.titleMinSizeRatio ?? 1.2)
        // OCR gives no weight: a bold requirement cannot be checked there.
        let ocr = block.ocr ?? false
        let boldEnough = !(rules?.titleBold ?? false) || block.bold || ocr
        // A headline does not end like a sentence.
        let endsSentence = text.last.map { (rules?.sentenceEndMarks ?? ArticleRules.defaultSentenceEnds).contains($0) } ?? false
        let sizeTells = !(ocr && contentsKnown) || underMarker
        if isHeadline || (sizeTells && isTitleSize && boldEnough && text.count <= 100 && !endsSentence) {
            if let markerMatch, let rest, let name = markerMatch["name"] { return .title(section: sectionName(name, ocr: ocr), text: rest) }
            // A label OCR misread inline, its brackets lost or changed (`(区域]各地…`, `广东]广东…`).
            if ocr, let known = lexiconSections, let (name, rest) = Self.misreadInlineLabel(text, sections: known) {
                return .title(section: name, text: rest)
            }
            if ocr, isHeadline, let known = lexiconSections, let (name, rest) = Self.unclosedInlineLabel(text, sections: known),
               namesBetter(rest, than: text) {
                return .title(section: name, text: rest)
            }
            // OCR reads a bullet or a speck before a headline as a mark (`：临港…`): no headline opens with one.
            return .title(section: nil, text: ocr ? String(text.drop { $0.unicodeScalars.allSatisfy(Self.strayMarks.contains) }) : text)
        }
        // OCR sizes a bold sub-heading's thicker ink as large as a title (关键词“智慧好办”
        // at 1.15× the body). (Not a paragraph's last few characters read larger still, `长9.1%`.)
        let bodyLike = abs(block.size - bodySize) <= 0.15 * bodySize
            || (ocr && block.size >= 0.85 * bodySize && block.size <= Self.boldHeadingSizeRatio * bodySize
                && text.unicodeScalars.filter(CJKCharacters.isHan).count >= Self.boldHeadingMinHan)
        let maxLength = rules?.headingMaxLength ?? 40
        // Where OCR sizes tell nothing, a block of a heading pattern is a sub-heading whatever size was read.
        let headingLike = (isHeading(block)
            || (text.count <= maxLength / 2 && Self.withoutTrailingSpeck(block).map(isHeading) == true))
            && text.filter({ $0.isLetter || $0.isNumber }).count >= rules?.headingMinLetters ?? 1
        if text.count <= maxLength, (bodyLike && headingLike) || (!sizeTells && matchesHeadingPattern(text)) {
            // The top level of a numbered outline opens an article of its own.
            let opens = (rules?.titlePatterns ?? []).compactMap { Pattern($0) }
            return opens.contains(where: { $0.matches(in: text) }) ? .title(section: nil, text: text) : .heading
        }
        return .paragraph
    }

    /// A body-size block set as a sub-heading: bold, of a heading pattern, or
    /// (without weight: OCR, or fonts that do not tell it) a short line of its
    /// own that does not end like a sentence or a citation.
    private func isHeading(_ block: CleanBlock) -> Bool {
        let text = block.text
        if block.bold || matchesHeadingPattern(text) { return true }
        // A quoted phrase may end one (关键词“智慧好办”): the mark before the closing quotes tells.
        // (As read: a mark the clean stage left out before it, `，在金融、交通等领`, is a lost character's.)
        // (Three lines: a sub-heading wrapped twice in a narrow column, its last
        // character alone, `政策适用范围由海关特殊监` / `管区域扩大至11个重点园` / `区`, v10510.)
        guard block.lines.count <= 3, let rules, let first = leadingMark(block, rules) ?? text.first,
              let last = text.last(where: { !CJKText.closingQuotes.contains($0) }),
              !rules.headingNeverStartMarks.contains(first) else { return false }
        // (A citation whose closing bracket OCR lost, `（福建日报20241021`, is none either,
        // nor one OCR garbled further: a date of eight digits, `《证券时报20240206上海证券报em`.)
        return !(rules.sentenceEndMarks + rules.headingNeverEndMarks).contains(last) && citations.split(text) == nil
            && citations.split(text + "）") == nil && text.firstMatch(of: /\d{8}/) == nil
            && !holdsMarkNoHeadingHolds(text, rules)
    }

    /// The first of the marks OCR read before a block, unless they are only an
    /// outline number's mark whose numeral was lost (`一、` read `、`, v10707),
    /// before a block of one line.
    private func leadingMark(_ block: CleanBlock, _ rules: ArticleRules) -> Character? {
        guard let marks = block.strayMarks?.filter({ !$0.isWhitespace }), !marks.isEmpty else { return nil }
        let numberMarks = rules.headingNumberMarks ?? ""
        return block.lines.count == 1 && marks.allSatisfy(numberMarks.contains) ? nil : marks.first
    }

    /// Whether a mark of `headingNeverContains` stands after a sub-heading's
    /// second character: before it, it is an outline number's, OCR's `三，` for `三、`.
    private func holdsMarkNoHeadingHolds(_ text: String, _ rules: ArticleRules) -> Bool {
        text.dropFirst(2).contains(where: (rules.headingNeverContains ?? "").contains)
    }

    /// How much larger than the body OCR may size a bold sub-heading (`强化要素保障`
    /// at 17 pt over a 14 pt body, 1.21, v10408). Larger, where the contents do
    /// not say which blocks are titles, is a title's size.
    static let boldHeadingSizeRatio = 1.3
    /// The fewest Han characters of one: fewer, so sized, is a paragraph's
    /// scrap (`设行`), read larger as a short reading is.
    static let boldHeadingMinHan = 4

    /// How much larger than the body a scanned line right above a headline the
    /// contents name is set to be taken for its first line. (Not enough alone to
    /// make a headline of a block under a section marker: OCR sizes a bold
    /// sub-heading `【湖北】储备项目…` that large too, v1024.)
    static let headlineFirstLineSizeRatio = 1.3

    /// A scanned line standing alone before an indented paragraph that ends in
    /// a clause mark (`支持产业链整合，`): no paragraph ends so, and a speck after
    /// a bold sub-heading reads so. The block without the mark, else nil.
    /// (`role` asks it only of lines half a heading's length at most: a line
    /// running to the margin, `…上海、北京、`, is a paragraph's first, parted.)
    static func withoutTrailingSpeck(_ block: CleanBlock) -> CleanBlock? {
        guard block.ocr ?? false, block.lines.count == 1, block.endReason == "indent",
              let last = block.text.last, trailingSpecks.contains(last) else { return nil }
        var trimmed = block
        trimmed.text = String(block.text.dropLast())
        return trimmed.text.unicodeScalars.filter(CJKCharacters.isHan).count >= 2 ? trimmed : nil
    }

    static let trailingSpecks: Set<Character> = ["，", "、"]

    /// Below this OCR confidence a short block of marks before a title is a label read wrong.
    static let unreadLabelConfidence = 0.6
    static let garbledLabelConfidence = 0.4

    /// A few characters OCR read right before a title (`上【上汽)`, `| cjt京1`):
    /// the section band or label above the headline, garbled. No text ends an
    /// article there; the section comes from the contents. Read with little
    /// confidence and one or two Han characters, a few more marks (`| [5河：t)`);
    /// read below `garbledLabelConfidence`, any six (`和上广二）` for 【广东】, v8917).
    func isUnreadLabel(_ block: CleanBlock, before next: CleanBlock?, titled: Bool) -> Bool {
        let length = block.text.withoutWhitespace.count, han = block.text.unicodeScalars.filter(CJKCharacters.isHan).count
        let confidence = block.confidence ?? 1
        guard block.ocr ?? false, let next,
              (han <= 3 && (length <= 6 || (length <= 9 && han <= 2 && confidence < Self.unreadLabelConfidence)))
                || (length <= 6 && confidence < Self.garbledLabelConfidence) else { return false }
        if case .title = role(of: next, isHeadline: titled) { return true }
        return false
    }

    private func matchesHeadingPattern(_ text: String) -> Bool { headingPatternIndex(text) != nil }

    /// How many of an OCR block's first lines are a sub-heading joined to the
    /// paragraph under it (paragraphs set apart by space, not indent, give the
    /// clean stage no cut): one, when the first line is of a heading pattern
    /// (and holds no mark a heading never holds) and ends well short of the
    /// lines under it, or stands clearly further above the second line than
    /// the block's lines stand apart below it (a heading that fills the
    /// measure of a narrow column, `【上海】加快打造未来产业先导区`, v9316); nil otherwise.
    /// Two, when such a heading wraps (`wrappedHeadingLines`, asked first).
    /// One too, of a pattern or none, where paragraphs are spaced and the first
    /// line is set in like an indent (`isSetInHeading`).
    /// Nil too when the whole block reads as one sub-heading: a heading wrapped
    /// early (before a quoted `“AI+港口”` kept whole, v8508) is not parted.
    func leadingHeadingLines(_ block: CleanBlock, lineText: (String) -> String?) -> Int? {
        let maxLength = rules?.headingMaxLength ?? 40
        if !(block.ocr ?? false) { return leadingStandingHeading(block, lineText: lineText) }
        guard block.lines.count >= 2, block.provenance.count == block.lines.count,
              let first = lineText(block.lines[0]), first.count <= maxLength, !isWholeHeading(block.text) else { return nil }
        guard rules.map({ !holdsMarkNoHeadingHolds(first, $0) }) ?? true,
              let right = block.provenance.dropFirst().filter({ $0.page == block.provenance[0].page }).map(\.box.x1).max()
        else { return nil }
        let short = block.provenance[0].box.x1 < right - 2 * block.size
        let patterns = (rules?.headingPatterns ?? []).compactMap { Pattern($0) }
        if patterns.contains(where: { $0.matches(in: first) }) {
            if let wrapped = wrappedHeadingLines(block, first: first, patterns: patterns, lineText: lineText) { return wrapped }
            return short || standsApart(block.provenance) || stopsWithRoomLeft(block, lineText: lineText)
                || isSetInHeading(block, first: first) ? 1 : nil
        }
        if isSetInHeading(block, first: first) { return 1 }
        // Of no pattern (`政策适用范围由海关特殊监管区域扩大至11个重点园区` over its
        // paragraph, v10309): it must both stop short of the lines under it and
        // stand apart from them, end no sentence, and be no citation; and the
        // next line must open with a Han character, which would have fitted on
        // it: a paragraph's line breaks early before a quote or a run of digits
        // (`12个入围区县呈现` / `“2+2+3+5”格局。…`, v10601).
        let stopsShort = block.provenance[0].box.x1 < right - Self.headingShortEms * block.size
        let nextOpensWithHan = lineText(block.lines[1])?.first.map(CJKCharacters.isLetter) ?? false
        return stopsShort && nextOpensWithHan && standsApart(block.provenance) && isWholeHeading(first)
            && first.unicodeScalars.filter(CJKCharacters.isHan).count >= Self.boldHeadingMinHan
            && citations.split(first) == nil && first.firstMatch(of: /\d{8}/) == nil ? 1 : nil
    }

    /// Whether the block's first line stops `headingShortEms` or more short of
    /// the lines under it in its column with room left for the second line's
    /// first unbreakable group, and `inkSlackEms` more (OCR boxes ink): no
    /// producer wrapped there (`二、打造工业大模型应用标杆` 1.96 ems short over `苏州将…`, v10914).
    private func stopsWithRoomLeft(_ block: CleanBlock, lineText: (String) -> String?) -> Bool {
        guard let second = lineText(block.lines[1]), let right = Self.columnRight(block.provenance, from: 1) else { return false }
        let room = right - block.provenance[0].box.x1
        let group = LineBreaking.estimatedEms(LineBreaking.leadingGroup(second, ocr: true)) + Self.inkSlackEms
        return room > Self.headingShortEms * block.size && group * block.size < room
    }

    static let inkSlackEms = 0.5

    /// The block's lines from `index` on in the first line's column: those on
    /// its page that start left of its end (a paragraph running on into the
    /// next column is set beside it).
    static func columnLines(_ lines: [Provenance], from index: Int) -> [Provenance] {
        lines.dropFirst(index).filter { $0.page == lines[0].page && $0.box.x0 < lines[0].box.x1 }
    }

    /// How far the block's lines from `index` on reach in the first line's
    /// column (`columnLines`), or with none there, on its page (the paragraph
    /// under a heading at a column's foot opens the next column); nil for none.
    static func columnRight(_ lines: [Provenance], from index: Int) -> Double? {
        columnLines(lines, from: index).map(\.box.x1).max()
            ?? lines.dropFirst(index).filter { $0.page == lines[0].page }.map(\.box.x1).max()
    }

    /// Where paragraphs are spaced and not indented (`spacedParagraphs`), a
    /// block's first line set in `headingSetInEms` or more from where the
    /// block's other lines in its column start, and running to their right
    /// edge, is a sub-heading its producer set in as it would a paragraph's
    /// first line (`深层次改革与数字化技术“双驱动”` over `《行动方案》围绕…`,
    /// v11006): when it reads as a whole sub-heading of four Han characters or
    /// more and no citation. (Where paragraphs are indented, every paragraph's
    /// first line is set in so.)
    private func isSetInHeading(_ block: CleanBlock, first: String) -> Bool {
        let lines = block.provenance, head = lines[0].box
        guard spacedParagraphs, let right = Self.columnRight(lines, from: 1),
              let left = Self.columnLines(lines, from: 1).map(\.box.x0).min() else { return false }
        return head.x0 >= left + Self.headingSetInEms * block.size && head.x1 >= right - Self.headingShortEms * block.size
            && isWholeHeading(first) && first.unicodeScalars.filter(CJKCharacters.isHan).count >= Self.boldHeadingMinHan
            && citations.split(first) == nil
    }

    static let headingSetInEms = 1.5

    /// Two, when a sub-heading of a pattern wraps: its first line runs to the
    /// margin, its second stops well short of the lines under it, and the two
    /// read as one whole sub-heading of the pattern (`三、【重庆】“山城夜` /
    /// `景”持续吸引外地游客` over its paragraph, v10919); nil otherwise.
    private func wrappedHeadingLines(_ block: CleanBlock, first: String, patterns: [Pattern],
                                     lineText: (String) -> String?) -> Int? {
        guard block.lines.count >= 3, let second = lineText(block.lines[1]) else { return nil }
        let lines = block.provenance
        guard lines[1].page == lines[0].page, let right = Self.columnRight(lines, from: 2) else { return nil }
        let heading = CJKText.joinWrapped([first, second])
        guard isWholeHeading(heading), patterns.contains(where: { $0.matches(in: heading) }),
              lines[0].box.x1 >= right - Self.headingShortEms * block.size, lines[1].box.x1 < right - 2 * block.size else { return nil }
        return 2
    }

    /// In a text layer, one when the block's first line is a whole sub-heading of a
    /// pattern the other sub-headings stand alone in (`standingPatterns`):
    /// a numbered heading that fills its line, indented like a paragraph and
    /// set in a bold no font flag tells (Chromium's fallback, `一、破除民营企业
    /// 参与…隐性壁垒` over its paragraph, v10719), beside `二、加大金融支持` alone.
    func leadingStandingHeading(_ block: CleanBlock, lineText: (String) -> String?) -> Int? {
        guard block.lines.count >= 2, let first = lineText(block.lines[0]), isWholeHeading(first), !isWholeHeading(block.text),
              let pattern = headingPatternIndex(first), standingPatterns.contains(pattern) else { return nil }
        return 1
    }

    /// The heading patterns that two or more text-layer blocks match as whole sub-headings.
    func standingHeadingPatterns(_ blocks: [CleanBlock]) -> Set<Int> {
        let standing = blocks.filter { !($0.ocr ?? false) && isWholeHeading($0.text) }.compactMap { headingPatternIndex($0.text) }
        return Set(Dictionary(grouping: standing, by: { $0 }).filter { $0.value.count >= 2 }.keys)
    }

    private func headingPatternIndex(_ text: String) -> Int? {
        (rules?.headingPatterns ?? []).firstIndex { Pattern($0)?.matches(in: text) ?? false }
    }

    /// How far short of the lines under it a sub-heading of no pattern stops, in ems.
    static let headingShortEms = 1.5

    /// A text short enough for a sub-heading that neither ends like a sentence
    /// nor holds a mark a heading never holds: no paragraph under it.
    private func isWholeHeading(_ text: String) -> Bool {
        guard let rules, text.count <= (rules.headingMaxLength ?? 40), let last = text.last else { return false }
        return !(rules.sentenceEndMarks + rules.headingNeverEndMarks).contains(last) && !holdsMarkNoHeadingHolds(text, rules)
    }

    /// Whether the first line's middle stands at least `headingStepShare` times
    /// further above the second's than the lines below stand apart (their
    /// median step), all on one page: a paragraph's own lines are evenly spaced
    /// (95% of scanned blocks' first steps are within 1.074 of the rest).
    private func standsApart(_ lines: [Provenance]) -> Bool {
        guard lines.count >= 3, Set(lines.map(\.page)).count == 1 else { return false }
        let middles = lines.map { ($0.box.y0 + $0.box.y1) / 2 }
        let steps = zip(middles, middles.dropFirst()).map { $1 - $0 }
        let below = steps.dropFirst().sorted()
        let median = below[below.count / 2]
        return median > 0 && steps[0] >= Self.headingStepShare * median
    }

    static let headingStepShare = 1.1

    /// Where a block holds a sub-heading after its paragraph's closing
    /// sentence (the heading at the top of the next column joined to the last
    /// paragraph of the one before: OCR's reading order, or a text layer whose
    /// heading's weight no font tells, Chromium's fallback bold, v10316): the
    /// index of the heading's first line, a line of a heading pattern right
    /// after a line that closes a sentence.
    func headingLineInside(_ block: CleanBlock, lineText: (String) -> String?) -> Int? {
        guard block.lines.count >= 2 else { return nil }
        let patterns = (rules?.headingPatterns ?? []).compactMap { Pattern($0) }
        guard !patterns.isEmpty else { return nil }
        let texts = block.lines.map { lineText($0) ?? "" }
        return texts.indices.dropFirst().first { index in
            guard let closing = texts[index - 1].last(where: { !$0.isWhitespace }), Self.closingMarks.contains(closing) else { return false }
            return texts[index].count <= (rules?.headingMaxLength ?? 40) && patterns.contains { $0.matches(in: texts[index]) }
        }
    }

    /// The marks a paragraph's last sentence (or its citation) closes with.
    static let closingMarks: Set<Character> = ["。", "！", "？", "）", ")"]

    /// OCR reads the brackets of a section marker as other characters (`民北京`,
    /// `|天津]`): a short text that holds a known section name and at most two more characters (three marks).
    /// A bracket read as Han is one character on its side: `天津推出` (a headline's first line) names no section.
    static func misreadSectionMarker(_ text: String, sections: [String]) -> String? {
        let compact = text.withoutWhitespace
        return sections.first { name in
            guard let at = compact.range(of: name) else { return false }
            let hanBefore = compact[..<at.lowerBound].unicodeScalars.filter(CJKCharacters.isHan).count
            let hanAfter = compact[at.upperBound...].unicodeScalars.filter(CJKCharacters.isHan).count
            guard hanBefore <= 1, hanAfter <= 1 else { return false }
            // A third mark only where nothing else is Han (`| 5区域1`), or where
            // the name stands between its brackets (`半【区域)`: a bullet read as Han).
            let bracketed = compact[..<at.lowerBound].last.map(labelBrackets.contains) == true
                && compact[at.upperBound...].first.map(inlineLabelClosings.contains) == true
            return compact.count <= name.count + 2 || (compact.count == name.count + 3 && (hanBefore + hanAfter == 0 || bracketed))
        }
    }

    /// A known section's name opening a headline between brackets OCR misread
    /// (`(区域]`, `{陕西]`, `-【北京】`) or lost on the left (`广东]`): up to two
    /// marks, the name, one or more closing marks, then the headline. Or the
    /// closing mark lost where a label's bracket opens and the headline names
    /// the section right after (`[陕西陕西发布措施…`).
    static func misreadInlineLabel(_ text: String, sections: [String]) -> (String, String)? {
        var rest = Substring(text.withoutWhitespace)
        var opening = 0
        let bracketed = rest.first.map(labelBrackets.contains) ?? false
        while opening < 2, let first = rest.first, inlineLabelOpenings.contains(first) { rest = rest.dropFirst(); opening += 1 }
        for name in sections.sorted(by: { $0.count > $1.count }) where rest.hasPrefix(name) {
            var after = rest.dropFirst(name.count)
            if bracketed, after.hasPrefix(name) { return (name, String(after)) }
            guard let mark = after.first, inlineLabelClosings.contains(mark) else { continue }
            while let first = after.first, inlineLabelClosings.contains(first) { after = after.dropFirst() }
            guard after.unicodeScalars.contains(where: CJKCharacters.isHan) else { return nil }
            return (name, String(after))
        }
        return nil
    }

    /// Whether the contents name `reading` more alike than `other`.
    func namesBetter(_ reading: String, than other: String) -> Bool {
        func best(_ text: String) -> Double {
            let key = text.comparisonKey
            return contentsKeys.map { EditDistance.similarity($0, key) }.max() ?? 0
        }
        return best(reading) > best(other)
    }

    /// The headline after a label whose closing bracket OCR lost, where the
    /// headline does not repeat the name (`[区域各地竞相布局…`): or is it a
    /// headline that opens with the name after a speck (`[陕西发布措施…`)? Only
    /// the contents can tell, so `TitleIndex` offers both readings to them.
    static func unclosedInlineLabel(_ text: String, sections: [String]) -> (String, String)? {
        let compact = Substring(text.withoutWhitespace)
        guard let first = compact.first, labelBrackets.contains(first) else { return nil }
        let rest = compact.dropFirst()
        return sections.sorted(by: { $0.count > $1.count }).lazy.compactMap { name -> (String, String)? in
            let after = rest.dropFirst(name.count)
            return rest.hasPrefix(name) && after.first.map(CJKCharacters.isHan) == true ? (name, String(after)) : nil
        }.first
    }

    static let inlineLabelOpenings: Set<Character> = ["【", "[", "［", "(", "（", "{", "〔", "「", "|", "‖", "-", "—", "·"]
    static let inlineLabelClosings: Set<Character> = ["】", "]", "］", ")", "）", "}", "〕", "」", "|"]

    /// A label whose name OCR misread too (`5安油）` for 【安徽】): two or three Han
    /// characters one off a single known section, between marks and nothing else.
    func misreadSectionLabel(_ text: String) -> String? {
        let compact = text.withoutWhitespace
        let han = String(compact.unicodeScalars.filter(CJKCharacters.isHan).map(Character.init))
        let marks = compact.count - han.count
        guard (2...3).contains(han.count), (1...3).contains(marks), compact.hasPrefix(han) == false || marks >= 2 else { return nil }
        let name = sectionName(han)
        return name != han && lexiconSections?.contains(name) == true ? name : nil
    }

    /// The least OCR confidence at which a label misread past its name is guessed.
    static let misreadLabelMinConfidence = 0.3

    /// Marks OCR leaves at a label's or headline's ends (a bullet `·` read as `、`, v10313:
    /// no headline opens or ends with a clause mark).
    static let strayMarks = CharacterSet(charactersIn: " 　】]］》〉.·。,，、:：;；_|")

    /// A section name as the pipeline knows it: an OCR reading one character
    /// off a known section (北吕 for 北京) is that section.
    func sectionName(_ name: String) -> String {
        guard let known = lexiconSections, !known.contains(name) else { return name }
        let read = Self.lettersAsOneCharacter(name)
        let near = known.filter { $0.count == read.count && EditDistance.distance($0, read) <= max(1, read.count / 3) }
        return near.count == 1 ? near[0] : name
    }

    /// `sectionName`, and on an OCR page a marker's name with a stray
    /// character beside a known one (`【了辽宁】`) is that one.
    func sectionName(_ name: String, ocr: Bool) -> String {
        Self.knownName(read: name, named: sectionName(name), ocr: ocr, sections: lexiconSections ?? [])
    }

    /// `named` (the reading `read` as `sectionName` takes it), or on an OCR
    /// page the known section it holds beside a stray character.
    static func knownName(read: String, named: String, ocr: Bool, sections: [String]) -> String {
        guard ocr, !sections.isEmpty, !sections.contains(named) else { return named }
        return misreadSectionMarker(read, sections: sections) ?? named
    }

    /// OCR reads a Han character's parts as a letter or two (`TI苏` for 江苏):
    /// in a reading with Han in it, each run of one or two Latin letters
    /// stands for one unknown character.
    static func lettersAsOneCharacter(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: CJKCharacters.isHan) else { return name }
        var out = "", run = 0
        func flush() { out += run == 0 ? "" : run <= 2 ? "\u{FFFD}" : String(repeating: "?", count: run); run = 0 }
        for character in name {
            if character.isASCII && character.isLetter { run += 1; continue }
            flush()
            out.append(character)
        }
        flush()
        return out
    }

    func build(_ blocks: [CleanBlock], fallbackTitle: String?) -> (articles: [Article], warnings: [Warning]) {
        let built = buildRead(blocks, titles: [], fallbackTitle: fallbackTitle)
        return (built.articles, built.warnings)
    }

    /// The articles, with the OCR confidence of each title (nil for a text layer)
    /// and the indices into `blocks` each was made from.
    /// `titles`: indices of blocks the contents name as headlines.
    func buildRead(_ blocks: [CleanBlock], titles: Set<Int>, fallbackTitle: String?)
        -> (articles: [Article], titleConfidences: [Double?], marked: [Bool], misread: [Bool], warnings: [Warning],
            lineage: [ArticleLineage]) {
        var articles: [Article] = []
        var titleConfidences: [Double?] = []
        // Whether the article's section was printed before it (else carried over from the one before),
        // and whether that marker was read as no section name and taken for the nearest (`|天人` for 天津).
        var marked: [Bool] = [], misread: [Bool] = []
        var warnings: [Warning] = []
        var section: String?
        var markerSeen = false, markerMisread = false
        var orphans: [CleanBlock] = []
        var lineage: [ArticleLineage] = []
        var orphanIndices: [Int] = []

        var afterMarker = false
        let sizedAsTitle = sizedAsNamedTitles(blocks, titles: titles)
        for (index, block) in blocks.enumerated() {
            let secondLine = index > 0 && lineage.last?.title.last == index - 1 && articles.last?.blocks.isEmpty == true
                && Self.continuesTitle(blocks[index - 1], with: block)
            // A headline's first line right above the line the contents name (they read only its second).
            let firstLine = (block.ocr ?? false) && !titles.contains(index) && titles.contains(index + 1)
                && block.size >= bodySize * Self.headlineFirstLineSizeRatio && Self.continuesTitle(block, with: blocks[index + 1])
            let role = role(of: block, isHeadline: titles.contains(index),
                            underMarker: afterMarker || secondLine || firstLine || sizedAsTitle.contains(index))
            afterMarker = false
            switch role {
            case .section(let name):
                section = name
                markerSeen = true
                markerMisread = !Self.names(block.text, name)
                afterMarker = true
            case .title(let inline, let text):
                if inline == nil, index > 0, let last = lineage.last, last.title.last == index - 1, articles.last?.blocks.isEmpty == true,
                   Self.continuesTitle(blocks[index - 1], with: block) {
                    // A headline's second line read as a block of its own: one title, not an empty article.
                    articles[articles.count - 1].title = CJKText.normalizeSpacing(CJKText.joinWrapped(articles[articles.count - 1].title, text))
                    lineage[lineage.count - 1].title.append(index)
                    continue
                }
                if let inline { section = inline }
                articles.append(Article(section: section, title: text, pages: block.pages, blocks: [], sources: []))
                titleConfidences.append(block.confidence)
                lineage.append(ArticleLineage(title: [index], blocks: []))
                marked.append(markerSeen || inline != nil)
                misread.append(inline.map { !Self.names(block.text, $0) } ?? (markerSeen && markerMisread))
                markerSeen = false
            case .heading, .paragraph:
                if isUnreadLabel(block, before: index + 1 < blocks.count ? blocks[index + 1] : nil, titled: titles.contains(index + 1)) {
                    warnings.append(Warning(code: "ocr-speck-dropped",
                                            message: "'\(block.text)' read by OCR just before a title is too short to be text (a section label read wrong): left out",
                                            page: block.pages.first))
                    continue
                }
                if !articles.isEmpty, let frontMatter, frontMatter.isRunningHead(block) {
                    warnings.append(Warning(code: "running-head-dropped",
                                            message: "'\(block.text)' read by OCR inside an article is a running head or the publication's name misread: left out",
                                            page: block.pages.first))
                    continue
                }
                let kind: ArticleBlock.Kind = role == .heading ? .heading : .paragraph
                let text = kind == .heading ? (Self.withoutTrailingSpeck(block)?.text ?? block.text) : block.text
                if kind == .heading, let last = articles.last?.blocks.last, last.kind == .heading,
                   lineage.last?.blocks.last?.last == index - 1, continuesHeading(blocks[index - 1], last.text, with: block, text) {
                    // A sub-heading's second line read as a block of its own: one heading.
                    articles[articles.count - 1].blocks.removeLast()
                    articles[articles.count - 1].blocks.append(ArticleBlock(
                        kind: .heading, text: CJKText.normalizeSpacing(CJKText.joinWrapped(last.text, text)),
                        provenance: (last.provenance ?? []) + block.provenance))
                    lineage[lineage.count - 1].blocks[lineage[lineage.count - 1].blocks.count - 1].append(index)
                    continue
                }
                let item = ArticleBlock(kind: kind, text: text, provenance: block.provenance)
                if articles.isEmpty { orphans.append(block); orphanIndices.append(index); continue }
                lineage[lineage.count - 1].blocks.append([index])
                articles[articles.count - 1].blocks.append(item)
                articles[articles.count - 1].pages = Array(Set(articles[articles.count - 1].pages + block.pages)).sorted()
            }
        }
        let lead = leadArticle(Array(zip(orphanIndices, orphans)), fallbackTitle: fallbackTitle)
        warnings += lead.warnings
        if let article = lead.article {
            articles.insert(article, at: 0)
            titleConfidences.insert(nil, at: 0)
            lineage.insert(lead.lineage, at: 0)
            marked.insert(false, at: 0)
            misread.insert(false, at: 0)
        }
        // A few characters OCR read off a speck, a rule or a picture and set as
        // a title of nothing (`5区`, `上心示]`), that no contents entry names, are no article.
        for index in articles.indices.reversed() where articles[index].blocks.isEmpty && titleConfidences[index] != nil
            && articles[index].title.filter(\.isLetter).count < 5 && !lineage[index].title.contains(where: titles.contains) {
            warnings.append(Warning(code: "ocr-speck-dropped",
                                    message: "'\(articles[index].title)' read by OCR as a title of no text is too short to be one: left out",
                                    page: articles[index].pages.first))
            articles.remove(at: index)
            titleConfidences.remove(at: index)
            marked.remove(at: index)
            misread.remove(at: index)
            lineage.remove(at: index)
        }
        for index in articles.indices { lineage[index].takeCitation(at: takeCitation(&articles[index])) }
        for article in articles where article.blocks.isEmpty {
            warnings.append(Warning(code: "empty-article", message: "article '\(article.title)' has no text", page: article.pages.first))
        }
        return (articles, titleConfidences, marked, misread, warnings, lineage)
    }

    /// Whether a block's text holds the section name it was taken to print
    /// (not a misreading OCR's lexicon matched to it).
    static func names(_ text: String, _ section: String) -> Bool {
        CJKText.normalizeSpacing(text).filter { !$0.isWhitespace }.contains(section)
    }

    /// Scanned blocks after the first headline the contents name, sized as
    /// those are (from the smallest to a little over the largest, and clearly
    /// larger than the body), at least half as long as the shortest of them
    /// (not a scrap OCR sized by a guess), holding no mark a heading never holds,
    /// opening as the named ones do, with text under it: a headline whose
    /// contents row OCR lost. The document's own titles say
    /// what size one is read at (OCR sizes some bold sub-headings far larger).
    func sizedAsNamedTitles(_ blocks: [CleanBlock], titles: Set<Int>) -> Set<Int> {
        let sizes = titles.map { blocks[$0].size }
        func han(_ block: CleanBlock) -> Int { block.text.unicodeScalars.filter(CJKCharacters.isHan).count }
        guard contentsKnown, titles.count >= 2, let first = titles.min(), let smallest = sizes.min(),
              let largest = sizes.max(), let shortest = titles.map({ han(blocks[$0]) }).min() else { return [] }
        let lower = max(smallest, bodySize * Self.headlineFirstLineSizeRatio), upper = largest * Self.unlistedTitleSizeMargin
        guard lower <= upper else { return [] }
        let range = lower...upper
        // Sub-headings that open with a label (`【湖北】储备项目…`) are told from headlines by
        // whether the document's headlines open so too (a marker inline before the title).
        let headlinesOpenWithLabels = 2 * titles.filter { opensWithLabel(blocks[$0].text) }.count >= titles.count
        return Set(blocks.indices.filter { index in
            let block = blocks[index]
            return index > first && !titles.contains(index) && (block.ocr ?? false) && range.contains(block.size)
                && 2 * han(block) >= shortest
                && !(rules.map { holdsMarkNoHeadingHolds(block.text, $0) } ?? false)
                && (headlinesOpenWithLabels || !opensWithLabel(block.text))
                // A headline has text under it before the next one; a block that goes on
                // from the one above is part of whatever that is.
                && index + 1 < blocks.count && !titles.contains(index + 1)
                && !(index > 0 && Self.continuesTitle(blocks[index - 1], with: block))
        })
    }

    /// Whether a block opens with a label, its brackets as OCR read them (`[福建`, `【海南}`).
    func opensWithLabel(_ text: String) -> Bool {
        guard let first = text.first(where: { !$0.isWhitespace }) else { return false }
        return Self.labelBrackets.contains(first) || lexiconSections.flatMap { Self.misreadInlineLabel(text, sections: $0) } != nil
    }

    /// Brackets only (not `inlineLabelOpenings`' dashes, points and round brackets:
    /// OCR reads a speck before a headline as one, and a headline may open with `（`).
    static let labelBrackets: Set<Character> = ["【", "[", "［", "〔", "{"]

    /// How much larger than the largest named headline an unlisted one may be read.
    static let unlistedTitleSizeMargin = 1.15

    /// A title block standing right under another, on the same page at about
    /// its size (within 20%), less than a line's height below it: the rest of
    /// the same headline, wrapped.
    static func continuesTitle(_ above: CleanBlock, with below: CleanBlock) -> Bool {
        guard let upper = above.provenance.last, let lower = below.provenance.first, upper.page == lower.page,
              abs(above.size - below.size) <= 0.2 * max(above.size, below.size) else { return false }
        let gap = lower.box.y0 - upper.box.y1
        return gap > -0.5 * below.size && gap < below.size && lower.box.x0 < upper.box.x1 && lower.box.x1 > upper.box.x0
    }

    /// A scanned sub-heading's wrapped end, read as a block of its own: one
    /// line, right under the heading's one line at about its size (within 20%),
    /// starting no further right (a wrapped line goes back to the margin; the
    /// heading's first line may be indented), of no heading pattern itself and
    /// opening no label, the two together no longer than a heading.
    func continuesHeading(_ above: CleanBlock, _ aboveText: String, with below: CleanBlock, _ belowText: String) -> Bool {
        guard above.ocr == true, below.ocr == true, above.lines.count == 1, below.lines.count == 1,
              let upper = above.provenance.last, let lower = below.provenance.first, upper.page == lower.page,
              abs(above.size - below.size) <= 0.2 * max(above.size, below.size),
              aboveText.count + belowText.count <= rules?.headingMaxLength ?? 40, !matchesHeadingPattern(belowText),
              let first = belowText.first, !Self.labelBrackets.contains(first) else { return false }
        let gap = lower.box.y0 - upper.box.y1, size = below.size
        return gap > -0.5 * size && gap < Self.wrappedHeadingGapLines * size && lower.box.x0 <= upper.box.x0 + 0.5 * size
            && lower.box.x1 > upper.box.x0
    }

    /// How far below a sub-heading's line its wrapped end may start, in its
    /// size: OCR boxes are loose, and a heading's own leading wider.
    static let wrappedHeadingGapLines = 1.5

    /// Text before the first title: an article of its own under the fallback
    /// title, so nothing is lost. A few characters OCR read off a speck or a rule
    /// (`于坝和`), and OCR's leftovers of the masthead and staff box, are no
    /// text: left out, quoted in a warning.
    func leadArticle(_ orphans: [(index: Int, block: CleanBlock)], fallbackTitle: String?)
        -> (article: Article?, lineage: ArticleLineage, warnings: [Warning]) {
        let isSpeck = { (block: CleanBlock) in (block.ocr ?? false) && block.text.filter(\.isLetter).count < 6 }
        var warnings = orphans.map(\.block).filter(isSpeck).map { speck in
            Warning(code: "ocr-speck-dropped",
                    message: "'\(speck.text)' read by OCR before the first article title is too short to be text: left out",
                    page: speck.pages.first)
        }
        let leftovers = orphans.map(\.block).filter { !isSpeck($0) && (frontMatter?.contains($0) ?? false) }
        warnings += leftovers.map { leftover in
            Warning(code: "front-matter-dropped",
                    message: "'\(leftover.text)' read by OCR before the first article title is the masthead or staff box (or noise), not text: left out",
                    page: leftover.pages.first)
        }
        // A running head over the first article's page that escaped the furniture, as inside an article.
        let isHead = { (block: CleanBlock) in !isSpeck(block) && !(self.frontMatter?.contains(block) ?? false)
            && (self.frontMatter?.isRunningHead(block) ?? false) }
        warnings += orphans.map(\.block).filter(isHead).map { head in
            Warning(code: "running-head-dropped",
                    message: "'\(head.text)' read by OCR before the first article title is a running head or the publication's name misread: left out",
                    page: head.pages.first)
        }
        let kept = orphans.filter { !isSpeck($0.block) && !(frontMatter?.contains($0.block) ?? false) && !isHead($0.block) }
        let lineage = ArticleLineage(title: [], blocks: kept.map { [$0.index] })
        guard !kept.isEmpty else { return (nil, lineage, warnings) }
        let title = fallbackTitle ?? "(untitled)"
        let article = Article(section: nil, title: title, pages: Array(Set(kept.flatMap(\.block.pages))).sorted(),
                              blocks: kept.map { ArticleBlock(kind: .paragraph, text: $0.block.text, provenance: $0.block.provenance) },
                              sources: [])
        // Only where titles are expected from the publication's rules: for the
        // generic pipeline a document without headings is normal.
        if rules != nil, !genericPipeline {
            warnings.append(Warning(code: "text-before-first-title",
                                    message: "\(kept.count) block(s) before the first article title were kept under '\(title)'",
                                    page: kept.first?.block.pages.first))
        }
        return (article, lineage, warnings)
    }

    /// Moves the closing citation of the last paragraph into `sources`. A
    /// citation set on lines of its own may have been cut into two or three
    /// blocks: the last blocks that together are one citation are taken whole.
    /// One that a paragraph opens and a line or two of its own ends (OCR set
    /// its last line apart: `…（经济日报20221209 21世纪经济报` over `道20221210）`)
    /// leaves the paragraph its text.
    /// Returns the positions of the blocks it took out of `article.blocks`.
    @discardableResult
    func takeCitation(_ article: inout Article) -> [Int] {
        for count in 2...3 where article.blocks.count >= count {
            let tail = article.blocks.suffix(count)
            let joined = CJKText.normalizeSpacing(CJKText.joinWrapped(tail.map(\.text)))
            guard let (rest, sources) = citations.split(joined) else { continue }
            if rest.isEmpty, tail.first?.text.hasPrefix("（") == true || tail.first?.text.hasPrefix("(") == true {
                article.sources = sources
                article.blocks.removeLast(count)
                return Array(article.blocks.count..<(article.blocks.count + count))
            }
            let at = article.blocks.count - count
            if Self.endsInCitationLines(article.blocks[at...], rest: rest) {
                article.sources = sources
                article.blocks[at].text = rest
                article.blocks.removeLast(count - 1)
                return Array((at + 1)..<(at + count))
            }
        }
        // At the article's very end, a citation whose closing bracket OCR lost (`（辽宁日报20230918`) is one too.
        guard let last = article.blocks.lastIndex(where: { $0.kind == .paragraph }),
              let (rest, sources) = citations.split(article.blocks[last].text)
                ?? (last == article.blocks.count - 1 ? citations.split(article.blocks[last].text + "）") : nil) else { return [] }
        article.sources = sources
        guard rest.isEmpty else {
            article.blocks[last].text = rest
            return []
        }
        article.blocks.remove(at: last)
        return [last]
    }
}

extension ArticleBuilder {
    /// Whether `blocks` are a paragraph whose text is `rest` and then the
    /// citation it opens, and lines of that citation set apart: each no longer
    /// than `maxCitationLine` and holding digits (a date, or its last part).
    static func endsInCitationLines(_ blocks: ArraySlice<ArticleBlock>, rest: String) -> Bool {
        guard let first = blocks.first, first.kind == .paragraph, !rest.isEmpty, first.text.hasPrefix(rest),
              rest.count < first.text.count else { return false }
        return blocks.dropFirst().allSatisfy { $0.text.count <= maxCitationLine && $0.text.contains(where: \.isNumber) }
    }

    /// The most characters a citation's line set apart holds.
    static let maxCitationLine = 40
}

extension String {
    /// The text before a UTF-16 offset.
    func utf16Prefix(_ offset: Int) -> String {
        let units = Array(utf16)
        return String(decoding: units[0..<min(max(0, offset), units.count)], as: UTF16.self)
    }

    /// The text after a UTF-16 offset (as NSRegularExpression reports them).
    func utf16Suffix(from offset: Int) -> String {
        let units = Array(utf16)
        return String(decoding: units[min(max(0, offset), units.count)...], as: UTF16.self)
    }
}

import Foundation
