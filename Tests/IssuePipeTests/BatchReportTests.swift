import Foundation
import Testing
@testable import IssuePipe

@Suite("batch reports: totals and merging")
struct BatchReportTests {
    private func record(_ input: String, _ status: BatchStatus, code: String? = nil, pages: Int = 2, warnings: Int = 0) -> BatchFileRecord {
        BatchFileRecord(input: input, relativePath: input, output: "/out/\(input).json", status: status,
                        error: code.map { FileFailure(code: $0, message: "because") },
                        pageCount: status == .failed ? nil : pages,
                        pages: status == .failed ? nil : PageMethodCounts(text: pages - 1, ocr: 1),
                        warnings: (0..<warnings).map { Warning(code: "low-ocr-confidence", message: "m", page: $0 + 1) },
                        seconds: 1.23456)
    }

    @Test("totals count statuses, pages by method, warnings and failures by code; files sorted by input")
    func totals() {
        let report = BatchReport(pipeline: "auto", ocr: "auto", shard: nil, interrupted: false, wallSeconds: 3.3333,
                                 files: [record("b.pdf", .converted, warnings: 2), record("a.pdf", .failed, code: "encrypted"),
                                         record("c.pdf", .skipped, pages: 5), record("d.pdf", .failed, code: "encrypted")])
        #expect(report.files.map(\.input) == ["a.pdf", "b.pdf", "c.pdf", "d.pdf"])
        let t = report.totals
        #expect((t.files, t.converted, t.skipped, t.failed) == (4, 1, 1, 2))
        #expect((t.pages, t.textPages, t.ocrPages) == (7, 5, 2))
        #expect((t.warnings, t.filesWithWarnings) == (2, 1))
        #expect(t.failuresByCode == ["encrypted": 2])
        #expect(report.wallSeconds == 3.333)
    }

    @Test("merging shards recomputes totals; a file in two reports is an error unless the last wins")
    func merge() throws {
        let one = BatchReport(pipeline: "auto", ocr: "auto", shard: "1/2", interrupted: false, wallSeconds: 10,
                              files: [record("a.pdf", .converted), record("c.pdf", .failed, code: "timeout")])
        let two = BatchReport(pipeline: "auto", ocr: "auto", shard: "2/2", interrupted: false, wallSeconds: 12,
                              files: [record("b.pdf", .converted)], notStarted: 0)
        let merged = try BatchReport.merge([one, two])
        #expect(merged.files.map(\.input) == ["a.pdf", "b.pdf", "c.pdf"])
        #expect((merged.totals.converted, merged.totals.failed, merged.wallSeconds) == (2, 1, 12))
        #expect(merged.shard == nil)

        let retry = BatchReport(pipeline: "auto", ocr: "auto", shard: "1/2", interrupted: false, wallSeconds: 5,
                                files: [record("c.pdf", .converted)])
        #expect(throws: BatchUsageError.self) { try BatchReport.merge([one, two, retry]) }
        let retried = try BatchReport.merge([one, two, retry], lastWins: true)
        #expect(retried.totals.failed == 0)
        #expect(retried.totals.converted == 3)
    }

    @Test("a report survives encoding and decoding, byte for byte")
    func roundTrip() throws {
        let report = BatchReport(pipeline: "bri-biweekly", ocr: "never", shard: "3/8", interrupted: true, wallSeconds: 1,
                                 files: [record("a.pdf", .converted, warnings: 1)], notStarted: 4)
        let data = try encodeJSON(report)
        let decoded = try JSONDecoder().decode(BatchReport.self, from: data)
        #expect(decoded == report)
        #expect(try encodeJSON(decoded) == data)
        #expect(decoded.totals.notStarted == 4)
    }
}
