import Foundation
import Testing
@testable import IssuePipe

/// The extract stage on the born-digital samples: poppler for real.
@Suite struct ExtractTests {
    /// Facts of each sample, read off its source text and the generator's layout (Samples/README.md).
    struct Facts: Sendable {
        var name: String
        var pages: Int
        var articleTitle: String
        var runningHeader: String
    }

    static let facts = [
        Facts(name: "bri-2024-03", pages: 10, articleTitle: "浙江发布优化营商环境条例", runningHeader: "双周决策观察 · 地方工作亮点追踪"),
        Facts(name: "bri-2025-21", pages: 8, articleTitle: "天津出台措施推动低空经济高质量发展", runningHeader: "双周决策观察 · 地方工作亮点追踪"),
        Facts(name: "bri-2025-21-alt", pages: 6, articleTitle: "天津出台措施推动低空经济高质量发展", runningHeader: "《双周决策观察》2025 年第 21 期（总第 295 期）"),
    ]

    @Test(arguments: facts)
    func extractsEveryPageWithGeometry(_ facts: Facts) throws {
        let document = try PDFDocument(url: TestPaths.sample("\(facts.name).pdf"))
        let extracted = extract(document)
        #expect(extracted.source.pageCount == facts.pages)
        #expect(extracted.pages.count == facts.pages)
        #expect(extracted.source.sha256.count == 64)

        // The masthead title on the cover, set far larger than anything else.
        let cover = try #require(extracted.pages.first)
        let title = try #require(cover.lines.first { $0.text.withoutWhitespace == "双周决策观察" })
        #expect(title.size >= 30)

        // An article title: bold and larger than the body text.
        let bodySize = try #require(BlockBuilder.metrics(extracted.pages.flatMap { page in
            page.lines.enumerated().map { BlockBuilder.Line(ref: "\(page.number):\($0.offset)", page: page.number, line: $0.element) }
        }).bodySize as Double?)
        let articleTitle = try #require(extracted.pages.flatMap(\.lines).first { $0.text.withoutWhitespace == facts.articleTitle.withoutWhitespace })
        #expect(articleTitle.bold)
        #expect(articleTitle.size > bodySize * 1.2)
        #expect(!extracted.pages.flatMap(\.lines).filter { abs($0.size - bodySize) < 0.5 }.contains { $0.bold && $0.text.count > 60 })

        // The running header: near the top of every body page, its box inside the top margin.
        for page in extracted.pages.dropFirst().dropLast() {
            let header = page.lines.first { $0.text.withoutWhitespace.hasPrefix(facts.runningHeader.withoutWhitespace) }
            #expect(header != nil, "page \(page.number) has no running header")
            if let header { #expect(header.box.y1 < page.height * 0.08, "header box \(header.box) on page \(page.number)") }
        }
    }

    @Test func linesHaveFaithfulBoxesAndStyle() throws {
        let document = try PDFDocument(url: TestPaths.sample("bri-2024-03.pdf"))
        let page = extractPage(document, number: 3)
        #expect(page.width == 595.28 && page.height == 841.89)
        for line in page.lines {
            #expect(line.box.x0 >= 0 && line.box.x1 <= page.width && line.box.y0 >= 0 && line.box.y1 <= page.height)
            #expect(line.box.x0 < line.box.x1 && line.box.y0 < line.box.y1)
            #expect(!line.text.contains("\n"))
            #expect(line.spans.map(\.text).joined().trimmingCharacters(in: .whitespaces) == line.text)
        }
        // Lines come top to bottom within the body column.
        let body = page.lines.filter { $0.size == 12 }
        #expect(zip(body, body.dropFirst()).allSatisfy { $0.box.y0 < $1.box.y0 })
    }

    @Test(.enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus))
    func pageWithoutTextGivesEmptyLines() throws {
        let document = try PDFDocument(url: TestPaths.corpusFile("robustness/ocrmypdf_skew.pdf"))
        let page = extractPage(document, number: 1)
        #expect(page.lines.isEmpty)
        #expect(page.text.isEmpty)
    }

    @Test(.enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus))
    func rotatedPagesReportDisplayedSize() throws {
        // /Rotate 90 on a portrait A4 page: displayed landscape, text boxes inside it.
        let document = try PDFDocument(url: TestPaths.corpusFile("robustness/pdfminer_zen_of_python_corrupted.pdf"))
        let page = extractPage(document, number: 1)
        #expect(page.width > page.height)
        #expect(!page.lines.isEmpty)
        for line in page.lines {
            #expect(line.box.x1 <= page.width + 1 && line.box.y1 <= page.height + 1)
        }
    }

    @Test func boldIsReadFromFontNames() {
        #expect(FontStyle.isBold("ABCDEF+WenQuanYiZenHei-0"))
        #expect(FontStyle.isBold("Helvetica-Bold"))
        #expect(FontStyle.isBold("SimHei"))
        #expect(!FontStyle.isBold("AAAAAA+UMingCN-0"))
        #expect(!FontStyle.isBold("Times-Roman"))
        #expect(FontStyle.baseName("AAAAAB+UMingCN-0") == "UMingCN-0")
    }
}
