import GRDB

/// The archive's tables, built by migrations from the first version on, so a
/// database made by an older issuepipe is brought up to date when it is opened
/// (and one made by a newer issuepipe is refused rather than misread).
///
/// - `issues`: one row per indexed issue JSON, keyed by its source PDF's
///   SHA-256, with the output's own SHA-256 (a changed output replaces its rows).
/// - `articles`, `blocks` (paragraphs and headings with their page; the
///   article's title is a block of kind `title`), `sources`, `staff`.
/// - `blockSearch`: FTS5 over the blocks (rowid = `blocks.id`), its columns the
///   terms of `SearchTerms` for a title and for body text.
enum ArchiveSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: issues, articles, blocks, sources, staff, blockSearch") { db in
            try createIssues(db)
            try createArticles(db)
            try db.create(virtualTable: "blockSearch", using: FTS5()) { t in
                t.tokenizer = .unicode61()
                t.column("titleTerms")
                t.column("bodyTerms")
            }
        }
        return migrator
    }

    private static func createIssues(_ db: Database) throws {
        try db.create(table: "issues") { t in
            t.primaryKey("id", .integer)
            t.column("sourceSha256", .text).notNull().unique()
            t.column("outputSha256", .text).notNull()
            t.column("path", .text).notNull()
            t.column("sourceFile", .text)
            t.column("pageCount", .integer)
            t.column("pipeline", .text)
            t.column("pipelineVersion", .text)
            t.column("title", .text)
            t.column("subtitle", .text)
            t.column("publisher", .text)
            t.column("publisherEn", .text)
            t.column("year", .integer)
            t.column("number", .integer)
            t.column("cumulativeNumber", .integer)
            t.column("printDate", .text)
        }
        try db.create(index: "issuesByNumber", on: "issues", columns: ["year", "number"])
        try db.create(index: "issuesByDate", on: "issues", columns: ["printDate"])
        try db.create(table: "staff") { t in
            t.column("issueId", .integer).notNull().references("issues", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("role", .text).notNull()
            t.column("name", .text).notNull()
            t.primaryKey(["issueId", "position"])
        }
    }

    private static func createArticles(_ db: Database) throws {
        try db.create(table: "articles") { t in
            t.primaryKey("id", .integer)
            t.column("issueId", .integer).notNull().indexed().references("issues", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("section", .text).indexed()
            t.column("title", .text).notNull()
            t.column("pages", .text).notNull() // "2,3"
        }
        try db.create(table: "blocks") { t in
            t.primaryKey("id", .integer)
            t.column("issueId", .integer).notNull().indexed().references("issues", onDelete: .cascade)
            t.column("articleId", .integer).notNull().indexed().references("articles", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("page", .integer)
            t.column("text", .text).notNull()
        }
        try db.create(table: "sources") { t in
            t.column("articleId", .integer).notNull().references("articles", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("name", .text).notNull()
            t.column("date", .text)
            t.primaryKey(["articleId", "position"])
        }
    }
}
