import GRDB

/// Writes one issue's rows (and its search terms) and takes them out again.
/// Statements are cached per connection: an archive of thousands of issues is
/// indexed with a handful of prepared statements.
enum IssueRows {
    static func insert(_ file: IssueFile, into db: Database) throws {
        let document = file.document
        let issue = document.issue, publication = document.publication
        try db.cachedStatement(sql: """
            INSERT INTO issues (sourceSha256, outputSha256, path, sourceFile, pageCount, pipeline, pipelineVersion,
                                title, subtitle, publisher, publisherEn, year, number, cumulativeNumber, printDate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                document.source.sha256, file.outputSha256, file.path, document.source.file, document.source.pageCount,
                document.pipeline.name, document.pipeline.version, publication.title, publication.subtitle,
                publication.publisher, publication.publisherEn, issue.year, issue.number, issue.cumulativeNumber, issue.printDate,
            ])
        let issueId = db.lastInsertedRowID
        try insertStaff(document.staff ?? [], issueId: issueId, db)
        for (position, article) in document.articles.enumerated() {
            try insert(article, position: position, issueId: issueId, db)
        }
    }

    /// Removes an issue and everything below it (the search terms first: FTS5
    /// rows are not reached by the foreign keys' cascade).
    static func delete(issueId: Int64, from db: Database) throws {
        try db.execute(sql: "DELETE FROM blockSearch WHERE rowid IN (SELECT id FROM blocks WHERE issueId = ?)", arguments: [issueId])
        try db.execute(sql: "DELETE FROM issues WHERE id = ?", arguments: [issueId])
    }

    private static func insertStaff(_ staff: [StaffEntry], issueId: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO staff (issueId, position, role, name) VALUES (?, ?, ?, ?)")
        var position = 0
        for entry in staff {
            for name in entry.names {
                try statement.execute(arguments: [issueId, position, entry.role, name])
                position += 1
            }
        }
    }

    private static func insert(_ article: Article, position: Int, issueId: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO articles (issueId, position, section, title, pages) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [issueId, position, article.section, article.title, article.pages.map(String.init).joined(separator: ",")])
        let articleId = db.lastInsertedRowID
        let firstPage = article.pages.first
        try insertBlock(kind: "title", text: article.title, page: firstPage, position: 0, ids: (issueId, articleId), db)
        for (index, block) in article.blocks.enumerated() {
            let page = block.provenance?.first?.page ?? firstPage
            try insertBlock(kind: block.kind.rawValue, text: block.text, page: page, position: index + 1, ids: (issueId, articleId), db)
        }
        let sources = try db.cachedStatement(sql: "INSERT INTO sources (articleId, position, name, date) VALUES (?, ?, ?, ?)")
        for (index, source) in article.sources.enumerated() {
            try sources.execute(arguments: [articleId, index, source.name, source.date])
        }
    }

    private static func insertBlock(kind: String, text: String, page: Int?, position: Int,
                                    ids: (issue: Int64, article: Int64), _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO blocks (issueId, articleId, position, kind, page, text) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [ids.issue, ids.article, position, kind, page, text])
        let terms = SearchTerms.indexTerms(text)
        let isTitle = kind == "title"
        try db.cachedStatement(sql: "INSERT INTO blockSearch (rowid, titleTerms, bodyTerms) VALUES (?, ?, ?)")
            .execute(arguments: [db.lastInsertedRowID, isTitle ? terms : "", isTitle ? "" : terms])
    }
}
