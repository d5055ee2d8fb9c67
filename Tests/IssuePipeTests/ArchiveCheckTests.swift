import Foundation
import Testing
@testable import IssuePipe

/// `archive check` on a generated series of 60 biweekly issues (2022-01-06
/// on, numbered per year, 总第240期 on): silent on the clean series, and every
/// gap, duplicate, misnumbering and date anomaly planted in it found, each with
/// its likely right value, and nothing else.
@Suite struct ArchiveCheckTests {
    let rules = SeriesRules(numbering: .perYear, cumulative: true, cadenceDays: 14, toleranceDays: 3)

    /// The clean series; print dates a day early or late now and then, as printers are.
    func cleanSeries() -> [SeriesIssue] {
        var random = SeededGenerator(seed: 60)
        return SyntheticArchive.series(count: 60).map { entry in
            let jitter = Int.random(in: 0..<5, using: &random) == 0 ? Int.random(in: -1...1, using: &random) : 0
            return SeriesIssue(file: String(format: "json/bri-%d-%02d.json", entry.year, entry.number), sourceSha256: "\(entry)",
                               year: entry.year, number: entry.number, cumulative: entry.cumulative,
                               printDate: (ISODay(entry.printDate)! + jitter).iso, title: "双周决策观察", publisher: "天津滨海综合发展研究院",
                               staff: [StaffEntry(role: "编辑", names: ["贺然", "金敏毓"])])
        }
    }

    @Test func theCleanSeriesHasNoFindings() {
        let findings = SeriesCheck(rules: rules).findings(cleanSeries())
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    @Test func everyPlantedAnomalyIsFoundAndNothingElse() throws {
        var series = cleanSeries()
        func at(_ year: Int, _ number: Int) -> Int { series.firstIndex { $0.year == year && $0.number == number }! }
        // Misread numbers and dates (the files keep their names: the truth).
        series[at(2022, 10)].number = 16                 // 第10期 read as 第16期 (a 第16期 exists too)
        series[at(2023, 12)].cumulative = 217            // 总第277期 read as 总第217期
        series[at(2023, 20)].printDate = "2023-10-05"    // 2023-09-28 printed 7 days late
        series[at(2022, 18)].printDate = "2022-10-01"    // 2022-09-01: month misread
        // A second file of 2022年第24期, from another scan.
        var rescan = series[at(2022, 24)]
        rescan.file = "json/rescan/bri-2022-24.json"
        rescan.sourceSha256 = "rescan"
        series.append(rescan)
        // Missing: 2022年第5期, 2022年第20–22期, and 2023年第1期 across the year's turn.
        for (year, number) in [(2022, 5), (2022, 20), (2022, 21), (2022, 22), (2023, 1)] { series.remove(at: at(year, number)) }

        let findings = SeriesCheck(rules: rules).findings(series)
        let summary = findings.map { "\($0.kind.rawValue) \($0.file ?? "-") \($0.kind == .printDate ? "-" : $0.likely ?? "-")" }
        #expect(Set(summary) == [
            "number json/bri-2022-10.json 10",
            "cumulative-number json/bri-2023-12.json 277",
            "print-date json/bri-2023-20.json -",
            "print-date json/bri-2022-18.json -",
            "duplicate json/rescan/bri-2022-24.json -",
            "gap json/bri-2022-06.json -",
            "gap json/bri-2022-23.json -",
            "gap json/bri-2023-02.json -",
        ], "\(findings.map(\.message))")
        #expect(findings.count == 8)
        // The likely dates: the dates printed before the misreading, give or take the printer's day.
        for (file, truth) in [("json/bri-2023-20.json", "2023-09-28"), ("json/bri-2022-18.json", "2022-09-01")] {
            let likely = try #require(findings.first { $0.file == file && $0.kind == .printDate }?.likely)
            #expect(abs(ISODay(likely)! - ISODay(truth)!) <= 1, "\(file): likely \(likely)")
        }
        let gaps = findings.filter { $0.kind == .gap }.map(\.message)
        #expect(gaps.contains { $0.hasPrefix("2022年第20–22期 (总第259–261期) missing") })
        #expect(gaps.contains { $0.hasPrefix("2023年第1期 (总第266期) missing") })
    }

    @Test func aNewUploadIsCheckedAgainstTheArchive() {
        let archive = cleanSeries()
        let last = archive.last!
        let next = SeriesIssue(file: "json/new.json", sourceSha256: "new", year: last.year, number: last.number! + 1,
                               cumulative: last.cumulative! + 1, printDate: (ISODay(last.printDate!)! + 14).iso,
                               title: last.title, publisher: last.publisher, staff: last.staff)
        let check = SeriesCheck(rules: rules)
        #expect(check.findings(adding: next, to: archive).isEmpty)

        var skipping = next
        skipping.number! += 1
        skipping.cumulative! += 1
        skipping.printDate = (ISODay(last.printDate!)! + 28).iso
        #expect(check.findings(adding: skipping, to: archive).map(\.kind) == [.gap])

        var misread = next
        misread.cumulative = 2 * misread.cumulative! // a digit doubled
        #expect(check.findings(adding: misread, to: archive).map(\.likely) == [String(next.cumulative!)])

        var late = next
        late.printDate = (ISODay(next.printDate!)! + 6).iso
        #expect(check.findings(adding: late, to: archive).map(\.kind) == [.printDate])

        var again = last
        again.file = "json/new.json"
        again.sourceSha256 = "another scan"
        #expect(check.findings(adding: again, to: archive).map(\.kind) == [.duplicate])

        var renamed = next
        renamed.publisher = "天津滨海综合发展研究所"
        #expect(check.findings(adding: renamed, to: archive).map(\.kind) == [.masthead])
    }

    @Test func datesAreDaysSince1970() {
        #expect(ISODay("1970-01-01")?.daysSince1970 == 0)
        #expect(ISODay("2024-02-08").map { ($0 + 14).iso } == "2024-02-22")
        #expect(ISODay("2024-02-30") == nil)
        #expect(ISODay("2024-12-31")! - ISODay("2024-01-01")! == 365)
    }

    @Test func theNewsletterPipelineHasSeriesRules() throws {
        let pipeline = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
        let series = try #require(pipeline.series)
        #expect(series.cadenceDays == 14 && series.restartsEachYear && series.hasCumulative)
    }
}
