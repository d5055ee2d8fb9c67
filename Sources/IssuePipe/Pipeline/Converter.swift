import Foundation

/// Everything `issuepipe convert` can be told.
public struct ConvertOptions: Sendable {
    public var password: String?
    public var stagesFolder: URL?
    /// A pipeline name or YAML path; nil picks the one whose rules match page 1.
    public var pipeline: String?
    public var pipelinesFolder: URL?
    public var ocrMode: OCRMode
    /// Pages OCR'd in parallel.
    public var jobs: Int
    public var keepFurniture: Bool
    /// A folder of an earlier run's stage dumps of the same PDF: its extract,
    /// judge and OCR output are taken as they are and only clean, structure
    /// and emit run again (to try a pipeline change without OCR'ing again).
    public var reuseStages: URL?
    /// Called once before the OCR stage when a page needs OCR (the CLI restarts
    /// itself there with OMP_THREAD_LIMIT=1, see `OpenMPLimit`).
    public var beforeOCR: (@Sendable () -> Void)?
    /// Told when each stage starts and ends, in the order they run (the tests
    /// check the ordering poppler's thread safety relies on through it).
    public var onStage: (@Sendable (StageEvent) -> Void)?

    public init(password: String? = nil, stagesFolder: URL? = nil, pipeline: String? = nil,
                pipelinesFolder: URL? = nil, ocrMode: OCRMode = .auto, jobs: Int = 1,
                keepFurniture: Bool = false) {
        self.password = password
        self.stagesFolder = stagesFolder
        self.pipeline = pipeline
        self.pipelinesFolder = pipelinesFolder
        self.ocrMode = ocrMode
        self.jobs = jobs
        self.keepFurniture = keepFurniture
    }
}

/// One conversion's result: the issue, every stage's value (what `--stages`
/// writes, and what `inspect` shows) and where the time went.
public struct Conversion: Sendable {
    public var issue: IssueDocument
    public var stages: StageDumps
    public var timings: StageTimings
    /// The publication's rules the issue was read by.
    public var pipeline: PipelineDefinition
}

/// The whole pipeline for one PDF.
public func convert(_ url: URL, options: ConvertOptions = ConvertOptions()) throws -> IssueDocument {
    try convertTimed(url, options: options).issue
}

/// The whole pipeline for one PDF, timed. Reads top to bottom like the stage
/// list in the README: extract → judge → ocr → clean → structure → emit.
///
/// The order is also what makes poppler safe to use from several threads:
/// poppler sets up process-wide state lazily, on first use (global parameters,
/// CMaps, fonts and font engines), not all of it guarded against two threads at
/// once. `extract` reads every page on this thread, and the judge draws pages
/// here too, before the OCR stage (early or not) starts its parallel workers,
/// each on its own document (see `recognize`). Never start OCR, or anything
/// else that uses poppler on another thread, before `extract` has finished.
/// The tests check this order (`StageOrder` in the golden and OCR tests).
public func convertTimed(_ url: URL, options: ConvertOptions = ConvertOptions()) throws -> Conversion {
    var time = StageClock(onStage: options.onStage)
    let dumper = StageDumper(folder: options.stagesFolder)
    let document = try time.measure("open") { try PDFDocument(url: url, password: options.password) }

    let catalog = PipelineCatalog(folder: options.pipelinesFolder)
    if let folder = options.reuseStages {
        return try restructure(document, dumps: try StageDumps.reused(from: folder, for: document), catalog: catalog,
                               options: options, dumper: dumper, time: time)
    }

    // Private-use glyphs are read by OCR once per font and code (not with --ocr never).
    let glyphReading = options.ocrMode == .never ? nil : GlyphReading(languages: OCRSettings().languages) { [options] in
        options.beforeOCR?()
        return try TesseractRecognizer(languages: OCRSettings().languages)
    }
    var extracted = time.measure("extract") { extract(document, glyphReading: glyphReading) }
    try dumper.dump(extracted, stage: "extract")

    var definition = try time.measure("pipeline") { try options.pipeline.map(catalog.named) ?? catalog.detect(extracted.pages) }
    // Broken fonts decoded with maps learned from OCR; the publication is then recognised on the decoded text.
    if options.ocrMode == .auto, (definition.glyphMap ?? GlyphMapRules()).enabled,
       let mapped = time.measure("glyphmap", { mapGlyphs(extracted, document: document, definition: definition, options: options) }) {
        extracted = mapped
        try dumper.dump(extracted, stage: "extract")
        if options.pipeline == nil { definition = try catalog.detect(extracted.pages) }
    }

    var early: OCRReport
    let measured = InkMeasures()
    (early, definition) = try readCoverFirst(extracted, document: document, definition: definition, catalog: catalog,
                                             options: options, measured: measured, time: &time)

    let verdicts = time.measure("judge") {
        judge(extracted, document: document, rules: definition.judge ?? JudgeRules(), mode: options.ocrMode, measured: measured)
    }
    try dumper.dump(verdicts, stage: "judge")

    let remaining = verdicts.excluding(Set(early.reads.map(\.page)))
    if !remaining.ocrPages.isEmpty { options.beforeOCR?() }
    var read = try time.measure("ocr") {
        try recognize(extracted, verdicts: remaining, document: document,
                      settings: definition.ocr ?? OCRSettings(), jobs: options.jobs).merging(early)
    }
    if !read.reads.isEmpty {
        read.unwritable = OCRModelCharacters.unwritable(in: definition.lexicon, settings: definition.ocr ?? OCRSettings())
            .flatMap { $0.isEmpty ? nil : $0 }
    }
    try dumper.dump(read, stage: "ocr")
    // What poppler reported while the pages were read and drawn (extract, the
    // judge's ink measure, OCR renders): damaged content, missing CMaps and fonts.
    return try finish(extracted, verdicts: verdicts, read: read, definition: definition, options: options, dumper: dumper, time: time,
                      contentWarnings: document.messages.warnings)
}

/// A scanned cover has no text to recognise the publication by: its first
/// pages are read first, so the rest is judged and read with its own settings.
/// The pages read (kept when the publication's OCR settings are the same) and
/// the pipeline then chosen.
func readCoverFirst(_ extracted: ExtractedDocument, document: PDFDocument, definition: PipelineDefinition,
                    catalog: PipelineCatalog, options: ConvertOptions, measured: InkMeasures,
                    time: inout StageClock) throws -> (OCRReport, PipelineDefinition) {
    let none = OCRReport(pages: extracted.pages)
    guard options.pipeline == nil, definition.match == nil, options.ocrMode != .never else { return (none, definition) }
    let first = judge(extracted, document: document, rules: definition.judge ?? JudgeRules(), mode: options.ocrMode,
                      pages: try catalog.detectionPages(), measured: measured)
    guard !first.ocrPages.isEmpty else { return (none, definition) }
    options.beforeOCR?()
    let early = try time.measure("ocr") {
        try recognize(extracted, verdicts: first, document: document, settings: definition.ocr ?? OCRSettings(), jobs: options.jobs)
    }
    let found = try catalog.detect(early.pages)
    return ((found.ocr ?? OCRSettings()) != (definition.ocr ?? OCRSettings()) ? none : early, found)
}

/// clean → structure → emit, from what the first stages gave.
func finish(_ extracted: ExtractedDocument, verdicts: JudgeReport, read: OCRReport, definition: PipelineDefinition,
            options: ConvertOptions, dumper: StageDumper, time: StageClock, contentWarnings: [Warning] = []) throws -> Conversion {
    var time = time
    let budget = PatternBudget()
    let (cleaned, structured) = PatternBudget.$current.withValue(budget) {
        let cleaned = time.measure("clean") { clean(read.pages, rules: definition.furniture ?? FurnitureRules(), text: definition.text ?? TextRules(),
                                                        blocks: definition.blocks ?? BlockRules(),
                                                        names: definition.furnitureNames,
                                                        issueLabels: definition.masthead?.issueLabel?.patterns ?? []) }
        let structured = time.measure("structure") {
            structureWithLineage(cleaned, pages: read.pages, source: extracted.source, metadata: extracted.metadata, definition: definition,
                                 unwritable: Set((read.unwritable ?? []).compactMap(\.first)))
        }
        return (cleaned, structured)
    }
    if let pattern = budget.exceeded {
        throw IssuePipeError.invalidPipeline(path: definition.name, reason: "the pattern '\(pattern)' took more than "
            + "\(PatternBudget.secondsPerMatch) s on one line (it backtracks without end: nested repeats such as (.+)+)")
    }
    try dumper.dump(cleaned, stage: "clean")
    try dumper.dump(structured, stage: "structure")
    let stages = StageDumps(extract: extracted, judge: verdicts, ocr: read, clean: cleaned, structure: structured.issue,
                            lineage: structured.lineage, contentsArticles: structured.contentsArticles)
    var issue = structured.issue

    let repaired = ((extracted.glyphRepairs ?? []).flatMap(\.warnings) + (extracted.glyphMap?.warnings ?? []))
        .sorted { ($0.page ?? 0) < ($1.page ?? 0) }
    issue.warnings = contentWarnings + repaired + verdicts.warnings + read.warnings + issue.warnings
    if options.keepFurniture { issue.furniture = cleaned.furniture }
    let ocr = definition.ocr ?? OCRSettings()
    issue.producedWith = RuntimeEnvironment.producedWith(ocrLanguages: read.reads.isEmpty ? nil : ocr.languages, tessdata: ocr.tessdata)
    return Conversion(issue: issue, stages: stages, timings: time.timings, pipeline: definition)
}

/// `--reuse-stages`: the earlier run's extract, judge and OCR output, then clean onwards.
func restructure(_ document: PDFDocument, dumps: StageDumps, catalog: PipelineCatalog, options: ConvertOptions,
                 dumper: StageDumper, time: StageClock) throws -> Conversion {
    let read = dumps.ocr ?? OCRReport(pages: dumps.extract.pages)
    let verdicts = dumps.judge ?? JudgeReport(pages: [])
    let definition = try options.pipeline.map(catalog.named) ?? catalog.detect(read.pages)
    for (stage, value) in [("extract", dumps.extract as any Encodable), ("judge", verdicts), ("ocr", read)] {
        try dumper.dump(value, stage: stage)
    }
    return try finish(dumps.extract, verdicts: verdicts, read: read, definition: definition, options: options, dumper: dumper, time: time)
}
