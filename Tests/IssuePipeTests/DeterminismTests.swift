import Foundation
import Testing
import Yams
@testable import IssuePipe

/// The same PDF gives the same bytes, every time, through the library and the tool.
@Suite struct DeterminismTests {
    @Test func convertTwiceGivesIdenticalBytes() throws {
        let folder = TestPaths.temporaryFolder()
        var outputs: [Data] = []
        var dumps: [Data] = []
        for run in 0..<2 {
            let json = folder.appendingPathComponent("run\(run).json")
            let stages = folder.appendingPathComponent("stages\(run)")
            let result = try issuepipe(["convert", TestPaths.sample("bri-2024-03.pdf").path, "-o", json.path,
                                          "--stages", stages.path, "--ocr", "never"])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Data(contentsOf: json))
            for stage in ["1-extract", "2-judge", "3-ocr", "4-clean", "5-structure"] {
                dumps.append(try Data(contentsOf: stages.appendingPathComponent("\(stage).json")))
            }
        }
        #expect(outputs[0] == outputs[1])
        #expect(dumps[0..<5].elementsEqual(dumps[5..<10]))
        #expect(outputs[0].count > 10_000)
    }

    @Test func markdownIsReadable() throws {
        let issue = try convertSample("bri-2024-03")
        let markdown = renderMarkdown(issue)
        #expect(markdown.hasPrefix("# 双周决策观察\n"))
        #expect(markdown.contains("### 各地加快布局“新质生产力”"))
        #expect(markdown.contains("#### 关键词“智慧好办”"))
        #expect(markdown.contains("*来源：证券时报 2024-02-06；上海证券报 2024-02-07*"))
        #expect(markdown == renderMarkdown(try convertSample("bri-2024-03")))
    }

    /// The words around the fields come from the pipeline's `markdown:`; a key
    /// left out keeps its default.
    @Test func markdownLabelsComeFromThePipeline() throws {
        let yaml = "name: x\nversion: \"1\"\nmarkdown:\n  contents: Contents\n  sources: Sources\n  labelSeparator: \": \"\n"
        let labels = try #require(try YAMLDecoder().decode(PipelineDefinition.self, from: yaml).markdown)
        #expect(labels.contents == "Contents" && labels.hosts == "主办" && labels.issueNumber == "{year} 年第 {number} 期")
        let issue = try convertSample("bri-2024-03")
        let markdown = renderMarkdown(issue, labels: labels)
        #expect(markdown.contains("\n## Contents\n") && !markdown.contains("## 目录"))
        #expect(markdown.contains("*Sources: 证券时报 2024-02-06；上海证券报 2024-02-07*"))
        #expect(markdown.contains("2024 年第 3 期 · 总第 277 期"))
    }

    @Test func keepFurnitureListsTheDroppedLines() throws {
        let issue = try convertSample("bri-2024-03", options: ConvertOptions(keepFurniture: true))
        let furniture = try #require(issue.furniture)
        let numbers = furniture.filter { $0.reason == "page-number" }
        #expect(numbers.map(\.page) == Array(2...9))
        #expect(numbers.allSatisfy { $0.box.y0 > 780 })
        #expect(furniture.filter { $0.reason == "running-header" }.count == 16)
        #expect(furniture.contains { $0.reason == "decoration" && $0.text == "研究院微信" })
        #expect(try convertSample("bri-2024-03").furniture == nil)
    }
}
