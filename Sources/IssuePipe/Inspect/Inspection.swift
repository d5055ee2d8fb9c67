import Foundation

/// The stage dumps read page by page: for each page what extract found, what
/// the judge decided, which lines clean dropped and which blocks it formed,
/// and which article each block went into. Both the terminal view and the
/// HTML report are drawn from it.
public struct Inspection: Sendable {
    public let dumps: StageDumps
    public let pages: [PageFacts]
    /// What the structure stage made of each clean block, by index into `clean.blocks`.
    public let blockUses: [Int: BlockUse]

    /// One page of the run.
    public struct PageFacts: Sendable {
        public var number: Int
        public var width: Double
        public var height: Double
        /// The judge's verdict, or the OCR stage's method when the judge dump is missing.
        public var method: TextMethod
        public var reasons: [String]
        /// The text layer's lines (extract stage).
        public var extractLines: [TextLine]
        /// The lines the later stages read (the OCR stage's output for this page).
        public var readLines: [TextLine]
        /// Mean OCR confidence (0…1) for OCR pages.
        public var confidence: Double?
        /// How boxes of `readLines` (an OCR page's straight frame) are drawn over the scan: an SVG transform.
        public var readTransform: String?
        /// Lines of `readLines` that clean dropped, by line index, with the reason.
        public var furnitureByLine: [Int: String]
        /// Furniture on this page as the clean stage listed it.
        public var furniture: [FurnitureLine]
        /// Clean blocks with at least one line on this page (indices into `clean.blocks`).
        public var blocks: [Int]
        /// Of those, the blocks whose first line is on this page.
        public var blocksStartingHere: [Int]
        public var warnings: [Warning]
    }

    /// The part a clean block plays in the issue JSON.
    public enum BlockUse: Sendable, Equatable {
        case title(article: Int)
        case heading(article: Int)
        case paragraph(article: Int)
        /// A closing citation the structure stage took out of the text into `sources`.
        case citation(article: Int)

        /// 0-based index into `articles`.
        public var article: Int {
            switch self {
            case .title(let a), .heading(let a), .paragraph(let a), .citation(let a): a
            }
        }

        public var label: String {
            switch self {
            case .title: "title"
            case .heading: "heading"
            case .paragraph: "paragraph"
            case .citation: "citation"
            }
        }
    }

    public init(_ dumps: StageDumps) {
        self.dumps = dumps
        let blocks = dumps.clean?.blocks ?? []
        let read = Dictionary(dumps.readPages.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let verdicts = Dictionary((dumps.judge?.pages ?? []).map { ($0.page, $0) }, uniquingKeysWith: { first, _ in first })
        let warnings = dumps.warnings
        let reads = Dictionary((dumps.ocr?.reads ?? []).map { ($0.page, $0) }, uniquingKeysWith: { first, _ in first })
        pages = dumps.extract.pages.map { page in
            let readPage = read[page.number] ?? page
            let furniture = (dumps.clean?.furniture ?? []).filter { $0.page == page.number }
            var byLine: [Int: String] = [:]
            for item in furniture { if let index = item.lineIndex { byLine[index] = item.reason } }
            let touching = blocks.indices.filter { blocks[$0].provenance.contains { $0.page == page.number } }
            let starting = touching.filter { blocks[$0].provenance.first?.page == page.number }
            let verdict = verdicts[page.number]
            return PageFacts(
                number: page.number, width: readPage.width > 0 ? readPage.width : page.width,
                height: readPage.height > 0 ? readPage.height : page.height,
                method: verdict?.verdict ?? readPage.method, reasons: (verdict?.reasons ?? []).map(\.summary),
                extractLines: page.lines, readLines: readPage.lines, confidence: readPage.confidence,
                readTransform: reads[page.number]?.transformOntoScan(width: readPage.width, height: readPage.height),
                furnitureByLine: byLine, furniture: furniture, blocks: touching, blocksStartingHere: starting,
                warnings: warnings.filter { $0.page == page.number })
        }
        blockUses = Inspection.uses(in: dumps.structure, lineage: dumps.lineage ?? [])
    }

    /// What each clean block became, from the structure stage's lineage. A block
    /// cut in two (a headline OCR joined to its paragraph) is shown by its first use.
    static func uses(in issue: IssueDocument?, lineage: [ArticleLineage]) -> [Int: BlockUse] {
        guard let issue else { return [:] }
        var uses: [Int: BlockUse] = [:]
        for (article, sources) in zip(issue.articles.indices, lineage) {
            for index in sources.title where uses[index] == nil { uses[index] = .title(article: article) }
            for (block, indices) in zip(issue.articles[article].blocks, sources.blocks) {
                for index in indices where uses[index] == nil {
                    uses[index] = block.kind == .heading ? .heading(article: article) : .paragraph(article: article)
                }
            }
            for index in sources.citation where uses[index] == nil { uses[index] = .citation(article: article) }
        }
        return uses
    }

    /// The facts of a page by its 1-based number.
    public func page(_ number: Int) -> PageFacts? { pages.first { $0.number == number } }

    /// Articles with a block or their title on a page, as 0-based indices.
    public func articles(on page: Int) -> [Int] {
        guard let issue = dumps.structure else { return [] }
        var found = Set<Int>()
        for (index, article) in issue.articles.enumerated()
        where article.blocks.contains(where: { $0.provenance?.contains { $0.page == page } ?? false }) {
            found.insert(index)
        }
        for (blockIndex, use) in blockUses {
            if case .title(let article) = use, dumps.clean?.blocks[blockIndex].provenance.contains(where: { $0.page == page }) == true {
                found.insert(article)
            }
        }
        return found.sorted()
    }

    /// Clean blocks (indices) that are an article's title.
    public func titleBlocks(of article: Int) -> [Int] {
        blockUses.filter { $0.value == .title(article: article) }.map(\.key).sorted()
    }
}
