/// What `search` looks for and where.
public struct SearchRequest: Sendable {
    public var query: SearchQuery
    /// Only articles of these sections (as printed: `上海`); empty: all.
    public var sections: [String] = []
    /// Only issues printed on or after / on or before these ISO dates.
    public var from: String?
    public var to: String?
    /// Only these issues; empty: all.
    public var issues: [IssueLabel] = []
    public var limit: Int = 20
    public var offset: Int = 0
    public var marks: SnippetMarks = .stars
    /// Characters of a snippet before its first match, and in all.
    public var snippetContext: (before: Int, length: Int) = (20, 60)

    public init(_ text: String) { query = SearchQuery(text) }
}

/// One article that matches, shown at its best block.
public struct SearchHit: Codable, Hashable, Sendable {
    /// `2024-3`.
    public var issue: String
    public var year: Int?
    public var number: Int?
    public var cumulativeNumber: Int?
    public var printDate: String?
    public var section: String?
    public var title: String
    /// The article's place in the issue JSON's `articles` (from 0).
    public var article: Int
    /// The page of the block shown.
    public var page: Int?
    /// `title`, `heading` or `paragraph`: where the match shown is.
    public var kind: String
    public var snippet: String
    /// bm25 of the block shown (lower is better); nil when the blocks were scanned.
    public var score: Double?
    /// Blocks of the article that match.
    public var matches: Int
    /// The issue JSON file.
    public var file: String
}

/// A page of results.
public struct SearchResults: Codable, Hashable, Sendable {
    public var query: String
    /// `fts` (ranked by bm25) or `scan` (a query with no whole term: newest issue first).
    public var method: String
    /// Articles that match, over all pages.
    public var total: Int
    public var offset: Int
    public var limit: Int
    public var hits: [SearchHit]
}
