import Foundation
import Testing
@testable import IssuePipe

/// An article whose section label OCR lost (in the body and the contents) is
/// put in its section by the places it names (`lexicon.places` of the real
/// `Pipelines/bri-biweekly.yaml`), never against a label that was read.
@Suite struct SectionPlacesTests {
    let places: SectionPlaces

    init() throws {
        let definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
        let lexicon = try #require(definition.lexicon)
        places = SectionPlaces(places: try #require(lexicon.places), sections: try #require(lexicon.sections))
    }

    func article(_ title: String, section: String?, body: [String]) -> Article {
        Article(section: section, title: title, pages: [4],
                blocks: body.map { ArticleBlock(kind: .paragraph, text: $0, provenance: []) }, sources: [])
    }

    @Test func aCarriedOverSectionGivesWayToThePlacesTheArticleNames() {
        let nanjing = article("南京推出科技企业“投贷联动”试点", section: "河北",
                              body: ["南京市日前印发试点方案，在全市推广投贷联动。", "江苏省有关部门表示，南京将总结经验后在苏州、无锡推开。"])
        let hebei = article("河北发布若干措施", section: "河北", body: ["河北省印发措施。"])
        var articles = [hebei, nanjing, nanjing, nanjing, nanjing]
        var contents = [hebei.title, nanjing.title, "另一篇", "又一篇", "再一篇"].map { ContentsEntry(section: "河北", title: $0) }
        // The third was printed under a label the body's OCR read, the fourth's
        // headline is a text layer's, the last one's contents entry is: each is as printed.
        let warnings = places.correcting(&articles, contents: &contents, marked: [true, false, true, false, false],
                                         read: [true, true, true, false, true], entryOf: [0: 0, 1: 1, 2: 2, 3: 3, 4: 4],
                                         entryRead: [true, true, true, true, false])
        #expect(articles.map(\.section) == ["河北", "江苏", "河北", "河北", "河北"])
        #expect(contents.map(\.section) == ["河北", "江苏", "河北", "河北", "河北"])
        #expect(warnings.map(\.code) == ["section-from-places"] && warnings[0].message.contains("rather than 河北"))
    }

    /// A 区域 article may open with a city and name many others: no section's
    /// places are half of what it names, so it keeps its section.
    @Test func aRegionalArticleOpeningWithACityKeepsItsSection() {
        let regional = article("深圳超过北京成为千亿城区最多的城市", section: "区域",
                               body: ["深圳已有四个城区入列，北京、上海各有三个，广州、成都、杭州、苏州、青岛各有一个。"])
        #expect(places.opening(regional.title) == "广东")
        #expect(places.section(of: regional) == nil)
        // Without a place at its head, a headline gives no evidence at all.
        #expect(places.section(of: article("多地出台措施支持南京、苏州企业", section: "北京", body: ["南京", "苏州", "南京"])) == nil)
    }

    /// The longest name at the head counts (河北区 is Tianjin's, not 河北); a
    /// municipality's district names the municipality; a name listed under two
    /// sections is no evidence.
    @Test func placeNamesAreReadLongestFirstAndAmbiguousOnesIgnored() {
        #expect(places.opening("河北区出台措施") == "天津" && places.opening("河北发布若干措施") == "河北")
        #expect(places.opening("【浦东新区试点跨境数据") == "上海" && places.opening("北京经开区发布20条") == "北京")
        let shared = SectionPlaces(places: ["北京": ["朝阳"], "辽宁": ["朝阳", "沈阳"]], sections: ["北京", "辽宁", "区域"])
        #expect(shared.opening("朝阳区发布") == nil && shared.opening("沈阳发布") == "辽宁" && shared.opening("区域协同") == nil)
        #expect(shared.mentions(in: ["朝阳、沈阳和北京，辽宁省"]) == ["辽宁": 2, "北京": 1])
    }
}
