import Foundation
import Testing
@testable import IssuePipe

/// Search finds exactly the articles that contain the query: measured against
/// a brute-force scan of every title and block.
@Suite struct ArchiveSearchTests {
    @Test func chineseIsIndexedAsBigramsAndLatinAsWords() {
        #expect(SearchTerms.indexTerms("政策措施") == "政策 策措 措施 ")
        #expect(SearchTerms.indexTerms("最高 8000 元补贴") == "最高 8000 元补 补贴 ")
        #expect(SearchTerms.indexTerms("GDP“十强”") == "gdp 十强 ")
        // Bigrams never span punctuation: a run break sits between two Chinese runs.
        #expect(SearchTerms.indexTerms("政策，策略") == "政策 \u{E000} 策略 ")
        #expect(SearchTerms.indexTerms("A股") == "a 股 ")
    }

    @Test func aQueryKeepsOnlyTheTermsThatAreWholeInAMatchingText() {
        #expect(SearchQuery("新质生产力").match == "\"新质 质生 生产 产力\"")
        #expect(SearchQuery("新质生产力").isExact)
        // 8000 ends the query: a prefix; 00 starts it: maybe the end of 8000, so nothing.
        #expect(SearchQuery("元8000").match == "\"8000\"*")
        #expect(SearchQuery("高8000元").match == "\"8000\"")
        #expect(SearchQuery("00元补").match == "\"元补\"")
        #expect(SearchQuery("政").match == nil)
        #expect(SearchQuery("9年").match == nil)
        #expect(SearchQuery("的 9年").isExact == false)
    }

    @Test func snippetsMarkEveryMatchNearTheFirst() {
        let text = "2024年“新质生产力”正成为热词。各地加快布局新质生产力。"
        let snippet = Snippet.make(text, parts: [TextMatch.folded("新质")], marks: .stars, before: 4, length: 40)
        #expect(snippet == "…24年“**新质**生产力”正成为热词。各地加快布局**新质**生产力。")
    }

    /// 500 random 2–6 character substrings of the article text of 120
    /// generated issues (seed 16): recall and precision are 1.0 against a
    /// brute-force scan.
    @Test func recallAndPrecisionAreOneAgainstABruteForceScan() throws {
        let folder = TestPaths.temporaryFolder("archive-search")
        defer { try? FileManager.default.removeItem(at: folder) }
        let documents = try SyntheticArchive.write(count: 120, seed: 16, to: folder)
        let archive = try ArchiveDatabase(path: folder.appendingPathComponent("archive.sqlite").path)
        let report = try ArchiveIndexer(archive: archive).index(paths: [folder.path])
        try #require(report.count(.added) == 120)

        var random = SeededGenerator(seed: 500)
        let texts = documents.flatMap { $0.articles.flatMap { $0.blocks.map(\.text) } }
        let corpus = articleTexts(documents)
        var searchSeconds = 0.0
        var found = 0, expected = 0, correct = 0, scanned = 0, queries = 0
        while queries < 500 {
            let text = Array(texts.randomElement(using: &random)!)
            let length = Int.random(in: 2...6, using: &random)
            let start = Int.random(in: 0...(text.count - length), using: &random)
            let query = String(text[start..<(start + length)])
            // Only white space is no query (search lists every article then).
            if query.allSatisfy(\.isWhitespace) { continue }
            queries += 1
            var request = SearchRequest(query)
            request.limit = Int.max
            let started = Date()
            let results = try archive.search(request)
            searchSeconds += Date().timeIntervalSince(started)
            let hits = Set(results.hits.map { ArticleKey(file: URL(fileURLWithPath: $0.file).lastPathComponent, article: $0.article) })
            let truth = bruteForce(query, corpus)
            if results.method == "scan" { scanned += 1 }
            found += hits.count
            expected += truth.count
            correct += hits.intersection(truth).count
            #expect(hits == truth, "query '\(query)'")
        }
        let recall = Double(correct) / Double(expected), precision = Double(correct) / Double(found)
        print("archive search: 500 queries, recall \(recall), precision \(precision), \(expected) article hits, \(scanned) scanned, "
              + String(format: "%.1f s searching", searchSeconds))
        #expect(recall == 1.0 && precision == 1.0)
    }

    struct ArticleKey: Hashable {
        var file: String
        var article: Int
    }

    /// The articles whose title or a block holds every space-separated part of
    /// the query, ASCII letters in either case: Swift's own `contains`.
    private func bruteForce(_ query: String, _ corpus: [(ArticleKey, [String])]) -> Set<ArticleKey> {
        let parts = query.split(whereSeparator: \.isWhitespace).map { asciiLower(String($0)) }
        var keys: Set<ArticleKey> = []
        for (key, texts) in corpus where texts.contains(where: { text in parts.allSatisfy { text.contains($0) } }) {
            keys.insert(key)
        }
        return parts.isEmpty ? [] : keys
    }

    /// Every article's title and blocks, ASCII letters in lower case.
    private func articleTexts(_ documents: [IssueDocument]) -> [(ArticleKey, [String])] {
        documents.flatMap { document in
            let file = "bri-\(document.issue.year!)-\(String(format: "%02d", document.issue.number!)).json"
            return document.articles.enumerated().map { index, article in
                (ArticleKey(file: file, article: index), ([article.title] + article.blocks.map(\.text)).map(asciiLower))
            }
        }
    }

    private func asciiLower(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }
}
