import Foundation
import Testing
@testable import IssuePipe

/// A scanned issue has no text to recognise its publication by before OCR:
/// its first pages are read first, the pipeline is chosen from them, and the
/// rest of the issue is judged and read with that pipeline's own settings.
@Suite struct ScannedPipelineTests {
    /// A copy of Pipelines/ with bri-biweekly.yaml edited by `edit`.
    static func pipelines(editingBRI edit: (String) -> String) throws -> URL {
        let folder = TestPaths.temporaryFolder()
        let yaml = edit(try String(contentsOf: TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"), encoding: .utf8))
        try #require(yaml.contains("name: bri-biweekly"))
        try yaml.write(to: folder.appendingPathComponent("bri-biweekly.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: TestPaths.pipelines.appendingPathComponent("generic.yaml"),
                                         to: folder.appendingPathComponent("generic.yaml"))
        return folder
    }

    /// The scanned sample converted with `pipelines`, and the stage dumps' folder.
    static func convertScan(pipelines: URL) throws -> (IssueDocument, URL) {
        let scan = try #require(TestPaths.existingSample("bri-2025-21-scanned.pdf"), "Samples/bri-2025-21-scanned.pdf is committed")
        let stages = TestPaths.temporaryFolder()
        let order = StageOrder()
        let issue = try convert(scan, options: order.observing(ConvertOptions(stagesFolder: stages, pipelinesFolder: pipelines, jobs: 2)))
        // The cover is read early, before the pipeline is chosen: still after extract, never beside it.
        order.expectExtractBeforeOCR()
        #expect(order.seen.filter { $0 == .started("ocr") }.count == 2, "\(order.seen)")
        return (issue, stages)
    }

    @Test func aScannedIssueIsReadWithItsPipelinesOCRSettings() throws {
        // The newsletter's pipeline with non-default OCR settings: render every page at 150 dpi.
        let (issue, stages) = try Self.convertScan(pipelines: try Self.pipelines { $0 + "\nocr:\n  dpi: 150\n  nativeImages: false\n" })
        #expect(issue.pipeline.name == "bri-biweekly")
        let read = try JSONDecoder().decode(OCRReport.self, from: Data(contentsOf: stages.appendingPathComponent("3-ocr.json")))
        #expect(read.reads.count == issue.source.pageCount)
        // Every page, the cover included, was read as the publication's pipeline says, not with the defaults.
        #expect(read.reads.allSatisfy { $0.source == "render" && $0.dpi == 150 }, "\(read.reads.map { ($0.page, $0.source, $0.dpi) })")
        #expect(issue.issue.year == 2025 && issue.issue.number == 21)
    }

    @Test func aScannedIssueIsJudgedWithItsPipelinesJudgeRules() throws {
        // A pipeline whose judge calls any page without text blank: after the cover
        // (read to choose the pipeline, with the default rules) nothing is left to read.
        let folder = try Self.pipelines { yaml in
            #expect(yaml.contains("\njudge:\n"))
            return yaml.replacingOccurrences(of: "\njudge:\n", with: "\njudge:\n  blankInk: 1\n")
        }
        let (issue, stages) = try Self.convertScan(pipelines: folder)
        #expect(issue.pipeline.name == "bri-biweekly")
        let verdicts = try JSONDecoder().decode(JudgeReport.self, from: Data(contentsOf: stages.appendingPathComponent("2-judge.json")))
        #expect(verdicts.pages.count == issue.source.pageCount)
        #expect(verdicts.pages.allSatisfy { $0.reasons.map(\.code) == ["blank-page"] && $0.reasons.first?.threshold == 1 },
                "\(verdicts.pages.map { ($0.page, $0.reasons.map(\.summary)) })")
        let read = try JSONDecoder().decode(OCRReport.self, from: Data(contentsOf: stages.appendingPathComponent("3-ocr.json")))
        #expect(!read.reads.isEmpty && read.reads.count < issue.source.pageCount, "\(read.reads.map(\.page))")
    }
}
