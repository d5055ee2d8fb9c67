import Foundation
import Testing
@testable import IssuePipe

/// Contents entries read against the headlines they name, on made-up pages
/// set as the layout variants set them, with the real `Pipelines/bri-biweekly.yaml`.
@Suite struct ContentsEntriesTests {
    let definition: PipelineDefinition

    init() throws {
        definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
    }

    /// The contents (and their section labels) the structure stage reads off these pages.
    func contents(_ pages: [PageLayout]) -> [ContentsEntry] {
        let cleaned = clean(pages, rules: definition.furniture ?? FurnitureRules())
        let source = SourceInfo(file: "made-up.pdf", sha256: String(repeating: "0", count: 64), pageCount: pages.count)
        return structure(cleaned, pages: pages, source: source, metadata: PDFMetadata(), definition: definition).contents
    }

    /// A body page: a section label, a headline in one or more lines, and a
    /// paragraph, each line a block of its own as a scan's are.
    func bodyPage(_ number: Int, label: String, headline: [String], ocr: Bool = false) -> PageLayout {
        var lines = [line(label, x: 84, y: 90, size: 11)]
        for (index, text) in headline.enumerated() {
            lines.append(line(text, x: 150, y: 130 + 22 * Double(index), size: 15, bold: !ocr))
        }
        let y = 130 + 22 * Double(headline.count) + 20
        lines.append(line("近日，有关部门印发实施方案，提出一系列具体举措，推动各项工作落地见效。", x: 84, y: y, width: 420, size: 11))
        lines.append(line("各地将加快推进。", x: 60, y: y + 20, width: 88, size: 11))
        return ocr ? ocrPage(number, lines) : page(number, lines)
    }

    /// A headline's last character wrapped onto a row of its own beside the
    /// entry's page number (`四分之` / `一  3`, v11103): the Han numeral is the
    /// headline's, not a page number, so the entry keeps it.
    @Test func aHeadlinesLastCharacterAloneOnItsRowIsNoPageNumber() throws {
        let rows = try contentsRows(definition, [
            line("★ 2023 年长三角地区社零总额已占全国四分之", x: 130, y: 453, width: 252),
            line("一", x: 148, y: 472, width: 12),
            line("3", x: 412, y: 472, width: 6),
        ])
        #expect(rows.map(\.text) == ["2023 年长三角地区社零总额已占全国四分之", "一"])
        #expect(rows.map(\.decorated) == [true, true])
        #expect(ContentsRowReader.isBareNumber("3 ") && !ContentsRowReader.isBareNumber("一"))
    }

    /// A text layer's entry wrapped after an enumeration comma of its title
    /// (`● 前三季度城市 GDP“十强”座次稳定 成都、` / `杭州增速领跑……3`, v12004):
    /// the comma is the title's. A leader dot or colon left at a row's end goes.
    @Test func aWrappedRowKeepsTheCommaItEndsWith() throws {
        let rows = try contentsRows(definition, [
            line("● 前三季度城市 GDP“十强”座次稳定 成都、", x: 72, y: 300, width: 250),
            line("杭州增速领跑.............................3", x: 72, y: 318, width: 250),
            line("● 浦东新区试点跨境数据流动“白名单”扩围：", x: 72, y: 336, width: 250),
        ])
        #expect(rows.map(\.text) == ["前三季度城市 GDP“十强”座次稳定成都、", "杭州增速领跑", "浦东新区试点跨境数据流动“白名单”扩围"])
    }

    /// A mixed issue (v12006): the contents in its text layer wrap a headline
    /// over three rows in a narrow column, the last one `政”`; the headline on
    /// its scanned page is read without its quotes, so the last row adds
    /// little likeness by the whole text, but a letter by its letters. The
    /// entry takes it.
    @Test func aLastRowOfOneCharacterJoinsAHeadlineOCRReadWithoutItsQuotes() {
        let toc = page(2, [
            line("本期要目", x: 211, y: 90, width: 66, size: 16.5),
            line("[区域]", x: 48, y: 130, width: 27, size: 10.5), line("[湖北]", x: 48, y: 184, width: 27, size: 10.5),
            line("[福建]", x: 48, y: 237, width: 27, size: 10.5),
            line("■ 各地提前谋划2023 年重", x: 96, y: 130, width: 122, size: 10.5), line("■ 厦门自贸片区推出", x: 301, y: 130, width: 97, size: 10.5),
            line("大项目", x: 106, y: 148, width: 32, size: 10.5), line("跨境贸易便利化“十条新", x: 312, y: 148, width: 116, size: 10.5),
            line("扩大有效投资", x: 106, y: 166, width: 63, size: 10.5), line("政”", x: 312, y: 166, width: 21, size: 10.5),
            line("■ 武汉出台16条措施", x: 96, y: 184, width: 98, size: 10.5), line("[海南]", x: 254, y: 184, width: 27, size: 10.5),
            line("■ 海南自贸港加工增值免关", x: 301, y: 184, width: 128, size: 10.5),
            line("打造世界级光电子信息产", x: 106, y: 202, width: 116, size: 10.5), line("税政策", x: 312, y: 202, width: 32, size: 10.5),
            line("业集群", x: 106, y: 219, width: 32, size: 10.5), line("扩围至全岛重点园区", x: 312, y: 219, width: 94, size: 10.5),
            line("■ 福建推出 20 条措施", x: 96, y: 237, width: 103, size: 10.5), line("支持民营企业稳岗扩岗", x: 106, y: 255, width: 105, size: 10.5),
        ])
        let headlines = [("【区域】", "各地提前谋划2023年重大项目扩大有效投资"), ("【湖北】", "武汉出台16条措施打造世界级光电子信息产业集群"),
                         ("【福建】", "福建推出20条措施支持民营企业稳岗扩岗"), ("【福建】", "厦门自贸片区推出跨境贸易便利化十条新政"),
                         ("【海南】", "海南自贸港加工增值免关税政策扩围至全岛重点园区")]
        let entries = contents([toc] + headlines.enumerated().map { bodyPage(3 + $0.offset, label: $0.element.0, headline: [$0.element.1], ocr: true) })
        #expect(entries.map(\.title).contains("厦门自贸片区推出跨境贸易便利化“十条新政”"))
        #expect(!entries.map(\.title).contains("政”") && entries.count == 5)
    }

    /// Contents that print no page numbers (v12701, LibreOffice, numbered
    /// entries in two columns): a row that wraps after a number of the
    /// headline (`◆ 2. GDP 超 5000 亿区县或达 12` / `个 西海岸新区入围`) keeps
    /// it. Where the entries end in page numbers, the same row's number is one.
    @Test func aNumberEndingARowIsTheHeadlinesWhereNoEntryPrintsAPageNumber() throws {
        func rows(pageNumbers: Bool) throws -> [String] {
            let heads = ["◆ 1. 各地加快布局“新质生产力”", "◆ 2. GDP 超 5000 亿区县或达 12", "个 西海岸新区入围",
                         "◆ 3. 2023 年长三角地区社零总额已占全国四分之一", "◆ 4. 上海出台实施方案落实自贸区开放",
                         "◆ 5. 上海政务服务绘就“一网通办”新三年蓝图"]
            return try contentsRows(definition, heads.enumerated().map { k, text in
                let numbered = pageNumbers && k != 1 ? text + " \(k + 2)" : text
                return line(numbered, x: text.hasPrefix("◆") ? 72 : 84, y: 300 + 18 * Double(k), width: 12 * Double(numbered.count))
            }).map(\.text)
        }
        #expect(try rows(pageNumbers: false) == ["各地加快布局“新质生产力”", "GDP 超 5000 亿区县或达 12", "个西海岸新区入围",
                                                 "2023 年长三角地区社零总额已占全国四分之一", "上海出台实施方案落实自贸区开放",
                                                 "上海政务服务绘就“一网通办”新三年蓝图"])
        #expect(try rows(pageNumbers: true)[1] == "GDP 超 5000 亿区县或达")
    }

    /// Leaders with room for one dot only (`开拓海外市场.5`, LibreOffice's dot
    /// leader, v11102) go with the page number; a decimal in a headline stays.
    @Test func aSingleLeaderDotGoesWithThePageNumber() throws {
        let rows = try contentsRows(definition, [
            line("· 长沙出台 10 条措施支持工程机械企业开拓海外市场.5", x: 72, y: 300, width: 300),
            line("· 广东前三季度GDP增长 3.6", x: 72, y: 320, width: 160),
        ])
        #expect(rows.map(\.text) == ["长沙出台 10 条措施支持工程机械企业开拓海外市场", "广东前三季度GDP增长 3.6"])
    }

    /// A known section name alone after a bullet is the first word of a
    /// headline wrapped in a narrow column (`■ 重庆` / `加快西部陆海新通道建设`,
    /// v11112): the entry keeps it. Where no row continues it (the next opens
    /// an entry of its own) it labels the entries under it.
    @Test func aSectionNameAloneAfterABulletOpensItsHeadline() {
        let cover = page(1, [
            line("本期要目", x: 250, y: 300, size: 14),
            line("【重庆】", x: 84, y: 340, size: 10.5),
            line("■ 重庆", x: 140, y: 342, width: 34, size: 10.5),
            line("加快西部陆海新通道建设", x: 150, y: 360, width: 116, size: 10.5),
            line("前三季度班列发运量增长 18% ...... 2", x: 150, y: 378, width: 200, size: 10.5),
            line("■ 北京", x: 140, y: 400, width: 34, size: 10.5),
            line("■ 北京发力商业航天新质生产力 ...... 3", x: 140, y: 418, width: 210, size: 10.5),
        ])
        let entries = contents([
            cover,
            bodyPage(2, label: "【重庆】", headline: ["重庆加快西部陆海新通道建设", "前三季度班列发运量增长 18%"]),
            bodyPage(3, label: "【北京】", headline: ["北京发力商业航天新质生产力"]),
        ])
        #expect(entries.map(\.title) == ["重庆加快西部陆海新通道建设前三季度班列发运量增长 18%", "北京发力商业航天新质生产力"])
        #expect(entries.map(\.section) == ["重庆", "北京"])
    }

    /// Contents in two columns on a scan, the left column's page numbers set
    /// by the gutter: OCR reads one with its own entry's last row (`公司并购重组
    /// 3`) and others with the right column's first rows on their baseline
    /// (`4 ★南京推出…`, v11802). The numbers say nothing of a row's column:
    /// the left column is still read before the right one.
    @Test func theLeftColumnsNumbersByTheGutterLeaveTheColumnsInOrder() {
        func read(_ words: [(String, Double, Double)], y: Double) -> TextLine {
            let spans = words.map { TextSpan(text: $0.0, box: Box(x0: $0.1, y0: y, x1: $0.2, y1: y + 10), font: "OCR", size: 10, bold: false) }
            var read = TextLine(text: words.map(\.0).joined(separator: " "), box: spans.map(\.box).union!, font: "OCR", size: 10,
                                bold: false, spans: spans)
            read.confidence = 0.9
            return read
        }
        var contentsPage = page(2, [
            read([("本期要目", 210, 250)], y: 250),
            read([("【上海】★上海发布支持上市", 90, 224)], y: 280), read([("【江苏】★苏州发布人工智能", 275, 400)], y: 280),
            read([("公司并购重组", 146, 216), ("3", 245, 251)], y: 298), read([("制造行动方案", 324, 394), ("6", 410, 416)], y: 298),
            read([("【浙江】★浙江发布优化营商", 90, 224)], y: 316),
            read([("环境条例", 146, 186)], y: 334), read([("4", 245, 251), ("★南京推出科技企业投贷", 260, 400)], y: 334),
            read([("【北京】★北京建设数据基础", 90, 224)], y: 352), read([("联动试点", 324, 364), ("7", 410, 416)], y: 352),
            read([("制度先行区", 146, 196)], y: 370), read([("5", 245, 251), ("【山东】★青岛出台措施支持", 275, 400)], y: 370),
            read([("海洋装备产业", 324, 394), ("8", 410, 416)], y: 388),
        ])
        contentsPage.method = .ocr
        let heads = [("【上海】", "上海发布支持上市公司并购重组"), ("【浙江】", "浙江发布优化营商环境条例"), ("【北京】", "北京建设数据基础制度先行区"),
                     ("【江苏】", "苏州发布人工智能制造行动方案"), ("【江苏】", "南京推出科技企业投贷联动试点"), ("【山东】", "青岛出台措施支持海洋装备产业")]
        let entries = contents([page(1, [line("双周决策观察", x: 200, y: 100, size: 30)]), contentsPage]
            + heads.enumerated().map { bodyPage(3 + $0.offset, label: $0.element.0, headline: [$0.element.1]) })
        #expect(entries.map(\.title) == heads.map(\.1))
        #expect(entries.map(\.section) == ["上海", "浙江", "北京", "江苏", "江苏", "山东"])
    }

    /// Dot leaders and a page number OCR read as characters standing far apart
    /// (`…新质生产力 一 三 二 -三 本`, v11818) are no part of the headline; a
    /// word space in a headline, or the other column's entry read on the same
    /// line, are characters an em apart and stay.
    @Test func leadersReadAsCharactersFarApartLeaveTheRow() throws {
        func read(_ words: [(String, Double, Double)]) -> TextLine {
            let spans = words.map { TextSpan(text: $0.0, box: Box(x0: $0.1, y0: 300, x1: $0.2, y1: 310.5), font: "OCR", size: 10.5, bold: false) }
            var read = TextLine(text: words.map(\.0).joined(), box: spans.map(\.box).union!, font: "OCR", size: 10.5, bold: false, spans: spans)
            read.confidence = 0.9
            return read
        }
        let headline: [(String, Double, Double)] = [("【北京】", 82, 120), ("六、", 127, 143), ("北京", 150, 177), ("发力", 183, 201),
                                                   ("商业", 201, 218), ("航天", 223, 242), ("新质", 247, 266), ("生产", 272, 298), ("力", 306, 311)]
        let leaders: [(String, Double, Double)] = [("一", 337, 338), ("三", 355, 365), ("二", 370, 380), ("-三", 394, 398), ("本", 430, 485)]
        let rows = try contentsRows(definition, [read(headline + leaders)])
        #expect(rows.map(\.text) == ["北京发力商业航天新质生产力"] && rows.first?.decorated == true)
        let spaced = try contentsRows(definition, [read(headline + [("新赛道", 330, 362)])])
        #expect(spaced.map(\.text) == ["北京发力商业航天新质生产力新赛道"])
    }

    /// A headline a scanned page of a mixed issue prints on two lines, the
    /// second read without its opening quote, named by a text-layer entry
    /// wrapped over five rows (v11107): the entry grows at OCR's likeness, as
    /// it is named at it, and is one entry, not two.
    @Test func aTextEntryNamingAnOCRHeadlineGrowsAtOCRsLikeness() {
        let cover = page(1, [
            line("本期要目", x: 250, y: 300, size: 14),
            line("【海南】 ◆ 海南推进全岛封", x: 275, y: 547, width: 138, size: 10.5),
            line("关运作准备工作", x: 339, y: 566, width: 74, size: 10.5),
            line("首批“二", x: 339, y: 584, width: 42, size: 10.5),
            line("线口岸”", x: 339, y: 603, width: 42, size: 10.5),
            line("通过验收 ........... 2", x: 339, y: 622, width: 120, size: 10.5),
            line("【北京】 ◆ 北京发力商业航天新质生产力 ...... 3", x: 275, y: 641, width: 230, size: 10.5),
        ])
        let entries = contents([
            cover,
            bodyPage(2, label: "[海南]", headline: ["海南推进全岛封关运作准备工作", "首批二线口岸”通过验收"], ocr: true),
            bodyPage(3, label: "【北京】", headline: ["北京发力商业航天新质生产力"]),
        ])
        #expect(entries.map(\.title) == ["海南推进全岛封关运作准备工作首批“二线口岸”通过验收", "北京发力商业航天新质生产力"])
    }

    /// On a scan a section label read as a block of its own above a two-line
    /// headline (`[上海]`, 11 pt, over lines of 14.5 and 15 pt) is sized as
    /// neither line: the headline's lines are still one candidate, so a
    /// contents entry wrapped over two rows names the whole headline (v11010).
    @Test func aLabelAboveAScannedHeadlineLeavesItsLinesOneHeadline() throws {
        let blocks = [
            CleanBlock(text: "[上海]", provenance: [Provenance(page: 4, box: Box(x0: 313, y0: 476, x1: 348, y1: 486))],
                       lines: ["4:50"], size: 11.5, bold: false, endReason: "gap", ocr: true, confidence: 0.9),
            CleanBlock(text: "上海发布", provenance: [Provenance(page: 4, box: Box(x0: 384, y0: 506, x1: 442, y1: 519))],
                       lines: ["4:51"], size: 14.5, bold: false, endReason: "indent", ocr: true, confidence: 0.9),
            CleanBlock(text: "具身智能产业发展三年行动方案", provenance: [Provenance(page: 4, box: Box(x0: 325, y0: 528, x1: 504, y1: 542))],
                       lines: ["4:52"], size: 15, bold: false, endReason: "gap", ocr: true, confidence: 0.9),
        ]
        let titles = TitleIndex(blocks, bodySize: 11.5, marker: Pattern(definition.articles?.sectionMarker))
        let row = Box(x0: 183, y0: 271, x1: 228, y1: 282)
        let first = try #require(titles.best("上海发布", after: row, page: 2, excluding: [], ocr: true))
        let whole = try #require(titles.best("上海发布具身智能产业发展三年行动方案", after: row, page: 2, excluding: [], ocr: true))
        #expect(first.similarity == 1 && whole.similarity == 1)
        #expect(TitleIndex.covers(whole.blocks, whole.leadingLines, moreThan: first))
    }

    /// A misread bullet goes from an OCR entry's head, but a Han character at
    /// its end is the headline's even where the title's own reading lost it
    /// (`…新三年蓝图` against `…新三年蓝`, v11105); leaders read as marks, and
    /// a character with them, go.
    @Test func anOCREntryLosesAMisreadBulletButNotItsLastCharacter() {
        #expect(ContentsReader.trimmed("上海政务服务绘就“一网通办”新三年蓝图", toward: "上海政务服务绘就“一网通办”新三年蓝".comparisonKey)
                == "上海政务服务绘就“一网通办”新三年蓝图")
        #expect(ContentsReader.trimmed("国上海发布具身智能产业发展三年行动方案", toward: "上海发布具身智能产业发展三年行动方案".comparisonKey)
                == "上海发布具身智能产业发展三年行动方案")
        #expect(ContentsReader.trimmed("上海发布具身智能产业发展三年行动方案-;", toward: "上海发布具身智能产业发展三年行动方案".comparisonKey)
                == "上海发布具身智能产业发展三年行动方案")
        // A closing quote before the headline's last two characters is the headline's (v10608).
        #expect(ContentsReader.trimmed("浦东新区试点跨境数据流动“白名单”扩围", toward: "浦东新区试点跨境数据流动白名单".comparisonKey)
                == "浦东新区试点跨境数据流动“白名单”扩围")
        // Leaders read as a mark and a character (`一-和`, v10805) go too.
        #expect(ContentsReader.trimmed("浙江发布优化营商环境条例一-和", toward: "浙江发布优化营商环境条例".comparisonKey)
                == "浙江发布优化营商环境条例")
    }

    /// A contents row read across two columns took the entry's first line into
    /// the other column's row, so the entry is the headline's end; the title
    /// holds all of it, but for a character OCR misread (`民营双济` for 民营经济,
    /// v11105). The title is the whole, its number in its first line too.
    @Test func aReadingThatIsTheOthersEndButForAMisreadIsTheLesser() {
        #expect(ContentsMatching.extends("措促进民营经济发展壮大", "苏州出台20条举措促进民营双济发展壮大") == false)
        #expect(ContentsMatching.extends("苏州出台20条举措促进民营双济发展壮大", "措促进民营经济发展壮大") == true)
        // Short readings must match exactly: a scrap is no headline's end.
        #expect(ContentsMatching.extends("发展壮太", "苏州出台20条举措促进民营经济发展壮大") == nil)
        // So must a start: a bullet misread before the headline shifts it (v11013).
        #expect(ContentsMatching.extends("合海南自贸港加工增值免关税政策扩图至全岛重点园区一一", "海南自贸港加工增值免关税政策扩国至全岛重点园区") == nil)
    }

    /// On a scan of contents set in two columns OCR read one column's last row
    /// on into the other's section label, whose closing bracket it read as a
    /// line of its own with the entry beside it (`四分之一. -6【江苏` and
    /// `】“。苏州出台20条举`, v11105): the line is cut at the label, which
    /// labels the entry beside it, and the label opens a row of its own.
    @Test func anOCRLabelWhoseClosingBracketWasReadApartStartsItsColumn() throws {
        func ocr(_ text: String, x: Double, y: Double, width: Double, size: Double = 10.5) -> TextLine {
            var read = line(text, x: x, y: y, width: width, size: size)
            read.confidence = 0.9
            return read
        }
        let words = [("四", 126.7, 140.1), ("分", 139.6, 150.7), ("之", 150.2, 157.4), ("一", 161.2, 167.9), (".", 199.6, 201.5),
                     ("-6", 221.7, 246.1), ("【江苏", 268.7, 300.8)]
        let spans = words.map { TextSpan(text: $0.0, box: Box(x0: $0.1, y0: 276, x1: $0.2, y1: 293), font: "OCR", size: 19, bold: false) }
        var across = TextLine(text: "四分之一. -6【江苏", box: spans.map(\.box).union!, font: "OCR", size: 19, bold: false, spans: spans)
        across.confidence = 0.83
        let rows = try contentsRows(definition, page: 2, [
            ocr("【区域】各地加快布局“新", x: 72, y: 161, width: 137),
            ocr("【北京】。北京发力商业航天", x: 267, y: 160, width: 137),
            ocr("“GDP超5000亿区", x: 117, y: 199, width: 94),
            ocr("【广东", x: 268, y: 195, width: 32),
            ocr("*2023年长三角地区", x: 117, y: 249, width: 97),
            ocr("【浙江", x: 268, y: 247, width: 32),
            across,
            ocr("】“。苏州出台20条举", x: 312, y: 287, width: 89, size: 9.5),
        ])
        let cut = try #require(rows.firstIndex { $0.section == "江苏" })
        #expect(rows.contains { $0.text == "四分之一" && $0.section == nil })
        #expect(rows[cut].lines.first?.text == "【江苏")
        #expect(rows[cut...].contains { $0.text.hasSuffix("苏州出台20条举") })
    }
}

/// Contents entries OCR read as more rows than headlines between two entries
/// that name theirs (v12005, a 200 dpi black-and-white contents page).
@Suite struct ContentsSplitEntriesTests {
    func article(_ title: String) -> Article { Article(section: nil, title: title, pages: [3], blocks: [], sources: []) }

    /// Two garbled rows of one entry (`洛委识化“万人勋万各` / `今守尺来新增规区工业`)
    /// are joined; a row that reads as the named entry before them (`祥持郑州…`,
    /// its wrapped row) joins that entry; rows past the last named entry join too.
    @Test func rowsOfOneHeadlineReadAsEntriesAreJoined() {
        let articles = [article("河南出台措施支持郑州航空港经济综合实验区高质量发展"), article("洛阳深化“万人助万企”活动今年以来新增规上工业企业312家"),
                        article("陕西发布措施推动“科学家+工程师”队伍建设加速科技成果转化"), article("沈阳出台18条措施支持平台经济规范健康发展")]
        var contents = [ContentsEntry(section: "河南", title: "河南出台措施支持郑州航空港经济综合实验区高质量发展"),
                        ContentsEntry(section: "文做", title: "祥持郑州豚守于经济综帮实秘发页所荐发展"),
                        ContentsEntry(section: nil, title: "洛委识化“万人勋万各"), ContentsEntry(section: nil, title: "今守尺来新增规区工业"),
                        ContentsEntry(section: "陕西", title: "陕西发布措施推动“科学家+工程师”队伍建设加速科技成果转化"),
                        ContentsEntry(section: "耻内", title: "瀛外出台18杀措施"), ContentsEntry(section: nil, title: "支持二98音规范健束发肛")]
        var confidence: [Double?] = [0.8, 0.4, 0.45, 0.5, 0.8, 0.5, 0.4]
        var named = [Bool](repeating: false, count: contents.count)
        let warnings = ContentsMatching.joiningSplitEntries(contents: &contents, confidence: &confidence, named: &named,
                                                            articles: articles, contentsPage: 1)
        #expect(contents.map(\.title) == ["河南出台措施支持郑州航空港经济综合实验区高质量发展祥持郑州豚守于经济综帮实秘发页所荐发展",
                                          "洛委识化“万人勋万各今守尺来新增规区工业", "陕西发布措施推动“科学家+工程师”队伍建设加速科技成果转化",
                                          "瀛外出台18杀措施支持二98音规范健束发肛"])
        #expect(contents[0].section == "河南" && contents[3].section == "耻内" && confidence == [0.4, 0.45, 0.8, 0.4] && named.count == 4)
        #expect(warnings.map(\.code) == ["contents-rows-joined", "contents-rows-joined", "contents-rows-joined"])
    }

    /// As many unnamed rows as unnamed headlines are left to pairing by order;
    /// a text layer's rows are never joined.
    @Test func rowsNoMoreThanTheHeadlinesOrPrintedAreLeft() {
        let articles = [article("河南出台措施支持郑州航空港经济综合实验区高质量发展"), article("洛阳深化“万人助万企”活动今年以来新增规上工业企业312家")]
        let rows = [ContentsEntry(section: nil, title: "河南出台措施支持郑州航空港经济综合实验区高质量发展"),
                    ContentsEntry(section: nil, title: "洛委识化“万人勋万各"), ContentsEntry(section: nil, title: "今守尺来新增规区工业")]
        var printed = rows, none: [Double?] = [nil, nil, nil], named = [false, false, false]
        #expect(ContentsMatching.joiningSplitEntries(contents: &printed, confidence: &none, named: &named, articles: articles, contentsPage: 1).isEmpty)
        var one = Array(rows.prefix(2)), confidence: [Double?] = [0.8, 0.4], two = [false, false]
        #expect(ContentsMatching.joiningSplitEntries(contents: &one, confidence: &confidence, named: &two, articles: articles, contentsPage: 1).isEmpty)
        #expect(printed == rows && one == Array(rows.prefix(2)))
    }
}
