import Foundation
import Testing
@testable import IssuePipe

/// The expected issue JSON of a sample (`Samples/expected/<name>.json`): the
/// fields a person checked against the source text. `source`, `pipeline`,
/// `pages` and `warnings` are left out of it; they are tested elsewhere.
struct ExpectedIssue: Decodable {
    var publication: Publication
    var issue: IssueInfo
    var staff: [StaffEntry]?
    var contacts: Contacts?
    var contents: [ContentsEntry]
    var articles: [ExpectedArticle]

    struct ExpectedArticle: Decodable {
        var section: String?
        var title: String
        var pages: [Int]
        var blocks: [ExpectedBlock]
        var sources: [Citation]
    }

    struct ExpectedBlock: Decodable {
        var kind: ArticleBlock.Kind
        var text: String
    }

    static func load(_ name: String) throws -> ExpectedIssue {
        let url = TestPaths.samples.appendingPathComponent("expected/\(name).json")
        return try JSONDecoder().decode(ExpectedIssue.self, from: Data(contentsOf: url))
    }
}

/// Field-by-field differences between what was expected and what came out,
/// each one line a person can read.
struct IssueDiff {
    var lines: [String] = []

    mutating func check<T: Equatable>(_ path: String, _ expected: T, _ actual: T) {
        if expected != actual { lines.append("\(path): expected \(expected), got \(actual)") }
    }

    mutating func checkText(_ path: String, _ expected: String, _ actual: String) {
        guard expected != actual else { return }
        let e = Array(expected), a = Array(actual)
        let at = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        func around(_ s: [Character]) -> String { String(s[max(0, at - 12)..<min(s.count, at + 12)]) }
        lines.append("\(path): differs at character \(at): expected «\(around(e))», got «\(around(a))» (lengths \(e.count) vs \(a.count))")
    }

    static func compare(_ expected: ExpectedIssue, _ actual: IssueDocument) -> IssueDiff {
        var diff = IssueDiff()
        diff.check("publication", expected.publication, actual.publication)
        diff.check("issue", expected.issue, actual.issue)
        diff.check("staff", expected.staff, actual.staff)
        diff.check("contacts", expected.contacts, actual.contacts)
        diff.check("contents.count", expected.contents.count, actual.contents.count)
        for (i, (e, a)) in zip(expected.contents, actual.contents).enumerated() {
            diff.check("contents[\(i)].section", e.section, a.section)
            diff.checkText("contents[\(i)].title", e.title, a.title)
        }
        diff.check("articles.count", expected.articles.count, actual.articles.count)
        for (i, (e, a)) in zip(expected.articles, actual.articles).enumerated() {
            let at = "articles[\(i)] «\(e.title)»"
            diff.check("\(at).section", e.section, a.section)
            diff.checkText("\(at).title", e.title, a.title)
            diff.check("\(at).pages", e.pages, a.pages)
            diff.check("\(at).sources", e.sources, a.sources)
            diff.check("\(at).blocks.count", e.blocks.count, a.blocks.count)
            for (j, (eb, ab)) in zip(e.blocks, a.blocks).enumerated() {
                diff.check("\(at).blocks[\(j)].kind", eb.kind, ab.kind)
                diff.checkText("\(at).blocks[\(j)].text", eb.text, ab.text)
            }
        }
        return diff
    }
}

@Suite struct GoldenTests {
    @Test(arguments: BornDigitalSamples.all)
    func bornDigitalSampleGivesItsExpectedIssue(_ name: String) throws {
        let expected = try ExpectedIssue.load(name)
        let order = StageOrder()
        let actual = try convertSample(name, options: order.observing(ConvertOptions(ocrMode: .never)))
        // Each stage once, one at a time, in the README's order: extract before anything that could run OCR.
        #expect(order.started == ["open", "extract", "pipeline", "judge", "ocr", "clean", "structure"])
        let diff = IssueDiff.compare(expected, actual)
        #expect(diff.lines.isEmpty, Comment(rawValue: "\(name):\n" + diff.lines.joined(separator: "\n")))
        #expect(actual.pipeline.name == "bri-biweekly")
        #expect(actual.warnings.isEmpty, "\(actual.warnings)")
        #expect(actual.pages.allSatisfy { $0.method == .text })
    }

    @Test(arguments: BornDigitalSamples.all)
    func noFurnitureInsideArticles(_ name: String) throws {
        let issue = try convertSample(name)
        let furniture = ["双周决策观察·地方工作亮点追踪", "研究院微信", "扫描二维码", "《双周决策观察》2025年第21期"]
        for article in issue.articles {
            for block in article.blocks {
                let text = block.text.withoutWhitespace
                for item in furniture { #expect(!text.contains(item), "«\(item)» inside «\(article.title)»") }
                #expect(text.range(of: #"—\d+—|第\d+页"#, options: .regularExpression) == nil, "page number in «\(block.text)»")
                #expect(!block.text.contains("\n"))
            }
        }
    }

    // The seed text itself (not our transcription of it) against the output:
    // every article paragraph of the seed appears in the issue, white space aside.
    @Test(.enabled(if: TestPaths.hasSeed, "../shared/seed is not there (it sits next to the repository on the team's machines)"))
    func seedParagraphsAppearInTheOutput() throws {
        let seed = TestPaths.seed
        let issue = try convertSample("bri-2024-03")
        let output = issue.articles.flatMap { [$0.title] + $0.blocks.map(\.text) }.joined().comparisonKey
        let citation = try NSRegularExpression(pattern: #"（[^（）]*\d{8}）$"#)
        let paragraphs = try String(contentsOf: seed, encoding: .utf8).components(separatedBy: "\n\n")
            .map { $0.replacingOccurrences(of: "**", with: "").trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { $0.count > 60 && !$0.contains("\n") }
        #expect(paragraphs.count > 30)
        for paragraph in paragraphs {
            let range = NSRange(paragraph.startIndex..., in: paragraph)
            let body = citation.stringByReplacingMatches(in: paragraph, range: range, withTemplate: "")
            // The seed splits three paragraphs at the printed issue's page breaks: check each part.
            let found = output.contains(body.comparisonKey)
            if !found { print("seed paragraph missing from the output: \(body.prefix(60))…") }
            #expect(found)
        }
    }
}
