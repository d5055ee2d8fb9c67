import Foundation
import Testing
@testable import IssuePipe

/// `index` is incremental (keyed by the source PDF's SHA-256) and names every
/// file it does not index; `search`, `index` and `archive check` exit as the
/// README says.
@Suite struct ArchiveIndexTests {
    /// Three generated issues and two files that are not issue JSON.
    func archiveFolder() throws -> (folder: URL, documents: [IssueDocument]) {
        let folder = TestPaths.temporaryFolder("archive-index")
        let documents = try SyntheticArchive.write(count: 3, seed: 3, to: folder)
        try Data("{\"articles\": []}".utf8).write(to: folder.appendingPathComponent("other.json"))
        try Data("not json".utf8).write(to: folder.appendingPathComponent("broken.json"))
        return (folder, documents)
    }

    @Test func indexingIsIncrementalByTheSourcePDF() throws {
        let (folder, documents) = try archiveFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try ArchiveDatabase(path: folder.appendingPathComponent("a.sqlite").path)
        let indexer = ArchiveIndexer(archive: archive)

        let first = try indexer.index(paths: [folder.path])
        #expect(first.count(.added) == 3 && first.count(.skipped) == 2)
        #expect(Set(first.rejected.compactMap(\.code)) == ["not-issue-json", "not-json"])
        let counts = try archive.counts()

        let again = try indexer.index(paths: [folder.path])
        #expect(again.count(.unchanged) == 3 && again.count(.added) == 0)
        #expect(try archive.counts() == counts)

        // Converted again: the same PDF, another output. Its rows are replaced.
        var changed = documents[1]
        changed.articles[0].title = "低空经济示范区建设提速"
        try SyntheticArchive.write(changed, to: folder)
        let third = try indexer.index(paths: [folder.path])
        #expect(third.count(.replaced) == 1 && third.count(.unchanged) == 2)
        #expect(try archive.counts() == counts)
        #expect(try archive.search(SearchRequest("低空经济示范区")).hits.map(\.issue) == [IssueLabel(changed.issue).short])
        #expect(try archive.search(SearchRequest(documents[1].articles[0].title)).total == 0)

        // A copy of an indexed output under another name is the same PDF twice: skipped, not an error.
        try SyntheticArchive.write(documents[0], to: folder, name: "copy.json")
        let copy = try indexer.index(file: folder.appendingPathComponent("copy.json").path)
        #expect(copy.outcome == .skipped && copy.code == "same-source" && !copy.isRejected)
    }

    @Test func anArchiveFromANewerIssuepipeIsRefused() throws {
        let folder = TestPaths.temporaryFolder("archive-newer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.sqlite").path
        let archive = try ArchiveDatabase(path: path)
        try archive.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        #expect(throws: ArchiveError.self) { try ArchiveDatabase(path: path) }
    }

    @Test func searchFiltersBySectionDateAndIssue() throws {
        let (folder, documents) = try archiveFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try ArchiveDatabase(path: folder.appendingPathComponent("a.sqlite").path)
        _ = try ArchiveIndexer(archive: archive).index(paths: [folder.path])
        let article = documents[2].articles[0]
        let word = String(article.blocks[0].text.prefix(4))

        var request = SearchRequest(word)
        request.issues = [IssueLabel(documents[2].issue)]
        #expect(try archive.search(request).hits.allSatisfy { $0.issue == IssueLabel(documents[2].issue).short })
        request.issues = []
        request.sections = [try #require(article.section)]
        #expect(try archive.search(request).hits.allSatisfy { $0.section == article.section })
        request.sections = []
        request.from = documents[1].issue.printDate
        request.to = documents[1].issue.printDate
        #expect(try archive.search(request).hits.allSatisfy { $0.printDate == documents[1].issue.printDate })

        // Paging: the pages of 2 make up the whole list.
        var all = SearchRequest(String(word.prefix(2)))
        all.limit = 1000
        let whole = try archive.search(all).hits.map { "\($0.file)#\($0.article)" }
        var paged: [String] = []
        for offset in stride(from: 0, to: whole.count, by: 2) {
            var page = all
            page.limit = 2
            page.offset = offset
            paged += try archive.search(page).hits.map { "\($0.file)#\($0.article)" }
        }
        #expect(paged == whole)
    }

    @Test(.enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
    func theCommandsExitAsDocumented() throws {
        let (folder, documents) = try archiveFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("a.sqlite").path

        let index = try issuepipe(["index", folder.path, "--db", db])
        #expect(index.status == 3, "\(index.stderr)")
        #expect(index.stderr.contains("broken.json: not JSON [not-json]"))
        #expect(try issuepipe(["index", folder.appendingPathComponent("bri-2022-01.json").path, "--db", db]).status == 0)

        let found = try issuepipe(["search", String(documents[0].articles[0].title.prefix(3)), "--db", db, "--format", "json"])
        #expect(found.status == 0 && found.stdout.contains("\"total\""))
        #expect(try issuepipe(["search", "不会出现的词语ZZQ", "--db", db]).status == 1)
        #expect(try issuepipe(["search", "政策", "--db", folder.appendingPathComponent("none.sqlite").path]).status == 6)

        // The three issues follow each other: no findings. A fourth that skips one: a gap, annotated.
        #expect(try issuepipe(["archive", "check", "--db", db]).status == 0)
        var skipping = documents[2]
        skipping.source.sha256 = String(repeating: "e", count: 64)
        skipping.issue.number! += 2
        skipping.issue.cumulativeNumber! += 2
        skipping.issue.printDate = (ISODay(documents[2].issue.printDate!)! + 28).iso
        try SyntheticArchive.write(skipping, to: folder, name: "new.json")
        let check = try issuepipe(["archive", "check", "--db", db, "--new", folder.appendingPathComponent("new.json").path, "--format", "github"])
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("::error file=") && check.stdout.contains("2022年第4期 (总第243期) missing"), "\(check.stdout)")
    }
}
