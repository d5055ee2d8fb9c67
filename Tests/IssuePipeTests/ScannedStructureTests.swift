import Foundation
import Testing
@testable import IssuePipe

/// What OCR does to a contents page and a staff box, and how the structure
/// stage still reads them: made-up readings of the kinds the scanned layout
/// variants showed, with the real `Pipelines/bri-biweekly.yaml`.
@Suite struct ScannedStructureTests {
    let definition: PipelineDefinition

    init() throws {
        definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
    }

    func scanned(_ text: String, x: Double, y: Double, width: Double = 200, size: Double = 6, confidence: Double = 0.7) -> TextLine {
        var read = line(text, x: x, y: y, width: width, size: size)
        read.confidence = confidence
        return read
    }

    func article(_ title: String, section: String?) -> Article {
        Article(section: section, title: title, pages: [3], blocks: [], sources: [])
    }

    /// The bullet before an entry's number read as a character, the number's
    /// point lost or read as a comma, a closing 】 read as ): the row still opens
    /// an entry and names its section. A count at a title's start is no number.
    @Test func contentsRowsKeepTheirNumberAndLabelThroughOCRMisreadings() throws {
        let rows = try contentsRows(definition, [
            scanned("【区域)* 1.国庆假期各地文旅消费火热", x: 60, y: 400),
            scanned("二3上海发布支持上市公司", x: 60, y: 420),
            scanned("【海南】廊12，海南推进全岛封关运作准备工作", x: 60, y: 440),
            scanned("【山东", x: 60, y: 460, width: 30),
            scanned("★10月全国外贸数据出炉", x: 60, y: 480),
        ])
        #expect(rows.map(\.text) == ["国庆假期各地文旅消费火热", "上海发布支持上市公司", "海南推进全岛封关运作准备工作", "",
                                     "10月全国外贸数据出炉"])
        #expect(rows.map(\.section) == ["区域", nil, "海南", "山东", nil])
        // (A label alone opens no entry: it names the section of those below it.)
        #expect(rows.map(\.opensEntry) == [true, true, true, false, true])
    }

    /// Contents in two columns: the right column's page number, which OCR read
    /// on the baseline of a left-column entry's first row (`▲临港新片区发布国际`
    /// … `11`, v9508), is no part of that row, which stays in the left column.
    @Test func theOtherColumnsPageNumberOnARowsBaselineIsNotJoined() throws {
        func read(_ text: String, x: Double, y: Double, width: Double) -> TextLine {
            var read = line(text, x: x, y: y, width: width, size: 12)
            read.confidence = 0.9
            return read
        }
        let rows = try contentsRows(definition, [
            read("线城市全面优化限购措", x: 143, y: 308, width: 104), read("打造民营经济高质量发", x: 340, y: 308, width: 104),
            read("【上海】▲上海发布支持上市公", x: 90, y: 344, width: 151), read("【福建】▲", x: 287, y: 344, width: 52),
            read("泉州出台措施支持纺", x: 348, y: 344, width: 91),
            read("司并购重组行动方案，5", x: 143, y: 362, width: 108), read("织鞋服产业数字化转型", x: 340, y: 362, width: 104),
            read("▲临港新片区发布国际", x: 132, y: 379, width: 110), read("11", x: 440, y: 381, width: 8),
            read("动计划", x: 143, y: 415, width: 30), read("支持工程机械企业开拓", x: 340, y: 415, width: 104),
        ])
        let lingang = try #require(rows.first { $0.text.hasPrefix("临港") })
        #expect(lingang.text == "临港新片区发布国际" && lingang.box.x1 < 287)
        #expect(ReadingOrder.order(rows.map(\.box)).filter { $0.column == 0 }.map { rows[$0.index].text }
            == ["线城市全面优化限购措", "上海发布支持上市公", "司并购重组行动方案，5", "临港新片区发布国际", "动计划"])
    }

    /// Contents in two columns with a narrow gutter: the right column's label,
    /// a speck before it read as a quote (`“【广东】`), stands on a left entry's
    /// baseline less than a column gap from its end (v10100). It opens a row
    /// of its own, so the left entry's row keeps to its column and the rows
    /// are read column by column.
    @Test func theOtherColumnsLabelReadAfterAQuoteIsNotJoined() throws {
        func read(_ text: String, x: Double, y: Double, width: Double) -> TextLine {
            scanned(text, x: x, y: y, width: width, size: 10.5, confidence: 0.85)
        }
        let rows = try contentsRows(definition, [
            read("【区域】", x: 61, y: 383, width: 32), read("【北京】", x: 257, y: 381, width: 32),
            read("多1.各地加快布局“新质生产力”", x: 57, y: 397, width: 162), read("多6.北京发力商业航天新质生产力", x: 252, y: 395, width: 166),
            read("@2.GDP超5000亿区县或达12个", x: 57, y: 413, width: 177), read("“【广东】", x: 243, y: 415, width: 48),
            read("西海岸新区入围", x: 89, y: 432, width: 73), read("急7.深圳确定五支“20+8”战兴产业", x: 253, y: 428, width: 177),
            read("急3.2023年长三角地区社零总额已", x: 57, y: 449, width: 172), read("基金中选机构", x: 285, y: 450, width: 62),
            read("占全国四分之一", x: 90, y: 467, width: 72),
        ])
        let gdp = try #require(rows.first { $0.text.hasPrefix("GDP") })
        #expect(gdp.box.x1 < 240)
        #expect(rows.contains { $0.section == "广东" && $0.box.x0 >= 243 })
        // Read as two columns: the left one, top to bottom, before the right.
        let order = ReadingOrder.order(rows.map(\.box)).map { rows[$0.index] }
        #expect(order.prefix(6).allSatisfy { $0.box.x0 < 240 } && order.dropFirst(6).allSatisfy { $0.box.x0 >= 243 })
        #expect(order.prefix(6).map(\.box.y0) == order.prefix(6).map(\.box.y0).sorted())
    }

    /// Contents in two columns on a text layer, the left column's page numbers
    /// set points from the right column's labels: poppler puts a number and
    /// the label into one line (`4 【福建】`, v10102). The line is cut at the
    /// label, so the label is the right column's and the number the left's.
    @Test func aPageNumberAndTheOtherColumnsLabelOnOneTextLineAreCut() throws {
        func text(_ spans: [(String, Double, Double)], y: Double) -> TextLine {
            let pieces = spans.map { TextSpan(text: $0.0, box: Box(x0: $0.1, y0: y, x1: $0.2, y1: y + 14), font: "NotoSerifCJK", size: 10.5, bold: false) }
            return TextLine(text: spans.map(\.0).joined(), box: pieces.map(\.box).union!, font: "NotoSerifCJK", size: 10.5, bold: false, spans: pieces)
        }
        let rows = try contentsRows(definition, [
            text([("【区域】", 92, 134)], y: 351), text([("【浙江】", 307, 349)], y: 351),
            text([("■ 国庆假期各地文旅消费火热", 92, 231)], y: 370), text([("■ 杭州出台 25 条措施", 307, 410)], y: 370),
            text([("多地接待游客量创新高", 105, 210)], y: 387), text([("3", 284, 290)], y: 387),
            text([("打造民营经济高质量发展示范城市", 320, 467)], y: 387), text([("7", 499, 505)], y: 387),
            text([("■ 多地加码楼市新政", 92, 189)], y: 404),
            text([("一线城市全面优化限购措施", 105, 231)], y: 421), text([("4 ", 284, 290), ("【福建】", 307, 349)], y: 420),
            text([("■ 泉州出台措施", 307, 383)], y: 439),
            text([("【上海】", 92, 134)], y: 438),
            text([("■ 上海发布支持上市公司", 92, 210)], y: 457), text([("支持纺织鞋服产业数字化转型", 320, 456)], y: 457),
            text([("8", 499, 505)], y: 457),
        ])
        let fujian = try #require(rows.first { $0.section == "福建" })
        #expect(fujian.text.isEmpty && fujian.box.x0 == 307)
        #expect(!rows.contains { $0.text.contains("【") })
    }

    /// Contents in two columns: a headline's last character OCR sized large
    /// (`大`, 16 pt among 10.5) stands at the other column's place, four of its
    /// ems but six of the row's from the row's end: it is no part of the row.
    @Test func aLoneCharacterSizedLargeAcrossTheColumnGapIsNotJoined() throws {
        var row = scanned("5.上海政务服务绘就“一网通办”新三年", x: 96, y: 732, width: 200)
        row.size = 10.5
        var large = scanned("大", x: 339, y: 730, width: 10)
        large.size = 16
        large.box.y1 = 740
        let rows = try contentsRows(definition, [row, large])
        #expect(rows.map(\.text) == ["上海政务服务绘就“一网通办”新三年", "大"])
    }

    /// Contents in two columns whose ▲ bullets OCR read as 全: each row's piece
    /// across the gap, where the other rows' pieces start too, is the other
    /// column's, not the rest of the row (nor is a wrapped line's).
    @Test func aPieceWhereTheOtherColumnStartsIsNotJoinedAcrossTheGap() throws {
        func piece(_ text: String, x: Double, y: Double) -> TextLine {
            var read = scanned(text, x: x, y: y, width: Double(text.count) * 10.5)
            read.size = 10.5
            return read
        }
        let rows = try contentsRows(definition, [
            piece("全各地提前谋划2023年重大项目", x: 60, y: 414), piece("全福建推出20条措施支持民营企", x: 250, y: 413),
            piece("扩大有效投资", x: 76, y: 431), piece("业稳岗扩岗", x: 266, y: 433),
            piece("全武汉出台16条措施打造世界级", x: 60, y: 450), piece("全厦门自贸片区推出跨境贸易便利", x: 250, y: 449),
        ])
        #expect(rows.count == 6)
        #expect(rows.map { $0.lines.count } == [1, 1, 1, 1, 1, 1])
        // Pieces across a gap where no other row's piece starts are one row still.
        let one = try contentsRows(definition, [piece("全各地提前谋划2023年", x: 60, y: 414), piece("重大项目", x: 200, y: 414)])
        #expect(one.count == 1)
    }

    /// A stretch of a Han headline OCR read as lower-case Latin (`sr`) loses to
    /// the other reading, even at a higher confidence; a headline's own capitals
    /// (`AI`) read in one of the two only decide nothing.
    @Test func aHeadlineReadWithStrayLatinLosesToTheOtherReading() {
        var contents = [ContentsEntry(section: "北京", title: "北京建设数据基础制度先行区打造数据要素流通“北京样板”")]
        var articles = [article("北京建设数据基础制度先行区sr“北京样板”", section: "北京")]
        _ = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [0.86], articles: &articles,
                                       titleConfidence: [0.91], contentsPage: 1)
        #expect(articles[0].title == "北京建设数据基础制度先行区打造数据要素流通“北京样板”")
        #expect(ContentsMatching.strayLatin("苏州发布“AI+制造”行动方案", "苏州发布“人工智能+制造”行动方案") == nil)
        #expect(ContentsMatching.strayLatin("GDP超5000亿区县或达12个", "GDP超5000亿区县或达l2个") == true)
    }

    /// A mixed document's contents printed in its text layer, a title OCR read
    /// on a scanned page with its first paragraph's opening run into it (v12007):
    /// their openings read alike, so the two are one headline, and the
    /// printed reading is kept for both.
    @Test func aPrintedEntryNamesAnOCRTitleThatOpensAlike() {
        var contents = [ContentsEntry(section: "区域", title: "GDP 超 5000 亿区县或达 12 个西海岸新区入围")]
        var articles = [article("GDP超5000亿区县或达12不西海岸新区入围5000亿元区域生产总值", section: "区域")]
        _ = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [nil], articles: &articles,
                                       titleConfidence: [0.88], contentsPage: 2)
        #expect(articles[0].title == "GDP 超 5000 亿区县或达 12 个西海岸新区入围")
        // Read from text layers both, they are two headlines.
        var printed = [ContentsEntry(section: "区域", title: "GDP 超 5000 亿区县或达 12 个西海岸新区入围")]
        var titles = [article("GDP超5000亿区县或达12不西海岸新区入围5000亿元区域生产总值", section: "区域")]
        _ = ContentsMatching.reconcile(contents: &printed, contentsConfidence: [nil], articles: &titles,
                                       titleConfidence: [nil], contentsPage: 2)
        #expect(titles[0].title == "GDP超5000亿区县或达12不西海岸新区入围5000亿元区域生产总值")
    }

    /// OCR lost or turned a headline's quotes in one printed copy: the kept
    /// reading takes the other's quotes where only those pair up, and keeps
    /// its own letters (v8911, v8502).
    @Test func aHeadlineTakesTheQuotesThatPairUp() {
        var contents = [ContentsEntry(section: "陕西", title: "陕西发布措施推动“科学家+工程师”队伍建设加速科技成果转化"),
                        ContentsEntry(section: "上海", title: "上海政务服务绘就“一网通办”新三年蓝图")]
        var articles = [article("陕西发布措施推动科学家+工程师“队伍建设加速科技成果转化", section: "陕西"),
                        article("上海政务服务绘就一网通办“新三年监图", section: "上海")]
        _ = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [0.41, 0.82], articles: &articles,
                                       titleConfidence: [0.93, 0.91], contentsPage: 1)
        #expect(articles.map(\.title) == ["陕西发布措施推动“科学家+工程师”队伍建设加速科技成果转化", "上海政务服务绘就“一网通办”新三年监图"])
        #expect(contents.map(\.title) == articles.map(\.title))
        #expect(HeadlineQuotes.taken(from: "出台“十条”支持", into: "出台十条“支持") == "出台“十条”支持")
        #expect(HeadlineQuotes.taken(from: "打造“北京样板”", into: "打造“北京样板") == "打造“北京样板”")
        // Both pair up, or the letters differ in number: the kept reading stays as it is.
        #expect(HeadlineQuotes.taken(from: "“十条”支持", into: "“十”条支持") == nil)
        #expect(HeadlineQuotes.taken(from: "出台“十条”支持", into: "出台十条“支持发展") == nil)
    }

    /// The more confident reading of a headline is corrected character by
    /// character where the other reads a stretch as the article's body prints
    /// it (开拓, not 开折; 打造 where one reading lost 造). Where the body says
    /// nothing either way, the more confident reading stays.
    @Test func aHeadlineIsCorrectedWhereTheOtherReadingPairsAsTheBodyDoes() {
        let body = ["长沙市出台10条措施，支持工程机械企业开拓海外市场，打造民营经济高地。"]
        let merge = HeadlineMerge(body: body)
        #expect(merge.merged("长沙出台10条措施支持工程机械企业开折海外市场", other: "长沙出台10条措施支持工程机械企业开拓海外市汤")
            == "长沙出台10条措施支持工程机械企业开拓海外市场")
        #expect(merge.merged("杭州出台措施打民营经济", other: "杭州出台措施打造民营经济") == "杭州出台措施打造民营经济")
        #expect(merge.merged("天津出台措施推动低空经济", other: "天津出台昔施推动低空经济") == "天津出台措施推动低空经济")
        #expect(merge.merged("某地发布甲乙方案", other: "某地发布丙丁方案") == "某地发布甲乙方案")
        // A long stretch read differently is another text, whatever the body prints (v8801).
        let rows = HeadlineMerge(body: ["多地出台措施恢复和扩大消费。", "洛阳深化“万人助万企”活动。"])
        #expect(rows.merged("多地出台措施恢复和扩大消费汽车家居餐饮成发力重点", other: "多地出台措施恢复和扩大消费：洛阳深化“万人助万企")
            == "多地出台措施恢复和扩大消费汽车家居餐饮成发力重点")
        var contents = [ContentsEntry(section: "湖南", title: "长沙出台10条措施支持工程机械企业开拓海外市场")]
        var articles = [Article(section: "湖南", title: "长沙出台10条措施支持工程机械企业开折海外市场", pages: [3],
                                blocks: body.map { ArticleBlock(kind: .paragraph, text: $0) }, sources: [])]
        _ = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [0.8], articles: &articles,
                                       titleConfidence: [0.9], contentsPage: 1)
        #expect(articles[0].title == "长沙出台10条措施支持工程机械企业开拓海外市场" && contents[0].title == articles[0].title)
    }

    /// A section marker whose closing 】 OCR read as a bar (`[区域|各地…`) is
    /// still the marker (the pipeline's `articles.sectionMarker`).
    @Test func aMarkerClosedByABarIsStillTheMarker() throws {
        let marker = try #require(Pattern(definition.articles?.sectionMarker))
        #expect(marker.match("[区域|各地积极推动大规模设备")?["name"] == "区域")
        #expect(marker.match("【上海丨上海发布支持上市公司")?["name"] == "上海")
        #expect(marker.match("区域|各地积极推动") == nil)
    }

    /// A contents label whose closing bracket OCR lost, the bullet after it read
    /// as a character (`【山东六9.`): the row still names its section and headline.
    @Test func aLabelThatLostItsClosingBracketStillNamesTheSection() throws {
        let rows = try contentsRows(definition, [scanned("【山东六9.青岛出台措施支持海洋装备产业发展", x: 87, y: 506, width: 300)])
        #expect(rows.first?.section == "山东")
        #expect(rows.first?.text == "青岛出台措施支持海洋装备产业发展")
    }

    /// The rows that name headlines mark out the contents' band: a cover line
    /// far above that a headline happens to contain (`2024年`) is left out of
    /// it, so that the band's two columns are still told apart.
    @Test func aCoverLineFarAboveTheContentsStretchesNoBand() {
        func row(_ text: String, y: Double) -> ContentsRow { ContentsRow(text: text, lines: [scanned(text, x: 96, y: y)], refs: []) }
        let entries = (0..<5).map { row("第\($0)条标题", y: 590 + 18 * Double($0)) }
        let band = ContentsReader.densestRun(of: [row("2024年", y: 98)] + entries)
        #expect(band.map(\.text) == entries.map(\.text))
        // Entries of one band stand several rows apart at most (a label between two groups).
        let spread = entries + [row("最后一条标题", y: 590 + 18 * 4 + 40)]
        #expect(ContentsReader.densestRun(of: spread).count == 6)
    }

    /// A contents page scanned at 150 dpi in black and white reads two entries
    /// as noise half like their headlines, which the body prints large and OCR
    /// read right: the order of the contents pairs them (the entries between
    /// the same two paired ones), and the better readings are kept for both.
    /// A run whose length differs from the headlines' between the same pairs,
    /// or an entry unlike its headline, is left as read.
    @Test func entriesGarbledPastLikenessArePairedByTheirPlaceInTheOrder() {
        let headlines = ["上海发布支持上市公司并购重组行动方案", "临港新片区发布国际数据经济产业园三年行动计划",
                         "虹桥国际中央商务区出台“十条”支持总部经济发展", "广东前三季度GDP增长3.6%制造业投资增势良好"]
        let read = ["上海发布支持上市公司并购重组行动方案", "“临剖新片以爱布下返济产业网二年条动计划",
                    "“条轿国际中央两务！（出首”上亲“文持总本经激发展", "广东前三季度GDP增长3.6%制造业投资增势良好"]
        var contents = read.map { ContentsEntry(section: "上海", title: $0) }
        var articles = headlines.map { article($0, section: "上海") }
        let warnings = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [0.9, 0.41, 0.38, 0.9],
                                                  articles: &articles, titleConfidence: [0.93, 0.92, 0.9, 0.93], contentsPage: 1)
        #expect(contents.map(\.title) == headlines)
        #expect(articles.map(\.title) == headlines)
        #expect(warnings.filter { $0.code == "headline-reconciled" }.count == 2)
        // One headline fewer between the pairs than entries: no pairing by order.
        var short = read.map { ContentsEntry(section: "上海", title: $0) }
        var three = [headlines[0], headlines[1], headlines[3]].map { article($0, section: "上海") }
        _ = ContentsMatching.reconcile(contents: &short, contentsConfidence: [0.9, 0.41, 0.38, 0.9],
                                       articles: &three, titleConfidence: [0.93, 0.92, 0.93], contentsPage: 1)
        #expect(short[1].title == read[1] && short[2].title == read[2])
        #expect(three[1].title == headlines[1])
        // An entry nothing like the headline in its place (a masthead line) is no pair.
        var stray = [read[0], "天津滨海综合发展研究院", read[3]].map { ContentsEntry(section: "上海", title: $0) }
        var two = [headlines[0], headlines[1], headlines[3]].map { article($0, section: "上海") }
        _ = ContentsMatching.reconcile(contents: &stray, contentsConfidence: [0.9, 0.5, 0.9],
                                       articles: &two, titleConfidence: [0.93, 0.92, 0.93], contentsPage: 1)
        #expect(stray[1].title == "天津滨海综合发展研究院" && two[1].title == headlines[1])
    }

    /// A contents row whose wrapped row's first words OCR lost reads the
    /// headline with a stretch missing inside (v10301); the body's whole
    /// reading is kept for both, though the entry was read more confidently.
    /// A character or two more inside is no lost stretch (a speck read).
    @Test func theReadingThatLostAStretchInsideGivesWayToTheWholeOne() {
        let whole = "北京建设数据基础制度先行区打造数据要素流通“北京样板”"
        #expect(ContentsMatching.keepsLostStretches("北京建设数据基础制度先行区北京样板”", 0.92, whole, 0.9) == false)
        #expect(ContentsMatching.keepsLostStretches(whole, 0.9, "北京建设数据基础制度先行区北京样板", 0.92) == true)
        // Its last characters lost as well: two stretches.
        #expect(ContentsMatching.keepsLostStretches("北京建设数据基础制度先行区北京", 0.92, whole, 0.9) == false)
        // Letters scattered about the other reading are no lost stretches; a character or two more is a speck read.
        #expect(ContentsMatching.keepsLostStretches("北京建设数据据流京板", 0.92, whole, 0.9) == nil)
        #expect(ContentsMatching.keepsLostStretches("浙江发布优化营商环境条例", 0.9, "浙江发布优化营环境条例", 0.9) == nil)
        #expect(ContentsMatching.keepsLostStretches("浙江发布优化一二营商环境条例", 0.9, "浙江发布优化营商环境条例", 0.9) == nil)
        // A row read across two columns of contents takes in the other column's run, read with little confidence.
        #expect(ContentsMatching.keepsLostStretches("多地出台措施五“洛阳恢复和扩大消费", 0.23, "多地出台措施恢复和扩大消费", 0.92) == nil)
        var contents = [ContentsEntry(section: "北京", title: "北京建设数据基础制度先行区北京")]
        var articles = [article(whole, section: "北京")]
        _ = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [0.92], articles: &articles,
                                       titleConfidence: [0.9], contentsPage: 1)
        #expect(contents[0].title == whole && articles[0].title == whole)
    }

    /// Where OCR read a headline in the contents short of its wrapped line,
    /// and its title in the body whole, the whole reading is kept for both, at
    /// equal confidence too.
    @Test func theWholeReadingOfAHeadlineIsKeptOverItsStart() {
        var contents = [ContentsEntry(section: "区域", title: "2023年长三角地区社零总额已占全国四")]
        var articles = [article("2023年长三角地区社零总额已占全国四分之一", section: "区域")]
        let warnings = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [0.92], articles: &articles,
                                                  titleConfidence: [0.92], contentsPage: 1)
        #expect(contents[0].title == "2023年长三角地区社零总额已占全国四分之一")
        #expect(articles[0].title == contents[0].title && warnings.count == 1)
        // A reading longer by noise only (a mark) does not win by length.
        #expect(ContentsMatching.extends("浙江发布优化营商环境条例", "浙江发布优化营商环境条") == nil)
        #expect(ContentsMatching.extends("浙江发布优化营商环境条例。", "浙江发布优化营商环境条例") == nil)
        #expect(ContentsMatching.extends("浙江发布", "浙江发布优化营商环境条例") == false)
        // A contents row read across two columns loses an entry's first line: the reading it ends is whole.
        #expect(ContentsMatching.extends("五支“20+8”战兴产业基金中选机构", "深圳确定五支“20+8”战兴产业基金中选机构") == false)
        #expect(ContentsMatching.extends("深圳确定五支“20+8”战兴产业基金中选机构", "五支“20+8”战兴产业基金中选机构") == true)
        // A scrap of a headline's end is not its last line, nor is a section label read before a headline a lost line.
        #expect(ContentsMatching.extends("环境条例", "浙江发布优化营商环境条例") == nil)
        #expect(ContentsMatching.extends("[海南海南自贸港加工增值免关税政策扩围至全岛重点园区", "海南自贸港加工增值免关税政策扩围至全岛重点园区") == nil)
        #expect(ContentsMatching.extends("海南海南自贸港加工增值免关税政策扩围至全岛重点园区", "海南自贸港加工增值免关税政策扩围至全岛重点园区") == nil)
    }

    /// A contents row read across two columns may join the entry above's
    /// wrapped line to the next entry: that head is the end of the headline
    /// above, not a first line the next one lost, so the reading with the
    /// higher confidence is kept.
    @Test func aHeadThatEndsTheHeadlineAboveIsNoLostFirstLine() {
        let first = "国庆假期各地文旅消费火热多地接待游客量创新高", second = "多地加码楼市新政一线城市全面优化限购措施"
        #expect(ContentsMatching.extends("多地接待游客量创新高、" + second, second, others: [first]) == nil)
        #expect(ContentsMatching.extends("多地接待游客量创新高、" + second, second) == true)
        var contents = [ContentsEntry(section: "区域", title: first),
                        ContentsEntry(section: "区域", title: "多地接待游客量创新高、" + second)]
        var articles = [article(first, section: "区域"), article(second, section: "区域")]
        _ = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [0.93, 0.92], articles: &articles,
                                       titleConfidence: [0.95, 0.94], contentsPage: 1)
        #expect(contents.map(\.title) == [first, second])
        #expect(articles.map(\.title) == [first, second])
    }

    /// OCR read the contents' ▲ as 全 and put a quote mark before the body's
    /// headline that is printed nowhere: 全 still goes from the entry, and the
    /// entry is still the start of the body's headline (its letters are compared).
    @Test func aBulletReadAsALetterGoesWhereTheHeadlineOpensWithAStrayQuote() {
        let body = "“陕西发布措施推动”科学家+工程师“队伍建设"
        #expect(ContentsReader.trimmed("全陕西发布措施推动科学家+工程师“队伍建设", toward: body.comparisonKey)
            == "陕西发布措施推动科学家+工程师“队伍建设")
        #expect(ContentsMatching.extends("陕西发布措施推动科学家+工程师“队伍建设", body + "加速科技成果转化") == false)
    }

    /// A headline OCR joined to the paragraph under it, whose contents entry
    /// lost the headline's wrapped last line: the lines after those the entry
    /// covers are the headline's while set as large as it, larger than the
    /// paragraph, and short of the paragraph's measure; the paragraph's first
    /// line (full, body size) is not, nor is a short line of body size.
    @Test func aHeadlineGoesOnOverLinesSetLikeIt() {
        func ocrLine(_ text: String, x1: Double, y: Double, size: Double) -> TextLine {
            var made = line(text, x: 280, y: y, width: x1 - 280, size: size)
            made.confidence = 0.9
            return made
        }
        let lines = ["9:1": ocrLine("陕西发布措施推动“科学", x1: 436, y: 389, size: 15.5),
                     "9:2": ocrLine("家+工程师”队伍建设", x1: 415, y: 412, size: 15),
                     "9:3": ocrLine("加速科技成果转化", x1: 401, y: 439, size: 15),
                     "9:4": ocrLine("9月13日，陕西省科技厅等五", x1: 451, y: 467, size: 13.5),
                     "9:5": ocrLine("部门联合发布《关于推动“科", x1: 450, y: 490, size: 14),
                     "9:6": ocrLine("学家+工程师”队伍建设的若干", x1: 450, y: 515, size: 13)]
        func block(_ refs: [String]) -> CleanBlock {
            CleanBlock(text: refs.compactMap { lines[$0]?.text }.joined(), provenance: refs.map { Provenance(page: 9, box: lines[$0]!.box) },
                       lines: refs, size: 14, bold: false, ocr: true, confidence: 0.9)
        }
        let joined = block(["9:1", "9:2", "9:3", "9:4", "9:5", "9:6"])
        #expect(HeadlineLines.count(joined, covered: 2, line: { lines[$0] }) == 3)
        #expect(HeadlineLines.count(joined, covered: 3, line: { lines[$0] }) == 3)
        // Set at the paragraph's size, the short line is the paragraph's.
        var small = lines
        small["9:3"]!.size = 13.5
        #expect(HeadlineLines.count(joined, covered: 2, line: { small[$0] }) == 2)
        // A block of the headline alone: its last line, set as large, is the
        // headline's too, measured against the document's body size.
        let alone = block(["9:1", "9:2", "9:3"])
        #expect(HeadlineLines.count(alone, covered: 2, line: { lines[$0] }, bodySize: 13.5) == 3)
        #expect(HeadlineLines.count(alone, covered: 2, line: { small[$0] }, bodySize: 13.5) == 2)
        #expect(HeadlineLines.count(block(["9:1", "9:2", "9:4"]), covered: 2, line: { lines[$0] }, bodySize: 13.5) == 2)
    }

    /// A mark OCR read beside a contents label (`【湖北】〗`) leaves the row a
    /// label: it names the section of the entry beside it.
    @Test func marksBesideAContentsLabelLeaveItALabel() throws {
        let rows = try contentsRows(definition, [scanned("【湖北】〗", x: 76, y: 405, width: 38),
                                                 scanned("武汉出台16条措施打造世界级光电子信息产业集群", x: 147, y: 460, width: 265)])
        #expect(rows.first?.section == "湖北" && rows.first?.text == "")
        // A stray character read inside the brackets beside a known name.
        let stray = try contentsRows(definition, [scanned("【了辽宁】沈阳出台18条措施支持平台经济", x: 300, y: 597, width: 201)])
        #expect(stray.first?.section == "辽宁" && stray.first?.text == "沈阳出台18条措施支持平台经济")
        let builder = articleBuilder
        #expect(builder.role(of: ocrBlock("【了辽宁】", page: 8, size: 12, y: 124, confidence: 0.8)) == .section("辽宁"))
    }

    /// A headline wrapped before a decimal (`…GDP增长` / `3.6%制造业…`): the
    /// wrapped row opens no entry numbered 3; a number before a year does.
    @Test func aWrappedRowOpeningWithADecimalOpensNoEntry() throws {
        let rows = try contentsRows(definition, [
            line("广东前三季度GDP增长", x: 60, y: 400, width: 300),
            line("3.6%制造业投资增势良好", x: 60, y: 420, width: 300),
            line("4.2024年广东外贸数据出炉", x: 60, y: 440, width: 300),
            line("5. 15条措施支持民营经济", x: 60, y: 460, width: 300),
        ])
        #expect(rows.map(\.opensEntry) == [false, false, true, true])
        #expect(rows.map(\.text).suffix(2) == ["2024年广东外贸数据出炉", "15条措施支持民营经济"])
    }

    /// Contents in two columns a narrow gutter apart (v8006): OCR read each
    /// column's bullet as marks (`。一、`, `。 。六、`), and the right column's
    /// entry stands less than three ems from the left one's end on its row. Its
    /// number still opens an entry of its own; a piece of a headline beside a
    /// row does not.
    @Test func aScannedEntryWhoseBulletWasReadAsMarksOpensItsOwnRow() throws {
        var left = scanned("。一、各地加快布局“新质生产力”", x: 69, y: 124, width: 224)
        left.size = 12
        var right = scanned("。 。六、北京发力商业航天新质生产力", x: 301, y: 124, width: 241)
        right.size = 12
        let rows = try contentsRows(definition, [left, right])
        #expect(rows.map(\.text) == ["各地加快布局“新质生产力”", "北京发力商业航天新质生产力"])
        var rest = scanned("商业航天新质生产力", x: 301, y: 124, width: 108)
        rest.size = 12
        #expect(try contentsRows(definition, [left, rest]).count == 1)
    }

    /// A rule of leaders OCR read as dashes and 一 goes with the page number; 一
    /// inside a headline stays.
    @Test func leadersReadAsDashesAndYiAreNotPartOfTheHeadline() throws {
        let rows = try contentsRows(definition, [
            scanned("·上海政务服务绘就“一网通办”新三年蓝图-一一一一一一一一", x: 60, y: 400, width: 400),
            scanned("：浙江发布优化营商环境条例一一一一一-一", x: 60, y: 420, width: 400),
            scanned("·坚持一一对应推进改革 7", x: 60, y: 440, width: 400),
        ])
        #expect(rows.map(\.text) == ["上海政务服务绘就“一网通办”新三年蓝图", "浙江发布优化营商环境条例", "坚持一一对应推进改革"])
    }

    /// A headline's second line OCR read as the article's first paragraph is
    /// joined to the title again where the contents print the two as one; the
    /// lineage moves the block with it.
    @Test func aTitlesWrappedLineReadAsAParagraphIsJoinedBack() {
        let body = ArticleBlock(kind: .paragraph, text: "2月6日，上海发布《实施方案》，提出一系列举措。")
        var articles = [Article(section: "上海", title: "上海出台实施方案落实自贸区高", pages: [5],
                                blocks: [ArticleBlock(kind: .paragraph, text: "水平制度型开放"), body], sources: []),
                        Article(section: "上海", title: "上海政务服务绘就新三年蓝图", pages: [6],
                                blocks: [ArticleBlock(kind: .paragraph, text: "近日，方案出台。"), body], sources: [])]
        var lineage = [ArticleLineage(title: [4], blocks: [[5], [6]]), ArticleLineage(title: [7], blocks: [[8], [9]])]
        let contents = [ContentsEntry(section: "上海", title: "上海出台实施方案落实自贸区高水平制度型开放"),
                        ContentsEntry(section: "上海", title: "上海政务服务绘就新三年蓝图")]
        let warnings = ContentsMatching.joiningWrappedTitles(contents: contents, ocr: [true, true], articles: &articles, lineage: &lineage)
        #expect(articles.map(\.title) == ["上海出台实施方案落实自贸区高水平制度型开放", "上海政务服务绘就新三年蓝图"])
        #expect(articles.map(\.blocks.count) == [1, 2])
        #expect(lineage[0] == ArticleLineage(title: [4, 5], blocks: [[6]]) && lineage[1].blocks.count == 2)
        #expect(warnings.map(\.code) == ["title-line-joined"])
    }

    /// A headline with its section marker inline that wraps (v8109): its first
    /// line read as a sub-heading closing the article before, its second as the
    /// title. The contents print the two as one: joined again, the page and the
    /// lineage moving with it. A sub-heading the contents do not continue stays.
    @Test func aTitlesFirstLineReadAsTheSubHeadingBeforeItIsJoinedBack() {
        let body = ArticleBlock(kind: .paragraph, text: "近日，泉州出台措施，提出一系列举措。", provenance: [Provenance(page: 6, box: Box(x0: 60, y0: 100, x1: 300, y1: 112))])
        let start = ArticleBlock(kind: .heading, text: "【湖南】长沙出台10条措施", provenance: [Provenance(page: 7, box: Box(x0: 60, y0: 100, x1: 300, y1: 112))])
        let other = ArticleBlock(kind: .heading, text: "【福建】完善政企沟通机制", provenance: [Provenance(page: 6, box: Box(x0: 60, y0: 100, x1: 300, y1: 112))])
        func articles(_ closing: ArticleBlock) -> [Article] {
            [Article(section: "福建", title: "泉州出台措施支持纺织鞋服产业数字化转型", pages: [6, 7], blocks: [body, closing], sources: []),
             Article(section: "湖南", title: "支持工程机械企业开拓海外市场", pages: [7], blocks: [body], sources: [])]
        }
        let contents = [ContentsEntry(section: "福建", title: "泉州出台措施支持纺织鞋服产业数字化转型"),
                        ContentsEntry(section: "湖南", title: "长沙出台10条措施支持工程机械企业开拓海外市场")]
        var joined = articles(start)
        var lineage = [ArticleLineage(title: [4], blocks: [[5], [6]]), ArticleLineage(title: [7], blocks: [[8]])]
        let marker = Pattern(definition.articles?.sectionMarker)
        let warnings = ContentsMatching.joiningTitleStarts(contents: contents, ocr: [true, true], marker: marker,
                                                           articles: &joined, lineage: &lineage)
        #expect(joined.map(\.title) == ["泉州出台措施支持纺织鞋服产业数字化转型", "长沙出台10条措施支持工程机械企业开拓海外市场"])
        #expect(joined.map(\.blocks.count) == [1, 1] && joined.map(\.pages) == [[6], [7]])
        #expect(lineage == [ArticleLineage(title: [4], blocks: [[5]]), ArticleLineage(title: [6, 7], blocks: [[8]])])
        #expect(warnings.map(\.code) == ["title-line-joined"])
        var kept = articles(other)
        #expect(ContentsMatching.joiningTitleStarts(contents: contents, ocr: [true, true], marker: marker,
                                                    articles: &kept, lineage: &lineage).isEmpty)
        #expect(kept.map(\.blocks.count) == [2, 1])
    }

    /// A section label in a column left of the entries, read a few points lower
    /// than its row (set centred on its group, or OCR's box), names that row.
    @Test func aSectionLabelReadBelowItsRowStillNamesIt() throws {
        var pages = try StructureTests().madeUpIssue()
        pages[0].lines.removeLast(3)
        for (index, text) in ["区域协调发展迈出新步伐", "第二篇区域文章的标题", "天津出台新举措"].enumerated() {
            pages[0].lines.append(scanned(text, x: 140, y: 380 + 24 * Double(index)))
        }
        pages[0].lines.append(scanned("【区域】", x: 60, y: 383, width: 40))
        pages[0].lines.append(scanned("【天津】", x: 60, y: 431, width: 40))
        let cleaned = clean(pages, rules: definition.furniture ?? FurnitureRules())
        let source = SourceInfo(file: "made-up.pdf", sha256: "", pageCount: 3)
        let issue = structure(cleaned, pages: pages, source: source, metadata: PDFMetadata(), definition: definition)
        #expect(issue.contents.map(\.section) == ["区域", "区域", "天津"])
    }

    /// OCR boxes a small red label lower still, shorter than its row: it
    /// touches its row by a fifth and stops short of the next row, whose
    /// section it is not (a scan of a contents page with a section column).
    @Test func aShortLabelBoxedLowNamesTheRowItTouches() throws {
        var pages = try StructureTests().madeUpIssue()
        pages[0].lines.removeLast(3)
        for (index, text) in ["区域协调发展迈出新步伐", "第二篇区域文章的标题", "天津出台新举措"].enumerated() {
            pages[0].lines.append(scanned(text, x: 140, y: 380 + 12 * Double(index)))
        }
        for (text, y) in [("【区域】", 385.0), ("【天津】", 397.0)] {
            var label = scanned(text, x: 60, y: y, width: 40)
            label.box.y1 = y + 4.4
            label.spans = label.spans.map { var span = $0; span.box = label.box; return span }
            pages[0].lines.append(label)
        }
        let cleaned = clean(pages, rules: definition.furniture ?? FurnitureRules())
        let source = SourceInfo(file: "made-up.pdf", sha256: "", pageCount: 3)
        let issue = structure(cleaned, pages: pages, source: source, metadata: PDFMetadata(), definition: definition)
        #expect(issue.contents.map(\.section) == ["区域", "天津", "天津"])
    }

    /// In a narrow column a headline wraps onto three rows of the contents and
    /// three lines of the body, each line a block of its own; the middle row
    /// alone is like no headline. The entry is the whole headline, and so is the
    /// article's title.
    @Test func aHeadlineWrappedOntoThreeRowsIsOneEntryAndOneTitle() throws {
        let issue = try madeUpScan(rows: [scanned("【区域】·各地积极", x: 60, y: 380, width: 60), scanned("推动大规模设备更新", x: 84, y: 398, width: 80),
                                          scanned("和消费品以旧换新", x: 84, y: 416, width: 70), scanned("【天津】·天津出台新举措", x: 60, y: 440, width: 90)],
                                   title: ["【区域】各地积极推动", "大规模设备更新", "和消费品以旧换新"], titleX: 200)
        #expect(issue.contents.map(\.title) == ["各地积极推动大规模设备更新和消费品以旧换新", "天津出台新举措"])
        #expect(issue.articles.map(\.title) == ["各地积极推动大规模设备更新和消费品以旧换新", "天津出台新举措"])
    }

    /// The made-up issue with OCR contents rows in place of its last three, and
    /// its first article's title read by OCR as `title`'s lines at 16 pt.
    func madeUpScan(rows: [TextLine], title: [String], titleX: Double) throws -> IssueDocument {
        var pages = try StructureTests().madeUpIssue()
        pages[0].lines.removeLast(3)
        pages[0].lines += rows
        var inside = pages[1].lines.prefix(7).map { $0 }
        for (index, text) in title.enumerated() {
            var line = scanned(text, x: titleX, y: 200 + 22 * Double(index), width: 16 * Double(text.count))
            line.size = 16
            inside.append(line)
        }
        inside.append(line("正文首行缩进，写满整整一行，一直写到右边界为止不停下来，没有结束。", x: 84, y: 280, width: 456))
        inside.append(line("正文结束。", x: 60, y: 300, width: 60))
        pages[1].lines = inside
        let cleaned = clean(pages, rules: definition.furniture ?? FurnitureRules())
        let source = SourceInfo(file: "made-up.pdf", sha256: "", pageCount: 3)
        return structure(cleaned, pages: pages, source: source, metadata: PDFMetadata(), definition: definition)
    }

    /// A two-line headline the contents print on two rows and the body as one
    /// OCR block of two lines: the first row alone matches the block's first
    /// line exactly, and the second row still joins it (one entry, one article).
    @Test func aTwoLineTitleBlockTakesBothContentsRows() throws {
        let issue = try madeUpScan(rows: [scanned("【上海】·上海出台实施方案", x: 60, y: 380, width: 110),
                                          scanned("落实自贸区高水平制度型开放ee 7", x: 84, y: 398, width: 200),
                                          scanned("【天津】·天津出台新举措", x: 60, y: 420, width: 90)],
                                   title: ["上海出台实施方案", "落实自贸区高水平制度型开放"], titleX: 60)
        #expect(issue.contents.map(\.title) == ["上海出台实施方案落实自贸区高水平制度型开放", "天津出台新举措"])
        #expect(issue.articles.map(\.title) == ["上海出台实施方案落实自贸区高水平制度型开放", "天津出台新举措"])
    }

    /// A section label in the column left of a two-row entry, set centred on
    /// it, is read between the entry's rows: the rows are still one entry, and
    /// the label names it.
    @Test func aSectionLabelBetweenAnEntrysRowsNamesItAndDoesNotSplitIt() throws {
        let issue = try madeUpScan(rows: [scanned("各地积极推动大规模", x: 140, y: 380, width: 90),
                                          scanned("【区域】", x: 110, y: 390, width: 24),
                                          scanned("设备更新和消费品以旧换新", x: 140, y: 400, width: 120),
                                          scanned("【天津】·天津出台新举措", x: 60, y: 424, width: 90)],
                                   title: ["【区域】各地积极推动大规模设备更新和消费品以旧换新"], titleX: 60)
        #expect(issue.contents.map(\.title) == ["各地积极推动大规模设备更新和消费品以旧换新", "天津出台新举措"])
        #expect(issue.contents.map(\.section) == ["区域", "天津"])
    }

    /// OCR lost the bullet, number and first character of an entry's first row
    /// (`◆ 一、国`), so the row starts right of the column's entries; the section
    /// label left of the column, read between the entry's rows, still stands
    /// beside it, so the rows are one entry (v10313). Measured from where the
    /// column's entries start, not from the shifted row.
    @Test func aSectionLabelBetweenTheRowsOfAnEntryThatLostItsBulletDoesNotSplitIt() throws {
        let issue = try madeUpScan(rows: [scanned("各地积极推动大规模", x: 116, y: 336, width: 65),
                                          scanned("【区域】", x: 63, y: 340, width: 17),
                                          scanned("设备更新和消费品以旧换新", x: 108, y: 346, width: 72),
                                          scanned("◆二、天津出台新举措", x: 90, y: 356, width: 70),
                                          scanned("【天津】", x: 63, y: 360, width: 17)],
                                   title: ["【区域】各地积极推动大规模", "设备更新和消费品以旧换新"], titleX: 60)
        #expect(issue.contents.map(\.title) == ["各地积极推动大规模设备更新和消费品以旧换新", "天津出台新举措"])
        #expect(issue.contents.map(\.section) == ["区域", "天津"])
        #expect(issue.articles.map(\.title) == ["各地积极推动大规模设备更新和消费品以旧换新", "天津出台新举措"])
    }

    /// OCR reads an entry's bullet as a letter and marks beside its label
    /// (`【北京】人@@`), a few points lower than the entry's own line, which it
    /// reads apart (v8508): the row is the label alone, which names the entry
    /// beside it, not an entry of its own. A row with a headline keeps it.
    @Test func aBulletReadAsALetterBesideItsLabelOpensNoEntry() throws {
        let rows = try contentsRows(definition, [
            scanned("5.北京经开区发布20条措施", x: 110, y: 400, width: 120),
            scanned("【北京】人@@", x: 60, y: 405, width: 42),
            scanned("【天津】@ 6.天津出台新举措", x: 60, y: 440, width: 130),
        ])
        #expect(rows.map(\.text) == ["北京经开区发布20条措施", "", "天津出台新举措"])
        #expect(rows.map(\.section) == [nil, "北京", "天津"])
    }

    /// Contents in two columns: OCR reads a row of the first on into the
    /// second column's label where the row runs to within points of it
    /// (`社零总额已占全国四分之一”“[浙江]`, v8313). The line is cut at the
    /// label's bracket, which stands where the other column's labels start:
    /// the label names the next entry of its column, not this headline. A
    /// bracket that stands where no column starts cuts nothing.
    @Test func aLabelOCRReadOnFromTheOtherColumnIsCutOff() throws {
        func words(_ pieces: [(String, Double, Double)], y: Double) -> TextLine {
            let spans = pieces.map { TextSpan(text: $0.0, box: Box(x0: $0.1, y0: y, x1: $0.2, y1: y + 12), font: "OCR", size: 13, bold: false) }
            var read = line(pieces.map(\.0).joined(), x: pieces[0].1, y: y, width: pieces.last!.2 - pieces[0].1, size: 13)
            read.spans = spans
            read.confidence = 0.85
            return read
        }
        func label(_ text: String, x: Double, y: Double) -> TextLine {
            var read = line(text, x: x, y: y, width: 34, size: 11)
            read.confidence = 0.92
            return read
        }
        let merged = words([("社", 119, 132), ("零总额已占全国四分之一", 137, 282), ("”“[", 285, 304), ("浙", 308, 321), ("江", 321, 330), ("]", 330, 334)], y: 509)
        // Each label of the second column on the baseline of a row of the first.
        let lines = [label("[区域]", x: 77, y: 345), label("[北京]", x: 302, y: 345),
                     words([("2.GDP超5000亿", 90, 208)], y: 415), label("[广东]", x: 301, y: 415), merged,
                     words([("4.上海出台实施方案", 89, 221)], y: 555), label("[江苏]", x: 300, y: 555)]
        let rows = try contentsRows(definition, lines)
        #expect(rows.map(\.text) == ["", "", "GDP超5000亿", "", "社零总额已占全国四分之一", "", "上海出台实施方案", ""], "\(rows.map(\.text))")
        #expect(rows.map(\.section) == ["区域", "北京", nil, "广东", nil, "浙江", nil, "江苏"])
        // The same line with no column of labels beside it is left whole.
        let alone = try contentsRows(definition, [merged])
        #expect(alone.count == 1)
    }

    /// The last line of a staff box above the contents' heading is no headline
    /// that runs on through the heading into the first entry: the first entry
    /// stays an entry, and its article keeps its title. A staff line or the
    /// cover's title and subtitle just above the entries run into none either.
    @Test func noHeadlineRunsOnThroughTheContentsHeading() throws {
        let issue = try madeUpScan(rows: [scanned("传真：022-66222940", x: 320, y: 340, width: 90),
                                          scanned("本期要目", x: 250, y: 360, width: 60),
                                          scanned("上海出台实施方案", x: 140, y: 384, width: 110),
                                          scanned("天津出台新举措", x: 140, y: 408, width: 90),
                                          scanned("【区域】", x: 60, y: 388, width: 40)],
                                   title: ["【上海】上海出台实施方案"], titleX: 60)
        #expect(issue.contents.map(\.title) == ["上海出台实施方案", "天津出台新举措"])
        #expect(issue.articles.map(\.title) == ["上海出台实施方案", "天津出台新举措"])
        // A staff line set just above the entries, like them, is still no entry.
        let staffAbove = try madeUpScan(rows: [scanned("编辑：张三李四", x: 140, y: 362, width: 90),
                                               scanned("上海出台实施方案", x: 140, y: 384, width: 110),
                                               scanned("天津出台新举措", x: 140, y: 408, width: 90)],
                                        title: ["【上海】上海出台实施方案"], titleX: 60)
        #expect(staffAbove.contents.map(\.title) == ["上海出台实施方案", "天津出台新举措"])
        // Nor does the cover's subtitle just above run on into the first entry.
        var subtitle = scanned("地方工作亮点追踪", x: 140, y: 350, width: 160)
        subtitle.size = 20
        var title = scanned("双周快豆观时", x: 140, y: 310, width: 200)
        title.size = 40
        let mastheadAbove = try madeUpScan(rows: [title, subtitle, scanned("上海出台实施方案", x: 140, y: 384, width: 110),
                                                  scanned("天津出台新举措", x: 140, y: 408, width: 90)],
                                           title: ["【上海】上海出台实施方案"], titleX: 60)
        #expect(mastheadAbove.contents.map(\.title) == ["上海出台实施方案", "天津出台新举措"])
    }

    /// Before the first title of a scan, OCR's leftovers of the masthead and
    /// staff box (a name misread, a staff line, noise) are no text; a paragraph
    /// is, and a text layer's lines are judged elsewhere.
    @Test func frontMatterLeftoversBeforeTheFirstTitleAreNoText() {
        let leftovers = FrontMatterLeftovers(names: ["双周决策观察", "地方工作亮点追踪", "天津滨海综合发展研究院", "泰达图书馆档案馆", "双周决策观察地方工作亮点追踪"],
                                             labels: ["编辑", "统筹", "电话"])
        func block(_ text: String, ocr: Bool = true, confidence: Double = 0.9) -> CleanBlock {
            CleanBlock(text: text, provenance: [Provenance(page: 2, box: Box(x0: 60, y0: 80, x1: 400, y1: 98))], lines: ["2:0"],
                       size: 11, bold: false, endReason: "style", ocr: ocr ? true : nil, confidence: ocr ? confidence : nil)
        }
        for text in ["天津听海综合发展研究院", "双周决策观察'地方虐作况点追中Binhai Research Institute", "泰达图书馆档案馆编辑宋佳汉文博唐筱图", "编辑宋佳冯文博"] {
            #expect(leftovers.contains(block(text)), "\(text)")
        }
        #expect(leftovers.contains(block("《奴则站莹了加0年策", confidence: 0.3)))
        #expect(!leftovers.contains(block("今年以来，各地加快推动大规模设备更新和消费品以旧换新，出台一系列政策措施。")))
        // Weak short lines run together (a garbled contents page's rows) are
        // noise however many; a weak line of 25 letters or more is not.
        var rows = block("天津出台措施扒动低息经济高计量刘《广东】四本和广州发布推动556-A与打融合", confidence: 0.4)
        rows.lines = ["2:0", "2:1", "2:2", "2:3"]
        #expect(leftovers.contains(rows))
        rows.lines = ["2:0"]
        #expect(!leftovers.contains(rows))
        #expect(!leftovers.contains(block("今年以来，各地加快推动大规模设备更新和消费品以旧换新，出台一系列政策措施。", confidence: 0.4)))
        #expect(!leftovers.contains(block("天津滨海综合发展研究院", ocr: false)))
    }

    /// Inside an article, one short OCR line holding the issue's own label or
    /// a publication name read near enough is a running head that escaped the
    /// furniture: left out with a warning. Another issue's label, a label-like
    /// phrase of text (`2024年第2批`), a paragraph and a text layer's line stay.
    @Test func aRunningHeadMisreadInsideAnArticleIsNoText() throws {
        var builder = articleBuilder
        let forms = try #require(definition.masthead?.issueLabel?.patterns).compactMap { Pattern($0) }
        let leftovers = FrontMatterLeftovers(names: ["双周决策观察", "地方工作亮点追踪", "天津滨海综合发展研究院", "双周决策观察地方工作亮点追踪"],
                                             labels: [], issueLabels: forms, issue: (2024, 20))
        builder.frontMatter = leftovers
        func block(_ text: String, y: Double, ocr: Bool = true) -> CleanBlock {
            var made = ocrBlock(text, page: 6, size: 12, y: y, confidence: 0.8)
            if !ocr { (made.ocr, made.confidence) = (nil, nil) }
            return made
        }
        #expect(leftovers.isRunningHead(block("双周决策观察》2024年第20期（总撮294期）1M12", y: 40)))
        #expect(leftovers.isRunningHead(block("双尚决条双谋地方工作并所衣踪", y: 40)))
        #expect(!leftovers.isRunningHead(block("信癌决生下全2023年第20期", y: 40)) && !leftovers.isRunningHead(block("2024年第20批项目开工", y: 40)))
        #expect(!leftovers.isRunningHead(block("双周决策观察", y: 40, ocr: false)))
        // A piece of the label as printed (v8516); not the year alone, nor another issue's.
        var pieces = leftovers
        pieces.printedLabel = "2024年第20期"
        #expect(pieces.isRunningHead(block("-24年第", y: 40)) && pieces.isRunningHead(block("年第20期", y: 40)))
        #expect(pieces.isRunningHead(block("-23年第", y: 40)))
        #expect(!pieces.isRunningHead(block("2024年", y: 40)) && !pieces.isRunningHead(block("年第一季度", y: 40)))
        #expect(!leftovers.isRunningHead(block("-24年第", y: 40)))
        let built = builder.buildRead([block("河北发布支持雄安新区建设若干措施", y: 60), block("日前，河北省印发若干措施，支持园区建设。", y: 90),
                                       block("双周决策观察》2024年第20期（总撮294期）", y: 120), block("措施提出，对新认定的企业给予补助。", y: 150)],
                                      titles: [0], fallbackTitle: nil)
        #expect(built.articles.first?.blocks.map(\.text) == ["日前，河北省印发若干措施，支持园区建设。", "措施提出，对新认定的企业给予补助。"])
        #expect(built.warnings.map(\.code) == ["running-head-dropped"])
        // Over the first article's page, before its title, too (a head read past the
        // publication's name, `发与决太观察`, whose label is the issue's): no article of its own.
        let first = builder.buildRead([block("发与决太观察“2024年第20期（总第294期}", y: 40), block("河北发布支持雄安新区建设若干措施", y: 60),
                                       block("日前，河北省印发若干措施，支持园区建设。", y: 90)], titles: [1], fallbackTitle: "双周决策观察")
        #expect(first.articles.map(\.title) == ["河北发布支持雄安新区建设若干措施"])
        #expect(first.warnings.map(\.code) == ["running-head-dropped"])
    }

    /// A marker OCR read as no section name (`|天人`, a shaded band, v12712) is
    /// taken for the nearest known one and marked as misread; a marker read as
    /// printed (`【上海】`, or inline) is not.
    @Test func aMarkerReadAsNoSectionNameIsMarkedMisread() {
        let builder = ArticleBuilder(rules: definition.articles, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        func block(_ text: String, y: Double, size: Double = 12) -> CleanBlock {
            ocrBlock(text, page: 2, size: size, y: y, confidence: 0.9)
        }
        let built = builder.buildRead([block("|天人", y: 40), block("各地加快布局新质生产力", y: 60, size: 15),
                                       block("近日，各地政府工作报告提出加快发展新质生产力。", y: 90),
                                       block("【上海】", y: 120), block("上海出台实施方案落实自贸区制度型开放", y: 140, size: 15),
                                       block("上海市政府印发实施方案，提出一系列开放举措。", y: 170),
                                       block("【北京】北京发力商业航天新质生产力", y: 200, size: 15),
                                       block("北京市经信局发布行动计划，推动商业航天发展。", y: 230)],
                                      titles: [1, 4, 6], fallbackTitle: nil)
        #expect(built.articles.map(\.section) == ["天津", "上海", "北京"])
        #expect(built.marked == [true, true, true] && built.misread == [true, false, false])
    }

    /// A marker's bracket OCR read as a Han character is one character beside
    /// the name; a headline that opens with a section's name is no marker.
    @Test func aHeadlineOpeningWithASectionNameIsNoMisreadMarker() {
        let sections = ["天津", "北京", "区域"]
        #expect(ArticleBuilder.misreadSectionMarker("民北京", sections: sections) == "北京")
        #expect(ArticleBuilder.misreadSectionMarker("|天津]", sections: sections) == "天津")
        #expect(ArticleBuilder.misreadSectionMarker("天津推出", sections: sections) == nil)
        #expect(ArticleBuilder.misreadSectionMarker("北京推出新", sections: sections) == nil)
        // A bullet read as Han before a label whose brackets stand (v10305): a third mark.
        #expect(ArticleBuilder.misreadSectionMarker("半【区域)", sections: sections) == "区域")
        #expect(ArticleBuilder.misreadSectionMarker("半区域)", sections: sections) == "区域")
        #expect(ArticleBuilder.misreadSectionMarker("半天津推出", sections: sections) == nil)
        #expect(ArticleBuilder.misreadSectionMarker("半北京)出", sections: sections) == nil)
    }

    /// Fine leaders OCR read as a run of s and e before the page number go
    /// with it; a Latin word ending in es stays.
    @Test func leadersReadAsLettersAreNotPartOfTheHeadline() throws {
        let rows = try contentsRows(definition, [
            scanned("·各地加快布局“新质生产力”ssessss 2", x: 60, y: 400, width: 400),
            scanned("·北京发力商业航天新质生产力.eeeeeeesesenees 12", x: 60, y: 420, width: 400),
            scanned("·上海发布Series 7", x: 60, y: 440, width: 400),
            scanned("·浙江发布优化营商环境条例sse 14", x: 60, y: 460, width: 400),
            // Dots read as dots, a dash and letters.
            scanned("费品以旧换新.…-…ee 3", x: 84, y: 480, width: 400),
        ])
        #expect(rows.map(\.text) == ["各地加快布局“新质生产力”", "北京发力商业航天新质生产力", "上海发布Series", "浙江发布优化营商环境条例",
                                     "费品以旧换新"])
    }

    /// A mixed issue: contents on a text page, a headline on a scanned page
    /// read three characters off. The text-layer row names it at OCR's
    /// likeness; the same reading on a text page is another headline.
    @Test func aTextLayerEntryNamesAHeadlineOCRReadAtOCRsLikeness() throws {
        let reader = ContentsReader(rows: try contentsRowReader(definition), pages: [1], masthead: [], labels: [])
        let contents = PageLines(page(1, [line("福建推出20条措施支持民营企业稳岗扩岗", x: 100, y: 300),
                                          line("厦门自贸片区推出跨境贸易便利化“十条新政”", x: 100, y: 320)]), furniture: [])
        func titles(scanned: Bool) -> TitleIndex {
            let read = [("福建推出20条措施支持民营企业稳岗扩岗", false), ("厦门自女片区推出路境贸易便利化“十条新下", scanned)]
            return TitleIndex(read.enumerated().map { index, title in
                CleanBlock(text: title.0, provenance: [Provenance(page: 2 + index, box: Box(x0: 60, y0: 80, x1: 400, y1: 98))],
                           lines: ["\(2 + index):0"], size: 18, bold: false, endReason: "style", ocr: title.1 ? true : nil,
                           confidence: title.1 ? 0.9 : nil)
            }, bodySize: 12, marker: nil)
        }
        let mixed = reader.read([contents], titles: titles(scanned: true)).entries
        #expect(mixed.map(\.blocks) == [[0], [1]])
        let printed = reader.read([contents], titles: titles(scanned: false)).entries
        #expect(!printed.contains { $0.blocks == [1] })
    }

    /// The issue's label read beside the contents on a scanned cover (`2022年第22期`)
    /// named a running head no furniture rule caught, and made an article of no
    /// text (v10315): given as a masthead line, it is no entry.
    @Test func theIssueLabelBesideTheContentsIsNoEntry() throws {
        let cover = PageLines(page(1, [scanned("2022年第22期", x: 100, y: 280), scanned("各地提前谋划2023年重大项目扩大有效投资", x: 100, y: 320),
                                       scanned("武汉出台16条措施打造世界级光电子信息产业集群", x: 100, y: 340)]), furniture: [])
        let read = [(2, "各地提前谋划2023年重大项目扩大有效投资", 18.0), (3, "武汉出台16条措施打造世界级光电子信息产业集群", 18.0),
                    (5, "2022年第22期", 10.0)]
        let titles = TitleIndex(read.enumerated().map { index, block in
            CleanBlock(text: block.1, provenance: [Provenance(page: block.0, box: Box(x0: 60, y0: 40 + 60 * Double(index), x1: 400, y1: 58 + 60 * Double(index)))],
                       lines: ["\(block.0):\(index)"], size: block.2, bold: false, endReason: "style", ocr: true, confidence: 0.9)
        }, bodySize: 10, marker: nil)
        func entries(_ masthead: [String]) throws -> [String] {
            let reader = ContentsReader(rows: try contentsRowReader(definition), pages: [1], masthead: masthead, labels: [])
            return reader.read([cover], titles: titles).entries.map(\.entry.title)
        }
        #expect(try entries([]).contains("2022年第22期"))
        let kept = try entries(["2022年第22期"])
        #expect(kept == ["各地提前谋划2023年重大项目扩大有效投资", "武汉出台16条措施打造世界级光电子信息产业集群"], "\(kept)")
    }

    /// The contents' heading OCR read a character short (`期要目` for 本期要目)
    /// is the heading still, so it opens no entry; on a text layer only as printed.
    @Test func theContentsHeadingReadShortIsStillTheHeading() throws {
        let reader = ContentsReader(rows: try contentsRowReader(definition), pages: [1, 2], masthead: [], labels: ["目录", "本期要目"])
        func row(_ text: String, ocr: Bool) -> ContentsRow {
            ContentsRow(text: text, lines: [ocr ? scanned(text, x: 100, y: 100) : line(text, x: 100, y: 100)], refs: ["1:0"])
        }
        #expect(reader.isHeading(row("期要目", ocr: true)) && reader.isHeading(row("本期要目", ocr: false)))
        #expect(!reader.isHeading(row("期要目", ocr: false)) && !reader.isHeading(row("各地加快布局", ocr: true)))
    }

    /// An entry OCR cut short (its wrapped line lost) still names its article by
    /// its opening; a whole reading that is merely alike at the start does not
    /// count for a text layer.
    @Test func anOCREntryThatLostItsSecondLineStillNamesItsArticle() {
        let entry = "上海发布支持上市公司", title = "上海发布支持上市公司并购重组行动方案"
        #expect(ContentsMatching.likeness(entry, title, ocr: true) >= ContentsMatching.ocrThreshold)
        #expect(ContentsMatching.likeness(entry, title, ocr: false) < ContentsMatching.ocrThreshold)
        #expect(ContentsMatching.likeness("上海出台实施方案", title, ocr: true) < ContentsMatching.ocrThreshold)
    }

    /// Rows OCR read off marks and wrapped lines go when every article is named
    /// by another entry; an unmatched entry of a text layer, or one beside an
    /// article no entry names, stays (an article the body may lack).
    @Test func strayOCRContentsRowsAreDroppedWithAWarning() {
        let articles = [article("各地积极推动大规模设备更新", section: "区域"), article("青岛出台措施支持海洋装备产业发展", section: "山东")]
        var contents = [ContentsEntry(section: "区域", title: "各地积极推动大规模设备更新"),
                        ContentsEntry(section: "区域", title: "全3"),
                        ContentsEntry(section: "山东", title: "青岛出台措施支持海洋装备产业发展")]
        var read = [true, true, true]
        let warnings = ContentsMatching.droppingStrayRows(contents: &contents, ocr: &read, articles: articles, contentsPage: 1)
        #expect(contents.map(\.title) == ["各地积极推动大规模设备更新", "青岛出台措施支持海洋装备产业发展"] && read == [true, true])
        #expect(warnings.map(\.code) == ["contents-row-dropped"] && warnings[0].message.contains("全3"))
        var printed = [ContentsEntry(section: "区域", title: "各地积极推动大规模设备更新"), ContentsEntry(section: "区域", title: "全3"),
                       ContentsEntry(section: "山东", title: "青岛出台措施支持海洋装备产业发展")]
        var printedRead = [false, false, false]
        #expect(ContentsMatching.droppingStrayRows(contents: &printed, ocr: &printedRead, articles: articles, contentsPage: 1).isEmpty)
        var missing = Array(contents.prefix(1)) + [ContentsEntry(section: "区域", title: "全3")]
        var missingRead = [true, true]
        #expect(ContentsMatching.droppingStrayRows(contents: &missing, ocr: &missingRead, articles: articles, contentsPage: 1).isEmpty)
    }

    /// A wrapped headline's second line read as a row of its own names the
    /// article too (most of the headline): it goes when the entry before names
    /// the article as well. A headline that is another's end stays.
    @Test func aWrappedLinesSecondReadingIsDropped() {
        let articles = [article("各地积极推动大规模设备更新", section: "区域"),
                        article("青岛出台措施支持海洋装备产业发展打造“蓝色引擎”", section: "山东")]
        var contents = [ContentsEntry(section: "区域", title: "各地积极推动大规模设备更新"),
                        ContentsEntry(section: "山东", title: "青岛出台措施支持海洋装备产业发展打造“蓝色引擎”"),
                        ContentsEntry(section: "山东", title: "支持海洋装备产业发展打造“蓝色引擎”")]
        var read = [true, true, true]
        let warnings = ContentsMatching.droppingStrayRows(contents: &contents, ocr: &read, articles: articles, contentsPage: 1)
        #expect(contents.count == 2 && contents[1].title.hasPrefix("青岛") && warnings.map(\.code) == ["contents-row-dropped"])
        let ends = [article("天津发布低空经济行动方案", section: "天津"), article("低空经济行动方案", section: "天津")]
        var both = [ContentsEntry(section: "天津", title: "天津发布低空经济行动方案"), ContentsEntry(section: "天津", title: "低空经济行动方案")]
        var bothRead = [true, true]
        #expect(ContentsMatching.droppingStrayRows(contents: &both, ocr: &bothRead, articles: ends, contentsPage: 1).isEmpty)
    }

    /// The structure stage records which article each contents entry names, so
    /// that a report links an entry OCR read differently to its article, and
    /// no article is named twice.
    @Test func eachContentsEntryNamesOneArticle() {
        let articles = [article("各地积极推动大规模设备更新", section: "区域"), article("青岛出台措施支持海洋装备产业发展", section: "山东")]
        let contents = [ContentsEntry(section: "山东", title: "青岛出台措施支持海洋装"),
                        ContentsEntry(section: "区域", title: "各地积极推动大规模设备更新"),
                        ContentsEntry(section: "区域", title: "各地积极推动大规模设备更新")]
        #expect(ContentsMatching.namedArticles(contents: contents, articles: articles, ocr: [true, false, false]) == [1, 0, nil])
        #expect(ContentsMatching.namedArticles(contents: contents, articles: articles) == [nil, 0, nil])
    }

    /// A section name OCR read one character off, or with a character's parts
    /// read as Latin letters (`TI苏`), is the one known section it can be.
    @Test func aSectionReadWithLettersForACharacterIsTheKnownSection() {
        let builder = ArticleBuilder(rules: definition.articles, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        #expect(builder.sectionName("TI苏") == "江苏")
        #expect(builder.sectionName("北吕") == "北京")
        #expect(builder.sectionName("江苏") == "江苏")
        // Letters alone, or more than two of them, stand for nothing known.
        #expect(builder.sectionName("AI") == "AI")
        #expect(builder.sectionName("ABC苏") == "ABC苏")
    }

    /// A numbered sub-heading wrapped onto a second line, which OCR read as a
    /// block of its own (`二、【重庆】打造“不夜重庆”夜` / `间消费品牌`, v9504), is
    /// one heading; a line of its own further down, or another numbered
    /// heading right under it, is not its end.
    @Test func aSubHeadingsWrappedEndReadApartIsTheSameHeading() {
        let builder = ArticleBuilder(rules: definition.articles, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        func block(_ text: String, x: Double, y: Double, width: Double, size: Double = 12) -> CleanBlock {
            CleanBlock(text: text, provenance: [Provenance(page: 2, box: Box(x0: x, y0: y, x1: x + width, y1: y + 11))], lines: ["2:\(Int(y))"],
                       size: size, bold: false, endReason: "style", ocr: true, confidence: 0.9)
        }
        let title = block("【区域】多地出台措施提振消费", x: 272, y: 200, width: 200, size: 18)
        let body = block("重庆市提出，打造“不夜重庆”夜间消费品牌，培育夜间经济集聚区，延长营业时间。", x: 272, y: 360, width: 202)
        func headings(_ end: CleanBlock) -> [String] {
            builder.build([title, block("二、【重庆】打造“不夜重庆”夜", x: 299, y: 302, width: 163), end, body], fallbackTitle: nil)
                .articles.flatMap(\.blocks).filter { $0.kind == .heading }.map(\.text)
        }
        #expect(headings(block("间消费品牌", x: 272, y: 327, width: 63, size: 12.5)) == ["二、【重庆】打造“不夜重庆”夜间消费品牌"])
        #expect(headings(block("间消费品牌", x: 272, y: 345, width: 63)).count == 2)
        #expect(headings(block("三、【四川】发展夜间经济", x: 299, y: 327, width: 140)).count == 2)
    }

    /// A rule or a speck a scan's OCR read as a line of its own (`一` at an
    /// article's end, v11817; a running head's rule read `也一`, v11814) is no
    /// sub-heading: the newsletter's hold six characters or more.
    @Test func aLineOfOneOrTwoCharactersIsNoSubHeading() {
        let builder = ArticleBuilder(rules: definition.articles, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        func block(_ text: String, y: Double, width: Double) -> CleanBlock {
            CleanBlock(text: text, provenance: [Provenance(page: 2, box: Box(x0: 84, y0: y, x1: 84 + width, y1: y + 11))], lines: ["2:\(Int(y))"],
                       size: 12, bold: false, endReason: "gap", ocr: true, confidence: 0.6)
        }
        let title = block("【区域】多地出台措施提振消费", y: 200, width: 200)
        var big = title
        big.size = 18
        let body = block("重庆市提出，打造夜间消费品牌，培育夜间经济集聚区，延长营业时间。", y: 240, width: 400)
        func headings(_ line: String) -> [String] {
            builder.build([big, body, block(line, y: 300, width: 14)], fallbackTitle: nil)
                .articles.flatMap(\.blocks).filter { $0.kind == .heading }.map(\.text)
        }
        #expect(headings("一").isEmpty && headings("也一").isEmpty)
        #expect(headings("强化服务保障") == ["强化服务保障"])
    }

    /// At an article's end, a citation whose closing bracket OCR lost is
    /// still the article's source; inside the article it is left as read.
    @Test func aClosingCitationThatLostItsBracketIsStillTheSource() {
        let builder = articleBuilder
        var ending = Article(section: "辽宁", title: "沈阳出台措施", pages: [9], blocks: [
            ArticleBlock(kind: .paragraph, text: "加强对平台企业经营状况和风险的动态监测。（辽宁日报20230918")], sources: [])
        builder.takeCitation(&ending)
        #expect(ending.sources == [Citation(name: "辽宁日报", date: "2023-09-18")])
        #expect(ending.blocks.map(\.text) == ["加强对平台企业经营状况和风险的动态监测。"])
        var inside = Article(section: "辽宁", title: "沈阳出台措施", pages: [9], blocks: [
            ArticleBlock(kind: .paragraph, text: "加强动态监测。（辽宁日报20230918"), ArticleBlock(kind: .heading, text: "强化服务保障")], sources: [])
        builder.takeCitation(&inside)
        #expect(inside.sources.isEmpty)
    }

    /// A citation a paragraph opens whose last line OCR set apart as a block
    /// (v8812) is the article's sources: the paragraph keeps its text, the
    /// line goes. A short last paragraph with a number is no such line.
    @Test func aCitationWhoseLastLineStandsApartIsTheSource() {
        let builder = articleBuilder
        var split = Article(section: "区域", title: "各地提前谋划重大项目", pages: [3], blocks: [
            ArticleBlock(kind: .paragraph, text: "扩大有效投资。（经济日报20221209 21世纪经济报"),
            ArticleBlock(kind: .paragraph, text: "道20221210）")], sources: [])
        #expect(builder.takeCitation(&split) == [1])
        #expect(split.sources == [Citation(name: "经济日报", date: "2022-12-09"), Citation(name: "21世纪经济报道", date: "2022-12-10")])
        #expect(split.blocks.map(\.text) == ["扩大有效投资。"])
        var short = Article(section: "区域", title: "各地提前谋划重大项目", pages: [3], blocks: [
            ArticleBlock(kind: .paragraph, text: "扩大有效投资。"), ArticleBlock(kind: .paragraph, text: "截至9月底，主体超过140万户。")], sources: [])
        #expect(builder.takeCitation(&short).isEmpty && short.blocks.count == 2)
    }

    /// A headline's second line read as a block of its own, right under the
    /// first at its size, is the rest of the title, not the title of an empty
    /// article; a title further down is another article's.
    @Test func aHeadlinesSecondLineReadApartIsTheSameTitle() {
        let builder = ArticleBuilder(rules: definition.articles, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        func block(_ text: String, y: Double, size: Double) -> CleanBlock {
            CleanBlock(text: text, provenance: [Provenance(page: 4, box: Box(x0: 100, y0: y, x1: 460, y1: y + size))], lines: ["4:\(Int(y))"],
                       size: size, bold: false, endReason: "style", ocr: true, confidence: 0.9)
        }
        let body = block("合肥市近日印发若干措施，提出加快建设人工智能产业高地，推动产业集聚发展。", y: 200, size: 12)
        let stacked = builder.build([block("【安徽】合肥出台12条措施", y: 120, size: 18), block("加快建设“中国声谷”人工智能产业高地", y: 144, size: 18), body],
                                    fallbackTitle: nil)
        #expect(stacked.articles.map(\.title) == ["合肥出台12条措施加快建设“中国声谷”人工智能产业高地"])
        #expect(stacked.articles.first?.section == "安徽")
        #expect(!stacked.warnings.contains { $0.code == "empty-article" })
        let apart = builder.build([block("【安徽】合肥出台12条措施", y: 120, size: 18), block("加快建设“中国声谷”人工智能产业高地", y: 170, size: 18), body],
                                  fallbackTitle: nil)
        #expect(apart.articles.count == 2)
    }

    /// Where OCR read the contents' label and the article's marker differently, or
    /// lost the contents' label so that the one before carried over, the known
    /// name and else the article's own marker decide; a text layer is left as printed.
    @Test func anEntrysSectionAndItsArticlesAgreeAfterOCR() {
        let known = definition.lexicon?.sections ?? []
        var articles = [article("武汉出台16条措施打造光电子产业集群", section: "湖北"), article("上海政务服务绘就新三年蓝图", section: "上海")]
        var contents = [ContentsEntry(section: "区域", title: "武汉出台16条措施打造光电子产业集群"),
                        ContentsEntry(section: "二海", title: "上海政务服务绘就新三年蓝图")]
        ContentsMatching.sections(contents: &contents, articles: &articles, marked: [true, false], ocr: [true, true], known: known)
        #expect(contents.map(\.section) == ["湖北", "上海"])
        #expect(articles.map(\.section) == ["湖北", "上海"])
        // A marker OCR read as no section name, taken for the nearest (`|天人` for 天津 on a shaded
        // band, v12712), gives way to the contents' known label.
        var band = [article("各地加快布局新质生产力", section: "天津")]
        var labelled = [ContentsEntry(section: "区域", title: "各地加快布局新质生产力")]
        ContentsMatching.sections(contents: &labelled, articles: &band, marked: [true], misread: [true], ocr: [true], known: known)
        #expect(labelled[0].section == "区域" && band[0].section == "区域")
        var printed = [ContentsEntry(section: "区域", title: "武汉出台16条措施打造光电子产业集群")]
        var printedArticles = [article("武汉出台16条措施打造光电子产业集群", section: "湖北")]
        ContentsMatching.sections(contents: &printed, articles: &printedArticles, marked: [true], ocr: [false], known: known)
        #expect(printed[0].section == "区域")
        // A mixed issue: a text contents page's known label over a scanned article's marker
        // misread past knowing (`卫西` for 陕西, v10210).
        var mixed = [ContentsEntry(section: "陕西", title: "陕西发布措施推动科学家加工程师队伍建设")]
        var misread = [article("陕西发布措施推动科学家加工程师队伍建设", section: "卫西")]
        ContentsMatching.sections(contents: &mixed, articles: &misread, marked: [true], ocr: [false], known: known)
        #expect(mixed[0].section == "陕西" && misread[0].section == "陕西")
        // An unmarked article still takes its entry's known section.
        var unmarked = [article("青岛出台措施支持海洋装备产业发展", section: "江苏")]
        var entry = [ContentsEntry(section: "山东", title: "青岛出台措施支持海洋装备产业发展")]
        ContentsMatching.sections(contents: &entry, articles: &unmarked, marked: [false], ocr: [true], known: known)
        #expect(unmarked[0].section == "山东")
        // An OCR label misread past knowing (`芭或` for 区域, v10503) gives way to the known one carried over,
        // in the contents and the article; a text layer's unknown label is printed so and stays.
        var garbled = [ContentsEntry(section: "芭或", title: "多地加码楼市新政一线城市全面优化限购措施")]
        var carriedOver = [article("多地加码楼市新政一线城市全面优化限购措施", section: "区域")]
        ContentsMatching.sections(contents: &garbled, articles: &carriedOver, marked: [false], ocr: [true], known: known)
        #expect(garbled[0].section == "区域" && carriedOver[0].section == "区域")
        var special = [ContentsEntry(section: "专题", title: "多地加码楼市新政一线城市全面优化限购措施")]
        ContentsMatching.sections(contents: &special, articles: &carriedOver, marked: [false], ocr: [false], known: known)
        #expect(special[0].section == "专题" && carriedOver[0].section == "专题")
        // An OCR entry whose label was lost, in labelled contents, takes its marked article's section;
        // in contents that print no labels, or from an unmarked article, it takes none.
        var lost = [ContentsEntry(section: nil, title: "武汉出台16条措施打造光电子产业集群"),
                    ContentsEntry(section: "上海", title: "上海政务服务绘就新三年蓝图")]
        var lostArticles = [article("武汉出台16条措施打造光电子产业集群", section: "湖北"), article("上海政务服务绘就新三年蓝图", section: "上海")]
        ContentsMatching.sections(contents: &lost, articles: &lostArticles, marked: [true, true], ocr: [true, true], known: known)
        #expect(lost.map(\.section) == ["湖北", "上海"])
        var bare = [ContentsEntry(section: nil, title: "武汉出台16条措施打造光电子产业集群")]
        ContentsMatching.sections(contents: &bare, articles: &lostArticles, marked: [true, true], ocr: [true], known: known)
        #expect(bare[0].section == nil)
        var carried = [ContentsEntry(section: nil, title: "武汉出台16条措施打造光电子产业集群"), lost[1]]
        ContentsMatching.sections(contents: &carried, articles: &lostArticles, marked: [false, true], ocr: [true, true], known: known)
        #expect(carried[0].section == nil)
        // The label of a run of entries lost (`域】`): the entries after the first take
        // the section their unmarked articles carry over from it.
        let titles = ["各地积极推动大规模设备更新", "长三角三省一市前4月经济数据出炉", "上海政务服务绘就新三年蓝图"]
        var run = titles.map { ContentsEntry(section: $0.hasPrefix("上海") ? "上海" : nil, title: $0) }
        var runArticles = titles.map { article($0, section: $0.hasPrefix("上海") ? "上海" : "区域") }
        ContentsMatching.sections(contents: &run, articles: &runArticles, marked: [true, false, true], ocr: [true, true, true], known: known)
        #expect(run.map(\.section) == ["区域", "区域", "上海"])
    }

    /// A headline wrapped onto three lines in a narrow column, its short middle
    /// line read half as large again (`出炉`): the three are one candidate, and
    /// the contents entry finds it whole. A long part read that much larger is
    /// no part of it.
    @Test func aHeadlinesShortPartReadLargerStillJoinsIt() {
        let parts: [(String, Double)] = [("长三角三省一市前4月经济数据", 14), ("出炉", 23), ("外贸和工业投资增势良好", 14)]
        func blocks(_ parts: [(String, Double)]) -> [CleanBlock] {
            parts.enumerated().map { index, part in
                CleanBlock(text: part.0, provenance: [Provenance(page: 3, box: Box(x0: 281, y0: 58 + Double(index) * 22, x1: 469, y1: 71 + Double(index) * 22))],
                           lines: ["3:\(index)"], size: part.1, bold: false, endReason: "style", ocr: true, confidence: 0.9)
            }
        }
        let whole = "长三角三省一市前4月经济数据出炉外贸和工业投资增势良好"
        let titles = TitleIndex(blocks(parts), bodySize: 11, marker: nil)
        let best = titles.best(whole, after: Box(x0: 60, y0: 300, x1: 300, y1: 310), page: 1, excluding: [], ocr: true)
        #expect(best?.blocks == [0, 1, 2])
        #expect(best?.similarity == 1)
        var longer = parts
        longer[1] = ("出炉外贸进出口", 23)
        let apart = TitleIndex(blocks(longer), bodySize: 11, marker: nil)
        #expect(apart.best(whole, after: Box(x0: 60, y0: 300, x1: 300, y1: 310), page: 1, excluding: [], ocr: true)?.blocks.count == 1)
    }

    /// An entry OCR garbled past matching, between two that name headlines (or
    /// before the first of them), names the headline printed between those two,
    /// when half alike; a text layer's entry, one alike to nothing there, or one
    /// alike only to the contents' own row, names none.
    @Test func aGarbledEntryNamesTheHeadlineBetweenItsNeighbours() {
        let headlines = ["各地加快布局新质生产力", "上海出台实施方案落实自贸区高水平制度型开放", "北京发力商业航天新质生产力"]
        let blocks = headlines.enumerated().map { index, text in
            CleanBlock(text: text, provenance: [Provenance(page: 2 + index, box: Box(x0: 60, y0: 80, x1: 400, y1: 98))],
                       lines: ["\(2 + index):0"], size: 18, bold: false, endReason: "style", ocr: true, confidence: 0.9)
        }
        let titles = TitleIndex(blocks, bodySize: 12, marker: nil)
        func entry(_ text: String, blocks: [Int]?, ocr: Bool = true) -> ContentsReader.Entry {
            ContentsReader.Entry(entry: ContentsEntry(section: nil, title: text), confidence: ocr ? 0.6 : nil, blocks: blocks,
                                 refs: [], box: Box(x0: 60, y0: 300, x1: 300, y1: 306), size: 6)
        }
        var entries = [entry(headlines[0], blocks: [0]), entry("上海出台实施方案和度型开放", blocks: nil), entry(headlines[2], blocks: [2])]
        titles.fillingGaps(&entries)
        #expect(entries[1].blocks == [1])
        var printed = [entry(headlines[0], blocks: [0]), entry("上海出台实施方案和度型开放", blocks: nil, ocr: false),
                       entry(headlines[2], blocks: [2])]
        titles.fillingGaps(&printed)
        #expect(printed[1].blocks == nil)
        var unlike = [entry(headlines[0], blocks: [0]), entry("全3", blocks: nil), entry(headlines[2], blocks: [2])]
        titles.fillingGaps(&unlike)
        #expect(unlike[1].blocks == nil)
        // The first entry has no named neighbour before it: it names a headline before the first named one…
        var first = [entry("女各地加快布局新质生户力", blocks: nil), entry(headlines[1], blocks: [1]), entry(headlines[2], blocks: [2])]
        titles.fillingGaps(&first)
        #expect(first[0].blocks == [0])
        // …but never one of the contents' own rows.
        var own = first
        own[0].blocks = nil
        own[0].refs = ["2:0"]
        titles.fillingGaps(&own)
        #expect(own[0].blocks == nil)
    }

    /// An entry OCR garbled past even half likeness (v8513: 0.32) alone between
    /// two named entries names the one block between their headlines that is
    /// set as the named headlines are; not when two such blocks lie there, nor
    /// a block read at the body's size.
    @Test func aGarbledEntryNamesTheOneHeadlineSizedBlockBetweenItsNeighbours() {
        func block(_ text: String, page: Int, size: Double) -> CleanBlock {
            CleanBlock(text: text, provenance: [Provenance(page: page, box: Box(x0: 60, y0: 80, x1: 400, y1: 98))],
                       lines: ["\(page):0"], size: size, bold: false, endReason: "style", ocr: true, confidence: 0.9)
        }
        let named = [block("天津出台措施推动低空经济高质量发展", page: 8, size: 16.5),
                     block("日前，天津市印发《天津市推动低空经济高质量发展行动方案》，提出到2027年", page: 8, size: 13.5),
                     block("【广东】广州发布推动5G-A与AI融合应用若干措施", page: 9, size: 16.5),
                     block("广州市工业和信息化局近日发布《广州市推动5G-A与人工智能融合应用的若干措施》", page: 9, size: 13.5),
                     block("成都出台15条措施支持首台（套）装备推广应用", page: 9, size: 16)]
        func entry(_ text: String, blocks: [Int]?) -> ContentsReader.Entry {
            ContentsReader.Entry(entry: ContentsEntry(section: nil, title: text), confidence: 0.6, blocks: blocks,
                                 refs: [], box: Box(x0: 60, y0: 300, x1: 300, y1: 306), size: 6)
        }
        let garbled = [entry("天津出台措施推动低空经济高质量发展", blocks: [0]), entry("【一六)三提发布推动2 A罗AL各合丘用和谷王持缉", blocks: nil),
                       entry("成都出台15条措施支持首台（套）装备推广应用", blocks: [4])]
        var entries = garbled
        TitleIndex(named, bodySize: 13.5, marker: nil).fillingGaps(&entries)
        #expect(entries[1].blocks == [2])
        // Read at the body's size, the block is not told from a paragraph.
        var small = named
        small[2].size = 13.5
        entries = garbled
        TitleIndex(small, bodySize: 13.5, marker: nil).fillingGaps(&entries)
        #expect(entries[1].blocks == nil)
        // Two blocks so sized between them: which one is not known.
        var two = named
        two[1].size = 16
        entries = garbled
        TitleIndex(two, bodySize: 13.5, marker: nil).fillingGaps(&entries)
        #expect(entries[1].blocks == nil)
    }

    /// A role's word read one character off (`统敌：`) is the role; a word one off a
    /// role inside prose (`统一`) is left alone. Prose beside a staff box is no names.
    @Test func anOCRStaffBoxKeepsItsRolesAndLeavesProseOut() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        let staff = parser.parse([PageLines(page(1, [
            scanned("编辑：贺然 金敏毓 何莉娟", x: 60, y: 700, width: 120),
            scanned("统敌：史继平 韩玉刚", x: 60, y: 710, width: 120),
            scanned("出资比例最高可达", x: 190, y: 710, width: 80),
        ]), furniture: [])]).staff
        #expect(staff.map(\.role) == ["编辑", "统筹"])
        #expect(staff.last?.names == ["史继平", "韩玉刚"])
        let names = NameSplitter(rules: definition.staff, roster: [])
        let other = [scanned("推进 统一 大市场建设", x: 60, y: 300), scanned("编印：天津滨海综合发展研究院", x: 60, y: 320)]
        let kept = StaffLines.correctingRoles(PageLines(page: 3, lines: other, refs: ["3:0", "3:1"]),
                                              roles: definition.staff?.roles ?? [], names: names.plausible)
        #expect(kept.lines.map(\.text) == other.map(\.text))
        // A role that lost a character at the line's start is the role; before prose it is not.
        let lost = [scanned("筹：彭晓辉谢婉清", x: 60, y: 340), scanned("筹：措施提出对园区建设给予最高补助", x: 60, y: 360)]
        let found = StaffLines.correctingRoles(PageLines(page: 3, lines: lost, refs: ["3:2", "3:3"]),
                                               roles: definition.staff?.roles ?? [], names: names.plausible)
        #expect(found.lines.map(\.text) == ["统筹：彭晓辉谢婉清", "筹：措施提出对园区建设给予最高补助"])
        // A role misread at the line's start with its colon read as a comma; prose so opened stays.
        let comma = [scanned("坊辑，蒋一帆罗敏", x: 60, y: 340), scanned("统计，措施提出对园区建设给予最高补助", x: 60, y: 360)]
        let fixed = StaffLines.correctingRoles(PageLines(page: 3, lines: comma, refs: ["3:2", "3:3"]),
                                               roles: definition.staff?.roles ?? [], names: names.plausible)
        #expect(fixed.lines.map(\.text) == ["编辑，蒋一帆罗敏", "统计，措施提出对园区建设给予最高补助"])
        // On a role's line the next role may follow without the space OCR lost (v8513);
        // a word and a colon inside a line that opens with no role stays.
        let run = [scanned("编辑：王思远刘婧陈晓冬统距：周立新孙海燕", x: 60, y: 340), scanned("据统距：措施提出对园区建设", x: 60, y: 360)]
        let joined = StaffLines.correctingRoles(PageLines(page: 3, lines: run, refs: ["3:2", "3:3"]),
                                                roles: definition.staff?.roles ?? [], names: names.plausible)
        #expect(joined.lines.map(\.text) == ["编辑：王思远刘婧陈晓冬统筹：周立新孙海燕", "据统距：措施提出对园区建设"])
        // The hosts' own label, one off a personal role (主办, 主编), stays what it is;
        // a piece of a host's name read apart past a wide gap is still that name.
        let hosts = parser.parse([PageLines(page(2, [
            scanned("主办：天津；", x: 95, y: 143, width: 41),
            scanned("合发展研究院", x: 170, y: 142, width: 56),
            scanned("书馆档案馆", x: 150, y: 158, width: 45),
        ]), furniture: [])])
        #expect(hosts.staff.isEmpty, "\(hosts.staff)")
        #expect(hosts.hosts == ["天津滨海综合发展研究院"])
        #expect(names.plausible("史继平 韩玉刚 马爱华"))
        #expect(!names.plausible("出资比例最高可达"))
        #expect(names.plausible("建新"))
        // Names OCR misread are names where they are one character off the roster's.
        let roster = NameSplitter(rules: definition.staff, roster: definition.lexicon?.staff)
        #expect(roster.plausible("贸然爹教科何莉妈") && !names.plausible("贸然爹教科何莉妈"))
        #expect(!roster.plausible("出资比例最高可达"))
    }

    /// OCR read a two-column staff box's rows as one line each, a field's space
    /// as a quote and its colon as a semicolon (v8815): the next role inside a
    /// role's line is still a role. A label misread past knowing (`婉牧：` for
    /// 统筹, v8802) opens another field: its names go to no role and are reported.
    @Test func aStaffRowReadAsOneLineKeepsItsFieldsApart() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        let run = parser.parse([PageLines(page(1, [
            scanned("编辑：王思过、刘婧、陈晓冬“统敌；周立新、孙海藤、赵一鸣", x: 90, y: 749, width: 263),
        ]), furniture: [])])
        #expect(run.staff.map(\.role) == ["编辑", "统筹"])
        #expect(run.staff.last?.names == ["周立新", "孙海藤", "赵一鸣"])
        let unread = parser.parse([PageLines(page(1, [
            scanned("编辑：王思远刘请陈晓冬", x: 63, y: 558, width: 110),
            scanned("婉牧：周立新孙海斤赵一鸣", x: 63, y: 573, width: 120),
        ]), furniture: [])])
        #expect(unread.staff.map(\.role) == ["编辑"])
        #expect(unread.staff.first?.names == ["王思远", "刘请", "陈晓冬"])
        #expect(unread.warnings.map(\.code) == ["staff-role-unread"])
        // Prose that opens with a word and a colon under no staff field is not reported.
        let prose = parser.parse([PageLines(page(1, [scanned("措施提出：周立新孙海斤赵一鸣", x: 63, y: 573, width: 120)]),
                                            furniture: [])])
        #expect(prose.warnings.isEmpty && prose.staff.isEmpty)
    }

    /// OCR read the staff box's row without its colons and one enumeration
    /// comma as a comma (`…马爱华，武跷庆`, v10300): the second role's names
    /// are still names, split at the comma, the misread one the roster's.
    /// Prose after a role's word, whose parts are longer than names, is none.
    @Test func anEnumerationCommaReadAsACommaBetweenNamesStillSplitsThem() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        let run = parser.parse([PageLines(page(1, [
            scanned("编辑加然、全敏航、何莉娟统筹史继平、韩玉刚、马爱华，武跷庆", x: 257, y: 86, width: 250),
        ]), furniture: [])])
        #expect(run.staff.map(\.role) == ["编辑", "统筹"])
        #expect(run.staff.last?.names == ["史继平", "韩玉刚", "马爱华", "武晓庆"])
        #expect(StaffParser.enumerationCommas("统筹协调、引导企业健康发展，加强组织") == "统筹协调、引导企业健康发展，加强组织")
        #expect(StaffParser.enumerationCommas("韩玉刚，马爱华") == "韩玉刚，马爱华")
        // After a role and its colon, one comma alone parts names too (`编辑：蒋一帆，罗敏`, v11708).
        #expect(StaffParser.enumerationCommas("蒋一帆，罗敏", afterColon: true) == "蒋一帆、罗敏")
        #expect(StaffParser.enumerationCommas("推动产业链整合，加快建设", afterColon: true) == "推动产业链整合，加快建设")
        let lone = parser.parse([PageLines(page(1, [
            scanned("编辑：蒋一帆，罗敏统筹：彭晓辉谢婉清钱岳曹建新", x: 64, y: 735, width: 210),
        ]), furniture: [])])
        #expect(lone.staff.map(\.role) == ["编辑", "统筹"])
        #expect(lone.staff.first?.names == ["蒋一帆", "罗敏"])
    }

    /// A contact line under the staff box that OCR read as two Latin letters
    /// (`Wo`, v11915) is no more of the Han names above it: the roster still
    /// cuts them.
    @Test func aLatinLineUnderHanNamesIsNoMoreOfThem() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        let box = parser.parse([PageLines(page(1, [
            scanned("统筹：史继平韩玉刚马爱华武晓庆", x: 288, y: 516, width: 80),
            scanned("Wo", x: 289, y: 528, width: 50),
        ]), furniture: [])])
        #expect(box.staff.first?.names == ["史继平", "韩玉刚", "马爱华", "武晓庆"])
        // A Han name wrapped onto the next line still joins them.
        let wrapped = parser.parse([PageLines(page(1, [
            scanned("统筹：史继平韩玉刚马爱华", x: 288, y: 516, width: 80),
            scanned("武晓庆", x: 289, y: 528, width: 20),
        ]), furniture: [])])
        #expect(wrapped.staff.first?.names == ["史继平", "韩玉刚", "马爱华", "武晓庆"])
    }

    /// Names under the hosts' line whose label OCR set on a line above them
    /// (`编辑：王思` over `远刘婧陈晓冬`, v12104) are no more hosts: the two
    /// hosts read with no separator are still the lexicon's two. A host wrapped
    /// onto the next line is still more of them.
    @Test func namesUnderTheHostsAreNoMoreHosts() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        let box = parser.parse([PageLines(page(1, [
            scanned("主办：天津滨海综合发展研究院泰达图书馆档案馆", x: 66, y: 636, width: 207, size: 10),
            scanned("远刘婧陈晓冬统筹：周立新孙海燕赵一鸣", x: 107, y: 651, width: 167, size: 9),
            scanned("编辑：王思", x: 66, y: 657, width: 41, size: 8),
        ]), furniture: [])])
        #expect(box.hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        let wrapped = parser.parse([PageLines(page(1, [
            scanned("主办：天津滨海综合发展研究院泰达图书", x: 66, y: 636, width: 170, size: 10),
            scanned("馆档案馆", x: 96, y: 651, width: 40, size: 10),
        ]), furniture: [])])
        #expect(wrapped.hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
    }

    /// A role, its colon, and names parted by enumeration commas are the role's
    /// names even where OCR misread most of their family names (`训晓棕`,
    /// `线关`, `普建新`: 6 pt type, v10400). A role's word running into prose
    /// with no colon (`统筹协调、引导…`) stays no staff line.
    @Test func namesListedAfterARolesColonAreNamesThoughTheirFamilyNamesAreMisread() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        let run = parser.parse([PageLines(page(2, [
            scanned("编辑：藉一惧、罗教", x: 258, y: 78, width: 52),
            scanned("统筹：训晓棕、谢婉清、线关、普建新", x: 258, y: 84, width: 98),
        ]), furniture: [])])
        #expect(run.staff.map(\.role) == ["编辑", "统筹"])
        #expect(run.staff.last?.names == ["训晓棕", "谢婉清", "线关", "普建新"])
        let prose = parser.parse([PageLines(page(2, [scanned("统筹协调、引导、服务、保障", x: 63, y: 573, width: 120)]), furniture: [])])
        #expect(prose.staff.isEmpty)
        // A colon OCR read as a question mark, on a row of several roles (v11414).
        let row = parser.parse([PageLines(page(2, [
            scanned("编辑：蒋一帆、罗敏”统筹？彭晓辉、谢婉清、钱岳、曹建新", x: 72, y: 120, width: 300),
        ]), furniture: [])])
        #expect(row.staff.map(\.role) == ["编辑", "统筹"])
        #expect(row.staff.last?.names == ["彭晓辉", "谢婉清", "钱岳", "曹建新"])
    }

    /// A fax number the row's end cut short, its last digits wrapped to the
    /// row's start below (`电话：022-66222942 传真：022-6622` / `2940`, a
    /// LibreOffice cover, v10503), beside the box's other column: the fax is whole.
    @Test func aFaxNumberWrappedToTheRowsStartIsWhole() {
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon)
        func at(_ text: String, _ x0: Double, _ y0: Double, _ x1: Double) -> TextLine {
            line(text, x: x0, y: y0, width: x1 - x0, size: 10)
        }
        let read = parser.parse([PageLines(page(1, [
            at("主办：天津滨海综合发展研究院", 72, 473, 212), at("泰达图书馆档案馆", 102, 489, 182),
            at("电话：022-66222942 传真：022-6622", 267, 478, 438), at("2940", 267, 494, 289),
        ]), furniture: [])])
        #expect(read.contacts.phone == "022-66222942" && read.contacts.fax == "022-66222940")
    }

    /// Contacts as OCR reads them: the colon as a comma or semicolon, the
    /// hyphen as a point, 真 of 传真 as another character, the fax number
    /// wrapped onto the next line; hosts with a number joined or characters
    /// lost are still the lexicon's. A number with digits too many is none.
    @Test func contactsAndHostsReadByOCRAreStillFound() {
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon)
        func read(_ texts: [String]) -> StaffParser.Result {
            parser.parse([PageLines(page(2, texts.enumerated().map { scanned($1, x: 60, y: 600 + 8 * Double($0), width: 200) }),
                                    furniture: [])])
        }
        let first = read(["主办：天津滨海综合发展研究院022-66222940 泰达图书馆档案馆", "电话，022.66222942“传站022-66222940"])
        #expect(first.contacts.phone == "022-66222942" && first.contacts.fax == "022-66222940")
        #expect(first.hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        let second = read(["主办：天津深海综4 发展研 泰达图书馆档案馆", "电话；022-66222942“传趴：022-", "66222940"])
        #expect(second.contacts.phone == "022-66222942" && second.contacts.fax == "022-66222940")
        #expect(second.hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        #expect(read(["传兰：022-662229010"]).contacts.fax == nil)
        // Two marks or a 1 for the colon; a digit read as ? or as a colon is the
        // lexicon's number where it is one digit off it, and no number where not.
        let marks = read(["电话1022-66222942“传时；: 022-66222940"])
        #expect(marks.contacts.phone == "022-66222942" && marks.contacts.fax == "022-66222940")
        #expect(read(["电话：022-66: 22942"]).contacts.phone == "022-66222942")
        #expect(read(["电话022-66?22942“传站022-66222940"]).contacts.phone == "022-66222942")
        #expect(read(["电话：022-61?23942"]).contacts.phone == nil)
        // A speck read as ? and a digit read as a letter (v11610): half an edit each.
        #expect(read(["电话022-66?222a42"]).contacts.phone == "022-66222942")
        #expect(read(["电话022-66?2a2942"]).contacts.phone == "022-66222942")
        #expect(read(["电话022-6a?2b2942"]).contacts.phone == nil)
        #expect(read(["电话022-66?23a942"]).contacts.phone == nil)
        #expect(StaffParser.readingDistance("66222942", "66?222?42") == 1)
        #expect(StaffParser.readingDistance("66222942", "66?222942") == 0.5)
        #expect(StaffParser.readingDistance("66222942", "61?23942") == 2.5)
        #expect(StaffParser.readingDistance("66222942", "66222942") == 0)
        // A hyphen OCR lost (a space, or nothing, between the area code and the number).
        let lost = read(["电话；022 :hn222942传真：022 66222940"])
        #expect(lost.contacts.fax == "022-66222940" && lost.contacts.phone == nil)
        // Or read as a bar (`传员：022|66222940`, v12613).
        #expect(read(["电话：022-66222942”传员：022|66222940"]).contacts.fax == "022-66222940")
        // 电 of 电话 misread (所话), and a digit of the area code lost (02 -…), v10601:
        // the lexicon's numbers, one digit off.
        let lostDigit = read(["主办天津滨海综合发展研究院所话022-66222942传真02 -66222940"])
        #expect(lostDigit.contacts.phone == "022-66222942" && lostDigit.contacts.fax == "022-66222940")
        // The hosts end where the misread phone's label starts.
        #expect(lostDigit.hosts == ["天津滨海综合发展研究院"])
        // A mark OCR read into a host's name (v10715) leaves it hosts.
        #expect(read(["主办天#；综合发展研究院泰达图书馆档案馆"]).hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        #expect(read(["电话：02266222942"]).contacts.phone == "022-66222942")
        // The area code's 0 read as 9 (v9308): one digit off the lexicon's number.
        #expect(read(["电话：922-66222942“传站：022-66222940"]).contacts.phone == "022-66222942")
        // Or as a letter (`传惧U22-…`, v10204), and the colon as a point (`传真.022-…`, v10407).
        #expect(read(["电话022-66222942传惧U22-66222940"]).contacts.fax == "022-66222940")
        #expect(read(["传真.022-66222940"]).contacts.fax == "022-66222940")
        #expect(read(["传真：U22-56222940"]).contacts.fax == nil)
        // 传真 read as one character after the phone on its row (`全：`, v10817): the second
        // number behind a colon is the fax; without the colon it is no number's label.
        #expect(read(["电话：022-66222942全：022-66222940"]).contacts.fax == "022-66222940")
        #expect(read(["电话：022-66222942全 022-66222940"]).contacts.fax == nil)
        // Or as two other characters, the colon lost and the last digit too (`侍趴`, v11106).
        #expect(read(["电话022-66222942侍趴022-6622294"]).contacts.fax == "022-66222940")
        // The area code's last digit read twice where the row's end was read again beside
        // it (`电话：022` and `2-66222942`, v10805): the lexicon's number.
        #expect(read(["电话：022 2-66222942"]).contacts.phone == "022-66222942")
        // A digit misread (6 as 5) is the lexicon's number, with the reading in a warning;
        // a text layer's number, and a reading one digit off both numbers, stay as read.
        let misread = read(["电话：022-66222942 传真：022-56222940"])
        #expect(misread.contacts.fax == "022-66222940")
        #expect(misread.warnings.contains { $0.code == "lexicon-corrected" && $0.message.contains("022-56222940") })
        #expect(read(["电话：022-66222941"]).contacts.phone == "022-66222941")
        // A row's last digit lost, or a digit read twice where tesseract parted the
        // row (v8117, v8100 broken), and 话 misread (电咱, v8111): the lexicon's
        // number. A phone and a fax one digit apart: the one read first tells
        // which the other is; alone, a number one digit short of both is none.
        #expect(read(["电话：022-66222942传真：022-6622294"]).contacts.fax == "022-66222940")
        #expect(read(["电话：022-66222 2942"]).contacts.phone == "022-66222942")
        #expect(read(["电咱：022 66222942"]).contacts.phone == "022-66222942")
        #expect(read(["传真：022-6622294"]).contacts.fax == nil)
        let printed = parser.parse([PageLines(page(2, [line("传真：022-56222940", x: 60, y: 600, width: 200)]), furniture: [])])
        #expect(printed.contacts.fax == "022-56222940" && printed.warnings.isEmpty)
        // A text layer's fax whose last digit the line's end wrapped to the start of
        // the cell's next line, under the phone (LibreOffice, v9101): the whole number.
        let cell = parser.parse([PageLines(page(2, [line("电话:022-66222942", x: 266.7, y: 114, width: 85, size: 10),
                                                    line("传真:022-6622294", x: 361.7, y: 114, width: 80, size: 10),
                                                    line("0", x: 266.7, y: 130, width: 5, size: 10)]), furniture: [])])
        #expect(cell.contacts.phone == "022-66222942")
        #expect(cell.contacts.fax == "022-66222940")
        // A bare label and its number read apart, their boxes a few points off one
        // baseline (`传真：` at y 138.0–145.8, the number at 134.3–140.8, v9513).
        var label = scanned("传真：", x: 265, y: 138, width: 26), number = scanned("022-66222940", x: 294, y: 134.3, width: 60)
        label.box = Box(x0: 265, y0: 138, x1: 291, y1: 145.8)
        number.box = Box(x0: 294, y0: 134.3, x1: 354, y1: 140.8)
        #expect(parser.parse([PageLines(page(2, [label, number]), furniture: [])]).contacts.fax == "022-66222940")
        // So a bare role and its names a few points lower (`统筹：` / `黄振宇邓丽`, v9505), taken once.
        var role = scanned("统筹：", x: 278, y: 607.5, width: 20), names = scanned("黄振宇邓丽", x: 303.5, y: 611.2, width: 43)
        role.box = Box(x0: 278, y0: 607.5, x1: 298, y1: 615)
        names.box = Box(x0: 303.5, y0: 611.2, x1: 347, y1: 619)
        #expect(parser.parse([PageLines(page(2, [role, names]), furniture: [])]).staff == [StaffEntry(role: "统筹", names: ["黄振宇", "邓丽"])])
    }

    /// A back page's box (v10601) sets the publisher's names in a column beside
    /// the staff's, so close that the English name runs into the role (the text
    /// layer gives `…in Tianjin统筹史继平…` as one line) and OCR reads the two
    /// columns as one line with no space (`…研究院编辑贺然…`). A role right after
    /// a Latin letter or a known host's name starts a field; inside prose it does not.
    @Test func aRoleRightAfterTheColumnBesideTheBoxStartsItsField() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        func read(_ lines: [TextLine]) -> [StaffEntry] { parser.parse([PageLines(page(16, lines), furniture: [])]).staff }
        let born = [line("天津滨海综合发展研究院 编辑 贺然、金敏毓、何莉娟", x: 69, y: 439, width: 164, size: 6.5),
                    line("Binhai Research Institute in Tianjin统筹 史继平、韩玉刚、马爱华、武晓庆", x: 69, y: 451, width: 197, size: 6.5)]
        #expect(read(born) == [StaffEntry(role: "编辑", names: ["贺然", "金敏毓", "何莉娟"]),
                               StaffEntry(role: "统筹", names: ["史继平", "韩玉刚", "马爱华", "武晓庆"])])
        let ocr = scanned("天津滨海综合发展研究院编辑贺然、金敏毓、何莉娟", x: 74, y: 440, width: 166, size: 7, confidence: 0.74)
        #expect(read([ocr]) == [StaffEntry(role: "编辑", names: ["贺然", "金敏毓", "何莉娟"])])
        #expect(read([line("五是加强统筹协调引导。从加强组织统筹协调、引导企业", x: 57, y: 190, width: 181, size: 13)]).isEmpty)
    }

    /// Hosts whose label OCR lost (a back panel read at 200 dpi: no 主办 at
    /// all, or only `办：`) are the lexicon's hosts where both stand line under
    /// line beside the staff box; the publisher's name alone on a line (the
    /// box's own heading) is no hosts, nor are hosts far from the box.
    @Test func hostsWhoseLabelOCRLostAreStillTheHosts() {
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon)
        func read(_ lines: [TextLine]) -> StaffParser.Result { parser.parse([PageLines(page(2, lines), furniture: [])]) }
        func scanned(_ text: String, x: Double, y: Double, width: Double) -> TextLine {
            self.scanned(text, x: x, y: y, width: width, size: 9.5, confidence: 0.85)
        }
        let box = [scanned("天津滨海综合发展研究院", x: 88, y: 482, width: 120), scanned("编辑，王思远刘婧陈晓冬", x: 281, y: 483, width: 100),
                   scanned("统筹：周立新孙海燕赵一鸣", x: 281, y: 499, width: 110)]
        let lost = read(box + [scanned("天津滨海综合发展研究院", x: 119, y: 521, width: 110),
                               scanned("泰达图书馆档案馆", x: 116, y: 537, width: 80)])
        #expect(lost.hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        #expect(lost.warnings.contains { $0.code == "lexicon-corrected" && $0.message.contains("without their label") })
        #expect(lost.bands[2].map { $0.upperBound >= 537 } == true)
        let halfLost = read(box + [scanned("办：天津滨海综合发展研究院", x: 86, y: 521, width: 130),
                                   scanned("泰达图书馆档案馆", x: 106, y: 537, width: 80)])
        #expect(halfLost.hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        #expect(read(box).hosts.isEmpty)
        let far = read(box + [scanned("天津滨海综合发展研究院", x: 119, y: 721, width: 110),
                              scanned("泰达图书馆档案馆", x: 116, y: 737, width: 80)])
        #expect(far.hosts.isEmpty)
    }

    /// The hosts' column ends at a line that opens with a label OCR misread
    /// past correcting (`编糙：…` for 编辑): an institution's name holds no
    /// colon. The hosts stay the lexicon's two, with nothing of the next field.
    @Test func theHostsEndAtAMisreadLabelUnderThem() {
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon)
        func read(_ text: String, x: Double, y: Double, width: Double) -> TextLine {
            scanned(text, x: x, y: y, width: width, size: 12.5, confidence: 0.8)
        }
        // As a 150 dpi scan of a back panel read them (v1701 of the tuning seeds).
        let box = parser.parse([PageLines(page(8, [
            read("主办：天津滨海综合发展研究院", x: 98, y: 536, width: 181),
            read("泰达图书馆档案馆", x: 137, y: 557, width: 104),
            read("编糙：可与嘉禾田野胡了晓曼", x: 98, y: 578, width: 154),
            read("统筹：范志强陆云", x: 97, y: 598, width: 103),
        ]), furniture: [])])
        #expect(box.hosts == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        #expect(box.staff.map(\.role) == ["统筹"])
        #expect(StaffLines.opensWithLabel("编糙：可与嘉禾") && StaffLines.opensWithLabel("责任编辑: 贺然"))
        #expect(!StaffLines.opensWithLabel("泰达图书馆档案馆") && !StaffLines.opensWithLabel("天津滨海综合发展研究院：") )
    }

    /// The second host's first characters lost (`图书馆档案馆` for 泰达图书馆档案馆,
    /// v10207): its line starts two characters right of the first host's, past
    /// the column's reach, and is still the second host; a line there that is
    /// no piece of a known host is not taken.
    @Test func aHostWhoseFirstCharactersOCRLostIsStillAHost() {
        let parser = StaffParser(rules: definition.staff, contacts: definition.contacts ?? [], lexicon: definition.lexicon)
        func hosts(_ second: String) -> [String] {
            parser.parse([PageLines(page(2, [scanned("主办天津滨海综合发展研究院", x: 80, y: 100, width: 156, size: 12, confidence: 0.94),
                                             scanned(second, x: 128, y: 118, width: 72, size: 12, confidence: 0.94)]), furniture: [])]).hosts
        }
        #expect(hosts("图书馆档案馆") == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
        #expect(hosts("本期编者按") == ["天津滨海综合发展研究院"])
        // The host row read twice over (a broken back cover's OCR, v10419): each host once.
        let twice = parser.parse([PageLines(page(23, [
            scanned("主办：天津滨海综合发展研究院", x: 88, y: 136, width: 135, size: 9.5, confidence: 0.9),
            scanned("主办：天津滨海综合发展研究院", x: 88, y: 150, width: 135, size: 9.5, confidence: 0.7),
            scanned("泰达图书馆档案馆", x: 110, y: 164, width: 80, size: 9.5, confidence: 0.9)]), furniture: [])]).hosts
        #expect(twice == ["天津滨海综合发展研究院", "泰达图书馆档案馆"])
    }

    /// A role's word inside prose read by OCR (五是加强统筹协调引, a column's
    /// line) is no staff field, whether the line is cut there or not; a colon
    /// OCR read as a semicolon (`编辑；`) still opens a role's names.
    @Test func aRoleWordInsideOCRProseIsNoStaffField() {
        let parser = StaffParser(rules: definition.staff, contacts: [], lexicon: definition.lexicon)
        let box = parser.parse([PageLines(page(2, [
            scanned("编辑；宋佳 冯文博 唐筱雯", x: 60, y: 100, width: 120),
            scanned("统筹：黄振宇 邓丽", x: 60, y: 110, width: 120),
        ]), furniture: [])]).staff
        #expect(box.map(\.role) == ["编辑", "统筹"])
        #expect(box.first?.names == ["宋佳", "冯文博", "唐筱雯"])
        let prose = parser.parse([PageLines(page(17, [
            scanned("五是加强统筹协调引", x: 277, y: 343, width: 141),
            scanned("导。从加强组织统筹协调、", x: 251, y: 368, width: 164),
            scanned("从加强组织统筹协调、引导企业健康发展、发挥示范", x: 251, y: 390, width: 190),
        ]), furniture: [])])
        #expect(prose.staff.isEmpty)
        #expect(prose.bands.isEmpty)
    }

    /// A sub-heading at the top of a column that OCR's reading joined to the
    /// last paragraph of the column before: parted after the closing sentence.
    /// So it is in a text layer whose heading no font marks bold (Chromium's
    /// fallback bold, v10316).
    @Test func aSubHeadingJoinedAfterAClosingSentenceIsParted() {
        let builder = ArticleBuilder(rules: definition.articles, bodySize: 11, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        let texts = ["2:0": "能化改造，中西部省份则更多聚焦农业", "2:1": "机械、老旧电梯和城市基础设施更新。",
                     "2:2": "【江苏】力争工业设备投资年均增", "2:3": "长10%以上"]
        func block(_ second: String, ocr: Bool = true) -> CleanBlock {
            let lines = ["2:0", "2:1", "2:2", "2:3"]
            let text = [texts["2:0"]!, second, texts["2:2"]!, texts["2:3"]!]
            return CleanBlock(text: text.joined(), provenance: lines.indices.map {
                Provenance(page: 2, box: Box(x0: $0 < 2 ? 68 : 287, y0: 548 + Double($0) * 16, x1: 256, y1: 558 + Double($0) * 16))
            }, lines: lines, size: 11, bold: false, endReason: "gap", ocr: ocr ? true : nil, confidence: ocr ? 0.9 : nil)
        }
        #expect(builder.headingLineInside(block(texts["2:1"]!), lineText: { texts[$0] }) == 2)
        // No sentence closed before it: a bracket opening a line inside a paragraph.
        var open = texts
        open["2:1"] = "机械、老旧电梯和城市基础设施更新，"
        #expect(builder.headingLineInside(block(open["2:1"]!), lineText: { open[$0] }) == nil)
        #expect(builder.headingLineInside(block(texts["2:1"]!, ocr: false), lineText: { texts[$0] }) == 2)
        #expect(builder.headingLineInside(block(open["2:1"]!, ocr: false), lineText: { open[$0] }) == nil)
    }

    /// A sub-heading OCR joined to the paragraph under it (paragraphs set apart by
    /// space): its first line, of a heading pattern and ending short, is the
    /// heading; so is one filling a narrow column's measure that stands further
    /// above the next line than the paragraph's lines stand apart (22 pt over
    /// 19, v9316). Evenly spaced, it is the paragraph's first line.
    @Test func aSubHeadingJoinedToItsParagraphIsPartedOnAScan() {
        let builder = articleBuilder
        let texts = ["3:0": "【上海】加快打造未来产业先导区", "3:1": "2024年上海市政府工作报告提出，坚持以科技创新推动",
                     "3:2": "产业创新，聚焦智能化、绿色化、融合化。"]
        func block(firstLineEnd: Double, ocr: Bool, firstLineTop: Double = 100) -> CleanBlock {
            CleanBlock(text: texts.keys.sorted().compactMap { texts[$0] }.joined(),
                       provenance: [Provenance(page: 3, box: Box(x0: 60, y0: firstLineTop, x1: firstLineEnd, y1: firstLineTop + 12)),
                                    Provenance(page: 3, box: Box(x0: 60, y0: 122, x1: 500, y1: 134)),
                                    Provenance(page: 3, box: Box(x0: 60, y0: 141, x1: 300, y1: 153))],
                       lines: ["3:0", "3:1", "3:2"], size: 12, bold: false, endReason: "gap", ocr: ocr ? true : nil,
                       confidence: ocr ? 0.9 : nil)
        }
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 260, ocr: true), lineText: { texts[$0] }) == 1)
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 498, ocr: true), lineText: { texts[$0] }) == 1)
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 498, ocr: true, firstLineTop: 103), lineText: { texts[$0] }) == nil)
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 260, ocr: false), lineText: { texts[$0] }) == nil)
        // A line of the pattern holding a mark no heading holds is a paragraph's.
        var sentence = texts
        sentence["3:0"] = "【上海】市政府提出，加快打造先导区"
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 260, ocr: true), lineText: { sentence[$0] }) == nil)
        // Of no pattern (v10309): parted only where it both stops short and stands apart.
        var plain = texts
        plain["3:0"] = "政策适用范围由海关特殊监管区域扩大"
        plain["3:1"] = "此次扩围后，洋浦经济开发区、海口综合保税区等"
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 260, ocr: true), lineText: { plain[$0] }) == 1)
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 260, ocr: true, firstLineTop: 103), lineText: { plain[$0] }) == nil)
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 498, ocr: true), lineText: { plain[$0] }) == nil)
        plain["3:0"] = "（福建日报20221206）"
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 260, ocr: true), lineText: { plain[$0] }) == nil)
        // A paragraph's first line broken early before a quoted run of digits (v10601).
        let early = ["3:0": "12个入围区县呈现", "3:1": "“2+2+3+5”格局。其中，上海浦东新区、北京海淀区", "3:2": "GDP均超万亿。"]
        #expect(builder.leadingHeadingLines(block(firstLineEnd: 260, ocr: true), lineText: { early[$0] }) == nil)
    }

    /// A numbered sub-heading OCR joined to its paragraph, stopping 1.96 ems
    /// short of it and a pitch above it (v10914): parted, since the next line's
    /// first character would have fitted where it stops. Where the next line
    /// opens with a group that would not have (`2024年`), a producer may have
    /// wrapped there: it stays whole.
    @Test func aSubHeadingStoppingWithRoomForTheNextLinesFirstGroupIsParted() {
        var texts = ["8:47": "二、打造工业大模型应用标杆", "8:48": "苏州将支持龙头企业联合AI企业",
                     "8:49": "开发面向研发设计、生产调度、质", "8:50": "量检测、设备运维等环节的工业大"]
        func block() -> CleanBlock {
            let tops = [373.0, 393.52, 411.89, 430.61]
            return CleanBlock(text: texts.keys.sorted().compactMap { texts[$0] }.joined(),
                              provenance: tops.indices.map { Provenance(page: 8, box: Box(x0: 259, y0: tops[$0], x1: $0 == 0 ? 394.9 : 415.5,
                                                                                          y1: tops[$0] + 10)) },
                              lines: texts.keys.sorted(), size: 10.5, bold: false, endReason: "short-line", ocr: true, confidence: 0.9)
        }
        #expect(articleBuilder.leadingHeadingLines(block(), lineText: { texts[$0] }) == 1)
        texts["8:48"] = "2024年苏州将支持龙头企业联合"
        #expect(articleBuilder.leadingHeadingLines(block(), lineText: { texts[$0] }) == nil)
    }

    /// Paragraphs spaced, not indented: a sub-heading its producer set in two
    /// ems and that fills its line, joined to the paragraph under it on a scan
    /// (v11006), is parted. Where paragraphs are indented, such a line is a
    /// paragraph's first; a first line holding a comma is one either way.
    @Test func aSetInSubHeadingOverABlockParagraphIsPartedOnAScan() {
        var texts = ["6:35": "深层次改革与数字化技术“双驱动”", "6:36": "《行动方案》围绕创新服务模式、强化",
                     "6:37": "数字赋能、拓展服务渠道3个核心维度，", "6:38": "提出许多具体举措。未来3年，"]
        let block = CleanBlock(text: texts.keys.sorted().compactMap { texts[$0] }.joined(),
                               provenance: [(98.0, 253.0), (82, 255), (78, 254), (78, 214)].enumerated().map { index, x in
                                   Provenance(page: 6, box: Box(x0: x.0, y0: 609 + 16 * Double(index), x1: x.1, y1: 619 + 16 * Double(index)))
                               },
                               lines: texts.keys.sorted(), size: 10.5, bold: false, endReason: "gap", ocr: true, confidence: 0.9)
        var spaced = articleBuilder
        spaced.spacedParagraphs = true
        #expect(spaced.leadingHeadingLines(block, lineText: { texts[$0] }) == 1)
        #expect(articleBuilder.leadingHeadingLines(block, lineText: { texts[$0] }) == nil)
        texts["6:35"] = "深层次改革与数字化技术，构成双驱动"
        #expect(spaced.leadingHeadingLines(block, lineText: { texts[$0] }) == nil)
    }

    /// A numbered sub-heading wrapped onto a second line that stops short, both
    /// joined to the paragraph under it on a scan (`三、【重庆】“山城夜` /
    /// `景”持续吸引外地游客`, v10919): its two lines are parted. A second line
    /// running to the margin, or two lines ending a sentence, are a paragraph's.
    @Test func aWrappedSubHeadingJoinedToItsParagraphIsPartedOnAScan() {
        var texts = ["4:14": "三、【重庆】“山城夜", "4:15": "景”持续吸引外地游客", "4:16": "重庆假期接待游客超过40",
                     "4:17": "00万人次，外地游客占比"]
        func block(secondEnd: Double = 218) -> CleanBlock {
            CleanBlock(text: texts.keys.sorted().compactMap { texts[$0] }.joined(),
                       provenance: (0..<4).map { index in
                           Provenance(page: 4, box: Box(x0: index == 0 ? 117 : 89, y0: 423 + 25 * Double(index),
                                                        x1: [247, secondEnd, 251, 250][index], y1: 436 + 25 * Double(index)))
                       },
                       lines: texts.keys.sorted(), size: 14, bold: false, endReason: "gap", ocr: true, confidence: 0.9)
        }
        #expect(articleBuilder.leadingHeadingLines(block(), lineText: { texts[$0] }) == 2)
        // The paragraph running on into the right column (to x 449) leaves the heading's lines as they are.
        var twoColumns = block()
        twoColumns.lines.append("4:20")
        twoColumns.provenance.append(Provenance(page: 4, box: Box(x0: 288, y0: 81, x1: 449, y1: 94)))
        texts["4:20"] = "碑、李子坝轻轨站等热门景点"
        #expect(articleBuilder.leadingHeadingLines(twoColumns, lineText: { texts[$0] }) == 2)
        #expect(articleBuilder.leadingHeadingLines(block(secondEnd: 250), lineText: { texts[$0] }) == nil)
        texts["4:15"] = "景持续吸引外地游客。"
        #expect(articleBuilder.leadingHeadingLines(block(), lineText: { texts[$0] }) == nil)
    }

    /// A sub-heading wrapped early (a quoted `“AI+港口”` kept whole, v8508) is a
    /// block of a heading pattern whose first line ends short: with no sentence
    /// after it, the block is one heading, not parted after its first line.
    @Test func aSubHeadingWrappedEarlyIsNotParted() {
        let texts = ["3:0": "四、【天津】建", "3:1": "设“AI+港口”“AI+化工”示范场", "3:2": "景"]
        let block = CleanBlock(text: "四、【天津】建设“AI+港口”“AI+化工”示范场景",
                               provenance: [Provenance(page: 3, box: Box(x0: 324, y0: 74, x1: 418, y1: 87)),
                                            Provenance(page: 3, box: Box(x0: 293, y0: 95, x1: 462, y1: 107)),
                                            Provenance(page: 3, box: Box(x0: 293, y0: 118, x1: 306, y1: 131))],
                               lines: ["3:0", "3:1", "3:2"], size: 13.5, bold: false, endReason: "gap", ocr: true, confidence: 0.9)
        #expect(articleBuilder.leadingHeadingLines(block, lineText: { texts[$0] }) == nil)
        // With a paragraph's sentence under it, the first line is parted as before.
        var joined = block
        joined.text += "天津市聚焦港口、化工等优势产业。"
        #expect(articleBuilder.leadingHeadingLines(joined, lineText: { texts[$0] }) == 1)
    }

    /// A few characters OCR read off a speck before the first title are no
    /// article: left out with a warning. Real text there still is one.
    @Test func anOCRSpeckBeforeTheFirstTitleIsNoArticle() {
        let builder = articleBuilder
        func block(_ text: String, size: Double, y: Double) -> CleanBlock { ocrBlock(text, page: 2, size: size, y: y, confidence: 0.5) }
        let built = builder.build([block("于坝和", size: 12, y: 60), block("各地加快布局新质生产力", size: 18, y: 100),
                                   block("今年以来，各地加快布局新质生产力，推动产业升级。", size: 12, y: 130)], fallbackTitle: "双周决策观察")
        #expect(built.articles.map(\.title) == ["各地加快布局新质生产力"])
        #expect(built.warnings.map(\.code).contains("ocr-speck-dropped"))
        let kept = builder.build([block("今年以来，多地出台措施。", size: 12, y: 60), block("各地加快布局新质生产力", size: 18, y: 100)],
                                 fallbackTitle: "双周决策观察")
        #expect(kept.articles.count == 2)
    }

    /// The article builder the structure stage makes for a 12 pt body.
    var articleBuilder: ArticleBuilder {
        ArticleBuilder(rules: definition.articles, bodySize: 12, citations: CitationParser(rules: definition.sources),
                       lexiconSections: definition.lexicon?.sections)
    }

    /// A short OCR block that opens with a clause's mark (the rest of a sentence
    /// OCR parted from its paragraph), or is a citation that lost its closing
    /// bracket, is no sub-heading; a short line of its own still is.
    @Test func aSentencesRestOrAnUnclosedCitationIsNoSubHeading() {
        let builder = articleBuilder
        #expect(builder.role(of: ocrBlock("，天津港持续推进智慧港口建设", page: 4, size: 12, y: 300, confidence: 0.9)) == .paragraph)
        #expect(builder.role(of: ocrBlock("（福建日报20241021", page: 4, size: 12, y: 300, confidence: 0.9)) == .paragraph)
        #expect(builder.role(of: ocrBlock("支持产业链整合", page: 4, size: 12, y: 300, confidence: 0.9)) == .heading)
        // The clean stage left the mark out (`strayMarks`): it still tells; a speck read as `.` does not.
        var rest = ocrBlock("在金融、交通、医疗等领", page: 4, size: 12, y: 300, confidence: 0.9)
        rest.strayMarks = "，"
        #expect(builder.role(of: rest) == .paragraph)
        var specked = ocrBlock("完善政企沟通机制", page: 4, size: 12, y: 300, confidence: 0.9)
        specked.strayMarks = "."
        #expect(builder.role(of: specked) == .heading)
        // A sub-heading wrapped twice in a narrow column, its last character alone (v10510);
        // four lines of a narrow column are a paragraph's.
        var wrapped = ocrBlock("政策适用范围由海关特殊监管区域扩大至11个重点园区", page: 8, size: 13, y: 470, confidence: 0.9)
        wrapped.lines = ["8:30", "8:31", "8:32"]
        #expect(builder.role(of: wrapped) == .heading)
        wrapped.lines.append("8:33")
        #expect(builder.role(of: wrapped) == .paragraph)
    }

    /// Where the contents name the headlines, a scanned bold sub-heading that
    /// OCR sized as large as a title (its thicker ink: `关键词“智慧好办”` at 15 pt
    /// over a 13 pt body) is still a sub-heading, not a paragraph; a one-line
    /// paragraph whose `。` OCR lost is none, by the comma the newsletter never
    /// sets in a sub-heading (`headingNeverContains`).
    @Test func aScannedSubHeadingSizedLikeATitleIsStillASubHeading() throws {
        var builder = articleBuilder
        builder.contentsKnown = true
        #expect(builder.role(of: ocrBlock("关键词“智慧好办”", page: 7, size: 14, y: 250, confidence: 0.8)) == .heading)
        #expect(builder.role(of: ocrBlock("强化要素保障", page: 7, size: 14.6, y: 250, confidence: 0.8)) == .heading)
        #expect(builder.role(of: ocrBlock("强化要素保障", page: 7, size: 16, y: 250, confidence: 0.8)) == .paragraph)
        #expect(builder.role(of: ocrBlock("关键词“智慧好办”", page: 7, size: 9, y: 250, confidence: 0.8)) == .paragraph)
        #expect(builder.role(of: ocrBlock("长9.1%", page: 7, size: 16, y: 250, confidence: 0.8)) == .paragraph)
        #expect(builder.role(of: ocrBlock("设行", page: 7, size: 14, y: 250, confidence: 0.8)) == .paragraph)
        #expect(builder.role(of: ocrBlock("《证券时报20240206上海证券报em", page: 7, size: 12, y: 250, confidence: 0.8)) == .paragraph)
        #expect(builder.role(of: ocrBlock("三，支持民营企业加大科技创新投入", page: 7, size: 12, y: 250, confidence: 0.8)) == .heading)
        let lost = ocrBlock("据测算，上述措施全面落地后预计每年可为全省民营企业减负超过40亿元", page: 7, size: 12, y: 250, confidence: 0.9)
        #expect(builder.role(of: lost) == .paragraph)
        var rules = try #require(definition.articles)
        #expect(rules.headingNeverContains?.contains("，") == true)
        #expect(builder.role(of: ocrBlock("人入为进出口企业节约通关和物流成本约8亿元。站人", page: 7, size: 12, y: 250, confidence: 0.6)) == .paragraph)
        rules.headingNeverContains = nil
        let anyComma = ArticleBuilder(rules: rules, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                      lexiconSections: definition.lexicon?.sections)
        #expect(anyComma.role(of: lost) == .heading)
    }

    /// A contents entry whose first row is another entry's, read into it and
    /// all but garbled (`和钴，各塘充相布期…` at 0.48, v11907), does not extend
    /// the headline read whole above its article: the title's reading is kept.
    @Test func aGarbledRowReadIntoAnEntryExtendsNoHeadline() {
        var contents = [ContentsEntry(section: "区域", title: "和钴，各塘充相布期一人工知能六行动二L和前三季度城市GDP“十强”座次稳定成都、杭州增速领跑")]
        var articles = [article("前三季度城市GDP“十强”座次稳定成都、杭州增速领跑", section: "区域")]
        _ = ContentsMatching.reconcile(contents: &contents, contentsConfidence: [0.48], articles: &articles,
                                       titleConfidence: [0.95], contentsPage: 1)
        #expect(articles[0].title == "前三季度城市GDP“十强”座次稳定成都、杭州增速领跑")
    }

    /// An outline number whose 一 OCR lost, its 、 left before the block as a
    /// stray mark (`、破除民营企业…隐性壁垒`, v10707 broken): the block is a
    /// sub-heading (`headingNumberMarks`); a stray comma so read is a sentence's
    /// rest, and so is a 、 before a block of two lines.
    @Test func anOutlineNumbersMarkWithoutItsNumeralDoesNotBarASubHeading() throws {
        func block(_ marks: String, lines: Int = 1) -> CleanBlock {
            var block = ocrBlock("破除民营企业参与重大项目和政府采购的隐性壁垒", page: 11, size: 12, y: 250, confidence: 0.87)
            block.strayMarks = marks
            block.lines = Array(repeating: block.lines[0], count: lines)
            block.provenance = Array(repeating: block.provenance[0], count: lines)
            return block
        }
        #expect(articleBuilder.role(of: block("、")) == .heading)
        #expect(articleBuilder.role(of: block("，")) == .paragraph)
        #expect(articleBuilder.role(of: block("、", lines: 2)) == .paragraph)
        var rules = try #require(definition.articles)
        rules.headingNumberMarks = nil
        let none = ArticleBuilder(rules: rules, bodySize: 12, citations: CitationParser(rules: definition.sources),
                                  lexiconSections: definition.lexicon?.sections)
        #expect(none.role(of: block("、")) == .paragraph)
    }

    /// A sub-heading read with a speck after it as `，` (`支持产业链整合，`),
    /// standing alone before an indented paragraph: no paragraph ends with a
    /// clause mark, so it is the sub-heading, without the mark. Ended by a gap,
    /// or over two lines, it may be a paragraph's piece and stays one.
    @Test func aScannedSubHeadingWithASpeckReadAsACommaIsASubHeading() {
        let builder = articleBuilder
        var specked = ocrBlock("支持产业链整合，", page: 6, size: 12, y: 120, confidence: 0.77)
        specked.endReason = "indent"
        #expect(builder.role(of: specked) == .heading)
        let title = ocrBlock("上海发布支持上市公司并购重组行动方案", page: 6, size: 18, y: 60, confidence: 0.9)
        let body = ocrBlock("《行动方案》提出，聚焦集成电路、生物医药、人工智能三大先导产业。", page: 6, size: 12, y: 150, confidence: 0.9)
        let built = builder.build([title, specked, body], fallbackTitle: nil)
        #expect(built.articles.first?.blocks.map(\.kind) == [.heading, .paragraph])
        #expect(built.articles.first?.blocks.first?.text == "支持产业链整合")
        var spaced = specked
        spaced.endReason = "gap"
        #expect(builder.role(of: spaced) == .paragraph)
        var twoLines = specked
        twoLines.lines.append("6:121")
        #expect(builder.role(of: twoLines) == .paragraph)
        var firstLine = ocrBlock("随着各地前三季度经济数据陆续发布，全国城市GDP“十强”榜单揭晓。上海、北京、", page: 6, size: 12, y: 120, confidence: 0.9)
        firstLine.endReason = "indent"
        #expect(builder.role(of: firstLine) == .paragraph)
    }

    /// A two-line headline of which the contents, read badly, name only the
    /// second line: the first, as large and right above it, opens the headline
    /// rather than closing the article before. A large line set apart above a
    /// named headline does not.
    @Test func aHeadlinesFirstLineAboveTheLineTheContentsNameIsPartOfIt() {
        var builder = articleBuilder
        builder.contentsKnown = true
        let before = ocrBlock("河南出台措施支持郑州航空港经济综合实验区高质量发展", page: 6, size: 18, y: 60, confidence: 0.9)
        let body = ocrBlock("今年以来，洛阳市持续深化活动，组织干部分包联系企业。", page: 6, size: 12, y: 90, confidence: 0.9)
        let first = ocrBlock("洛阳深化“万人助万企”活动", page: 6, size: 20, y: 300, confidence: 0.9)
        let second = ocrBlock("今年以来新增规上工业企业312家", page: 6, size: 18, y: 322, confidence: 0.9)
        var after = body
        after.provenance = [Provenance(page: 6, box: Box(x0: 60, y0: 360, x1: 300, y1: 372))]
        let built = builder.buildRead([before, body, first, second, after], titles: [0, 3], fallbackTitle: nil)
        #expect(built.articles.map(\.title) == ["河南出台措施支持郑州航空港经济综合实验区高质量发展", "洛阳深化“万人助万企”活动今年以来新增规上工业企业312家"])
        var apart = first
        apart.provenance = [Provenance(page: 6, box: Box(x0: 60, y0: 200, x1: 300, y1: 220))]
        let separate = builder.buildRead([before, body, apart, second, after], titles: [0, 3], fallbackTitle: nil)
        #expect(separate.articles.map(\.title) == ["河南出台措施支持郑州航空港经济综合实验区高质量发展", "今年以来新增规上工业企业312家"])
    }

    /// An OCR block of one line at the left margin, as the clean stage makes it.
    func ocrBlock(_ text: String, page: Int, size: Double, y: Double, confidence: Double) -> CleanBlock {
        CleanBlock(text: text, provenance: [Provenance(page: page, box: Box(x0: 60, y0: y, x1: 300, y1: y + size))], lines: ["\(page):\(Int(y))"],
                   size: size, bold: false, endReason: "gap", ocr: true, confidence: confidence)
    }

    /// A few characters OCR set as a title of nothing (`5区`), between two
    /// articles, are no article; a short title the contents name is kept, and
    /// so is a long title with no text (an article the scan lost).
    @Test func anOCRSpeckTitleOfNoTextIsNoArticle() {
        let builder = articleBuilder
        func block(_ text: String, size: Double, y: Double) -> CleanBlock { ocrBlock(text, page: 7, size: size, y: y, confidence: 0.6) }
        let blocks = [block("河北发布支持雄安新区中关村科技园建设若干措施", size: 18, y: 60), block("日前，河北省人民政府办公厅印发若干措施。", size: 12, y: 90),
                      block("5区", size: 18, y: 200), block("苏州发布人工智能加制造行动方案", size: 18, y: 300),
                      block("5月28日，苏州市人民政府印发行动方案。", size: 12, y: 330), block("成都推动政务服务一件事一次办", size: 18, y: 400)]
        let built = builder.buildRead(blocks, titles: [], fallbackTitle: nil)
        #expect(built.articles.map(\.title) == ["河北发布支持雄安新区中关村科技园建设若干措施", "苏州发布人工智能加制造行动方案", "成都推动政务服务一件事一次办"])
        #expect(built.lineage.map(\.title) == [[0], [3], [5]])
        #expect(built.warnings.contains { $0.code == "ocr-speck-dropped" && $0.message.contains("5区") })
        let named = builder.buildRead(blocks, titles: [2], fallbackTitle: nil)
        #expect(named.articles.count == 4)
    }

    /// Where the contents name the titles on a scan, sizes tell nothing: a block
    /// of a heading pattern read larger than the body is still a sub-heading.
    @Test func aPatternedSubHeadingReadLargeIsAHeadingWhenTheContentsAreKnown() {
        var builder = ArticleBuilder(rules: definition.articles, bodySize: 11.5, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        builder.contentsKnown = true
        let block = CleanBlock(text: "一、【江苏】力争工业设备投资年均增长10%以上", provenance: [Provenance(page: 2, box: Box(x0: 271, y0: 62, x1: 462, y1: 76))],
                               lines: ["2:0", "2:1"], size: 14, bold: false, endReason: "short-line", ocr: true, confidence: 0.9)
        #expect(builder.role(of: block) == .heading)
        var prose = block
        prose.text = "江苏省提出，到2027年，全省工业设备投资规模较2023年增长30%以上。"
        #expect(builder.role(of: prose) == .paragraph)
    }

    /// Where the contents name the titles but OCR lost a row of them, a
    /// title-size block right under a section label of its own is still a
    /// headline, and so is its second line set as a block below it; a
    /// title-size block elsewhere is not (sizes OCR read tell nothing there).
    @Test func aTitleUnderItsOwnSectionLabelIsAHeadlineTheContentsLost() {
        var builder = articleBuilder
        builder.contentsKnown = true
        func block(_ text: String, size: Double, y: Double) -> CleanBlock { ocrBlock(text, page: 5, size: size, y: y, confidence: 0.9) }
        let blocks = [block("北京建设数据基础制度先行区", size: 16, y: 40), block("北京市日前印发实施方案。", size: 12, y: 70),
                      block("【上海】", size: 11, y: 100), block("上海发布", size: 15.5, y: 130), block("具身智能产业发展三年行动方案", size: 15.5, y: 148),
                      block("10月29日，上海市经济信息化委等部门联合印发行动方案。", size: 12, y: 180),
                      block("全市推进智能工厂建设", size: 15.5, y: 220), block("上海将建设一批智能工厂。", size: 12, y: 250)]
        let built = builder.buildRead(blocks, titles: [0], fallbackTitle: nil)
        #expect(built.articles.map(\.title) == ["北京建设数据基础制度先行区", "上海发布具身智能产业发展三年行动方案"])
        #expect(built.articles.map(\.section) == [nil, "上海"])
        #expect(built.articles.last?.blocks.map(\.text) == ["10月29日，上海市经济信息化委等部门联合印发行动方案。", "全市推进智能工厂建设", "上海将建设一批智能工厂。"])
    }

    /// A headline whose 【】 OCR misread or half lost keeps its section and
    /// loses the label: `(区域]`, `{陕西]`, `广东]`, `-【北京】`; a headline that
    /// merely opens with a place's name, or a label of no known section, is left.
    @Test func aMisreadInlineLabelIsTakenOffItsHeadline() {
        let builder = articleBuilder
        func title(_ text: String) -> ArticleBuilder.Role { builder.role(of: ocrBlock(text, page: 3, size: 18, y: 80, confidence: 0.9)) }
        #expect(title("(区域]各地加快布局“新质生产力") == .title(section: "区域", text: "各地加快布局“新质生产力"))
        #expect(title("{陕西]陕西发布措施推动科技成果转化") == .title(section: "陕西", text: "陕西发布措施推动科技成果转化"))
        #expect(title("广东]广东前三季度GDP增长3.6%") == .title(section: "广东", text: "广东前三季度GDP增长3.6%"))
        #expect(title("-【北京】北京发力商业航天") == .title(section: "北京", text: "北京发力商业航天"))
        // Its closing bracket lost, where the headline names the section right after (v8801);
        // a bracket before a name the headline does not repeat is left.
        #expect(title("[陕西陕西发布措施推动科学家+工程师“队伍建设") == .title(section: "陕西", text: "陕西发布措施推动科学家+工程师“队伍建设"))
        #expect(title("[陕西发布措施推动科技成果转化") == .title(section: nil, text: "[陕西发布措施推动科技成果转化"))
        #expect(title("广东前三季度GDP增长3.6%") == .title(section: nil, text: "广东前三季度GDP增长3.6%"))
        #expect(title("(要闻]各地加快布局") == .title(section: nil, text: "(要闻]各地加快布局"))
        // A text layer's headline is as printed: no guessing.
        var born = ocrBlock("广东]广东前三季度GDP增长3.6%", page: 3, size: 18, y: 80, confidence: 0.9)
        born.ocr = false
        born.confidence = nil
        #expect(builder.role(of: born) == .title(section: nil, text: "广东]广东前三季度GDP增长3.6%"))
    }

    /// A label whose closing bracket OCR lost before a headline that does not
    /// repeat its name (`[区域各地竞相布局…`, v10205), or a speck before a headline
    /// that opens with a place (`[陕西发布…`)? The contents tell: the headline is
    /// found under either reading, and takes the one they print.
    @Test func anUnclosedLabelIsTakenOffAHeadlineWhereTheContentsPrintItWithout() throws {
        let read = "[区域各地竞相布局人工智能+行动"
        let block = CleanBlock(text: read, provenance: [Provenance(page: 2, box: Box(x0: 72, y0: 78, x1: 352, y1: 95))],
                               lines: ["2:1"], size: 18.5, bold: false, endReason: "style", ocr: true, confidence: 0.83)
        func likeness(sections: [String]) -> Double? {
            TitleIndex([block], bodySize: 13, marker: nil, sections: sections)
                .best("各地竞相布局“人工智能+”行动", after: Box(x0: 60, y0: 300, x1: 300, y1: 306), page: 1, excluding: []).map(\.similarity)
        }
        let labelled = try #require(likeness(sections: [])), unlabelled = try #require(likeness(sections: ["区域", "陕西"]))
        #expect(unlabelled >= ContentsMatching.ocrThreshold && labelled < ContentsMatching.ocrThreshold, "\(unlabelled) \(labelled)")
        var builder = articleBuilder
        builder.contentsKnown = true
        builder.contentsKeys = ["各地竞相布局“人工智能+”行动".comparisonKey, "陕西发布措施推动科技成果转化".comparisonKey]
        func title(_ text: String) -> ArticleBuilder.Role {
            builder.role(of: ocrBlock(text, page: 3, size: 18, y: 80, confidence: 0.9), isHeadline: true)
        }
        #expect(title(read) == .title(section: "区域", text: "各地竞相布局人工智能+行动"))
        #expect(title("[陕西发布措施推动科技成果转化") == .title(section: nil, text: "[陕西发布措施推动科技成果转化"))
    }

    /// What is left of an OCR block once its contents row is taken out (a
    /// speck OCR read beside the row's end) is as confident as its own lines,
    /// not as the row: so it is left out as noise, not made the issue's first text.
    @Test func aSpeckLeftBesideAContentsRowKeepsItsOwnConfidence() {
        var row = scanned("成都出台15条措施支持首台（套）装备推广应用", x: 130, y: 362, width: 273)
        row.confidence = 0.84
        var speck = scanned("中momo wm上", x: 431, y: 369, width: 13)
        speck.confidence = 0.23
        let lines = ["2:14": row, "2:15": speck]
        let block = CleanBlock(text: row.text + speck.text, provenance: [Provenance(page: 2, box: row.box), Provenance(page: 2, box: speck.box)],
                               lines: ["2:14", "2:15"], size: 12, bold: false, ocr: true, confidence: 0.53)
        let left = block.keeping({ $0 != "2:14" }, lineText: { lines[$0]?.text ?? "" }, line: { lines[$0] })
        #expect(left.text == "中momo wm上" && left.confidence == 0.23)
        #expect(FrontMatterLeftovers(names: [], labels: []).contains(left))
        #expect(block.keeping({ $0 != "2:14" }, lineText: { lines[$0]?.text ?? "" }).confidence == 0.53)
    }

    /// A section band OCR garbled (`上【上汽)`) between an article's citation and
    /// the next headline is no text of the article: left out with a warning, so
    /// the citation closes the article; a short paragraph before body text stays.
    @Test func aGarbledSectionLabelBeforeATitleIsLeftOut() {
        let builder = articleBuilder
        func block(_ text: String, size: Double, y: Double) -> CleanBlock { ocrBlock(text, page: 5, size: size, y: y, confidence: 0.6) }
        let blocks = [block("上海发布支持上市公司并购重组行动方案", size: 18, y: 60), block("上海市发布行动方案，支持上市公司并购重组。", size: 12, y: 90),
                      block("（上海证券报20241019）", size: 12, y: 120), block("上【上汽)", size: 12, y: 150),
                      block("临港新片区发布国际数据经济产业园三年行动计划", size: 18, y: 180), block("近日，临港新片区发布行动计划。", size: 12, y: 210),
                      block("上心示", size: 12, y: 240), block("临港新片区将建设数据经济产业园。", size: 12, y: 270)]
        let built = builder.buildRead(blocks, titles: [], fallbackTitle: nil)
        #expect(built.articles.map(\.title) == ["上海发布支持上市公司并购重组行动方案", "临港新片区发布国际数据经济产业园三年行动计划"])
        #expect(built.articles.first?.sources.map(\.name) == ["上海证券报"])
        #expect(built.articles.last?.blocks.map(\.text) == ["近日，临港新片区发布行动计划。", "上心示", "临港新片区将建设数据经济产业园。"])
        #expect(built.warnings.contains { $0.code == "ocr-speck-dropped" && $0.message.contains("上【上汽)") })
        // Longer, read with little confidence and one Han character (v8814); so read
        // with good confidence, it stays text.
        func ending(_ label: String, confidence: Double) -> [String]? {
            var speck = block(label, size: 12, y: 150)
            speck.confidence = confidence
            let read = builder.buildRead([blocks[0], blocks[1], speck, blocks[4], blocks[5]], titles: [], fallbackTitle: nil)
            return read.articles.first?.blocks.map(\.text)
        }
        #expect(ending("| [5河：t)", confidence: 0.44) == ["上海市发布行动方案，支持上市公司并购重组。"])
        #expect(ending("| [5河：t)", confidence: 0.9) == ["上海市发布行动方案，支持上市公司并购重组。", "| [5河：t)"])
        // Four Han characters of a label read past knowing (`和上广二）` for 【广东】, v8917);
        // read with middling confidence they may be words, and stay.
        #expect(ending("和上广二）", confidence: 0.34) == ["上海市发布行动方案，支持上市公司并购重组。"])
        #expect(ending("和上广二）", confidence: 0.55) == ["上海市发布行动方案，支持上市公司并购重组。", "和上广二）"])
    }

    /// A line that is the publication's names and nothing else (the head of a
    /// staff box on the last article's page, v8919) is no text of the article;
    /// a line that names the publisher among other words is.
    @Test func aLineOfThePublicationsNamesInsideAnArticleIsNoText() {
        let leftovers = FrontMatterLeftovers(names: ["天津滨海综合发展研究院", "Binhai Research Institute in Tianjin", "双周决策观察"], labels: [])
        #expect(leftovers.isNamesOnly("天津滨海综合发展研究院。Binhai Research Institute in Tianjin"))
        #expect(leftovers.isNamesOnly("天津滨海综合发展研究院"))
        #expect(!leftovers.isNamesOnly("天津滨海综合发展研究院发布报告指出，民营经济活力增强。"))
        #expect(!leftovers.isNamesOnly("2024年"))
        let line = ocrBlock("天津滨海综合发展研究院。Binhai Research Institute in Tianjin", page: 10, size: 9, y: 240, confidence: 0.82)
        #expect(line.text.count > FrontMatterLeftovers.runningHeadMaxLength && leftovers.isRunningHead(line))
    }

    /// A page is a back cover only when no paragraph in the body's size ends a
    /// sentence there: a speck OCR read after the issue's last citation
    /// (`（四川日报20251104）-`, v8918) does not make the article's last page one.
    /// A page taken for the back cover that holds paragraph-long body text says so.
    @Test func aSpeckAfterTheLastCitationLeavesThePageToTheArticle() {
        func document(_ last: String) -> CleanedDocument {
            let blocks = [ocrBlock("成都出台措施支持首台（套）装备推广应用", page: 9, size: 17, y: 60, confidence: 0.9),
                          ocrBlock("《若干措施》提出，对经认定的首台（套）重大技术装备给予研制企业奖励。", page: 9, size: 12, y: 90, confidence: 0.9),
                          ocrBlock(last, page: 10, size: 12, y: 70, confidence: 0.9), ocrBlock("扫描二维码关注", page: 11, size: 10, y: 400, confidence: 0.9)]
            return CleanedDocument(pages: (1...11).map { PageSummary(number: $0, method: .ocr, confidence: 0.9) }, bodySize: 12,
                                   blocks: blocks, furniture: [])
        }
        let ending = "据统计，“十四五”以来，成都累计认定市级以上首台（套）重大技术装备386项，带动相关产业产值超过600亿元。（四川日报20251104）"
        #expect(BackCover.pages(document(ending + "-")) == [11])
        #expect(BackCover.pages(document(ending + " _")) == [11])
        let lost = document("据统计，“十四五”以来，成都累计认定市级以上首台（套）重大技术装备386项，涉及航空航天、轨道交通等重点领域，带动相关产业产值超过")
        #expect(BackCover.pages(lost) == [10, 11])
        #expect(BackCover.warnings([10, 11], cleaned: lost).map(\.code) == ["back-cover-text"])
        #expect(BackCover.warnings([11], cleaned: lost).isEmpty)
        // A back cover's subtitle between rules OCR read as dashes ends in a colon, which ends no sentence (v10510).
        #expect(BackCover.pages(document("一一地方工作亮点追踪：一一")) == [10, 11])
    }

    /// A cover whose issue label OCR lost: the running heads print it on every
    /// page, misread differently on each; the reading two or more agree on is
    /// taken. A print date's year one digit off the issue's year is the issue's.
    @Test func theIssueNumbersComeFromTheRunningHeadsWhereTheCoverLostThem() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        let heads = ["《双周决策观察》2024年第20期（总第294期）", "《双周决策观察》2024年第20期（总第294期）",
                     "《双周决策观察》2024年第26期（总第29期）", "双周决策观察·地方工作亮点追踪"]
        var issue = IssueInfo(printDate: "2021-10-24")
        let warnings = parser.filling(&issue, fromRunningHeads: heads)
        #expect(issue.year == 2024 && issue.number == 20 && issue.cumulativeNumber == 294)
        #expect(issue.printDate == "2024-10-24")
        #expect(warnings.map(\.code) == ["masthead-from-running-head", "masthead-from-running-head", "masthead-corrected"])
        // What the cover read stays; one head alone, or a tie, decides nothing.
        var read = IssueInfo(year: 2024, number: 21, cumulativeNumber: 295, printDate: "2024-11-06")
        #expect(parser.filling(&read, fromRunningHeads: heads).isEmpty)
        #expect(read == IssueInfo(year: 2024, number: 21, cumulativeNumber: 295, printDate: "2024-11-06"))
        var lone = IssueInfo()
        _ = parser.filling(&lone, fromRunningHeads: [heads[0], heads[2]])
        #expect(lone.year == nil && lone.cumulativeNumber == nil)
    }

    /// A scanned cover that reads the number one digit off (`第1期`) where three
    /// running heads or more, most of them, print another (第11期, v10308):
    /// the heads' number is taken, with a warning. Two heads, a text-layer
    /// cover, or a number further off leave the cover's reading.
    @Test func aCoverNumberOneDigitOffWhatTheRunningHeadsAgreeOnIsTheirs() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        let heads = ["2024年第11期", "2024年第11草", "2024年第11期", "2024年第11期", "2024年第11期", "双周决策观察地方工作亮点追踪"]
        var issue = IssueInfo(year: 2024, number: 1, cumulativeNumber: 285, printDate: "2024-06-06")
        #expect(parser.filling(&issue, fromRunningHeads: heads, coverReadByOCR: true).map(\.code) == ["masthead-corrected"])
        #expect(issue.number == 11)
        var printed = IssueInfo(year: 2024, number: 1, cumulativeNumber: 285, printDate: "2024-06-06")
        #expect(parser.filling(&printed, fromRunningHeads: heads).isEmpty && printed.number == 1)
        var two = IssueInfo(year: 2024, number: 1)
        _ = parser.filling(&two, fromRunningHeads: Array(heads.prefix(2)), coverReadByOCR: true)
        #expect(two.number == 1)
        var far = IssueInfo(year: 2024, number: 7)
        _ = parser.filling(&far, fromRunningHeads: heads, coverReadByOCR: true)
        #expect(far.number == 7)
    }

    /// A print date printed without its year (`12 月 30 日印发`) on a cover whose
    /// issue label was lost takes the year the running heads give.
    @Test func aPrintDateWithoutItsYearTakesTheYearTheRunningHeadsGive() throws {
        var pages = try StructureTests().madeUpIssue()
        pages[0].lines[0] = line("第17期2031：年", x: 420, y: 60, size: 15, bold: true)
        for index in 1...2 { pages[index].lines.insert(line("《双周决策观察》2031年第17期", x: 60, y: 30, size: 9), at: 0) }
        let cleaned = clean(pages, rules: definition.furniture ?? FurnitureRules())
        let source = SourceInfo(file: "made-up.pdf", sha256: "", pageCount: 3)
        let issue = structure(cleaned, pages: pages, source: source, metadata: PDFMetadata(), definition: definition)
        #expect(issue.issue.year == 2031 && issue.issue.number == 17)
        #expect(issue.issue.printDate == "2031-12-30")
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        #expect(parser.printDate(["12月30日印发"], year: nil) == nil)
        #expect(parser.printDate(["印发日期：2030年12月30日"], year: 2031) == "2030-12-30")
    }

    /// An outlet OCR misread in a citation is the lexicon's where one known
    /// outlet is closest; one as close to two (湖x日报), or unknown and near
    /// none, stays as read; a text page's citation is never touched.
    @Test func misreadOutletsSnapToTheLexicon() throws {
        let outlets = OutletNames(known: try #require(definition.lexicon?.outlets))
        #expect(outlets.snapped("澎涛新闻") == "澎湃新闻" && outlets.snapped("大众旦报") == "大众日报")
        #expect(outlets.snapped("解放上日报") == "解放日报" && outlets.snapped("，福建日报") == "福建日报")
        #expect(outlets.snapped("21攻加经济报道") == "21世纪经济报道")
        #expect(outlets.snapped("湖x日报") == nil && outlets.snapped("洛阳日报") == nil && outlets.snapped("北京市科委") == nil)
        // Two as close are told apart by the article's place: its section and title.
        #expect(outlets.snapped("过宁日报") == nil && outlets.snapped("过宁日报", context: "辽宁沈阳出台18条措施") == "辽宁日报")
        #expect(outlets.snapped("湖x日报", context: "湖南长沙出台10条措施") == "湖南日报")
        #expect(outlets.snapped("湖x日报", context: "上海发布行动方案") == nil)
        var articles = [Article(section: nil, title: "扫描页", pages: [3], blocks: [], sources: [Citation(name: "澎涛新闻", date: "2024-10-16")]),
                        Article(section: nil, title: "文字页", pages: [4], blocks: [], sources: [Citation(name: "澎涛新闻", date: "2024-10-16")])]
        let warnings = outlets.snapping(&articles, ocrPages: [3])
        #expect(articles.map { $0.sources[0].name } == ["澎湃新闻", "澎涛新闻"] && warnings.map(\.code) == ["lexicon-corrected"])
    }

    /// A character the OCR model cannot write (chi_sim has no 湃) matches
    /// whatever OCR read in its place: `湾涯新闻` is one edit from 澎湃新闻 and
    /// two from 界面新闻 and 央视新闻. As near, a name read as printed wins
    /// (`界而新闻` is 界面新闻's). Without the character known, only a reading
    /// one edit off is snapped (`澎涯新闻`).
    @Test func anOutletCharacterTheModelCannotWriteMatchesAnyReading() throws {
        let known = try #require(definition.lexicon?.outlets)
        let blind = OutletNames(known: known, unwritable: ["湃"])
        #expect(blind.snapped("湾涯新闻") == "澎湃新闻" && blind.snapped("澎涯新闻") == "澎湃新闻")
        #expect(blind.snapped("界而新闻") == "界面新闻" && blind.snapped("央视新闻") == "央视新闻")
        #expect(blind.edits("澎湃新闻", "澎涯新闻") == (0, 1) && blind.edits("澎湃新闻", "新闻") == (2, 1))
        let seeing = OutletNames(known: known)
        #expect(seeing.snapped("湾涯新闻") == nil && seeing.snapped("澎涯新闻") == "澎湃新闻")
    }

    /// A cover title OCR could not read at all (`双向起形观守祭` at confidence
    /// 0.15) is the publication's title when it is the cover's largest text, and
    /// the subtitle read in part (`地方工作`, the rest lost) is the subtitle;
    /// a largest text read with confidence and unlike the title stays as read.
    @Test func aCoverTitleOCRCouldNotReadIsTheKnownTitle() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        func cover(_ title: String, confidence: Double) -> (Publication, [Warning]) {
            var big = line(title, x: 96, y: 289, width: 306, size: 43.5)
            big.confidence = confidence
            var sub = line("地方工作", x: 162, y: 340, width: 86, size: 21.5)
            sub.confidence = 0.92
            let body = scanned("【区域】各地加快布局新质生产力", x: 98, y: 391, width: 120)
            let (publication, _, warnings) = parser.parse(PageLines(page(1, [big, sub, body]), furniture: []), bodySize: 10.5)
            return (publication, warnings)
        }
        let (unread, warnings) = cover("双向起形观守祭", confidence: 0.15)
        #expect(unread.title == "双周决策观察" && unread.subtitle == "地方工作亮点追踪")
        #expect(warnings.filter { $0.code == "lexicon-corrected" }.count == 2)
        #expect(cover("双向起形观守祭", confidence: 0.9).0.title == "双向起形观守祭")
    }

    /// An issue label whose 期 OCR misread (`2024年第11其`) still gives the year
    /// and number where no label was read whole; a quarter (第3季度) does not.
    @Test func anIssueLabelWithItsLastCharacterMisreadStillCounts() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        func issue(_ texts: [String]) -> IssueInfo {
            parser.parse(PageLines(page(1, texts.enumerated().map { scanned($1, x: 400, y: 90 + 20 * Double($0), width: 100) }),
                                   furniture: []), bodySize: 12).1
        }
        let misread = issue(["2024年第3季度经济数据出炉", "2024年第11其", "（总第285期）"])
        #expect(misread.year == 2024 && misread.number == 11 && misread.cumulativeNumber == 285)
        #expect(issue(["2024年第3季度经济数据出炉"]).number == nil)
        #expect(issue(["2024年第3季度经济数据出炉", "第12期 2024年"]).number == 12)
        // A speck between the number and 期 read as a mark.
        #expect(issue(["2024年第11.期", "总第285期"]).number == 11 && issue(["第11，期2024年"]).number == 11)
        // A label whose number OCR lost, or the year line of a stacked label alone, still gives the year.
        let lost = issue(["2024年第期", "（总第277期）"])
        #expect(lost.year == 2024 && lost.number == nil && lost.cumulativeNumber == 277)
        #expect(issue(["2023年", "印发日期：2023年9月21日"]).year == 2023)
        #expect(issue(["2023年长三角地区社零总额已占全国四分之一"]).year == nil)
    }

    /// A label printed stacked, its lines set so tight their boxes overlap
    /// (LibreOffice: `2024 年` to y 73.2, `第 20 期` from y 71.3), is read whole.
    @Test func aStackedIssueLabelSetTightIsReadWhole() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        let stacked = [line("2024 年", x: 74, y: 53.7, width: 52, size: 19.5), line("第 20 期", x: 74, y: 71.3, width: 54, size: 19.5),
                       line("(总第 294 期)", x: 74, y: 88.4, width: 72, size: 14.3)]
        let issue = parser.parse(PageLines(page(1, stacked), furniture: []), bodySize: 12).1
        #expect(issue.year == 2024 && issue.number == 20 && issue.cumulativeNumber == 294)
    }

    /// A stacked label whose year line OCR lost (`2022年` read `与0225征`): the
    /// cumulative line over the print date (`总第252期` / `2022年12月15日印发`)
    /// is no number-first label, the number is read alone, and the year is the
    /// print date's, said in a warning.
    @Test func aStackedLabelWhoseYearLineWasLostTakesTheNumberAloneAndThePrintDatesYear() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        // As read from a 300 dpi scan.
        let cover = [line("与0225征", x: 443, y: 66, width: 50, size: 12), line("第22期", x: 441, y: 80.7, width: 54, size: 16),
                     line("总第252期", x: 440, y: 100.3, width: 55, size: 10.6), line("2022年12月15日印发", x: 380, y: 116.6, width: 115, size: 10.1)]
        var issue = parser.parse(PageLines(page(1, cover), furniture: []), bodySize: 12).1
        #expect(issue.number == 22 && issue.cumulativeNumber == 252 && issue.year == nil)
        let warnings = parser.fillingYear(&issue)
        #expect(issue.year == 2022 && issue.printDate == "2022-12-15")
        #expect(warnings.map(\.code) == ["masthead-year-from-print-date"])
        // A year read stays; the number-first label still reads.
        var read = IssueInfo(year: 2023, number: 22, printDate: "2022-12-15")
        #expect(parser.fillingYear(&read).isEmpty && read.year == 2023)
        let numberFirst = parser.parse(PageLines(page(1, [scanned("第12期 2024年", x: 400, y: 90, width: 100)]), furniture: []), bodySize: 12).1
        #expect(numberFirst.year == 2024 && numberFirst.number == 12)
    }

    /// What OCR puts between a cover's label and its year, and into a print
    /// date's day (v10611, v10610): `第21期，2025年` is number 21 of 2025, and a
    /// date printed without its year then takes it; a day's 1 read as `i`
    /// (`9月2i日`) is a 1, and 日期 with its 日 misread (`印发月期：`) still labels a date.
    @Test func aLabelWithAMarkBeforeItsYearAndADayWithA1ReadAsIStillRead() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        func issue(_ texts: [String]) -> IssueInfo {
            let lines = texts.enumerated().map { scanned($1, x: 320, y: 80 + 18 * Double($0), width: 120, size: 11, confidence: 0.9) }
            return parser.parse(PageLines(page(1, lines), furniture: []), bodySize: 12).1
        }
        #expect(issue(["第21期，2025年", "（总第295期）", "11月6日印发"])
            == IssueInfo(year: 2025, number: 21, cumulativeNumber: 295, printDate: "2025-11-06"))
        #expect(issue(["第18期2023年", "总第270期", "印发日期，2023年9月2i日"]).printDate == "2023-09-21")
        // 日 of 日期 misread (v10714).
        #expect(issue(["第3期2024年", "（总第277期）", "印发月期：2024年2月8日"]).printDate == "2024-02-08")
    }

    /// A print date OCR parted at a wide gap (`2024年10` / `月24日印发`, one
    /// baseline) is read whole; two lines far apart on a row are not joined.
    @Test func aPrintDatePartedOnItsBaselineIsReadWhole() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        func date(_ second: Double) -> String? {
            parser.parse(PageLines(page(1, [scanned("2024年10", x: 400, y: 119, width: 50), scanned("月24日印发", x: second, y: 119, width: 60)]),
                                   furniture: []), bodySize: 12).1.printDate
        }
        #expect(date(458) == "2024-10-24")
        #expect(date(540) == nil)
        // A stroke OCR added after the day (`21l日`) is no part of it.
        let stroked = parser.parse(PageLines(page(1, [scanned("2023年9月21l日印发", x: 400, y: 119, width: 110)]), furniture: []), bodySize: 12)
        #expect(stroked.1.printDate == "2023-09-21")
    }

    /// OCR misreads the masthead's fixed characters: 月 or 日 read as another
    /// character beside 印发 (`6胃6日印发`, `9月21晶印发`), the colon after 印发日期
    /// as a comma, a mark beside a number, 期 of the cumulative number (`总第270其`), 印 of
    /// 印发日期 (`名发日期`); a date line parted
    /// at a gap of two ems (`印发日期：2024` / `年6月6日`) is read whole.
    @Test func aMastheadWithItsFixedCharactersMisreadStillGivesItsNumbers() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        func issue(_ lines: [TextLine]) -> IssueInfo { parser.parse(PageLines(page(1, lines), furniture: []), bodySize: 12).1 }
        func issue(_ texts: [String]) -> IssueInfo {
            issue(texts.enumerated().map { scanned($1, x: 40, y: 60 + 20 * Double($0), width: 120) })
        }
        #expect(issue(["第11期", "（总第285期）", "6胃6日印发"]).printDate == nil)
        #expect(issue(["2024年第11期", "（总第285期）", "6胃6日印发"]).printDate == "2024-06-06")
        let misread = issue(["第18期2023年", "总第270其", "2023年9月21晶印发"])
        #expect(misread.printDate == "2023-09-21" && misread.cumulativeNumber == 270)
        #expect(issue(["第11期", "印发日期，2024年6月6日"]).printDate == "2024-06-06")
        #expect(issue(["2022年第22期", "印发日期：2022年12月15蝇"]).printDate == "2022-12-15")
        // A mark OCR put beside a number (`12.月`, `月-21`, `月，15`) is no part of the date.
        #expect(issue(["第22期2022年", "2022年12.月15月印发"]).printDate == "2022-12-15")
        #expect(issue(["（总第270期）", "2023年9月-21日印发"]).printDate == "2023-09-21")
        #expect(issue(["第22期2022年", "12月，15日印发"]).printDate == "2022-12-15")
        #expect(issue(["2024年", "第3期", "2024年2月8人日印发"]).printDate == "2024-02-08")
        var parted = [scanned("印发日期：2024", x: 42, y: 98, width: 76), scanned("年6月6日", x: 140, y: 98, width: 47)]
        parted[0].size = 11; parted[1].size = 11
        #expect(issue(parted).printDate == "2024-06-06")
        // A cover line with a number of its own stays no cumulative number.
        #expect(issue(["2024年第11期", "总体第一"]).cumulativeNumber == nil)
        // 总 and 期 both misread in their brackets (v9516); a quote mark OCR put after the colon (v9511).
        #expect(issue(["2022年第22期", "{必第252项）"]).cumulativeNumber == 252)
        #expect(issue(["2022年第22期", "（第二届）", "全国第12名"]).cumulativeNumber == nil)
        // The opening bracket and 总 read as one character (v10501); a line of an issue's own number is none.
        #expect(issue(["第18期2023年", "们第270期）"]).cumulativeNumber == 270)
        #expect(issue(["2023年", "刊第18期"]).cumulativeNumber == nil)
        #expect(issue(["第18期", "印发日期：“2023年9月21日"]).printDate == "2023-09-21")
        #expect(issue(["2024年第11期", "印发日期；2024年6月6日"]).printDate == "2024-06-06")
        // 印 of 印发日期 misread (v8116): the rest of the label and a whole date still tell.
        #expect(issue(["2024年第11期", "（总第285期）", "名发日期：2024年6月6日"]).printDate == "2024-06-06")
        #expect(issue(["2024年第11期", "出发日期：6月6日"]).printDate == nil)
        // 印 read as a Latin letter (v12004) or lost: the same.
        #expect(issue(["第21期2025年", "p发日期：2025年11月6日"]).printDate == "2025-11-06")
        #expect(issue(["第21期2025年", "发日期：2025年11月6日"]).printDate == "2025-11-06")
        // The bracket and 总 read as two marks, a comma after 期 (v12011).
        #expect(issue(["2024年", "第11期", "\\必第285期，"]).cumulativeNumber == 285)
        // A mark OCR put into the year (v11205): the month and day read, the year is the label's.
        #expect(issue(["2024年第3期", "印发日期：202:4年2月8日"]).printDate == "2024-02-08")
        #expect(issue(["第3期", "印发日期：202:4年2月8日"]).printDate == nil)
        // A speck read as a mark before 期 or 月, apart from the number (v11404).
        let specks = issue(["2024年第3期", "（总第277”期）", "2024年2 )月8日印发"])
        #expect(specks.cumulativeNumber == 277 && specks.printDate == "2024-02-08")
        #expect(issue(["2024年第3期", "（总第277”人期）"]).cumulativeNumber == nil)
        // A speck read as a dash before 期, the print date on the same line (v12116);
        // a double issue's range is no number.
        #expect(issue(["2024年", "第3其", "总第277-期2024年2月8日印发"]).cumulativeNumber == 277)
        #expect(issue(["2024年第3期", "总第277-278期"]).cumulativeNumber == nil)
    }

    /// The title OCR passed over on the cover (its largest other text, 第11期,
    /// taken) comes from the running heads that print it, misread or not;
    /// one head alone does not decide, and a title read on the cover stays.
    @Test func theTitleComesFromTheRunningHeadsWhereTheCoverLostIt() {
        let parser = MastheadParser(rules: definition.masthead, lexicon: definition.lexicon)
        let heads = ["双导决策观察）》2024年第20期（总第294期", "《双周决策观察》2024年第20期（总第294期）"]
        var lost = Publication(title: "第11期")
        #expect(parser.fillingTitle(&lost, fromRunningHeads: heads).map(\.code) == ["masthead-from-running-head"])
        #expect(lost.title == "双周决策观察")
        var alone = Publication()
        #expect(parser.fillingTitle(&alone, fromRunningHeads: [heads[0], "地方工作亮点追踪"]).isEmpty && alone.title == nil)
        var read = Publication(title: "双周决策观察")
        #expect(parser.fillingTitle(&read, fromRunningHeads: heads).isEmpty)
    }

    /// A headline whose last line holds one character (`好`): the one-character
    /// block is its last part, and the contents entry finds the headline whole.
    @Test func aHeadlinesOneCharacterLastLineJoinsIt() {
        let parts = ["长三角三省一市前4月经济数据出炉外贸和工业投资增势良", "好"]
        let blocks = parts.enumerated().map { index, text in
            CleanBlock(text: text, provenance: [Provenance(page: 4, box: Box(x0: 281, y0: 58 + Double(index) * 22, x1: 469, y1: 71 + Double(index) * 22))],
                       lines: ["4:\(index)"], size: 14, bold: false, endReason: "style", ocr: true, confidence: 0.9)
        }
        let titles = TitleIndex(blocks, bodySize: 11, marker: nil)
        let best = titles.best(parts.joined(), after: Box(x0: 60, y0: 300, x1: 300, y1: 310), page: 2, excluding: [], ocr: true)
        #expect(best?.blocks == [0, 1])
    }

    /// Where the contents are known, a scanned headline whose contents row OCR
    /// lost is still a title when it is read at the size of the headlines the
    /// contents name; not a sub-heading OCR sized far larger, a paragraph's line
    /// with a comma, or a scrap of two characters sized by a guess.
    @Test func aHeadlineTheContentsLostIsATitleWhenSizedAsTheNamedOnes() {
        var builder = ArticleBuilder(rules: definition.articles, bodySize: 14, citations: CitationParser(rules: definition.sources),
                                     lexiconSections: definition.lexicon?.sections)
        builder.contentsKnown = true
        func block(_ text: String, size: Double, y: Double) -> CleanBlock { ocrBlock(text, page: 3, size: size, y: y, confidence: 0.9) }
        let body = "各地陆续召开经济形势分析会和重大项目推进会，提前谋划明年重点工作。"
        let blocks = [block("【区域】各地提前谋划2023年重大项目扩大有效投资", size: 20, y: 60), block(body, size: 14, y: 100),
                      block("【湖北】武汉出台16条措施打造世界级光电子信息产业集群", size: 20, y: 200), block(body, size: 14, y: 240),
                      block("【江苏】开辟五个领域的产业新赛道", size: 31, y: 300), block(body, size: 14, y: 340),
                      block("据测算，上述措施全面落地后，预计每年减负超过40亿元", size: 21, y: 400),
                      block("设行", size: 21, y: 430), block(body, size: 14, y: 460),
                      block("【福建】福建推出20条措施支持民营企业稳岗扩岗", size: 22, y: 500), block(body, size: 14, y: 540)]
        let built = builder.buildRead(blocks, titles: [0, 9], fallbackTitle: nil)
        #expect(built.articles.map(\.title) == ["各地提前谋划2023年重大项目扩大有效投资", "武汉出台16条措施打造世界级光电子信息产业集群",
                                                "福建推出20条措施支持民营企业稳岗扩岗"])
        #expect(built.articles.map(\.section) == ["区域", "湖北", "福建"])
        #expect(built.articles[1].blocks.map(\.kind).contains(.heading))
        // With one headline named, nothing changes.
        let one = builder.buildRead(blocks, titles: [0], fallbackTitle: nil)
        #expect(one.articles.count == 1)
        // Where the headlines stand under markers of their own, a bold sub-heading opening with a label,
        // sized as they are, stays a sub-heading (v1024), and the line going on from it is no headline of its own;
        // nor is a block right above a named headline.
        let owned = [block("【区域】", size: 14, y: 40), block("各地提前谋划2023年重大项目扩大有效投资", size: 20, y: 60), block(body, size: 14, y: 100),
                     block("【湖北】储备项目总投资超过5万亿元", size: 20, y: 200), block(body, size: 14, y: 240),
                     block("洛阳深化“万人助万企”活动", size: 20, y: 270),
                     block("福建推出20条措施支持民营企业稳岗扩岗", size: 20, y: 330), block(body, size: 14, y: 400),
                     block("【湖北】武汉出台16条措施打造世界级", size: 20, y: 420), block("光电子信息产业集群", size: 20, y: 442),
                     block(body, size: 14, y: 480)]
        let marked = builder.buildRead(owned, titles: [1, 6], fallbackTitle: nil)
        #expect(marked.articles.map(\.title) == ["各地提前谋划2023年重大项目扩大有效投资", "福建推出20条措施支持民营企业稳岗扩岗"])
    }
}
