import Foundation
import Testing
@testable import IssuePipe

/// A scanned issue has no text to recognise its publication by before OCR:
/// its first pages are read first, the pipeline is chosen from them, and the
/// rest of the issue is judged and read with that pipeline's own settings.
@Suite struct ScannedPipelineTests {
    @Test func aScannedIssueIsReadWithItsPipelinesOCRSettings() throws {
        let scan = TestPaths.sample("bri-2025-21-scanned.pdf")
        try #require(FileManager.default.fileExists(atPath: scan.path), "Samples/bri-2025-21-scanned.pdf is committed")
        // The newsletter's pipeline with non-default OCR settings: render every page at 150 dpi.
        let folder = TestPaths.temporaryFolder()
        var yaml = try String(contentsOf: TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"), encoding: .utf8)
        yaml += "\nocr:\n  dpi: 150\n  nativeImages: false\n"
        try yaml.write(to: folder.appendingPathComponent("bri-biweekly.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: TestPaths.pipelines.appendingPathComponent("generic.yaml"),
                                         to: folder.appendingPathComponent("generic.yaml"))
        let stages = TestPaths.temporaryFolder()
        let issue = try convert(scan, options: ConvertOptions(stagesFolder: stages, pipelinesFolder: folder, jobs: 2))
        #expect(issue.pipeline.name == "bri-biweekly")
        let read = try JSONDecoder().decode(OCRReport.self, from: Data(contentsOf: stages.appendingPathComponent("3-ocr.json")))
        #expect(read.reads.count == issue.source.pageCount)
        // Every page, the cover included, was read as the publication's pipeline says, not with the defaults.
        #expect(read.reads.allSatisfy { $0.source == "render" && $0.dpi == 150 }, "\(read.reads.map { ($0.page, $0.source, $0.dpi) })")
        #expect(issue.issue.year == 2025 && issue.issue.number == 21)
    }
}
