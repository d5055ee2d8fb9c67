import Foundation
import Testing
@testable import IssuePipe

/// Closing citations OCR damaged past the citation pattern, as the scanned
/// layout variants read them, with the real `Pipelines/bri-biweekly.yaml`.
@Suite struct LooseCitationsTests {
    let definition: PipelineDefinition
    let outlets: OutletNames

    init() throws {
        definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
        outlets = OutletNames(known: try #require(definition.lexicon?.outlets))
    }

    func loose(printDate: String? = "2024-06-06") -> LooseCitations {
        LooseCitations(outlets: outlets, dates: CitationDates(printDate: printDate, citedDates: [], days: definition.sources?.daysBeforeIssue))
    }

    /// Brackets lost or misread, a mark inside, specks after: the known
    /// outlets with their dates at the paragraph's end are its sources, and
    /// the misread bracket goes with them.
    @Test func knownOutletsWithDatesEndingAParagraphAreItsSources() throws {
        let lost = try #require(loose().split("推动产业链上下游企业数据共享和协同制造。苏州日报20240529）"))
        #expect(lost.rest == "推动产业链上下游企业数据共享和协同制造。")
        #expect(lost.sources == [Citation(name: "苏州日报", date: "2024-05-29")])
        let misread = try #require(loose().split("带动相关产业产值超过600亿元。421世纪经济报道20240531)"))
        #expect(misread.rest == "带动相关产业产值超过600亿元。" && misread.sources.map(\.name) == ["21世纪经济报道"])
        let marked = try #require(loose().split("（人民日报20240528经济日报20240529中国证券报20240530.）"))
        #expect(marked.rest.isEmpty)
        #expect(marked.sources.map(\.date) == ["2024-05-28", "2024-05-29", "2024-05-30"])
        let specks = try #require(loose().split("超过600亿元。（来源：四川日报20240604）肌捕"))
        #expect(specks.rest == "超过600亿元。" && specks.sources == [Citation(name: "四川日报", date: "2024-06-04")])
        // A name misread by one character is the lexicon's; a colon OCR put in is a mark.
        let name = try #require(loose().split("沿线贸易的重要枢纽。做门日报：20240512) 5."))
        #expect(name.sources == [Citation(name: "厦门日报", date: "2024-05-12")])
        // A speck inside the date read as a dot (v1702), or a space: the date's two parts are one.
        let speck = try #require(loose().split("（来源；21世纪经济报道202.40527）"))
        #expect(speck.rest.isEmpty && speck.sources == [Citation(name: "21世纪经济报道", date: "2024-05-27")])
        let spaced = try #require(loose().split("更好发挥作用。（证券时报2024 0601）"))
        #expect(spaced.sources == [Citation(name: "证券时报", date: "2024-06-01")])
        // …or a quote (v8905).
        let quoted = try #require(loose().split("推动项目“拿地即开工”。（湖北日报2024052\"9）"))
        #expect(quoted.rest == "推动项目“拿地即开工”。" && quoted.sources == [Citation(name: "湖北日报", date: "2024-05-29")])
        // Between two dates every character is the name's: a misread first one
        // is the outlet's, not a stray mark that parts the citation (v8919).
        let between = try #require(loose().split("改善游客体验。（人民日报20240528纾济日报20240529）"))
        #expect(between.rest == "改善游客体验。")
        #expect(between.sources == [Citation(name: "人民日报", date: "2024-05-28"), Citation(name: "经济日报", date: "2024-05-29")])
        // A decimal is no date.
        #expect(loose().split("增长5.8%。证券时报3.5") == nil)
    }

    /// The next article's section label (v8504) or a host's name off the staff
    /// box (v8509) OCR read in after a citation is taken off before it is read;
    /// a name that is the paragraph's own words, with no citation before it, stays.
    @Test func aLabelOrAHostReadInAfterACitationIsTakenOff() throws {
        var reader = loose()
        reader.trailingNames = ["天津滨海综合发展研究院", "泰达图书馆档案馆", "江苏", "区域"]
        let label = try #require(reader.split("协同制造。（新华日报20240529，[江苏]"))
        #expect(label.rest == "协同制造。" && label.sources == [Citation(name: "新华日报", date: "2024-05-29")])
        let host = try #require(reader.split("压缩至半个工作日。（四川日报20240601成都日报20240601，天津滨海综合发展研究院"))
        #expect(host.sources.map(\.name) == ["四川日报", "成都日报"])
        #expect(reader.split("全力支持江苏") == nil)
        #expect(loose().split("协同制造。（新华日报20240529，[江苏]") == nil)
    }

    /// Nothing else is a citation: a date after words that name no known
    /// outlet, a date with text after it, an unknown outlet.
    @Test func textThatNamesNoKnownOutletIsLeft() {
        #expect(loose().split("项目总投资20240529元") == nil)
        #expect(loose().split("（苏州日报20240529）推动产业链上下游企业数据共享和协同制造。") == nil)
        #expect(loose().split("（北京市科委20240529）") == nil)
        #expect(loose().split("协同制造。苏州日报") == nil)
    }

    /// An outlet the lexicon does not know is taken only in a citation's whole
    /// shape: after a sentence's end (and one misread bracket), Han characters
    /// alone, a date in the issue's window, a closing bracket ending the text
    /// (v8402: `。！北京市科委20240206)`; v8404: `。洛阳日报20230911)`).
    @Test func anUnknownOutletIsTakenInACitationsWholeShape() throws {
        let bracket = try #require(loose(printDate: "2024-02-08").split("“南箭北星”格局已初步形成。！北京市科委20240206)"))
        #expect(bracket.rest == "“南箭北星”格局已初步形成。" && bracket.sources == [Citation(name: "北京市科委", date: "2024-02-06")])
        // An ellipsis is one mark, kept whole before a known outlet's citation.
        #expect(loose().split("持续推进……（人民日报20240528）")?.rest == "持续推进……")
        let bare = try #require(loose(printDate: "2023-09-21").split("进一步增强产业链供应链韧性。洛阳日报20230911)"))
        #expect(bare.rest == "进一步增强产业链供应链韧性。" && bare.sources == [Citation(name: "洛阳日报", date: "2023-09-11")])
        // Not without its closing bracket, with text after it, outside the window, or with more than a name between.
        #expect(loose(printDate: "2023-09-21").split("增强产业链供应链韧性。洛阳日报20230911") == nil)
        #expect(loose(printDate: "2023-09-21").split("增强产业链供应链韧性。洛阳日报20230911)全年") == nil)
        #expect(loose(printDate: "2024-06-06").split("增强产业链供应链韧性。洛阳日报20230911)") == nil)
        #expect(loose(printDate: "2023-09-21").split("增强韧性。全年全市新增规上工业企业数量达到20230911)") == nil)
    }

    /// A print date OCR misread by a digit (v8501: 2024-04-08 for 2024-02-08)
    /// leaves every citation of the issue (late January) outside the 45 days
    /// before it: the date one digit away that has them inside, nearest after
    /// the latest of them, is the print date. One they fall before stays.
    @Test func aPrintDateMisreadByADigitIsPutBackByTheIssuesCitations() {
        let cited = ["2024-01-25", "2024-01-29", "2024-01-31", "2024-02-02", "2024-02-06"]
        #expect(CitationDates.printDate("2024-04-08", citedDates: cited, days: 45) == "2024-02-08")
        #expect(CitationDates.printDate("2024-02-08", citedDates: cited, days: 45) == nil)
        // Too few citations to tell, or none of the dates a digit away has them inside.
        #expect(CitationDates.printDate("2024-04-08", citedDates: Array(cited.prefix(2)), days: 45) == nil)
        #expect(CitationDates.printDate("2023-07-30", citedDates: cited, days: 45) == nil)
    }

    /// A citation the pattern read whole, its year misread (`{深圳特区报20211018 )`
    /// in an issue printed 2024-10-24, v10314), is put back the same way on an
    /// OCR page, with a warning; a text layer's date stays as printed, and so
    /// does a date inside the weeks before the issue.
    @Test func aDateOutsideTheIssuesWeeksIsPutBackInACitationReadWhole() {
        let dates = CitationDates(printDate: "2024-10-24", citedDates: [], days: 45)
        func article(page: Int) -> Article {
            Article(section: "广东", title: "深圳推出应用场景清单", pages: [page], blocks: [],
                    sources: [Citation(name: "深圳特区报", date: "2021-10-18"), Citation(name: "南方日报", date: "2024-10-10")])
        }
        var articles = [article(page: 5), article(page: 6)]
        let warnings = dates.correcting(&articles, ocrPages: [5])
        #expect(articles[0].sources.map(\.date) == ["2024-10-18", "2024-10-10"])
        #expect(articles[1].sources.map(\.date) == ["2021-10-18", "2024-10-10"])
        #expect(warnings.map(\.code) == ["citation-date-corrected"])
    }

    /// A misread date is taken as the date one digit away in the weeks before
    /// the issue went to print, nearest the print date; with no print date,
    /// around the issue's other citations.
    @Test func misreadDatesArePutBackByTheIssuesOwnDates() throws {
        let september = CitationDates(printDate: "2023-09-21", citedDates: [], days: 45)
        #expect(september.iso("20230013") == "2023-09-13")     // no date: one digit changed
        #expect(september.iso("20230914") == "2023-09-14")      // a date inside the window as read
        #expect(september.iso("20290914") == "2023-09-14")      // a date outside it, one digit off one inside
        #expect(CitationDates(printDate: "2024-10-24", citedDates: [], days: 45).iso("202411016") == "2024-10-16")
        // Of two dates inside the window, the nearer the print date when the
        // other is twice as far (0913 or 0813 read 0013); none when as near.
        #expect(september.iso("2023091") == nil)
        // Without a print date the other citations' middle date stands in for it.
        let cited = CitationDates(printDate: nil, citedDates: ["2023-09-12", "2023-09-14", "2023-09-15"], days: 45)
        #expect(cited.iso("20230013") == "2023-09-13")
        // No window (a pipeline without sources.daysBeforeIssue): dates as read.
        #expect(CitationDates(printDate: "2023-09-21", citedDates: [], days: nil).iso("20230013") == nil)
        let repaired = try #require(LooseCitations(outlets: outlets, dates: september)
            .split("更好满足居民多样化消费需求。（经济参考报20230013证券时报20230014）"))
        #expect(repaired.sources == [Citation(name: "经济参考报", date: "2023-09-13"), Citation(name: "证券时报", date: "2023-09-14")])
    }

    /// In an issue, only a source-less article on an OCR page is read this
    /// way; a citation alone in its paragraph takes the block with it.
    @Test func onlySourcelessArticlesOnOCRPagesAreRead() {
        let tail = "协同制造。苏州日报20240529）"
        func article(_ page: Int, _ texts: [String], sources: [Citation] = []) -> Article {
            Article(section: "江苏", title: "苏州发布行动方案", pages: [page],
                    blocks: texts.map { ArticleBlock(kind: .paragraph, text: $0, provenance: []) }, sources: sources)
        }
        var articles = [article(3, ["第一段。", tail]), article(4, ["第一段。", tail]),
                        article(5, ["第一段。", "（苏州日报20240529）"]),
                        article(6, ["第一段。", tail], sources: [Citation(name: "新华社", date: "2024-05-30")])]
        var lineage = articles.map { ArticleLineage(title: [0], blocks: $0.blocks.indices.map { [$0 + 1] }) }
        let warnings = loose().taking(from: &articles, lineage: &lineage, ocrPages: [3, 5, 6])
        #expect(articles[0].blocks.map(\.text) == ["第一段。", "协同制造。"] && articles[0].sources.map(\.name) == ["苏州日报"])
        #expect(articles[1].blocks.map(\.text) == ["第一段。", tail] && articles[1].sources.isEmpty)
        #expect(articles[2].blocks.map(\.text) == ["第一段。"] && lineage[2].blocks == [[1]] && lineage[2].citation == [2])
        #expect(articles[3].blocks.last?.text == tail && articles[3].sources.map(\.name) == ["新华社"])
        #expect(warnings.map(\.code) == ["citation-read-loosely", "citation-read-loosely"])
    }

    /// A citation on lines of its own whose opening bracket OCR read as `1`
    /// was taken for a sub-heading at the article's end: it is read as the
    /// article's sources, and the block goes. A heading that names no outlet stays.
    @Test func aCitationReadAsTheArticlesLastHeadingIsItsSources() {
        func article(_ last: String) -> Article {
            Article(section: "浙江", title: "杭州出台25条措施", pages: [6], blocks: [
                ArticleBlock(kind: .paragraph, text: "截至9月底，杭州民营经济主体超过140万户。", provenance: []),
                ArticleBlock(kind: .heading, text: last, provenance: [])], sources: [])
        }
        var articles = [article("1浙江日报20240517杭州日报20240517》"), article("加大金融支持")]
        var lineage = articles.map { ArticleLineage(title: [0], blocks: $0.blocks.indices.map { [$0 + 1] }) }
        let warnings = loose().taking(from: &articles, lineage: &lineage, ocrPages: [6])
        #expect(articles[0].blocks.map(\.kind) == [.paragraph])
        #expect(articles[0].sources == [Citation(name: "浙江日报", date: "2024-05-17"), Citation(name: "杭州日报", date: "2024-05-17")])
        #expect(lineage[0].citation == [2])
        #expect(articles[1].blocks.count == 2 && articles[1].sources.isEmpty)
        #expect(warnings.count == 1)
    }

    /// A citation printed on lines of its own, its bracket read as `1`, each
    /// line read as a block (v8812): the lines together are the sources and go.
    @Test func aCitationReadAsLinesOfItsOwnIsOneCitation() {
        var articles = [Article(section: "福建", title: "福建推出20条措施支持民营企业稳岗扩岗", pages: [6], blocks: [
            ArticleBlock(kind: .paragraph, text: "对吸纳就业困难人员的企业给予社保补贴。", provenance: []),
            ArticleBlock(kind: .paragraph, text: "1福建日报20221206中国经济时", provenance: []),
            ArticleBlock(kind: .paragraph, text: "报20221207", provenance: []),
            ArticleBlock(kind: .paragraph, text: "新华社20221208，", provenance: [])], sources: [])]
        var lineage = articles.map { ArticleLineage(title: [0], blocks: $0.blocks.indices.map { [$0 + 1] }) }
        let warnings = loose(printDate: "2022-12-15").taking(from: &articles, lineage: &lineage, ocrPages: [6])
        #expect(articles[0].sources.map(\.name) == ["福建日报", "中国经济时报", "新华社"])
        #expect(articles[0].blocks.map(\.text) == ["对吸纳就业困难人员的企业给予社保补贴。"])
        #expect(lineage[0].citation == [2, 3, 4] && lineage[0].blocks == [[1]])
        #expect(warnings.count == 1)
    }
}
