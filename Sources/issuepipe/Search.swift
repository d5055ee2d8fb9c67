import ArgumentParser
import Foundation
import IssuePipe

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find articles in an archive made by 'issuepipe index'.",
        discussion: """
        An article matches when its title or one of its paragraphs or headings contains \
        the query; a query with spaces matches a block that contains every part. \
        Characters are compared as printed (ASCII letters in either case): 政策 finds \
        政策 and 新政策, never 政 and 策 apart. Chinese text is indexed as overlapping \
        bigrams (Latin as words), so every query of two or more characters uses the \
        full-text index; a query with no whole term in it (one character, 9年) scans \
        every block instead.

        Results are ranked by bm25 (a title match counts twice a body match), each \
        article at its best block: issue, print date, section, page, title, and a \
        snippet with the matches marked **like this**. A scan ranks newest issue first. \
        Without a query, the filters list articles, newest issue first.

        Exit status: 0 something found; 1 nothing found; 6 the archive cannot be read; 2 usage error.

        Examples:
          issuepipe search 新质生产力 --db archive.sqlite
          issuepipe search --section 上海 --from 2024 --to 2024 --db archive.sqlite
          issuepipe search 数据 要素 --issue 2024-3 --format json --db archive.sqlite
          issuepipe search 低空经济 --limit 10 --page 2 --db archive.sqlite
        """
    )

    @Argument(help: ArgumentHelp("What to find (parts separated by spaces must all be in one block).", valueName: "query"))
    var query: [String] = []

    @Option(help: ArgumentHelp("The archive (SQLite).", valueName: "file"))
    var db: String

    @Option(help: ArgumentHelp("Only articles of this section, as printed (上海). Repeatable.", valueName: "name"))
    var section: [String] = []

    @Option(help: ArgumentHelp("Only issues printed on or after this date (2024, 2024-03, 2024-03-01).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only issues printed on or before this date (2024, 2024-03, 2024-03-31).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Only this issue, year-number (2024-3). Repeatable.", valueName: "year-number"))
    var issue: [String] = []

    @Option(help: "Articles shown (a page of results).")
    var limit: Int = 20

    @Option(help: "Articles skipped before the first one shown.")
    var offset: Int?

    @Option(help: "Show the N-th page of --limit articles (from 1); instead of --offset.")
    var page: Int?

    @Option(help: "A table for people, or JSON for scripts.")
    var format: SearchFormat = .table

    @Option(help: .hidden)
    var benchQueries: String?

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if offset.map({ $0 < 0 }) == true { throw ValidationError("--offset must be 0 or more.") }
        if page.map({ $0 < 1 }) == true { throw ValidationError("--page counts from 1.") }
        if offset != nil && page != nil { throw ValidationError("Give --offset or --page, not both.") }
        if let from, SearchDates.lowerBound(from) == nil { throw ValidationError("--from takes a date: 2024, 2024-03 or 2024-03-01.") }
        if let to, SearchDates.upperBound(to) == nil { throw ValidationError("--to takes a date: 2024, 2024-03 or 2024-03-31.") }
        for label in issue where IssueLabel.parse(label) == nil { throw ValidationError("--issue takes year-number, e.g. 2024-3 (not '\(label)').") }
        let hasFilter = !section.isEmpty || from != nil || to != nil || !issue.isEmpty
        if queryText.isEmpty && !hasFilter && benchQueries == nil { throw ValidationError("Give a query, or a filter (--section, --from, --to, --issue).") }
    }

    private var queryText: String { query.joined(separator: " ").trimmingCharacters(in: .whitespaces) }

    func request(_ text: String) -> SearchRequest {
        var request = SearchRequest(text)
        request.sections = section
        request.from = from.flatMap(SearchDates.lowerBound)
        request.to = to.flatMap(SearchDates.upperBound)
        request.issues = issue.compactMap(IssueLabel.parse)
        request.limit = limit
        request.offset = offset ?? ((page ?? 1) - 1) * limit
        // A table's snippet column is narrow: the match near its start.
        if format == .table { request.snippetContext = (6, max(16, (TerminalText.terminalWidth - 70) / 2)) }
        return request
    }

    func run() throws {
        let results: SearchResults
        do {
            let archive = try ArchiveDatabase(path: db, create: false)
            if let benchQueries { return try SearchBenchmark.run(archive, queries: benchQueries, request: request) }
            results = try archive.search(request(queryText))
        } catch let error as ArchiveError {
            printErr("issuepipe: \(error)")
            throw ExitCode(ArchiveExitStatus.archiveUnwritable)
        }
        switch format {
        case .json: try FileHandle.standardOutput.write(contentsOf: encodeJSON(results))
        case .table: printOut(SearchTable.render(results))
        }
        if results.total == 0 { throw ExitCode(ExitStatus.failed) }
    }
}

enum SearchFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `--from`/`--to` as ISO dates compared as text: 2024 → 2024-01-01 … 2024-12-31.
enum SearchDates {
    static func lowerBound(_ text: String) -> String? { normalized(text, pad: ["-01", "-01"]) }
    static func upperBound(_ text: String) -> String? { normalized(text, pad: ["-12", "-31"]) }

    private static func normalized(_ text: String, pad: [String]) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
              parts.dropFirst().allSatisfy({ $0.count <= 2 }) else { return nil }
        let given = [String(parts[0])] + parts.dropFirst().map { "-" + ($0.count == 1 ? "0" + $0 : $0) }
        return given.joined() + pad.suffix(3 - parts.count).joined()
    }
}

/// The table `search` prints: a line per article, the snippet last.
enum SearchTable {
    static func render(_ results: SearchResults) -> String {
        guard !results.hits.isEmpty else { return "No article matches '\(results.query)'." }
        let rows = results.hits.enumerated().map { i, hit in
            [String(results.offset + i + 1), IssueLabel(year: hit.year, number: hit.number).printed, hit.printDate ?? "",
             hit.section ?? "", hit.page.map(String.init) ?? "", hit.title, hit.snippet]
        }
        let width = TerminalText.terminalWidth
        let table = TerminalText.table(header: ["#", "issue", "printed", "section", "page", "title", "snippet"], rows: rows,
                                       alignRight: [0, 4], maxWidths: [5: 28, 6: max(34, width - 70)])
        let last = results.offset + results.hits.count
        return table + "\(results.offset + 1)–\(last) of \(results.total) article\(results.total == 1 ? "" : "s")"
            + (results.method == "scan" ? " (scanned: no whole term in the query)" : "")
    }
}
