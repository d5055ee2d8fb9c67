import Foundation
import Testing
@testable import IssuePipe

/// Issues typeset unlike the samples: layout variants the generator made from
/// tuning seeds (`Samples/variants/`, see Samples/README.md), born-digital from
/// reportlab, Chromium and LibreOffice, a scan in grey and one in black and
/// white, a broken text layer and a mixed issue. Each is converted for real
/// and scored field by field against the generator's truth by the evaluation's
/// own scorer (`Benchmarks/eval.py score`); `thresholds.json` holds the floor
/// of every score, so a change that loses a paragraph anywhere fails here.
/// The full evaluation on fresh seeds is `make eval`.
@Suite(.serialized) struct VariantRegressionTests {
    static let folder = TestPaths.repo.appendingPathComponent("Samples/variants")

    static var variants: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".truth.json") }.map { String($0.dropLast(".truth.json".count)) }.sorted()
    }

    struct Floors: Decodable {
        var strict: [String: Double]?
        var soft: [String: Double]?
        var maxCER: Double
        var maxFurniture: Int?
    }

    @Test func everyVariantHasItsFloors() throws {
        let floors = try JSONDecoder().decode([String: Floors].self,
                                              from: Data(contentsOf: Self.folder.appendingPathComponent("thresholds.json")))
        #expect(Self.variants.count >= 6)
        #expect(Set(floors.keys) == Set(Self.variants))
    }

    @Test(arguments: variants) func variantScoresHoldTheirFloors(_ name: String) throws {
        let floors = try #require(try JSONDecoder().decode([String: Floors].self,
                                                           from: Data(contentsOf: Self.folder.appendingPathComponent("thresholds.json")))[name])
        let issue = try convert(Self.folder.appendingPathComponent(name + ".pdf"),
                                options: ConvertOptions(pipelinesFolder: TestPaths.pipelines, jobs: 2))
        let output = TestPaths.temporaryFolder().appendingPathComponent(name + ".json")
        try encodeJSON(issue).write(to: output)
        let score = try Self.score(truth: Self.folder.appendingPathComponent(name + ".truth.json"), output: output)
        for (mode, wanted) in [("strict", floors.strict ?? [:]), ("soft", floors.soft ?? [:])] {
            for (field, floor) in wanted.sorted(by: { $0.key < $1.key }) {
                let f1 = try #require(score.fields[field]?[mode]?.f1, "\(name): no \(mode) score for \(field)")
                #expect(f1 >= floor, "\(name): \(field) \(mode) F1 \(f1) < \(floor)")
            }
        }
        #expect(score.articleCER <= floors.maxCER, "\(name): article CER \(score.articleCER)")
        #expect(score.furnitureLeaked.count <= floors.maxFurniture ?? 0, "\(name): furniture leaked \(score.furnitureLeaked.count)")
        #expect(score.pipeline.chosen, "\(name): pipeline \(score.pipeline)")
    }

    struct Score: Decodable {
        struct Measure: Decodable { var f1: Double }
        struct Pipeline: Decodable { var chosen: Bool }
        var fields: [String: [String: Measure]]
        var articleCER: Double
        struct Leaked: Decodable { var count: Int }
        var furnitureLeaked: Leaked
        var pipeline: Pipeline
    }

    /// The evaluation's scorer, run as users run it.
    static func score(truth: URL, output: URL) throws -> Score {
        let scorer = try run(URL(fileURLWithPath: "/usr/bin/env"),
                             ["python3", TestPaths.repo.appendingPathComponent("Benchmarks/eval.py").path,
                              "score", "--json", truth.path, output.path])
        #expect(scorer.status == 0, "\(scorer.stderr)")
        return try JSONDecoder().decode(Score.self, from: Data(scorer.stdout.utf8))
    }
}
