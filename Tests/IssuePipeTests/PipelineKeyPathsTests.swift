import Foundation
import Testing
import Yams
@testable import IssuePipe

/// The unknown-key check compares a pipeline's YAML with the keys its decoded
/// definition would write back. `EncodedKeyPaths` finds those keys without
/// writing and parsing YAML: they must be the keys of `YAMLEncoder`'s YAML.
@Suite struct PipelineKeyPathsTests {
    /// The key paths of the YAML Yams writes for `value`, as the check used to find them.
    static func yamlKeyPaths<T: Encodable>(_ value: T) throws -> Set<String> {
        var known: Set<String> = []
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    let name = key.string ?? "?"
                    let child = path.isEmpty ? name : "\(path).\(name)"
                    known.insert(child)
                    walk(value, child)
                }
            case .sequence(let sequence):
                for item in sequence { walk(item, path + "[]") }
            default:
                break
            }
        }
        if let node = try Yams.compose(yaml: YAMLEncoder().encode(value)) { walk(node, "") }
        return known
    }

    @Test func theShippedPipelinesWriteTheSameKeys() throws {
        for name in ["bri-biweekly.yaml", "generic.yaml"] {
            let definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent(name))
            let paths = try EncodedKeyPaths.of(definition)
            #expect(paths == (try Self.yamlKeyPaths(definition)), "\(name)")
            #expect(paths.contains("name") && paths.count > 10 || name == "generic.yaml")
        }
    }

    /// Every optional section present, with its defaults, and a map of free keys.
    @Test func everySectionWritesTheSameKeys() throws {
        var definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
        definition.judge = definition.judge ?? JudgeRules()
        definition.blocks = definition.blocks ?? BlockRules()
        definition.glyphMap = definition.glyphMap ?? GlyphMapRules()
        definition.markdown = definition.markdown ?? MarkdownLabels()
        definition.series = definition.series ?? SeriesRules()
        definition.text = definition.text ?? TextRules()
        var ocr = definition.ocr ?? OCRSettings()
        ocr.variables = ["preserve_interword_spaces": "1", "tessedit_char_blacklist": "|"]
        definition.ocr = ocr
        let paths = try EncodedKeyPaths.of(definition)
        #expect(paths == (try Self.yamlKeyPaths(definition)))
        #expect(paths.contains("ocr.variables.preserve_interword_spaces"))
        #expect(try EncodedKeyPaths.of(PipelineCatalog.generic) == (try Self.yamlKeyPaths(PipelineCatalog.generic)))
    }

    /// A URL or Decimal is one scalar in Yams's YAML, whatever its `Encodable` writes.
    @Test func scalarsYamsWritesAsOneValueHaveNoKeys() throws {
        struct Odd: Encodable {
            var url = URL(fileURLWithPath: "/tmp/x")
            var amount = Decimal(string: "1.5")!
            var list: [[String: Int]] = [["a": 1], ["b": 2]]
            var none: Int? = nil
        }
        #expect(try EncodedKeyPaths.of(Odd()) == (try Self.yamlKeyPaths(Odd())))
        #expect(try EncodedKeyPaths.of(Odd()) == ["url", "amount", "list", "list[].a", "list[].b"])
    }
}
