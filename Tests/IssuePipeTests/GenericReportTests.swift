import Foundation
import Testing
@testable import IssuePipe

/// The generic pipeline on real born-digital Chinese reports of the corpus:
/// articles at the report's chapters (一、…), whole paragraphs. The expected
/// outlines were written by hand from the printed pages (their numbered
/// headings), not from IssuePipe's output.
@Suite(.enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus))
struct GenericReportTests {
    static func chinese(_ name: String) -> URL {
        TestPaths.corpusFile("chinese/\(name)")
    }

    /// Text as printed, compared without white space and with full-width letters and digits folded.
    static func key(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0xFF10...0xFF5A).contains(scalar.value) && CharacterSet.alphanumerics.contains(scalar)
                ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        })).filter { !$0.isWhitespace }
    }

    func issue(_ name: String) throws -> IssueDocument {
        let url = Self.chinese(name)
        try #require(FileManager.default.fileExists(atPath: url.path), "\(url.path) is missing")
        var options = ConvertOptions(ocrMode: .never)
        options.pipelinesFolder = TestPaths.pipelines
        return try convert(url, options: options)
    }

    @Test(arguments: [
        ("onkej_Shanxi_budget_report.pdf",
         ["一、2023年全省和省本级预算执行情况", "二、2024年全省和省本级预算草案", "三、完成2024年预算任务的主要措施"]),
        ("onkej_Neimenggu_budget_report.pdf",
         ["一、2023年财政预算执行情况", "二、2024年预算草案", "三、落实2024年预算任务的主要措施"]),
        ("onkej_Guizhou_test.pdf", ["一、2023年全省和省本级预算执行情况"]),
    ])
    func chaptersAreArticles(_ name: String, _ chapters: [String]) throws {
        let issue = try issue(name)
        #expect(issue.pipeline.name == "generic")
        let titles = issue.articles.map { Self.key($0.title) }
        // The chapters, in order, are the last articles; what comes before them is the report's preamble.
        let tail = Array(titles.suffix(chapters.count))
        #expect(zip(tail, chapters).allSatisfy { $0.hasPrefix($1) }, "\(titles)")
        // Their sub-headings ((一), 1.) stay inside them.
        #expect(!titles.contains { $0.hasPrefix("（一）") || $0.hasPrefix("(一)") })
    }

    /// A paragraph that runs over a page break (a page number between) is one block.
    @Test func aParagraphOverAPageBreakIsOneBlock() throws {
        let issue = try issue("onkej_Neimenggu_budget_report.pdf")
        let blocks = issue.articles.flatMap(\.blocks).map { Self.key($0.text) }
        let paragraph = try #require(blocks.first { $0.hasPrefix("根据2023年12月31日统计数据") })
        #expect(paragraph.hasSuffix("按规定结转下年继续使用。"))
        #expect(!paragraph.contains("－1－") && !paragraph.contains("-1-"))
    }
}
