import Foundation
import Testing
@testable import IssuePipe

/// The structure stage's rules on small made-up issues, with the real
/// `Pipelines/bri-biweekly.yaml`.
@Suite struct StructureTests {
    let definition: PipelineDefinition

    init() throws {
        definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
    }

    /// A cover, an inside-cover staff box and one body page, made up.
    func madeUpIssue() -> [PageLayout] {
        let cover = page(1, [
            line("2031 年第 17 期", x: 420, y: 60, size: 15, bold: true),
            line("(总第 412 期)", x: 450, y: 90, size: 11),
            line("12 月 30 日印发", x: 450, y: 110, size: 11),
            line("示例发展研究院", x: 220, y: 180, size: 15, bold: true),
            line("Example Research Institute", x: 210, y: 200, width: 180, size: 10),
            line("双周决策观察", x: 160, y: 250, size: 46, bold: true),
            line("地方工作亮点追踪", x: 220, y: 310, size: 20, bold: true),
            line("【区域】 区域协调发展迈出新步伐", x: 80, y: 380, size: 13),
            line("第二篇区域文章的标题", x: 140, y: 404, size: 13),
            line("【天津】 天津出台新举措", x: 80, y: 428, size: 13),
        ])
        let inside = page(2, [
            line("主办", x: 84, y: 70, size: 10.5, bold: true),
            line("示例发展研究院", x: 84, y: 85, size: 10.5),
            line("示例图书馆", x: 84, y: 100, size: 10.5),
            line("编辑 张三 李四", x: 320, y: 70, size: 10.5),
            line("统筹 王五", x: 320, y: 85, size: 10.5),
            line("电话 022-12345678", x: 320, y: 100, size: 10.5),
            line("传真 022-12345679", x: 320, y: 115, size: 10.5),
            line("【区域】区域协调发展迈出新步伐", x: 170, y: 200, size: 16, bold: true),
            line("第一段，首行缩进，一直写到右边界为止，中间没有停顿也没有结束。", x: 84, y: 230, width: 456),
            line("第一段结束。", x: 60, y: 250, width: 72),
            line("【北京】小标题在文章之内", x: 60, y: 280, bold: true),
            line("小标题下的段落，首行缩进。（证券时报 20311201 上海证券报 20311202）", x: 84, y: 302, width: 440),
            line("第二篇区域文章的标题", x: 180, y: 340, size: 16, bold: true),
            line("第二篇的正文，首行缩进，写满整整一行，一直到右边界为止没有停。", x: 84, y: 370, width: 456),
            line("第二篇的正文结束。", x: 60, y: 390, width: 108),
            line("（新华社 20311130）", x: 60, y: 410, width: 120),
        ])
        let body = page(3, [
            line("【天津】", x: 60, y: 80, size: 14, bold: true),
            line("天津出台新举措", x: 230, y: 110, size: 16, bold: true),
            line("天津的正文首行缩进，写满整整一行，一直写到右边界为止不停下来。", x: 84, y: 140, width: 456),
            line("天津的正文结束。（天津日报 20311225）", x: 60, y: 160, width: 228),
        ])
        return [cover, inside, body]
    }

    func structured() -> IssueDocument {
        let pages = madeUpIssue()
        let cleaned = clean(pages, rules: definition.furniture ?? FurnitureRules())
        let source = SourceInfo(file: "made-up.pdf", sha256: String(repeating: "0", count: 64), pageCount: pages.count)
        return structure(cleaned, pages: pages, source: source, metadata: PDFMetadata(), definition: definition)
    }

    @Test func mastheadFields() {
        let issue = structured()
        #expect(issue.issue == IssueInfo(year: 2031, number: 17, cumulativeNumber: 412, printDate: "2031-12-30"))
        #expect(issue.publication.title == "双周决策观察")
        #expect(issue.publication.subtitle == "地方工作亮点追踪")
        #expect(issue.publication.publisher == "示例发展研究院")
        #expect(issue.publication.publisherEn == "Example Research Institute")
    }

    @Test func staffHostsAndContacts() {
        let issue = structured()
        #expect(issue.publication.hosts == ["示例发展研究院", "示例图书馆"])
        #expect(issue.staff == [StaffEntry(role: "编辑", names: ["张三", "李四"]), StaffEntry(role: "统筹", names: ["王五"])])
        #expect(issue.contacts == Contacts(phone: "022-12345678", fax: "022-12345679"))
    }

    @Test func contentsGroupedBySection() {
        let issue = structured()
        #expect(issue.contents == [
            ContentsEntry(section: "区域", title: "区域协调发展迈出新步伐"),
            ContentsEntry(section: "区域", title: "第二篇区域文章的标题"),
            ContentsEntry(section: "天津", title: "天津出台新举措"),
        ])
        #expect(issue.warnings.isEmpty, "\(issue.warnings)")
    }

    @Test func sectionsCarryOverAndHeadingsStayInsideArticles() {
        let issue = structured()
        #expect(issue.articles.map(\.title) == ["区域协调发展迈出新步伐", "第二篇区域文章的标题", "天津出台新举措"])
        #expect(issue.articles.map(\.section) == ["区域", "区域", "天津"])
        #expect(issue.articles.map(\.pages) == [[2], [2], [3]])
        let first = issue.articles[0]
        #expect(first.blocks.map(\.kind) == [.paragraph, .heading, .paragraph])
        #expect(first.blocks[1].text == "【北京】小标题在文章之内")
        // The staff box on page 2 is not article text.
        #expect(!issue.articles.flatMap(\.blocks).contains { $0.text.contains("编辑") || $0.text.contains("022-") })
    }

    @Test func citationsWithTwoOutletsAndOnTheirOwnLine() {
        let issue = structured()
        #expect(issue.articles[0].sources == [Citation(name: "证券时报", date: "2031-12-01"), Citation(name: "上海证券报", date: "2031-12-02")])
        #expect(issue.articles[0].blocks.last?.text == "小标题下的段落，首行缩进。")
        #expect(issue.articles[1].sources == [Citation(name: "新华社", date: "2031-11-30")])
        #expect(issue.articles[1].blocks.map(\.text) == ["第二篇的正文，首行缩进，写满整整一行，一直到右边界为止没有停。第二篇的正文结束。"])
        #expect(issue.articles[2].sources == [Citation(name: "天津日报", date: "2031-12-25")])
    }

    @Test func eachArticleIsTracedToTheCleanBlocksItWasMadeFrom() {
        let pages = madeUpIssue()
        let cleaned = clean(pages, rules: definition.furniture ?? FurnitureRules())
        let source = SourceInfo(file: "made-up.pdf", sha256: String(repeating: "0", count: 64), pageCount: pages.count)
        let result = structureWithLineage(cleaned, pages: pages, source: source, metadata: PDFMetadata(), definition: definition)
        #expect(result.issue == structured())
        #expect(result.lineage.count == 3)
        // The titles are the headlines on pages 2 and 3, not the contents rows on the cover.
        let titles = result.lineage.map { $0.title.map { cleaned.blocks[$0].text } }
        #expect(titles == [["【区域】区域协调发展迈出新步伐"], ["第二篇区域文章的标题"], ["天津出台新举措"]])
        #expect(result.lineage.map { $0.title.flatMap { cleaned.blocks[$0].pages } } == [[2], [2], [3]])
        for (article, lineage) in zip(result.issue.articles, result.lineage) {
            #expect(lineage.blocks.count == article.blocks.count)
            for (block, sources) in zip(article.blocks, lineage.blocks) {
                #expect(sources.flatMap { cleaned.blocks[$0].provenance } == block.provenance ?? [])
            }
        }
        // The second article's citation, on a line of its own, is a block taken whole into sources;
        // the first's ends a paragraph, which stays a block.
        #expect(result.lineage[1].citation.map { cleaned.blocks[$0].text } == ["（新华社 20311130）"])
        #expect(result.lineage[0].citation.isEmpty)
    }

    @Test func contentsMismatchIsAWarningNotADrop() {
        var pages = madeUpIssue()
        pages[0].lines.append(line("一篇并不存在的文章", x: 140, y: 452, size: 13))
        let cleaned = clean(pages, rules: definition.furniture ?? FurnitureRules())
        let source = SourceInfo(file: "made-up.pdf", sha256: "", pageCount: 3)
        let issue = structure(cleaned, pages: pages, source: source, metadata: PDFMetadata(), definition: definition)
        #expect(issue.contents.count == 4)
        #expect(issue.warnings.map(\.code) == ["toc-mismatch"])
        #expect(issue.warnings.first?.message.contains("一篇并不存在的文章") == true)
    }

    @Test func citationParsing() {
        let parser = CitationParser(rules: definition.sources)
        let split = parser.split("浙江省……增强经济活力。（21 世纪经济报道 20240129）")
        #expect(split?.rest == "浙江省……增强经济活力。")
        #expect(split?.sources == [Citation(name: "21 世纪经济报道", date: "2024-01-29")])
        #expect(parser.split("没有出处的段落。") == nil)
        #expect(parser.split("（2+2）+（3+6）") == nil)
        #expect(parser.split("日期不对（某报 20241341）") == nil)
    }

    /// How OCR reads the brackets and the colon of a citation; the pairs are those printed.
    @Test(arguments: [
        ("避免政策“碎片化”。【来源：人民日报20240528经济日报20240529】", ["人民日报", "经济日报"]),
        ("给予认证费用50%的补贴。(（来源：大众日报20240530）", ["大众日报"]),
        ("（来源；新华日报20240603）", ["新华日报"]),
        ("推动服务持续优化。来源：四川日报20240601成都日报20240601)", ["四川日报", "成都日报"]),
        ("{北京市科委20240206]", ["北京市科委"]),
        ("航空港区将逐项明确责任单位和完成时限。〔河南日报20230912 )", ["河南日报"]),
        ("《四川日报20251104》", ["四川日报"]),
        ("（经济参考报20251028第一财经20251030）.", ["经济参考报", "第一财经"]),
    ])
    func citationAsOCRReadsIt(_ text: String, _ outlets: [String]) {
        let split = CitationParser(rules: definition.sources).split(text)
        #expect(split?.sources.map(\.name) == outlets)
    }

    /// A paragraph whose opening 《 OCR read as （ (v8116, 200 dpi bitonal), at an
    /// article's end whose citation lost its opening bracket: the paragraph runs
    /// on to the citation's date, but no outlet's name is a paragraph long.
    @Test func aParagraphOpeningWithAMisreadBracketIsNoCitation() {
        let parser = CitationParser(rules: definition.sources)
        let text = "（行动方案》提出，围绕电子信息、装备制造、生物医药、先进材料四大主导产业，分行业制定智能化改造指南。"
            + "推动产业链上下游企业数据共享和协同制造“苏州日报20240529）"
        #expect(parser.split(text) == nil)
        #expect(CitationParser(rules: nil).split("（一段很长的正文，讲了许多事情，然后又讲了许多别的事情。某报 20240529）") == nil)
        #expect(CitationParser(rules: nil).split("正文。（某报 20240529 另一报 20240530）")?.sources.count == 2)
    }

    @Test func sectionMarkersAndPlainBracketsAreNoCitations() {
        let parser = CitationParser(rules: definition.sources)
        #expect(parser.split("【上海】上海发布支持上市公司并购重组行动方案") == nil)
        #expect(parser.split("数据来源：国家统计局。") == nil)
    }

    /// A back page's staff box in two columns of a table (Chromium, v8409):
    /// the fax number wrapped below its row's start, while the box's other
    /// column stands on the row too (`主` of a 主办 wrapped in its cell, `办：院`
    /// under it, nearer in the page's order). The number is the one below that
    /// completes the fax, not the first line under any of the row's starts.
    @Test func aFaxWrappedUnderItsRowIsReadPastTheBoxsOtherColumn() {
        let read = backPageTableBox()
        #expect(read.contacts.phone == "022-66222942" && read.contacts.fax == "022-66222940")
        #expect(read.staff.map(\.names) == [["贺然", "金敏毓", "何莉娟"], ["史继平", "韩玉刚", "马爱华", "武晓庆"]])
    }

    /// The same box wraps the hosts' label in its narrow cell, `主` over
    /// `办：`, and the first host's last character (院) under its name.
    @Test func aHostsLabelWrappedInItsCellIsReadWhole() {
        #expect(backPageTableBox().hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        // A line that opens with a label's first character over one that does not
        // go on with the label is no wrapped label.
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon)
        let prose = [line("主", x: 82, y: 368, width: 14, size: 14), line("要任务：天津滨海综合发展研究院", x: 82, y: 391, width: 220, size: 14)]
        #expect(parser.parse([PageLines(page(14, prose), furniture: [])]).hosts.isEmpty)
    }

    /// OCR read nothing of the cover's small English name (v8513): the staff
    /// box prints it again, and its reading there, a few letters off, is the
    /// lexicon's name. A line far from the box is not read for it.
    @Test func aPublisherNameTheCoverLostIsReadInTheStaffBox() {
        func scanned(_ text: String, _ x: Double, _ y: Double, _ width: Double) -> TextLine {
            var read = line(text, x: x, y: y, width: width, size: 10)
            read.confidence = 0.75
            return read
        }
        let cover = PageLines(page(1, [scanned("双周决策观察", 116, 87, 270), scanned("天津滨海综合发展研究院", 171, 286, 163)]), furniture: [])
        let back = PageLines(page(11, [scanned("Binhbhai Research IJnstitute in Tianjin", 64, 462, 180),
                                       scanned("编辑：王思远 刘婧 陈晓冬", 64, 480, 160), scanned("统筹：周立新 孙海燕 赵一鸣", 64, 496, 160)]),
                             furniture: [])
        var issue = IssueDocument(source: SourceInfo(file: "made-up.pdf", sha256: "", pageCount: 11), pipeline: PipelineInfo(name: "bri-biweekly", version: "1"))
        _ = readFrontMatter(into: &issue, pageLines: [cover, back], cover: 1, bodySize: 10, definition: definition)
        #expect(issue.publication.publisher == "天津滨海综合发展研究院")
        #expect(issue.publication.publisherEn == "Binhai Research Institute in Tianjin")
        let far = PageLines(page(11, [scanned("Binhbhai Research IJnstitute in Tianjin", 64, 100, 180),
                                      scanned("编辑：王思远 刘婧 陈晓冬", 64, 480, 160)]), furniture: [])
        var other = IssueDocument(source: SourceInfo(file: "made-up.pdf", sha256: "", pageCount: 11), pipeline: PipelineInfo(name: "bri-biweekly", version: "1"))
        _ = readFrontMatter(into: &other, pageLines: [cover, far], cover: 1, bodySize: 10, definition: definition)
        #expect(other.publication.publisherEn == nil)
    }

    /// A notice under a back cover's imprint, the page's last text, read by OCR
    /// as a line of its own (v8512): the box's band takes it, so no article
    /// does. A line that more text follows is left to the page.
    @Test func aNoticeUnderTheBoxAsThePagesLastTextIsTheBoxs() {
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon)
        func scanned(_ text: String, _ x: Double, _ y: Double, _ width: Double) -> TextLine {
            var read = line(text, x: x, y: y, width: width, size: 9.5)
            read.confidence = 0.9
            return read
        }
        let imprint = [scanned("编印；天津滨海综合发展研究院", 209, 596, 131), scanned("Binhai Research Institute in Tianjin", 190, 614, 170),
                       scanned("电话；022-66222942传真；022-66222940", 187, 628, 184)]
        let notice = scanned("内部资料免费交流", 234, 645, 84)
        let band = parser.parse([PageLines(page(8, imprint + [notice]), furniture: [])]).bands[8]
        #expect(band.map { $0.contains(notice.box.midY) } == true, "\(String(describing: band))")
        let more = parser.parse([PageLines(page(8, imprint + [notice, scanned("（海南日报 20221213）", 90, 680, 110)]), furniture: [])]).bands[8]
        #expect(more.map { $0.contains(notice.box.midY) } == false, "\(String(describing: more))")
    }

    /// A back-page box printed as a two-column table (v8409): the fax number
    /// wrapped under `传真：`, the hosts' label wrapped in its cell.
    func backPageTableBox() -> StaffParser.Result {
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon)
        func at(_ text: String, _ x0: Double, _ y0: Double, _ x1: Double) -> TextLine {
            line(text, x: x0, y: y0, width: x1 - x0, size: 14)
        }
        let box = [at("天津滨海综合发展研究院", 82, 296, 236), at("编辑：贺然金敏毓何莉娟", 281, 297, 435),
                   at("统筹：史继平韩玉刚马爱华武", 281, 320, 463), at("晓庆", 281, 342, 309), at("主", 82, 368, 96),
                   at("电话：022-66222942 传真：", 281, 370, 463), at("天津滨海综合发展研究", 121, 368, 261),
                   at("办： 院", 82, 391, 135), at("022-66222940", 281, 392, 365), at("泰达图书馆档案馆", 121, 413, 233)]
        return parser.parse([PageLines(page(14, box), furniture: [])])
    }

    /// OCR reads a staff box's two columns as one line without the space between
    /// them: the line is cut at the role. A line of prose that holds a role's
    /// word (加强统筹协调) is not a staff line.
    @Test func anOCRStaffLineIsCutAtItsRoleButProseIsNot() {
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: nil)
        var box = line("天津滨海综合发展研究院编辑“王思远刘婧陈晓冬", x: 84, y: 72, width: 364)
        box.confidence = 0.9
        var prose = line("五是加强统筹协调引导。从加强组织统筹协调、引导企业健康发展", x: 84, y: 581, width: 440)
        prose.confidence = 0.9
        let staff = parser.parse([PageLines(page(2, [box]), furniture: [])]).staff
        #expect(staff.map(\.role) == ["编辑"])
        #expect(staff.first?.names == ["王思远", "刘婧", "陈晓冬"])
        // A misread mark (。) in the line does not hide a role that a colon follows.
        var marked = line("天津滨海综合发展研究院-。编辑:王思远刘婧陈晓冬", x: 84, y: 72, width: 364)
        marked.confidence = 0.9
        #expect(parser.parse([PageLines(page(2, [marked]), furniture: [])]).staff.first?.names == ["王思远", "刘婧", "陈晓冬"])
        let none = parser.parse([PageLines(page(11, [prose]), furniture: [])])
        #expect(none.staff.isEmpty && none.bands.isEmpty)
        // A role's word after a comma of prose is prose too.
        var comma = line("域惠企助企政策基础上，统筹谋划民营经济领域", x: 308, y: 465, width: 232)
        comma.confidence = 0.92
        #expect(parser.parse([PageLines(page(7, [comma]), furniture: [])]).staff.isEmpty)
    }

    /// A row printing two roles wraps on below its start: the wrapped names
    /// belong to the row's last role, the name cut by the wrap joined whole.
    @Test func aWrappedStaffRowContinuesItsLastRole() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: nil)
        let row = line("编辑：蒋一帆、罗敏 统筹：彭晓辉、谢婉清、钱", x: 63, y: 300, width: 352)
        let wrapped = line("岳、曹建新", x: 63, y: 316, width: 80)
        let staff = parser.parse([PageLines(page(1, [row, wrapped]), furniture: [])]).staff
        #expect(staff.map(\.role) == ["编辑", "统筹"])
        #expect(staff.first?.names == ["蒋一帆", "罗敏"])
        #expect(staff.last?.names == ["彭晓辉", "谢婉清", "钱岳", "曹建新"])
        // One role to a row: the line below its start is still its own.
        let alone = parser.parse([PageLines(page(1, [line("编辑：蒋一帆、罗敏、彭晓", x: 63, y: 300, width: 200),
                                                     line("辉、谢婉清", x: 63, y: 316, width: 80)]), furniture: [])]).staff
        #expect(alone.first?.names == ["蒋一帆", "罗敏", "彭晓辉", "谢婉清"])
    }

    /// A two-character name one character off the roster's is the roster's only
    /// beside other roster names (one character is half of such a name).
    @Test func aTwoCharacterNameIsCorrectedOnlyBesideTheRoster() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        func names(_ text: String) -> [String] {
            parser.parse([PageLines(page(2, [line(text, x: 84, y: 72, width: 300)]), furniture: [])]).staff.first?.names ?? []
        }
        #expect(names("编辑：贸然 金敏毓 何莉娟") == ["贺然", "金敏毓", "何莉娟"])
        #expect(names("编辑：贸然 王思远") == ["贸然", "王思远"])
    }

    /// A section label whose brackets OCR misread still names its section; a
    /// short line of other Han text, or one in a text layer, does not.
    @Test func aMisreadSectionLabelOnAScanIsASection() {
        let builder = ArticleBuilder(rules: definition.articles, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        func block(_ text: String, ocr: Bool, confidence: Double = 0.8) -> CleanBlock {
            CleanBlock(text: text, provenance: [Provenance(page: 2, box: Box(x0: 60, y0: 80, x1: 120, y1: 94))], lines: ["2:0"],
                       size: 14, bold: false, endReason: "style", ocr: ocr ? true : nil, confidence: ocr ? confidence : nil)
        }
        #expect(builder.role(of: block("‖天津）", ocr: true)) == .section("天津"))
        #expect(builder.role(of: block("1【河北", ocr: true)) == .section("河北"))
        #expect(builder.role(of: block("上海市", ocr: true)) != .section("上海"))
        #expect(builder.role(of: block("‖天津）", ocr: false)) != .section("天津"))
        // A left bar and a mark around the name; a name one character off between marks.
        #expect(builder.role(of: block("| 5区域1", ocr: true)) == .section("区域"))
        #expect(builder.role(of: block("5安油）", ocr: true)) == .section("安徽"))
        // Not from a reading OCR was all but unsure of (`上5湖#)` for 【湖北】 at 0.15, one off 上海).
        #expect(builder.role(of: block("上5湖#)", ocr: true)) == .section("上海"))
        #expect(builder.role(of: block("上5湖#)", ocr: true, confidence: 0.15)) != .section("上海"))
        // Not a word one off a section at a sentence's end, nor one that could be two sections.
        #expect(builder.role(of: block("北方。", ocr: true)) != .section("北京"))
        #expect(![.section("江苏"), .section("江西")].contains(builder.role(of: block("|江水】", ocr: true))))
    }

    /// What a title or sub-heading never ends with comes from the pipeline (`articles.sentenceEnds`, `headingNeverEnds`).
    @Test func headlineEndingsAreThePipelines() throws {
        var rules = try #require(definition.articles)
        func role(_ text: String, size: Double) -> ArticleBuilder.Role {
            ArticleBuilder(rules: rules, bodySize: 12, citations: CitationParser(rules: definition.sources), lexiconSections: nil)
                .role(of: CleanBlock(text: text, provenance: [Provenance(page: 2, box: Box(x0: 60, y0: 80, x1: 300, y1: 94))],
                                     lines: ["2:0"], size: size, bold: false, endReason: "style", ocr: true, confidence: 0.9))
        }
        #expect(role("各地主要做法如下：", size: 12) == .paragraph)
        #expect(role("各地加快布局新质生产力。", size: 16) != .title(section: nil, text: "各地加快布局新质生产力。"))
        // A closing quote is looked through: a quoted phrase may end a sub-heading, a quoted sentence not.
        #expect(role("关键词“智慧好办”", size: 12) == .heading)
        #expect(role("他表示：“要稳中求进。”", size: 12) == .paragraph)
        rules.headingNeverEnds = ""
        rules.sentenceEnds = "！"
        #expect(role("各地主要做法如下：", size: 12) == .heading)
        #expect(role("各地加快布局新质生产力。", size: 16) == .title(section: nil, text: "各地加快布局新质生产力。"))
    }

    /// OCR reads a label's 【 as { or 〔 too (`{汉南】妇上河南出台措施…`, v10202): still a
    /// label, off the headline. (Its name, one character off both 河南 and 湖南, is left
    /// as read here; the places the article names decide.)
    @Test func anOCRContentsRowWhoseLabelOpensOnABraceIsALabel() throws {
        var row = line("{汉南】河南出台措施支持郑州航空港经济综合实验区高质量发展", x: 60, y: 400, width: 300)
        row.confidence = 0.6
        let read = try contentsRows(definition, [row])
        #expect(read.map(\.section) == ["汉南"])
        #expect(read.map(\.text) == ["河南出台措施支持郑州航空港经济综合实验区高质量发展"])
    }

    /// A `·` bullet OCR read as `、` (v10313) is no part of the headline, in the
    /// contents or over the article: no headline opens with a clause mark.
    @Test func aBulletReadAsAnEnumerationCommaIsLeftOffTheHeadline() throws {
        var row = line("、广东前三季度GDP增长3.6%", x: 60, y: 400, width: 200)
        row.confidence = 0.8
        #expect(try contentsRows(definition, [row]).map(\.text) == ["广东前三季度GDP增长3.6%"])
        let builder = ArticleBuilder(rules: definition.articles, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        let title = CleanBlock(text: "、广东前三季度GDP增长3.6%", provenance: [Provenance(page: 3, box: Box(x0: 60, y0: 80, x1: 300, y1: 98))],
                               lines: ["3:0"], size: 18, bold: false, endReason: "style", ocr: true, confidence: 0.9)
        #expect(builder.role(of: title, isHeadline: true) == .title(section: nil, text: "广东前三季度GDP增长3.6%"))
    }

    /// A numbered sub-heading that fills its line over its paragraph, in a text
    /// layer that marks its bold with no font flag (v10719, Chromium): where the
    /// issue's other sub-headings of that pattern stand alone (`二、加大金融支持`),
    /// the block's first line is one too. Without such siblings, or where the
    /// first line is no whole heading, the block is left whole.
    @Test func aFirstLineOfThePatternTheIssuesSubHeadingsStandAloneInIsOne() {
        var builder = ArticleBuilder(rules: definition.articles, bodySize: 14.26, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        let texts = ["13:4": "一、破除民营企业参与重大项目和政府采购的隐性壁垒", "13:5": "措施明确，除法律法规另有规定外，不得在招",
                     "13:6": "标投标和政府采购中设置针对民营企业的资质。", "13:7": "一是加快推进重大项目建设和政府采购改革试点",
                     "13:10": "二、加大金融支持", "14:2": "三、优化政务服务"]
        func block(_ lines: [String]) -> CleanBlock {
            CleanBlock(text: lines.compactMap { texts[$0] }.joined(), provenance: lines.indices.map {
                Provenance(page: 13, box: Box(x0: 81, y0: 126 + 27 * Double($0), x1: 451, y1: 145 + 27 * Double($0)))
            }, lines: lines, size: 14.26, bold: false, endReason: "gap")
        }
        let joined = block(["13:4", "13:5", "13:6"])
        let standing = [block(["13:10"]), block(["14:2"])]
        builder.standingPatterns = builder.standingHeadingPatterns(standing + [joined])
        #expect(builder.standingPatterns == [1])
        #expect(builder.leadingHeadingLines(joined, lineText: { texts[$0] }) == 1)
        #expect(builder.leadingHeadingLines(block(["13:7", "13:5", "13:6"]), lineText: { texts[$0] }) == nil)
        builder.standingPatterns = builder.standingHeadingPatterns([standing[0], joined])
        #expect(builder.leadingHeadingLines(joined, lineText: { texts[$0] }) == nil)
    }

    /// On a scan the bullet before an entry's number is read as a letter or a
    /// character or two (`轩7.`, `sa 8.`, `人女三、`): the row still opens an entry, without them.
    @Test func anOCRContentsRowWithAMisreadBulletOpensAnEntry() throws {
        let reader = try contentsRowReader(definition)
        var scanned = line("轩7.苏州发布“人工智能+制造”行动方案", x: 85, y: 413, width: 290)
        scanned.confidence = 0.8
        var next = line("sa 8.南京推出科技企业“投贷联动”试点", x: 85, y: 453, width: 280)
        next.confidence = 0.8
        // The number's point read as a full stop (v8904).
        var stop = line("4。浦东新区试点跨境数据流动“白名单”扩围", x: 85, y: 493, width: 280)
        stop.confidence = 0.8
        // A bullet read as two characters before a number closed by 、, a year after it (v10617).
        var two = line("人女三、2023年长三角地区", x: 85, y: 533, width: 140)
        two.confidence = 0.8
        let rows = reader.rows(PageLines(page(2, [scanned, next, stop, two]), furniture: []))
        #expect(rows.map(\.opensEntry) == [true, true, true, true])
        #expect(rows.map(\.text) == ["苏州发布“人工智能+制造”行动方案", "南京推出科技企业“投贷联动”试点", "浦东新区试点跨境数据流动“白名单”扩围",
                                     "2023年长三角地区"])
        // A wrapped entry's second row that starts with a decimal opens nothing.
        var wrapped = line("区1.5万亿元投资计划", x: 109, y: 433, width: 200)
        wrapped.confidence = 0.8
        #expect(reader.rows(PageLines(page(2, [wrapped]), furniture: [])).map(\.opensEntry) == [false])
        // In a text layer the characters are what is printed: no entry opens there.
        let printed = reader.rows(PageLines(page(2, [line("轩7.苏州发布", x: 85, y: 413)]), furniture: []))
        #expect(printed.map(\.opensEntry) == [false])
        // A bullet read as a run of marks before the number (`“”@@ 1.`) goes with the number;
        // a headline that opens with a quote and has no number keeps it.
        var marks = line("[区域]“”@@ 1.各地竞相布局“人工智能+”行动", x: 59, y: 438, width: 193)
        marks.confidence = 0.8
        var quoted = line("“十四五”规划收官之年各地冲刺", x: 85, y: 470, width: 200)
        quoted.confidence = 0.8
        let read = reader.rows(PageLines(page(1, [marks, quoted]), furniture: []))
        #expect(read.map(\.text) == ["各地竞相布局“人工智能+”行动", "“十四五”规划收官之年各地冲刺"])
        #expect(read.first?.section == "区域")
    }

    /// Contents in two columns with entries wrapped onto a second row: the
    /// left column's last row ends in its page number, so the right column's
    /// row beside it (which opens no entry) is not joined to it.
    @Test func aContentsRowEndingInItsPageNumberTakesNothingFromTheOtherColumn() throws {
        let rows = try contentsRows(definition, page: 2, [
            line("[区域]◆ 1. 各地竞相布局“人工智能+”", x: 72, y: 300, width: 220),
            line("[北京]◆ 5. 北京经开区发布 20 条措施支", x: 318, y: 300, width: 220),
            line("行动..............................3", x: 72, y: 316, width: 220),
            line("持商业航天产业集聚.....................6", x: 310, y: 316, width: 228),
        ])
        #expect(rows.map(\.text) == ["各地竞相布局“人工智能+”", "北京经开区发布 20 条措施支", "行动", "持商业航天产业集聚"])
        #expect(rows.map(\.section) == ["区域", "北京", nil, nil])
        // On a scan the right column's page number can stand alone beside a finished left row;
        // leaders whose number stands apart still take it.
        var left = line("北京样板“........ 5", x: 126, y: 417, width: 121)
        var right = line("8", x: 440, y: 418, width: 3)
        var leaders = line("步下调..........", x: 120, y: 399, width: 43)
        var number = line("4", x: 245, y: 399, width: 3)
        (left.confidence, right.confidence, leaders.confidence, number.confidence) = (0.8, 0.9, 0.7, 0.9)
        let scanned = try contentsRows(definition, [leaders, number, left, right])
        #expect(scanned.map(\.text) == ["步下调", "北京样板“", ""])
        #expect(scanned.map(\.lines.count) == [2, 1, 1])
    }

    /// Leaders of dots set a space apart (LibreOffice's dotted tab leader:
    /// `入围. . . .3`) go with the page number, as close-set dots do.
    @Test func leadersOfSpacedDotsAreNotPartOfTheHeadline() throws {
        let rows = try contentsRows(definition, [
            line("· 一、GDP 超 5000 亿区县或达 12 个 西海岸新区入围. .3", x: 72, y: 300, width: 280),
            line("· 二、长三角地区社零总额已占全国四分之一. . . . . . . 4", x: 72, y: 320, width: 280),
            line("· 三、深圳确定五支“20+8”战兴产业基金中选机构 . . . . 7", x: 72, y: 340, width: 280),
        ])
        #expect(rows.map(\.text) == ["GDP 超 5000 亿区县或达 12 个西海岸新区入围", "长三角地区社零总额已占全国四分之一",
                                     "深圳确定五支“20+8”战兴产业基金中选机构"])
    }

    /// A number ending a row with no leaders before it is the row's page only
    /// when the document has that page: `发布 20` in a 12-page issue goes on.
    @Test func aRowsLastNumberPastTheLastPageIsPartOfItsHeadline() throws {
        var reader = try contentsRowReader(definition)
        reader.pageCount = 12
        let rows = reader.rows(PageLines(page(1, [
            line("【北京】 ◆ 5. 北京经开区发布 20", x: 278, y: 384, width: 159, size: 10.5),
            line("条措施支持商业航", x: 352, y: 402, width: 84, size: 10.5),
            line("天产业集聚..........5", x: 352, y: 420, width: 89, size: 10.5),
            line("◆ 6. 天津出台措施推动 7", x: 278, y: 438, width: 155, size: 10.5),
        ]), furniture: []))
        #expect(rows.map(\.text) == ["北京经开区发布 20", "条措施支持商业航", "天产业集聚", "天津出台措施推动"])
        #expect(rows.map(\.decorated) == [true, false, true, true])
    }

    /// The contents list articles printed after them (bri-biweekly sets
    /// `contents.headlinesOnLaterPages`): a row on a page a contents may be on
    /// does not name a headline below it on the same page (an article's own list
    /// of its sub-headings, a first paragraph's lines), only one on a later page.
    @Test func contentsRowsNameHeadlinesOnLaterPagesOnly() {
        let headline = line("统一大市场建设提速", x: 60, y: 300, size: 16, bold: true)
        let later = line("天津出台新举措", x: 200, y: 80, size: 16, bold: true)
        let pages = [page(2, [headline]), page(3, [later])]
        let cleaned = clean(pages, rules: FurnitureRules())
        let row = Box(x0: 84, y0: 130, x1: 300, y1: 142)
        var titles = TitleIndex(cleaned.blocks, bodySize: 12, marker: nil)
        #expect(titles.best("统一大市场建设提速", after: row, page: 2, excluding: [])?.similarity == 1)
        titles.laterPagesOnly = true
        #expect((titles.best("统一大市场建设提速", after: row, page: 2, excluding: [])?.similarity ?? 0) < 0.5)
        #expect(titles.best("天津出台新举措", after: row, page: 2, excluding: [])?.similarity == 1)
        #expect(definition.contents?.headlinesOnLaterPages == true)
    }

    @Test func pipelineIsChosenByWeightedEvidence() throws {
        let catalog = PipelineCatalog(folder: TestPaths.pipelines)
        #expect(try catalog.detect(madeUpIssue()).name == "bri-biweekly")
        // An OCR'd cover: the title misread in two places, the subtitle in one, the label spaced out.
        let misread = page(1, [line("双周决宁观紧", x: 160, y: 250, size: 46), line("地方工作亮点迫踪", x: 220, y: 310, size: 20),
                               line("2024 年 第 3 期", x: 420, y: 60), line("（总 第 277 期）", x: 450, y: 90)])
        #expect(try catalog.detect([misread]).name == "bri-biweekly")
        // The title in a running header on page 2 counts when the cover is unreadable.
        let blurred = page(1, [line("口口 口口", x: 60, y: 60)])
        let inside = page(2, [line("双周决策观察 · 地方工作亮点追踪", x: 60, y: 40, size: 9), line("2024 年第 3 期", x: 400, y: 40, size: 9)])
        #expect(try catalog.detect([blurred, inside]).name == "bri-biweekly")
        // An issue label alone is not this newsletter.
        let other = page(1, [line("某某研究简报", x: 60, y: 60, size: 30), line("2024 年第 3 期", x: 60, y: 120)])
        #expect(try catalog.detect([other]).name == "generic")
        #expect(try catalog.detect([page(1, [line("Annual report", x: 60, y: 60)])]).name == "generic")
        #expect(throws: IssuePipeError.pipelineNotFound(name: "nope")) { try catalog.named("nope") }
    }

    @Test(.enabled(if: TestPaths.hasCorpus, TestPaths.noCorpus))
    func genericPipelineGivesValidOutputWithAWarning() throws {
        let issue = try convert(TestPaths.corpusFile("chinese/onkej_Guizhou_test.pdf"),
                                options: ConvertOptions(pipelinesFolder: TestPaths.pipelines, ocrMode: .never))
        #expect(issue.pipeline.name == "generic")
        #expect(issue.warnings.contains { $0.code == "no-pipeline-match" })
        #expect(!issue.articles.isEmpty)
        #expect(issue.issue == IssueInfo())
        #expect(issue.publication.title != nil)
    }

    @Test func invalidPipelineNamesTheFileAndTheKey() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("broken.yaml")
        try "name: broken\narticles:\n  titleBold: true\n".write(to: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try PipelineDefinition.load(file)
        } throws: { error in
            guard case .invalidPipeline(let path, let reason) = error as? IssuePipeError else { return false }
            return path == file.path && reason.contains("version")
        }
    }
}
