/// The structure stage: the issue model from the cleaned blocks, the pages'
/// lines (for the cover, the staff box and the contents) and the pipeline's rules.
public func structure(_ cleaned: CleanedDocument, pages: [PageLayout], source: SourceInfo,
                      metadata: PDFMetadata, definition: PipelineDefinition, unwritable: Set<Character> = []) -> IssueDocument {
    structureWithLineage(cleaned, pages: pages, source: source, metadata: metadata, definition: definition, unwritable: unwritable).issue
}

/// The structure stage, with the clean blocks each article was made from.
/// `unwritable`: characters the OCR model cannot write (`OCRReport.unwritable`).
public func structureWithLineage(_ cleaned: CleanedDocument, pages: [PageLayout], source: SourceInfo,
                                 metadata: PDFMetadata, definition: PipelineDefinition,
                                 unwritable: Set<Character> = []) -> StructuredIssue {
    var issue = IssueDocument(source: source, pipeline: definition.info, pages: cleaned.pages)
    let pageLines = pages.map { PageLines($0, furniture: cleaned.furniture) }
    let hasCover = definition.masthead != nil || definition.contents != nil
    let coverNumber = 1
    var builder = ArticleBuilder(rules: definition.articles, bodySize: cleaned.bodySize,
                                 citations: CitationParser(rules: definition.sources),
                                 lexiconSections: definition.lexicon?.sections,
                                 genericPipeline: definition.match == nil)
    builder.standingPatterns = builder.standingHeadingPatterns(cleaned.blocks)
    builder.spacedParagraphs = cleaned.spacedParagraphs ?? false
    let staffBands = readFrontMatter(into: &issue, pageLines: pageLines, cover: coverNumber, bodySize: cleaned.bodySize,
                                     definition: definition)
    if definition.masthead != nil {
        let heads = cleaned.furniture.filter { $0.reason.hasPrefix("running-") && $0.page != coverNumber }.map(\.text)
        let masthead = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        let coverReadByOCR = cleaned.pages.contains { $0.number == coverNumber && $0.method == .ocr }
        issue.warnings += masthead.filling(&issue.issue, fromRunningHeads: heads, coverReadByOCR: coverReadByOCR)
        issue.warnings += masthead.fillingTitle(&issue.publication, fromRunningHeads: heads)
        // A print date without its year (`11月6日印发`) waited for the year the running heads gave.
        if issue.issue.printDate == nil, let year = issue.issue.year, let cover = pageLines.first(where: { $0.page == coverNumber }) {
            issue.issue.printDate = masthead.printDate(MastheadParser.candidateTexts(cover.lines), year: year)
        }
        issue.warnings += masthead.fillingYear(&issue.issue)
    }

    // The contents, found by the headlines they repeat in the body.
    let backCover = (definition.furniture?.backCover ?? false) ? BackCover.pages(cleaned) : []
    issue.warnings += BackCover.warnings(backCover, cleaned: cleaned)
    let textLines = Dictionary(pageLines.flatMap { page in zip(page.refs, page.lines) }, uniquingKeysWith: { first, _ in first })
    let lineText = { (ref: String) in textLines[ref]?.text }
    // The issue's label as the running heads print it (`masthead.printedLabel` filled in).
    let printedLabel = definition.masthead?.printedLabel.flatMap { form in
        issue.issue.year.flatMap { year in issue.issue.number.map { number in
            form.replacingOccurrences(of: "{year}", with: String(year)).replacingOccurrences(of: "{number}", with: String(number))
        } }
    }
    let contents = readContents(definition, pageLines: pageLines, cleaned: cleaned, sectionName: builder.sectionName,
                                notBody: backCover.union(hasCover ? [coverNumber] : []), issueLabel: printedLabel, lineText: lineText)
    issue.contents = contents.entries.map(\.entry)
    let contentsPage = contents.entries.first.map { Int($0.refs[0].split(separator: ":")[0]) ?? coverNumber } ?? coverNumber

    // The body: every block not on the cover, in the staff box, in the contents or on a back cover.
    let inStaffBox = { (item: Provenance) in staffBands[item.page]?.contains(item.box.midY) ?? false }
    let body = bodyBlocks(cleaned, contents: contents, lineText: { lineText($0) ?? "" }, line: { textLines[$0] },
                          headingLines: { builder.leadingHeadingLines($0, lineText: lineText) },
                          headingInside: { builder.headingLineInside($0, lineText: lineText) },
                          inStaffBox: inStaffBox) { item in
        !(hasCover && item.page == coverNumber) && !backCover.contains(item.page) && !inStaffBox(item)
    }

    var bodyBuilder = builder
    if definition.masthead != nil || definition.staff != nil {
        bodyBuilder.frontMatter = FrontMatterLeftovers(names: definition.publicationNames, labels: definition.staffLabels,
                                                       issueLabels: (definition.masthead?.issueLabel?.patterns ?? []).compactMap { Pattern($0) },
                                                       issue: issue.issue.year.flatMap { year in issue.issue.number.map { (year, $0) } })
        bodyBuilder.frontMatter?.printedLabel = printedLabel
    }
    // Contents that name most of their entries' headlines are trusted to list the articles.
    let named = contents.entries.filter { $0.blocks != nil }.count
    bodyBuilder.contentsKnown = named >= 4 && Double(named) >= 0.8 * Double(contents.entries.count)
    bodyBuilder.contentsKeys = issue.contents.map(\.title.comparisonKey)
    let built = bodyBuilder.buildRead(body.blocks, titles: body.titled, fallbackTitle: metadata.title ?? issue.publication.title)
    issue.articles = built.articles
    issue.warnings += built.warnings
    var lineage = built.lineage
    var readByOCR = contents.entries.map { $0.confidence != nil }
    issue.warnings += ContentsMatching.joiningWrappedTitles(contents: issue.contents, ocr: readByOCR, articles: &issue.articles,
                                                            lineage: &lineage)
    issue.warnings += ContentsMatching.joiningTitleStarts(contents: issue.contents, ocr: readByOCR,
                                                          marker: Pattern(definition.articles?.sectionMarker),
                                                          articles: &issue.articles, lineage: &lineage)
    var contentsConfidence = contents.entries.map(\.confidence)
    var namedEntries = contents.entries.map { $0.blocks != nil }
    issue.warnings += ContentsMatching.joiningSplitEntries(contents: &issue.contents, confidence: &contentsConfidence,
                                                           named: &namedEntries, articles: issue.articles, contentsPage: contentsPage)
    readByOCR = contentsConfidence.map { $0 != nil }
    issue.warnings += ContentsMatching.reconcile(contents: &issue.contents, contentsConfidence: contentsConfidence,
                                                 named: namedEntries, articles: &issue.articles, titleConfidence: built.titleConfidences,
                                                 contentsPage: contentsPage)
    ContentsMatching.sections(contents: &issue.contents, articles: &issue.articles, marked: built.marked,
                              misread: built.misread, ocr: readByOCR, known: definition.lexicon?.sections ?? [])
    if let places = definition.lexicon?.places {
        let entryOf = ContentsMatching.namedArticles(contents: issue.contents, articles: issue.articles, ocr: readByOCR)
            .enumerated().reduce(into: [Int: Int]()) { map, pair in if let j = pair.element { map[j] = pair.offset } }
        issue.warnings += SectionPlaces(places: places, sections: definition.lexicon?.sections ?? [])
            .correcting(&issue.articles, contents: &issue.contents, marked: built.marked, read: built.titleConfidences.map { $0 != nil },
                        entryOf: entryOf, entryRead: readByOCR)
    }
    issue.warnings += ContentsMatching.droppingStrayRows(contents: &issue.contents, ocr: &readByOCR, articles: issue.articles,
                                                         contentsPage: contentsPage)
    issue.warnings += ContentsMatching.warnings(contents: issue.contents, articles: issue.articles, contentsPage: contentsPage)
    let ocrPages = Set(cleaned.pages.filter { $0.method == .ocr }.map(\.number))
    let outlets = OutletNames(known: definition.lexicon?.outlets ?? [], unwritable: unwritable)
    issue.warnings += checkingPrintDate(&issue, days: definition.sources?.daysBeforeIssue,
                                        coverReadByOCR: cleaned.pages.contains { $0.number == coverNumber && $0.method == .ocr })
    let citedDates = CitationDates(printDate: issue.issue.printDate, citedDates: issue.articles.flatMap(\.sources).map(\.date),
                                   days: definition.sources?.daysBeforeIssue)
    let lexicon = definition.lexicon
    let trailingNames = ([lexicon?.publisher].compactMap { $0 } + (lexicon?.hosts ?? []) + (lexicon?.sections ?? []))
        .sorted { $0.count > $1.count }
    issue.warnings += citedDates.correcting(&issue.articles, ocrPages: ocrPages)
    issue.warnings += LooseCitations(outlets: outlets, dates: citedDates, trailingNames: trailingNames)
        .taking(from: &issue.articles, lineage: &lineage, ocrPages: ocrPages)
    issue.warnings += outlets.snapping(&issue.articles, ocrPages: ocrPages)

    if definition.name == "generic" || definition.match == nil {
        if issue.publication.title == nil { issue.publication.title = metadata.title ?? issue.articles.first?.title }
        issue.warnings.append(Warning(code: "no-pipeline-match",
                                      message: "no publication's rules matched page 1; used the generic pipeline"))
    }
    let entryArticles = ContentsMatching.namedArticles(contents: issue.contents, articles: issue.articles, ocr: readByOCR)
    return StructuredIssue(issue: issue, lineage: lineage.map { $0.mapped(body.sources) }, contentsArticles: entryArticles)
}

/// A print date OCR read off the cover is checked against the issue's own
/// citations (`CitationDates.printDate`); a text layer's is left as printed.
func checkingPrintDate(_ issue: inout IssueDocument, days: Int?, coverReadByOCR: Bool) -> [Warning] {
    guard coverReadByOCR, let days, let read = issue.issue.printDate,
          let date = CitationDates.printDate(read, citedDates: issue.articles.flatMap(\.sources).map(\.date), days: days)
    else { return [] }
    issue.issue.printDate = date
    return [Warning(code: "print-date-corrected",
                    message: "print date read as \(read) by OCR is \(date): the issue's citations fall in the \(days) days before that date, not before \(read)",
                    page: issue.pages.first?.number)]
}

/// The masthead (from the cover) and the staff box, hosts and contacts into
/// `issue`; returns the staff box's vertical band on each page it is on.
func readFrontMatter(into issue: inout IssueDocument, pageLines: [PageLines], cover: Int, bodySize: Double,
                     definition: PipelineDefinition) -> [Int: ClosedRange<Double>] {
    if definition.masthead != nil, let page = pageLines.first(where: { $0.page == cover }) {
        let masthead = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon).parse(page, bodySize: bodySize)
        (issue.publication, issue.issue) = (masthead.0, masthead.1)
        issue.warnings += masthead.2
    }
    let staff = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon).parse(pageLines)
    if definition.masthead != nil {
        issue.warnings += MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
            .fillingPublisher(&issue.publication, from: pageLines, bands: staff.bands)
    }
    if !staff.staff.isEmpty { issue.staff = staff.staff }
    if !staff.hosts.isEmpty { issue.publication.hosts = staff.hosts }
    if staff.contacts.phone != nil || staff.contacts.fax != nil { issue.contacts = staff.contacts }
    issue.warnings += staff.warnings
    return staff.bands
}

/// The blocks articles are made of: each clean block with a line in the body
/// (`inBody`) and not only contents rows, less its contents rows, a headline
/// OCR joined to its paragraph cut off again, a headline the clean stage kept
/// in pieces joined, a sub-heading OCR joined to its paragraph (`headingLines`)
/// cut off. `titled`: the indices of the blocks the contents name;
/// `sources`: for each block, the clean blocks it was made from.
func bodyBlocks(_ cleaned: CleanedDocument, contents: (entries: [ContentsReader.Entry], labelRefs: [String]),
                lineText: (String) -> String, line: (String) -> TextLine? = { _ in nil }, headingLines: (CleanBlock) -> Int?, headingInside: (CleanBlock) -> Int?,
                inStaffBox: (Provenance) -> Bool = { _ in false }, inBody: (Provenance) -> Bool)
    -> (blocks: [CleanBlock], titled: Set<Int>, sources: [[Int]]) {
    let contentsLines = Set(contents.entries.flatMap(\.refs) + contents.labelRefs)
    let headlines = Set(contents.entries.compactMap { $0.blocks?.first })
    let joinedHeadlines = Dictionary(contents.entries.compactMap { $0.blocks }.filter { $0.count > 1 }
        .map { ($0[0], Array($0.dropFirst())) }, uniquingKeysWith: { first, _ in first })
    let leadingHeadlines = Dictionary(contents.entries.compactMap { entry in
        entry.leadingLines.flatMap { count in entry.blocks.map { ($0[0], count) } }
    }, uniquingKeysWith: { first, _ in first })
    var body: [CleanBlock] = []
    var sources: [[Int]] = []
    var titled = Set<Int>()
    var skip = Set<Int>()
    for (index, block) in cleaned.blocks.enumerated() where !skip.contains(index) {
        guard block.provenance.contains(where: inBody), !Set(block.lines).isSubset(of: contentsLines) else { continue }
        // A contents row the clean stage joined to what follows it (the next page's first line) is left out;
        // what is left is as confident as its own lines (a speck OCR read beside the row: 0.23, not the row's 0.8).
        // So is a staff box's line joined to a paragraph (the box atop the next column, v8904).
        let boxed = Set(block.lines.indices.filter { inStaffBox(block.provenance[$0]) }.map { block.lines[$0] })
        let block = block.lines.contains(where: { contentsLines.contains($0) || boxed.contains($0) })
            ? block.keeping({ !contentsLines.contains($0) && !boxed.contains($0) }, lineText: lineText, line: line) : block
        if let count = leadingHeadlines[index] {
            // A headline OCR joined to the paragraph under it: the two apart again.
            let count = HeadlineLines.count(block, covered: count, line: line, bodySize: cleaned.bodySize)
            titled.insert(body.count)
            guard count < block.lines.count else {
                body.append(block)
                sources.append([index])
                continue
            }
            let (head, rest) = block.split(after: count, lineText: lineText)
            body += [head, rest]
            sources += [[index], [index]]
            continue
        }
        var kept = block
        var keptSources = [index]
        for next in joinedHeadlines[index] ?? [] {
            kept = kept.joined(with: cleaned.blocks[next])
            keptSources.append(next)
            skip.insert(next)
        }
        if headlines.contains(index) { titled.insert(body.count) }
        if !headlines.contains(index), let start = headingInside(kept) {
            // A sub-heading joined to the end of the paragraph before it: the paragraph apart.
            let (paragraph, rest) = kept.split(after: start, reason: "heading-inside", lineText: lineText)
            body.append(paragraph)
            sources.append(keptSources)
            kept = rest
        }
        if !headlines.contains(index), let count = headingLines(kept) {
            let (head, rest) = kept.split(after: count, reason: "heading-line", lineText: lineText)
            body += [head, rest]
            sources += [keptSources, keptSources]
            continue
        }
        body.append(kept)
        sources.append(keptSources)
    }
    return (body, titled, sources)
}

/// The contents entries and the lines of the contents' heading, per the pipeline's `contents:` rules.
func readContents(_ definition: PipelineDefinition, pageLines: [PageLines], cleaned: CleanedDocument,
                  sectionName: @escaping (String) -> String, notBody: Set<Int>, issueLabel: String? = nil,
                  lineText: (String) -> String?) -> (entries: [ContentsReader.Entry], labelRefs: [String]) {
    guard let rules = definition.contents else { return ([], []) }
    let marker = Pattern(definition.articles?.sectionMarker)
    let names = definition.publicationNames
    let rows = ContentsRowReader(rules: rules, marker: marker, sections: definition.lexicon?.sections ?? [], sectionName: sectionName,
                                 pageCount: cleaned.pages.count)
    // The issue's label beside the contents (`2022年第22期` on a scanned cover, matched to
    // a running head no furniture rule caught, v10315) is a masthead line, no entry.
    let reader = ContentsReader(rows: rows, pages: rules.pages, masthead: names + [issueLabel].compactMap { $0 }, labels: rules.labels ?? [],
                                staffLabels: definition.staffLabels)
    var titles = TitleIndex(cleaned.blocks, bodySize: cleaned.bodySize, marker: marker, sections: definition.lexicon?.sections ?? [],
                            notOn: notBody, names: names,
                            lineText: lineText)
    titles.laterPagesOnly = rules.headlinesOnLaterPages ?? false
    return reader.read(pageLines, titles: titles)
}

extension CleanBlock {
    /// The block cut after its first `count` lines, each part's text joined anew.
    func split(after count: Int, reason: String = "contents-headline", lineText: (String) -> String) -> (CleanBlock, CleanBlock) {
        var head = part(Array(0..<count), lineText: lineText)
        head.endReason = reason
        return (head, part(Array(count..<lines.count), lineText: lineText))
    }

    /// The block with only the lines `keep` accepts, its text joined anew; an
    /// OCR block's confidence is then its kept lines' mean, where `line` gives them all.
    func keeping(_ keep: (String) -> Bool, lineText: (String) -> String, line: (String) -> TextLine? = { _ in nil }) -> CleanBlock {
        var out = part(lines.indices.filter { keep(lines[$0]) }, lineText: lineText)
        let read = out.lines.compactMap { line($0)?.confidence }
        if out.confidence != nil, !read.isEmpty, read.count == out.lines.count { out.confidence = BlockBuilder.meanConfidence(read) }
        return out
    }

    private func part(_ indices: [Int], lineText: (String) -> String) -> CleanBlock {
        var out = self
        out.lines = indices.map { lines[$0] }
        out.provenance = indices.map { provenance[$0] }
        out.text = CJKText.normalizeSpacing(CJKText.joinWrapped(out.lines.map(lineText)))
        return out
    }

    /// This block and the next one as one (a headline whose lines were kept apart).
    func joined(with next: CleanBlock) -> CleanBlock {
        var out = self
        out.text = CJKText.normalizeSpacing(CJKText.joinWrapped(text, next.text))
        out.provenance += next.provenance
        out.lines += next.lines
        out.endReason = next.endReason
        return out
    }
}

/// Trailing pages without any body paragraph: a back cover with slogans and a QR code.
enum BackCover {
    static let colons: Set<Character> = ["：", ":"]

    static func pages(_ cleaned: CleanedDocument) -> Set<Int> {
        var result = Set<Int>()
        for page in cleaned.pages.reversed().map(\.number) where page > 1 {
            let blocks = cleaned.blocks.filter { $0.provenance.first?.page == page }
            let hasParagraph = blocks.contains { block in
                // OCR sizes are estimates: a wider tolerance there.
                let tolerance = (block.ocr ?? false) ? 0.3 : 0.15
                // The issue's last paragraph ends a sentence; an address, a slogan or a caption does not.
                // OCR may read a speck after the end (`（四川日报20251104）-`, v8918).
                var text = Substring(block.text)
                while block.ocr ?? false, let last = text.last, trailingSpecks.contains(last) { text = text.dropLast() }
                // (Not a colon: a back cover's subtitle between rules OCR read as dashes, `一一地方工作亮点追踪：一一`, v10510.)
                let endsSentence = text.last.map { BlockBuilder.sentenceEnds.contains($0) && !Self.colons.contains($0) } ?? false
                return !block.bold && abs(block.size - cleaned.bodySize) <= tolerance * cleaned.bodySize && block.text.count >= 8
                    && endsSentence
            }
            if hasParagraph { break }
            result.insert(page)
        }
        return result
    }

    /// A page taken for the back cover that holds a block in the body's size
    /// as long as a paragraph (an article's end whose last sentence OCR read
    /// past knowing) is reported: its text is not in any article.
    static func warnings(_ pages: Set<Int>, cleaned: CleanedDocument) -> [Warning] {
        pages.sorted().compactMap { page in
            let long = cleaned.blocks.filter { block in
                block.provenance.first?.page == page && !block.bold && block.text.count >= paragraphLength
                    && abs(block.size - cleaned.bodySize) <= 0.3 * cleaned.bodySize
            }
            guard let first = long.first else { return nil }
            return Warning(code: "back-cover-text",
                           message: "page \(page) was read as the back cover, yet holds \(long.count) block(s) of body text, left out: '\(first.text.prefix(30))…'",
                           page: page)
        }
    }

    /// Characters of the shortest block read as a paragraph rather than an address or a slogan.
    static let paragraphLength = 60

    /// Marks OCR reads from specks and rules after a page's last line.
    static let trailingSpecks: Set<Character> = ["-", "_", "—", "一", "~", "|", "'", "`", "·", ",", " "]
}

extension PipelineDefinition {
    /// The publication's own names in the lexicon: title, subtitle, publisher
    /// (Chinese and English), hosts, and the title and subtitle joined, as a
    /// running head prints them on one line (双周决策观察·地方工作亮点追踪).
    var publicationNames: [String] {
        let head = runningHeadNames
        return [lexicon?.title, lexicon?.subtitle, lexicon?.publisher, lexicon?.publisherEn].compactMap { $0 }
            + (lexicon?.hosts ?? []) + (head.count == 2 ? [head.joined()] : [])
    }

    /// The names a running head prints: the lexicon's title and subtitle.
    var runningHeadNames: [String] { [lexicon?.title, lexicon?.subtitle].compactMap { $0 } }

    /// What the clean stage takes a running head by: the title, the subtitle,
    /// and the two joined, as one line prints them (双周决策观察·地方工作亮点追踪).
    var furnitureNames: [String] {
        let head = runningHeadNames
        return head + (head.count == 2 ? [head.joined()] : [])
    }

    /// The staff box's role and contact labels (编辑, 电话).
    var staffLabels: [String] { (staff?.roles ?? []) + (contacts ?? []).compactMap(\.label) }
}
