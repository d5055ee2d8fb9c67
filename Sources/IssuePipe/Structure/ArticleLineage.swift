/// Which clean blocks an article was made from, by index into
/// `CleanedDocument.blocks`. The issue JSON has no place for it (its contract
/// is fixed), so it travels beside the issue: in `5-structure.json` and in a
/// conversion's stage values, for `inspect` to show what each block became.
public struct ArticleLineage: Codable, Hashable, Sendable {
    /// The block of the article's title; empty when the document printed none
    /// (text before the first title, kept under a fallback title).
    public var title: [Int]
    /// For each of the article's blocks, in order, the clean blocks it was made
    /// from: one, or two for a headline the clean stage kept in pieces.
    public var blocks: [[Int]]
    /// Blocks taken whole into the article's `sources` (a closing citation set
    /// on lines of its own). A citation cut from the end of a paragraph leaves
    /// its block among `blocks`.
    public var citation: [Int]

    public init(title: [Int], blocks: [[Int]], citation: [Int] = []) {
        self.title = title
        self.blocks = blocks
        self.citation = citation
    }

    /// The article's blocks at `positions` were taken whole into its sources.
    mutating func takeCitation(at positions: [Int]) {
        citation = positions.flatMap { blocks[$0] }
        blocks = blocks.indices.filter { !positions.contains($0) }.map { blocks[$0] }
    }

    /// The same lineage with each index replaced by the indices it stands for
    /// (body blocks → the clean blocks they were made from).
    func mapped(_ sources: [[Int]]) -> ArticleLineage {
        ArticleLineage(title: title.flatMap { sources[$0] }, blocks: blocks.map { $0.flatMap { sources[$0] } },
                       citation: citation.flatMap { sources[$0] })
    }
}

/// The structure stage's output: the issue model and where each of its
/// articles came from (`lineage[i]` for `issue.articles[i]`), and which article
/// each contents entry names (`contentsArticles[i]` for `issue.contents[i]`).
public struct StructuredIssue: Hashable, Sendable, Encodable {
    public var issue: IssueDocument
    public var lineage: [ArticleLineage]
    public var contentsArticles: [Int?]

    public init(issue: IssueDocument, lineage: [ArticleLineage], contentsArticles: [Int?] = []) {
        self.issue = issue
        self.lineage = lineage
        self.contentsArticles = contentsArticles
    }

    private enum CodingKeys: String, CodingKey { case lineage, contentsArticles }

    /// The issue's own keys with `lineage` and `contentsArticles` beside them:
    /// `5-structure.json` still reads as an issue document, and older dumps
    /// (without them) still load.
    public func encode(to encoder: Encoder) throws {
        try issue.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lineage, forKey: .lineage)
        try container.encode(contentsArticles, forKey: .contentsArticles)
    }

    /// The lineage in a `5-structure.json`, nil in a dump written before it was kept.
    struct LineageOnly: Decodable {
        var lineage: [ArticleLineage]?
        var contentsArticles: [Int?]?
    }
}
