import GRDB

extension ArchiveDatabase {
    /// The articles whose title or a block contains the query (every part of
    /// it), best first: ranked by the bm25 of their best block (a title counts
    /// twice a body block), or, when the query has no whole term and the blocks
    /// are scanned, newest issue first.
    public func search(_ request: SearchRequest) throws -> SearchResults {
        try read { db in
            let usesIndex = request.query.match != nil
            let ranked = usesIndex ? try rankedByIndex(request, db) : try rankedByScan(request, db)
            let start = min(request.offset, ranked.count)
            let page = ranked[start..<min(start + request.limit, ranked.count)]
            let hits = try page.map { try hit($0, request, db) }
            return SearchResults(query: request.query.text, method: usesIndex ? "fts" : "scan", total: ranked.count,
                                 offset: request.offset, limit: request.limit, hits: hits)
        }
    }

    /// An article that matches: the block to show, its score, how many blocks match.
    struct RankedArticle {
        var blockId: Int64
        var score: Double?
        var matches: Int
    }

    /// FTS5 finds the candidates in bm25 order; unless the query is exact their
    /// text is checked. An article is ranked where its first (best) block falls.
    private func rankedByIndex(_ request: SearchRequest, _ db: Database) throws -> [RankedArticle] {
        let exact = request.query.isExact
        let filter = SearchFilter(request)
        var arguments: StatementArguments = [request.query.match]
        arguments += filter.arguments
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT b.id, b.articleId, bm25(blockSearch, 2.0, 1.0) AS score\(exact ? "" : ", b.text")
            FROM blockSearch JOIN blocks b ON b.id = blockSearch.rowid\(filter.joins)
            WHERE blockSearch MATCH ?\(filter.conditions)
            ORDER BY score, b.id
            """, arguments: arguments)
        let folded = request.query.foldedParts
        return try collect(cursor) { row in exact || request.query.isContained(in: row[3], folded: folded) }
    }

    /// Every block's text searched in SQL (`instr` on `lower`, the fold `TextMatch` uses).
    private func rankedByScan(_ request: SearchRequest, _ db: Database) throws -> [RankedArticle] {
        let filter = SearchFilter(request, alwaysJoin: true)
        let folded = request.query.parts.map { String(decoding: TextMatch.folded($0), as: UTF8.self) }
        // No query, only filters: every article, shown at its title.
        // lower() copies every text: only for a part with letters to fold.
        let contains = folded.isEmpty ? "b.kind = 'title'"
            : folded.map { $0.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } ? "instr(lower(b.text), ?) > 0" : "instr(b.text, ?) > 0" }
                .joined(separator: " AND ")
        var arguments = StatementArguments(folded)
        arguments += filter.arguments
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT b.id, b.articleId, NULL AS score FROM blocks b\(filter.joins)
            WHERE \(contains)\(filter.conditions)
            ORDER BY i.printDate DESC, i.year DESC, i.number DESC, i.id, a.position, b.position
            """, arguments: arguments)
        return try collect(cursor) { _ in true }
    }

    /// Rows (block id, article id, score) in rank order, grouped by article.
    private func collect(_ cursor: RowCursor, keep: (Row) -> Bool) throws -> [RankedArticle] {
        var ranked: [RankedArticle] = []
        var indexOfArticle: [Int64: Int] = [:]
        while let row = try cursor.next() {
            guard keep(row) else { continue }
            let articleId: Int64 = row[1]
            if let index = indexOfArticle[articleId] {
                ranked[index].matches += 1
            } else {
                indexOfArticle[articleId] = ranked.count
                ranked.append(RankedArticle(blockId: row[0], score: row[2], matches: 1))
            }
        }
        return ranked
    }

    private func hit(_ ranked: RankedArticle, _ request: SearchRequest, _ db: Database) throws -> SearchHit {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT i.year, i.number, i.cumulativeNumber, i.printDate, i.path, a.section, a.title, a.position, b.page, b.kind, b.text
            FROM blocks b JOIN articles a ON a.id = b.articleId JOIN issues i ON i.id = b.issueId WHERE b.id = ?
            """, arguments: [ranked.blockId]) else {
            throw ArchiveError.database(path: path, reason: "block \(ranked.blockId) vanished during the search")
        }
        let label = IssueLabel(year: row["year"], number: row["number"])
        let text: String = row["text"]
        return SearchHit(issue: label.short, year: label.year, number: label.number, cumulativeNumber: row["cumulativeNumber"],
                         printDate: row["printDate"], section: row["section"], title: row["title"], article: row["position"],
                         page: row["page"], kind: row["kind"], snippet: Snippet.make(text, request),
                         score: ranked.score.map { ($0 * 1000).rounded() / 1000 }, matches: ranked.matches, file: row["path"])
    }
}

/// The filters of a request as SQL (`i` the issues, `a` the articles, `b` the blocks).
struct SearchFilter {
    var joins = ""
    var conditions = ""
    var arguments: StatementArguments = []

    init(_ request: SearchRequest, alwaysJoin: Bool = false) {
        var clauses: [String] = []
        if !request.sections.isEmpty {
            clauses.append("a.section IN (\(request.sections.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(request.sections)
        }
        if let from = request.from { clauses.append("i.printDate >= ?"); arguments += [from] }
        if let to = request.to { clauses.append("i.printDate <= ?"); arguments += [to] }
        if !request.issues.isEmpty {
            clauses.append("(" + request.issues.map { _ in "(i.year = ? AND i.number = ?)" }.joined(separator: " OR ") + ")")
            for label in request.issues { arguments += [label.year, label.number] }
        }
        if alwaysJoin || !clauses.isEmpty {
            joins = " JOIN articles a ON a.id = b.articleId JOIN issues i ON i.id = b.issueId"
        }
        conditions = clauses.map { " AND " + $0 }.joined()
    }
}
