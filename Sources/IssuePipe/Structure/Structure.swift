/// The structure stage: the issue model from the cleaned blocks, the pages'
/// lines (for the cover and the staff box) and the pipeline's rules.
public func structure(_ cleaned: CleanedDocument, pages: [PageLayout], source: SourceInfo,
                      metadata: PDFMetadata, definition: PipelineDefinition) -> IssueDocument {
    var issue = IssueDocument(source: source, pipeline: definition.info, pages: cleaned.pages)
    let pageLines = pages.map { PageLines($0, furniture: cleaned.furniture) }
    let hasCover = definition.masthead != nil || definition.contents != nil
    let coverNumber = definition.contents?.page ?? 1
    var contentsConfidence: [Double?] = []

    // Masthead, staff and contents come from the cover and the inside cover.
    if hasCover, let cover = pageLines.first(where: { $0.page == coverNumber }) {
        let masthead = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon).parse(cover, bodySize: cleaned.bodySize)
        (issue.publication, issue.issue) = (masthead.0, masthead.1)
        issue.warnings += masthead.2
        let names = ArticleBuilder(rules: definition.articles, bodySize: cleaned.bodySize,
                                   citations: CitationParser(rules: definition.sources),
                                   lexiconSections: definition.lexicon?.sections)
        let read = ContentsParser(marker: Pattern(definition.articles?.sectionMarker), sectionName: names.sectionName)
            .parseRead(cover)
        issue.contents = read.map(\.entry)
        contentsConfidence = read.map(\.confidence)
    }
    let staff = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon).parse(pageLines)
    issue.warnings += staff.warnings
    if !staff.staff.isEmpty { issue.staff = staff.staff }
    if !staff.hosts.isEmpty { issue.publication.hosts = staff.hosts }
    if staff.contacts.phone != nil || staff.contacts.fax != nil { issue.contacts = staff.contacts }

    // The body: every block not on the cover, not in the staff box, not on a back cover.
    let backCover = (definition.furniture?.backCover ?? false) ? BackCover.pages(cleaned) : []
    let body = cleaned.blocks.filter { block in
        block.provenance.contains { item in
            !(hasCover && item.page == coverNumber) && !backCover.contains(item.page)
                && !(staff.bands[item.page]?.contains(item.box.midY) ?? false)
        }
    }
    let builder = ArticleBuilder(rules: definition.articles, bodySize: cleaned.bodySize,
                                 citations: CitationParser(rules: definition.sources),
                                 lexiconSections: definition.lexicon?.sections,
                                 genericPipeline: definition.match == nil)
    let fallbackTitle = metadata.title ?? issue.publication.title
    let built = builder.buildRead(body, fallbackTitle: fallbackTitle)
    issue.articles = built.articles
    issue.warnings += built.warnings
    issue.warnings += ContentsMatching.reconcile(contents: &issue.contents, contentsConfidence: contentsConfidence,
                                                 articles: &issue.articles, titleConfidence: built.titleConfidences,
                                                 contentsPage: coverNumber)
    issue.warnings += ContentsMatching.warnings(contents: issue.contents, articles: issue.articles, contentsPage: coverNumber)

    if definition.name == "generic" || definition.match == nil {
        if issue.publication.title == nil { issue.publication.title = metadata.title ?? issue.articles.first?.title }
        issue.warnings.append(Warning(code: "no-pipeline-match",
                                      message: "no publication's rules matched page 1; used the generic pipeline"))
    }
    return issue
}

/// Trailing pages without any body paragraph: a back cover with slogans and a QR code.
enum BackCover {
    static func pages(_ cleaned: CleanedDocument) -> Set<Int> {
        var result = Set<Int>()
        for page in cleaned.pages.reversed().map(\.number) where page > 1 {
            let blocks = cleaned.blocks.filter { $0.provenance.first?.page == page }
            let hasParagraph = blocks.contains { block in
                // OCR sizes are estimates: a wider tolerance there.
                let tolerance = (block.ocr ?? false) ? 0.3 : 0.15
                return !block.bold && abs(block.size - cleaned.bodySize) <= tolerance * cleaned.bodySize && block.text.count >= 30
            }
            if hasParagraph { break }
            result.insert(page)
        }
        return result
    }
}
