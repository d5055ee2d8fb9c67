import Foundation
import Testing
@testable import IssuePipe

/// A pipeline with a typo is an error that names the file, the key and the
/// line, not a rule that silently does nothing; a pattern that backtracks
/// without end stops the conversion instead of hanging it.
@Suite struct PipelineValidationTests {
    static let shipped = try! String(contentsOf: TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"), encoding: .utf8)

    /// The newsletter's pipeline with one edit, loaded from a temporary folder.
    func loading(_ edit: (String) -> String) throws -> (folder: URL, result: Result<PipelineDefinition, IssuePipeError>) {
        let folder = TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("bri-biweekly.yaml")
        try edit(Self.shipped).write(to: file, atomically: true, encoding: .utf8)
        do { return (folder, .success(try PipelineDefinition.load(file))) } catch let error as IssuePipeError { return (folder, .failure(error)) }
    }

    func failure(_ edit: (String) -> String) throws -> String {
        let (_, result) = try loading(edit)
        guard case .failure(let error) = result else { Issue.record("the edited pipeline loaded"); return "" }
        #expect(error.code == "invalid-pipeline" && error.path.hasSuffix("bri-biweekly.yaml"))
        return error.reason
    }

    /// A folder named with --pipelines is searched alone: a broken or newer file in
    /// ./Pipelines (the working directory is the repository here) does not fail the run.
    @Test func aNamedFolderIsSearchedAlone() throws {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(at: TestPaths.pipelines.appendingPathComponent("generic.yaml"),
                                         to: folder.appendingPathComponent("generic.yaml"))
        let catalog = PipelineCatalog(folder: folder)
        #expect(catalog.folders == [folder])
        #expect(try catalog.all().map(\.name) == ["generic"])
    }

    @Test func everyShippedPipelineIsValid() throws {
        for name in ["bri-biweekly.yaml", "generic.yaml"] {
            let definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent(name))
            #expect(PipelineDefinition.problems(in: definition, yaml: try String(contentsOf: TestPaths.pipelines.appendingPathComponent(name), encoding: .utf8)).isEmpty)
        }
    }

    @Test func anUnknownKeyIsNamedWithItsLine() throws {
        let reason = try failure { $0.replacingOccurrences(of: "\nversion:", with: "\nnmae: typo\nversion:") }
        let line = Self.shipped.components(separatedBy: "\n").firstIndex { $0.hasPrefix("version:") }! + 1
        #expect(reason.contains("unknown key 'nmae' at line \(line)"), "\(reason)")
    }

    /// The pipeline with `form` as the first issue-label form.
    static func withFirstIssueLabel(_ form: String) -> (String) -> String {
        { text in
            var lines = text.components(separatedBy: "\n")
            let i = lines.firstIndex { $0.hasPrefix("  issueLabel:") }!
            lines.insert("    - '\(form)'", at: i + 1)
            return lines.joined(separator: "\n")
        }
    }

    @Test func anInvalidRegularExpressionIsNamedByItsKey() throws {
        let reason = try failure(Self.withFirstIssueLabel("(?<year>\\d{4}")) // its group left open
        #expect(reason.contains("masthead.issueLabel[0]") && reason.contains("not a valid regular expression"), "\(reason)")
    }

    @Test func aPatternWithoutTheGroupItsRuleReadsIsRejected() throws {
        let reason = try failure(Self.withFirstIssueLabel("(?<year>\\d{4})年"))
        #expect(reason.contains("masthead.issueLabel[0]") && reason.contains("(?<number>…)"), "\(reason)")
    }

    @Test func aNumberOutOfRangeIsRejected() throws {
        let reason = try failure { $0.replacingOccurrences(of: "titleMinSizeRatio:", with: "titleMinSizeRatio: -1\n  xx:") }
        #expect(reason.contains("articles.titleMinSizeRatio: -1.0 is outside"), "\(reason)")
    }

    @Test func blockAndFurnitureNumbersAreCheckedByTheirKeys() throws {
        let reason = try failure { $0 + "\nblocks:\n  indentEms: 500\n  marginEms: 2\n  nope: 1\n" }
        #expect(reason.contains("blocks.indentEms: 500.0 is outside"), "\(reason)")
        #expect(reason.contains("unknown key 'blocks.nope'"), "\(reason)")
        #expect(!reason.contains("marginEms"), "\(reason)")
        let furniture = try failure { $0.replacingOccurrences(of: "\nfurniture:\n", with: "\nfurniture:\n  textShift: 0.9\n") }
        #expect(furniture.contains("furniture.textShift: 0.9 is outside"), "\(furniture)")
    }

    /// A place listed under a section the lexicon does not run is a typo, named
    /// by its key; the shipped places load (their keys are read, not unknown).
    @Test func placesUnderAnUnknownSectionAreRejected() throws {
        let reason = try failure { $0.replacingOccurrences(of: "\n  places:\n", with: "\n  places:\n    江蘇: [南京]\n") }
        #expect(reason.contains("lexicon.places.江蘇: not one of lexicon.sections"), "\(reason)")
        #expect(!reason.contains("unknown key"), "\(reason)")
    }

    /// A `blocks:` key left out is today's value: the YAML holds only what differs.
    @Test func blockRulesLeftOutAreTheDefaults() throws {
        let (_, result) = try loading { $0 + "\nblocks:\n  paragraphGapEms: 2\n" }
        let rules = try #require(try result.get().blocks)
        var expected = BlockRules()
        expected.paragraphGapEms = 2
        #expect(rules == expected)
        #expect(expected.marginEms == 1.5 && expected.indentEms == 0.8 && expected.ocrGapPitches == 1.2)
    }

    @Test func aYAMLSyntaxErrorGivesItsLine() throws {
        let reason = try failure { $0.replacingOccurrences(of: "\nfurniture:", with: "\nfurniture: [a\n") }
        #expect(reason.contains("line") || reason.contains(":"), "\(reason)")
        #expect(reason.range(of: #"\d+:\d+"#, options: .regularExpression) != nil, "\(reason)")
    }

    // Timed inside the body (no .timeLimit: under a loaded parallel run a test may wait minutes for a thread).
    @Test func aPatternThatBacktracksWithoutEndStopsTheConversion() throws {
        let (folder, result) = try loading { $0.replacingOccurrences(of: "  decorations:\n", with: "  decorations:\n    - '^(.+)+§$'\n") }
        guard case .success = result else { Issue.record("the pipeline should load: the pattern is valid"); return }
        try FileManager.default.copyItem(at: TestPaths.pipelines.appendingPathComponent("generic.yaml"), to: folder.appendingPathComponent("generic.yaml"))
        let started = Date()
        #expect {
            _ = try convert(TestPaths.sample("bri-2024-03.pdf"), options: ConvertOptions(pipelinesFolder: folder))
        } throws: { error in
            guard let error = error as? IssuePipeError else { return false }
            return error.code == "invalid-pipeline" && error.reason.contains("^(.+)+§$")
        }
        #expect(Date().timeIntervalSince(started) < 90) // without the budget it never ends
    }
}
