import Foundation
import Testing
@testable import IssuePipe

/// A line at a place on an A4 page, for made-up pages.
func line(_ text: String, x: Double, y: Double, width: Double? = nil, size: Double = 12, bold: Bool = false) -> TextLine {
    let w = width ?? Double(text.count) * size
    let box = Box(x0: x, y0: y, x1: x + w, y1: y + size)
    return TextLine(text: text, box: box, font: bold ? "SimHei" : "SimSun", size: size, bold: bold,
                    spans: [TextSpan(text: text, box: box, font: bold ? "SimHei" : "SimSun", size: size, bold: bold)])
}

/// The contents row reader a pipeline's rules make, as the structure stage makes it.
func contentsRowReader(_ definition: PipelineDefinition) throws -> ContentsRowReader {
    ContentsRowReader(rules: try #require(definition.contents), marker: Pattern(definition.articles?.sectionMarker),
                      sections: definition.lexicon?.sections ?? [], sectionName: { $0 })
}

/// The contents rows that reader reads off a page of these lines.
func contentsRows(_ definition: PipelineDefinition, page number: Int = 1, _ lines: [TextLine]) throws -> [ContentsRow] {
    try contentsRowReader(definition).rows(PageLines(page(number, lines), furniture: []))
}

func page(_ number: Int, _ lines: [TextLine]) -> PageLayout {
    PageLayout(number: number, width: 595, height: 842, method: .text, lines: lines,
               text: lines.map(\.text).joined(separator: "\n"))
}

/// A page read by OCR: every line with a confidence.
func ocrPage(_ number: Int, _ lines: [TextLine]) -> PageLayout {
    var lines = lines
    for index in lines.indices { lines[index].confidence = 0.9 }
    var layout = page(number, lines)
    layout.method = .ocr
    return layout
}

/// A column of paragraphs of six lines each, as the archive's are: the first
/// set in two characters (two sizes), the last `last` alone, `pitch` apart.
func paragraphColumn(_ text: String, last: String, x: Double, from y: Double, count: Int,
                     pitch: Double, size: Double, width: Double) -> [TextLine] {
    (0..<count).map { index in
        let y = y + pitch * Double(index)
        switch index % 6 {
        case 0: return line(String(text.dropLast(2)), x: x + 2 * size, y: y, width: width - 2 * size, size: size)
        case 5: return line(last, x: x, y: y, width: Double(last.count) * size, size: size)
        default: return line(text, x: x, y: y, width: width, size: size)
        }
    }
}

/// An OCR line of words, each its text and left and right edges, 11 pt.
func ocrLine(_ words: [(String, Double, Double)], y: Double, height: Double = 11) -> TextLine {
    let spans = words.map { TextSpan(text: $0.0, box: Box(x0: $0.1, y0: y, x1: $0.2, y1: y + height), font: "OCR", size: 11, bold: false) }
    var line = TextLine(text: words.map(\.0).joined(), box: spans.map(\.box).union!, font: "OCR", size: 11, bold: false, spans: spans)
    line.confidence = 0.9
    return line
}

/// Lines of 12 pt type set down a column 20 pt apart from y 100, `after`
/// points more above a line (a paragraph's gap).
struct LineColumn {
    var y = 100.0

    mutating func next(_ text: String, x: Double = 60, width: Double, after: Double = 0) -> TextLine {
        y += after
        defer { y += 20 }
        return line(text, x: x, y: y, width: width, size: 12)
    }
}

/// The clean stage's rules, one by one, on small made-up pages
/// (body text from x 60 to 540, 12 pt, 20 pt line pitch).
@Suite struct CleanTests {
    let full = 480.0

    @Test func runningHeadersAndChangingPageNumbersAreDropped() {
        let pages = (1...4).map { n in
            page(n, [
                line("季度通讯 · 第 \(n + 10) 期", x: 60, y: 30, size: 9),
                line("正文第\(n)页的第一行文字写满了整整一行，没有缩进也没有结束。", x: 60, y: 100, width: full),
                line("最后一行。", x: 60, y: 120, width: 60),
                line("- \(n) -", x: 285, y: 800, width: 30, size: 10),
            ])
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "running-header" }.count == 4)
        #expect(cleaned.furniture.filter { $0.reason == "page-number" }.map(\.page) == [1, 2, 3, 4])
        let text = cleaned.blocks.map(\.text).joined()
        #expect(!text.contains("季度通讯") && !text.contains("- 2 -"))
    }

    @Test func aLineRepeatedOnOnePageOnlyIsNotAHeader() {
        let pages = (1...4).map { n in
            page(n, [line(["第一章 总则", "只在这一页顶部出现的标题", "第二章 规划", "附录"][n - 1], x: 60, y: 30, size: 12),
                     line("正文内容在这里继续。", x: 60, y: 100, width: 200)])
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.isEmpty)
    }

    /// A five-page issue prints its contacts at the foot of the cover and of
    /// the back cover, nowhere else (v12514): a line only the first and last
    /// pages share is theirs, not a running footer; one the pages between
    /// carry too is.
    @Test func aLineOnlyTheCoverAndTheBackCoverShareIsNoRunningFooter() {
        let contacts = "电话：022-66222942 传真：022-66222940"
        func pages(footerOn: Set<Int>) -> [PageLayout] {
            (1...5).map { n in
                var lines = [line("正文内容在这里继续，第\(n)页。", x: 60, y: 100, width: 200)]
                if footerOn.contains(n) { lines.append(line(contacts, x: 316, y: 755, width: 190, size: 10)) }
                return page(n, lines)
            }
        }
        #expect(clean(pages(footerOn: [1, 5]), rules: FurnitureRules()).furniture.isEmpty)
        #expect(clean(pages(footerOn: [1, 3, 5]), rules: FurnitureRules()).furniture.map(\.reason)
                == Array(repeating: "running-footer", count: 3))
    }

    /// A scan's alternating heads OCR left unread but on one page, read there
    /// past knowing but for its page number (`20人第2项-3-` on page 3, v12503):
    /// a small top line carrying its own page's number at an end is its head.
    /// The same line on another page, or in body type, stays.
    @Test func aSmallTopLineEndingInItsPagesNumberIsItsHead() {
        func pages(_ head: String, on number: Int, size: Double = 9) -> [PageLayout] {
            let openings = ["前三季度", "与此同时", "分析人士", "近日", "今年以来", "据统计"]
            return (1...6).map { n in
                var lines = [line("\(openings[n - 1])，正文内容在这里继续，写满一行文字为止的正文。", x: 60, y: 140, width: full),
                             line("正文内容在这里继续。", x: 60, y: 160, width: 120)]
                if n == number { lines.insert(line(head, x: 450, y: 36, width: 99, size: size), at: 0) }
                return ocrPage(n, lines)
            }
        }
        #expect(clean(pages("20人第2项-3-", on: 3), rules: FurnitureRules()).furniture.map(\.page) == [3])
        #expect(clean(pages("- 3 - 双周决策观察", on: 3), rules: FurnitureRules()).furniture.map(\.page) == [3])
        #expect(clean(pages("20人第2项-3-", on: 4), rules: FurnitureRules()).furniture.isEmpty)
        #expect(clean(pages("20人第2项-3-", on: 3, size: 12), rules: FurnitureRules()).furniture.isEmpty)
        #expect(clean(pages("人口超过2003", on: 3), rules: FurnitureRules()).furniture.isEmpty)
    }

    @Test func aChineseParagraphAcrossAPageBreakIsOneBlock() {
        let pages = [
            page(1, [
                line("刊物名称", x: 60, y: 30, size: 9),
                line("在规范和促进数据跨境流动方面，实施方案提出率先制定重要数据目", x: 84, y: 700, width: full - 24),
                line("录、探索建立合法安全便利的数据跨境流动机制、在临港", x: 60, y: 720, width: full),
                line("1", x: 295, y: 800, width: 6, size: 10),
            ]),
            page(2, [
                line("刊物名称", x: 60, y: 30, size: 9),
                line("新片区建立数据跨境服务中心等措施。", x: 60, y: 100, width: 204),
                line("下一段从这里开始，首行缩进两个字，一直写到这一行的右边界为止。", x: 84, y: 120, width: full - 24),
                line("下一段的第二行。", x: 60, y: 140, width: 96),
                line("2", x: 295, y: 800, width: 6, size: 10),
            ]),
        ]
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.blocks.count == 2)
        #expect(cleaned.blocks[0].text == "在规范和促进数据跨境流动方面，实施方案提出率先制定重要数据目录、探索建立合法安全便利的数据跨境流动机制、在临港新片区建立数据跨境服务中心等措施。")
        #expect(cleaned.blocks[0].pages == [1, 2])
        #expect(cleaned.blocks[0].lines == ["1:1", "1:2", "2:1"])
        #expect(cleaned.blocks[1].text.hasPrefix("下一段从这里开始"))
        #expect(cleaned.furniture.count == 4)
    }

    /// A citation on a line of its own, set in from the margin (OCR's box for
    /// it two ems in, reaching the margin: no flush-right line), at a page's
    /// foot closes its article: the next page's first line, a headline with
    /// its label at about the body's size as OCR read it, is no part of it (v10313).
    @Test func aCitationOnItsOwnLineAtAPagesFootEndsItsBlock() throws {
        let full = "前三季度，商务区总部企业实现营业收入同比增长，一直写到这一行的右边界为止"
        func body(from y: Double, to last: Double) -> [TextLine] {
            stride(from: y, through: last, by: 20).map { line(full, x: 60, y: $0, width: self.full) }
        }
        let pages = [
            ocrPage(1, body(from: 100, to: 740) + [line("总部经济已成为商务区的“金字招牌”。", x: 60, y: 760, width: 216),
                                                   line("（文汇报20241016）", x: 88, y: 780, width: 448)]),
            ocrPage(2, [line("[广东]广东前三季度GDP增长", x: 60, y: 100, width: 250, size: 13),
                        line("10月21日，广东省统计局发布数据，首行缩进两个字，一直写到右边界为止。", x: 84, y: 130, width: self.full - 24)]
                    + body(from: 150, to: 770)),
        ]
        let cleaned = clean(pages, rules: FurnitureRules())
        let citation = try #require(cleaned.blocks.first { $0.text.hasPrefix("（文汇报") })
        #expect(citation.text == "（文汇报20241016）" && citation.endReason == "citation")
        #expect(cleaned.blocks.contains { $0.text == "[广东]广东前三季度GDP增长" })
    }

    /// A citation wrapped onto two lines at the foot of a scanned page's left
    /// column, its second line set from the margin, closes its article: the
    /// headline atop the right column, OCR-sized 1.2 times the body (within
    /// OCR's size tolerance) and running to the column's edge, starts a block
    /// of its own (v10404). A paragraph running on across the gutter goes on.
    @Test func aWrappedCitationAtAColumnsFootEndsItsBlock() {
        let text = "对吸纳就业较多的民营企业给予优惠利率贷"
        func column(_ x: Double, from y: Double, count: Int) -> [TextLine] {
            paragraphColumn(text, last: "款。", x: x, from: y, count: count, pitch: 21, size: 13.5, width: 200)
        }
        func scan(_ foot: [TextLine]) -> [PageLayout] {
            let left = column(84, from: 88, count: 24) + foot
            let right = [line("厦门自贸片区推出跨境贸易", x: 317, y: 87, width: 199, size: 16.5),
                         line("便利化“十条新政”", x: 317, y: 111, width: 127, size: 16.5)] + column(319, from: 143, count: 30)
            return [ocrPage(6, left + right)]
        }
        let citation = [line("（福建日报20221206中国经济时", x: 94, y: 604, width: 191, size: 13.5),
                        line("报20221207新华社20221208）", x: 85, y: 625, width: 180, size: 13)]
        let blocks = clean(scan(citation), rules: FurnitureRules()).blocks
        #expect(blocks.contains { $0.text.hasPrefix("（福建日报") && $0.text.hasSuffix("）") && $0.endReason == "citation" }, "\(blocks.map(\.text))")
        #expect(blocks.contains { $0.text == "厦门自贸片区推出跨境贸易便利化“十条新政”" }, "\(blocks.map(\.text))")
        let runningOn = [line(text, x: 84, y: 604, width: 200, size: 13.5), line(text, x: 84, y: 625, width: 200, size: 13.5)]
        let plain = [line(text, x: 319, y: 87, width: 200, size: 13.5)] + column(319, from: 108, count: 30)
        let going = clean([ocrPage(6, column(84, from: 88, count: 24) + runningOn + plain)], rules: FurnitureRules()).blocks
        #expect(going.contains { $0.lines.contains("6:25") && $0.lines.contains("6:26") })
    }

    /// OCR sized one justified line of a paragraph 18 pt among 13.5 and the next
    /// 11.5 (digits and brackets, v10509): the paragraph goes on, its size the
    /// median of its lines. Under a headline of two lines set at 18, the first
    /// line of the paragraph at the margin is no part of it.
    @Test func aLineOCRSizedFarOffItsParagraphDoesNotPartIt() {
        func scanned(_ sizes: [Double], texts: [String]) -> CleanedDocument {
            let lines = zip(sizes, texts).enumerated().map { index, pair in
                line(pair.1, x: 60, y: 100 + 20 * Double(index) + (index == texts.count - 1 ? 10 : 0), width: full, size: pair.0)
            }
            return clean([ocrPage(2, lines + (0..<6).map { line("正文首行缩进两个字符，一直写到右边界为止不停。", x: 84, y: 300 + 20 * Double($0), width: full - 24, size: 13.5) })],
                         rules: FurnitureRules())
        }
        let texts = ["近日，《上海市优化政务服务提升行政效能深化", "服务提升行政效能深化“一网通办”改革", "网通办”改革行动方案", "（2024-2026年）》（以下简称"]
        let paragraph = scanned([13.5, 13.5, 18, 11.5], texts: texts)
        #expect(paragraph.blocks.first?.lines.count == 4)
        let headline = scanned([18, 18, 13.5], texts: ["上海政务服务绘就一网通办", "新三年蓝图行动方案出台", "近日，《上海市优化政务服务提升行政效能"])
        #expect(headline.blocks.first?.lines.count == 2)
    }

    /// Scanned: a sentence ends at a page's foot, and a short line that ends
    /// none opens the next page: a sub-heading at the top, its own block. A
    /// paragraph's last line carried over mid-sentence still goes on.
    @Test func aScannedShortLineOpeningAPageAfterASentencesEndIsItsOwnBlock() {
        func pages(_ foot: String) -> [PageLayout] {
            [ocrPage(1, [line("对新认定的首台（套）重大技术装备，按照不超过产品售价的30%给予最高", x: 84, y: 700, width: full - 24),
                         line(foot, x: 60, y: 720, width: full)]),
             ocrPage(2, [line("强化要素保障", x: 60, y: 100, width: 72),
                         line("措施提出，优先保障首台（套）装备研制项目的用地和用能需求，一直写到", x: 84, y: 120, width: full - 24),
                         line("右边界。", x: 60, y: 140, width: 48)])]
        }
        let ended = clean(pages("1000万元资助，并对首次实现量产的关键产品给予首批次应用奖励。"), rules: FurnitureRules()).blocks
        #expect(ended.map(\.text).contains("强化要素保障"))
        #expect(ended.first?.endReason == "page")
        let goesOn = clean(pages("1000万元资助，并对首次实现量产的关键产品给予首批次应用奖励，以及"), rules: FurnitureRules()).blocks
        #expect(goesOn.first?.text.hasSuffix("以及强化要素保障") == true)
    }

    @Test func aHyphenatedEnglishWordIsRejoined() {
        let p = page(1, [
            line("The committee discussed the imple-", x: 60, y: 100, width: full, size: 11),
            line("mentation of the plan and agreed on a state-of-the-", x: 60, y: 120, width: full, size: 11),
            line("art schedule for the next quarter.", x: 60, y: 140, width: 200, size: 11),
        ])
        let cleaned = clean([p], rules: FurnitureRules())
        #expect(cleaned.blocks.map(\.text) == [
            "The committee discussed the implementation of the plan and agreed on a state-of-the-art schedule for the next quarter.",
        ])
    }

    @Test func aParagraphEndingAtTheMarginThenAnIndentedOneAreTwoBlocks() {
        let p = page(1, [
            line("第一段第一行，首行缩进两个字符，文字一直排到右边界为止。", x: 84, y: 100, width: full - 24),
            line("第一段最后一行恰好也排满到右边界，句号落在行末最后一格。", x: 60, y: 120, width: full),
            line("第二段首行缩进两个字符，接着写第二段的内容直到右边界。", x: 84, y: 140, width: full - 24),
            line("第二段结束。", x: 60, y: 160, width: 72),
            line("第三段首行缩进，独占一行。", x: 84, y: 180, width: 156),
        ])
        let cleaned = clean([p], rules: FurnitureRules())
        #expect(cleaned.blocks.count == 3)
        #expect(cleaned.blocks.map(\.endReason) == ["indent", "indent", "end"])
        #expect(cleaned.blocks[0].text.hasSuffix("最后一格。"))
    }

    /// Two unindented paragraphs that run to the margin are told apart by the
    /// gap between them alone: wider than the line gap by `blocks.paragraphGapEms`.
    @Test func theParagraphGapIsThePipelines() {
        let p = page(1, [
            line("第一段第一行不缩进，文字一直排到右边界为止，中间不停下来。", x: 60, y: 100, width: full),
            line("第一段第二行也排满到右边界，句号落在这一行最后的一格里。", x: 60, y: 120, width: full),
            line("第一段第三行也排满到右边界，句号落在这一行最后的一格里。", x: 60, y: 140, width: full),
            line("第二段在十八点的空隙之后开始，也不缩进，一直排到右边界。", x: 60, y: 178, width: full),
            line("第二段第二行也排满到右边界，句号落在这一行最后的一格里。", x: 60, y: 198, width: full),
        ])
        #expect(clean([p], rules: FurnitureRules()).blocks.map(\.endReason) == ["gap", "end"])
        var wide = BlockRules()
        wide.paragraphGapEms = 2 // 24 pt over the 8 pt line gap: 26 pt is not enough
        #expect(clean([p], rules: FurnitureRules(), blocks: wide).blocks.map(\.endReason) == ["end"])
    }

    /// A citation set flush right ends its paragraph: the next page's first line
    /// (a section label, set flush left) does not continue it.
    @Test func aFlushRightCitationEndsItsBlock() {
        let pages = [
            page(1, [
                line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 700, width: full - 24),
                line("正文结束。", x: 60, y: 720, width: 60),
                line("（北京市科委 20240206）", x: 384, y: 740, width: 156),
            ]),
            page(2, [
                line("【广东】", x: 60, y: 80, width: 48),
                line("下一篇的正文首行缩进，一直写到右边界为止，中间没有停顿。", x: 84, y: 110, width: full - 24),
            ]),
        ]
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.blocks.map(\.text).contains("（北京市科委 20240206）"))
        #expect(cleaned.blocks.map(\.text).contains("【广东】"))
        // Letter-spaced pieces of one line near the right margin are still one line.
        let spaced = page(1, [
            line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 100, width: full - 24),
            line("正文结束。", x: 60, y: 120, width: 60),
            line("班弨", x: 380, y: 160, width: 24),
            line("郭", x: 510, y: 160, width: 12),
            line("熙", x: 528, y: 160, width: 12),
        ])
        #expect(clean([spaced], rules: FurnitureRules()).blocks.last?.text.hasSuffix("郭熙") == true)
    }

    /// On a scan, lines sit unevenly: a line that runs to the margin mid-sentence
    /// goes on below a slightly wider gap, and a one-character last line (whose
    /// size OCR can only guess) stays with its paragraph.
    @Test func aScannedParagraphHoldsTogetherAcrossUnevenLines() {
        let lines = [
            line("随着各地区2023年GDP陆续公布，全国区域GDP超过五千亿元的有青岛西海岸新", x: 60, y: 100, width: full),
            line("区成功越过门槛，江苏无锡下辖的江阴市也接近五千亿元门槛，但最终暂未过", x: 60, y: 134, width: full),
            line("线。", x: 60, y: 148, width: 24, size: 16),
            line("至此，深圳超过北京成为全国拥有五千亿元以上城区最多的城市，共有四个。", x: 60, y: 180, width: full - 36),
        ]
        let cleaned = clean([ocrPage(1, lines)], rules: FurnitureRules())
        #expect(cleaned.blocks.count == 2, "\(cleaned.blocks.map(\.endReason))")
        #expect(cleaned.blocks.first?.text.hasSuffix("但最终暂未过线。") == true)
    }

    /// A line that runs to the margin on a closing quote with no full stop before
    /// it is mid-sentence too (`…打造对台合作和“海丝”` / `沿线贸易的重要枢纽。`,
    /// v10208); one closing a bracket ends its paragraph (a citation's).
    @Test func aScannedLineEndingOnAQuoteGoesOnAcrossAGap() {
        func paragraphs(_ first: String) -> [String] {
            let lines = [
                line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 100, width: full - 24),
                line("正文的第二行也排到右边界为止，不会停在中间，一直写到底。", x: 60, y: 118, width: full),
                line(first, x: 60, y: 136, width: full),
                line("沿线贸易的重要枢纽。", x: 60, y: 166, width: 120),
            ]
            return clean([ocrPage(1, lines)], rules: FurnitureRules()).blocks.map(\.text)
        }
        #expect(paragraphs("加快形成更多可复制推广的制度创新成果，打造对台合作和“海丝”").count == 1)
        #expect(paragraphs("加快形成更多可复制推广的制度创新成果。（厦门日报20221212）").count == 2)
    }

    /// A short line (a section label OCR misread) before a wider gap is not
    /// "running on": the title below it is a block of its own.
    @Test func aScannedLabelAboveAGapStaysApart() {
        let lines = [
            line("上dt京1", x: 60, y: 100, width: 53, size: 14),
            line("北京经开区发布20条措施支持商业航天产业集聚", x: 60, y: 128, width: 286, size: 13),
            line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 170, width: full - 24),
            line("正文的第二行也排到右边界为止，不会停在中间，一直写到底。", x: 60, y: 190, width: full),
            line("正文的第三行也排到右边界为止，不会停在中间，一直写到底。", x: 60, y: 210, width: full),
            line("正文结束。", x: 60, y: 230, width: 60),
        ]
        let cleaned = clean([ocrPage(1, lines)], rules: FurnitureRules())
        #expect(cleaned.blocks.first?.text == "上dt京1", "\(cleaned.blocks.map(\.text))")
    }

    /// On scans a running header sits a little higher or lower on each sheet and
    /// OCR misreads a mark or two in it; it is still furniture on every page.
    @Test func aScannedRunningHeaderThatShiftsAndIsMisreadIsFurniture() {
        let headers = ["双周决策观察·地方工作亮点追踪", "双周决策观察·地方工作亮点追踪", "双周决策观察'地方工作亮点追踪", "双周决策观察。地方工作亮点追踪"]
        let pages = headers.enumerated().map { index, header in
            var header = line(header, x: 60, y: [40, 42, 55, 38][index], size: 9)
            var body = line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 300, width: full - 24)
            header.confidence = 0.9
            body.confidence = 0.9
            var scanned = page(index + 2, [header, body])
            scanned.method = .ocr
            return scanned
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "running-header" }.map(\.page) == [2, 3, 4, 5])
    }

    /// Headers printed on alternate pages (the title on even pages, the issue
    /// label with the page number on odd ones) each repeat on only half the
    /// pages; OCR joins the page number to the label and misreads a character
    /// of it on every other page. Each is still furniture; the body is not.
    @Test func alternatingScannedHeadersWithJoinedPageNumbersAreFurniture() {
        let headers = [2: "双周决策观察.地方工作亮点追踪", 3: "2024年第11期-3-", 4: "长11.2%；浙江制造业投资增", 5: "2024年第11阴：",
                       6: "双周决策观察地方工作亮点追踪", 7: "2024年第11中。？", 8: "双同决委观罕.地方工作竞点追踪", 9: "2024年第11期.9-"]
        let pages = (2...10).map { number in
            var lines: [TextLine] = []
            if let text = headers[number] {
                // Page 4 has no header line: its first body line sits high in the band.
                lines.append(line(text, x: number % 2 == 0 ? 60 : 380, y: number == 4 ? 57 : 24, width: 120, size: 9))
            }
            lines.append(line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 300, width: full - 24))
            return ocrPage(number, lines)
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "running-header" }.map(\.page) == [2, 3, 5, 6, 7, 8, 9])
        #expect(FurnitureDetector.repeatKey("2024年第11期-3-") == FurnitureDetector.repeatKey("2024年第11期"))
        #expect(FurnitureDetector.repeatKey("— 3 —") == "#")
    }

    /// Alternating heads on a born-digital issue whose even pages were partly
    /// scanned: the title's head is left on two text pages only, fewer than a
    /// repeat needs. It names the publication in small type, so it is its
    /// running head; a body line naming it at the top of a page is not, nor is
    /// a small line that names something else, nor the cover's title.
    @Test func aSmallBandLineNamingThePublicationIsARunningHeadOnTwoPages() {
        let body = { (y: Double) in line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: y, width: full - 24) }
        var pages = [page(1, [line("双周决策观察", x: 200, y: 60, size: 40), body(300)])]
        for number in 2...8 {
            var lines = [body(300), body(320)]
            if [2, 6].contains(number) { lines.insert(line("双周决策观察·地方工作亮点追踪", x: 60, y: 30, size: 9), at: 0) }
            if number == 4 { lines.insert(line("本刊与《双周决策观察》合作推出专题，下面是各地的情况。", x: 60, y: 30, width: full), at: 0) }
            if number == 8 { lines.insert(line("内部资料注意保存", x: 60, y: 30, size: 9), at: 0) }
            pages.append(page(number, lines))
        }
        let named = clean(pages, rules: FurnitureRules(), names: ["双周决策观察", "地方工作亮点追踪"])
        #expect(named.furniture.filter { $0.reason == "running-header" }.map(\.page) == [2, 6])
        #expect(named.blocks.first?.text == "双周决策观察")
        #expect(named.blocks.contains { $0.text.contains("本刊与") } && named.blocks.contains { $0.text.contains("内部资料注意保存") }, "\(named.blocks.map(\.text))")
        #expect(clean(pages, rules: FurnitureRules()).furniture.isEmpty)
    }

    /// A scan's head that names title and subtitle together, misread
    /// (`4双向决策观纤，地方工作这点追路`, v10701) and sized by OCR close to the
    /// text (9 against 10.5): the long name read 0.7 alike is evidence enough
    /// at body size. Named by the title alone, as misread, it is not; nor is
    /// a line in type larger than the page's text.
    @Test func aScannedHeadNamingTitleAndSubtitleIsARunningHeadAtNearBodySize() {
        func headers(_ names: [String], size: Double = 9) -> [Int] {
            let pages = (2...5).map { number in
                // Each page's own text: no line of it repeats on another page.
                let text: [Character] = Array("今年以来各地持续推进营商环境优化提升行动聚焦市场主体关切出台一批务实管用的政策措施在降低制度性交易成本方面取得积极进展")
                var lines: [TextLine] = []
                for i in 0..<20 {
                    let start = (7 * number + 13 * i) % (text.count - 20)
                    lines.append(line(String(text[start..<start + 20]), x: 60, y: 100 + 30 * Double(i), width: 480, size: 10.5))
                }
                if number == 4 { lines.insert(line("4双向决策观纤，地方工作这点追路", x: 91, y: 35, width: 154, size: size), at: 0) }
                return ocrPage(number, lines)
            }
            return clean(pages, rules: FurnitureRules(), names: names).furniture.filter { $0.reason == "running-header" }.map(\.page)
        }
        #expect(headers(["双周决策观察", "地方工作亮点追踪", "双周决策观察地方工作亮点追踪"]) == [4])
        #expect(headers(["双周决策观察", "地方工作亮点追踪"]).isEmpty)
        #expect(headers(["双周决策观察", "地方工作亮点追踪", "双周决策观察地方工作亮点追踪"], size: 12).isEmpty)
    }

    /// Alternating heads on a mixed document: the issue label, printed on odd
    /// pages only, is left on one text page (OCR missed it on the scanned odd
    /// pages). A small band line that is an issue label, in either order, with
    /// or without a page number (`第 4 页`, v12411), is a running head; a line of the year alone, a label with more words after
    /// it, one in body type, and the cover's label are not.
    @Test func aSmallBandLineThatIsTheIssueLabelIsARunningHeadOnOnePage() {
        let body = { (y: Double) in line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: y, width: full - 24) }
        let labels = ["(?<year>\\d{4})\\s*年\\s*第\\s*(?<number>\\d{1,3})\\s*期",
                      "第\\s*(?<number>\\d{1,3})\\s*期\\s*[（(]?\\s*(?<year>\\d{4})\\s*年",
                      "^\\s*(?<year>(?:19|20)\\d{2})\\s*年\\s*(?:第\\s*(?<number>\\d{1,3})?\\s*期?)?\\s*$"]
        let heads = [1: "2022 年第 22 期（总第 300 期）", 3: "2022 年第 22 期", 4: "2022 年第 22 期第 4 页", 5: "第 22 期 2022 年 5", 6: "2022 年",
                     7: "2022年第22期合订本说明", 8: "2022年第22期"]
        let pages = (1...8).map { number in
            var lines = [body(300), body(320)]
            if let text = heads[number] { lines.insert(line(text, x: 480, y: 30, width: 60, size: number == 8 ? 12 : 9), at: 0) }
            return page(number, lines)
        }
        let cleaned = clean(pages, rules: FurnitureRules(), issueLabels: labels)
        #expect(cleaned.furniture.map(\.page) == [3, 4, 5])
        #expect(cleaned.furniture.allSatisfy { $0.reason == "running-header" })
        #expect(cleaned.blocks.contains { $0.text.contains("合订本说明") }, "\(cleaned.blocks.map(\.text))")
        #expect(clean(pages, rules: FurnitureRules()).furniture.isEmpty)
    }

    /// OCR cut a full line at a wide space: the piece at the right margin is
    /// the line's end, not a flush-right line (a citation, a date) that nothing
    /// continues; a citation cut in two pieces still stands alone.
    @Test func aPieceOCRCutOffAFullLineIsNoFlushRightLine() {
        let lines = [
            line("进入三季度，消费市场延续恢复态势，但居民消费意愿仍有待提振。", x: 84, y: 100, width: full - 24),
            line("国家层面相继出台促进汽车、电子产品、家居消费等政策措施", x: 60, y: 120, width: 400),
            line("多地随即", x: 476, y: 120, width: 64),
            line("跟进，围绕大宗消费、服务消费和消费场景打造推出一系列实招。", x: 60, y: 140, width: full),
            line("汽车、家居、餐饮和文旅成为发力重点。", x: 60, y: 160, width: 220),
            line("（中国经济时报", x: 360, y: 180, width: 100),
            line("20240131）", x: 470, y: 180, width: 70),
            line("各地出台措施扩大消费。", x: 84, y: 200, width: 130),
        ]
        let blocks = clean([ocrPage(3, lines)], rules: FurnitureRules()).blocks
        #expect(blocks.map(\.lines.count) == [5, 2, 1], "\(blocks.map(\.text))")
    }

    /// OCR cut a line into pieces where marks it did not read left gaps, and
    /// guessed each piece's size apart: the pieces on one baseline are one line
    /// of the paragraph, not a style change.
    @Test func ocrPiecesOfOneLineGuessedAtOtherSizesStayInTheParagraph() {
        let lines = [
            line("10月29日，上海市经济信息化委等部门联合印发上海市具身智能产业发展三年行动方案", x: 84, y: 100, width: full - 24, size: 10.5),
            line("2027年）", x: 60, y: 120, width: 40, size: 9),
            line("(以下简称", x: 117, y: 121, width: 47, size: 8),
            line("行动方案》", x: 177, y: 121, width: 40, size: 8),
            line("提出到2027年，全市具身智能核心产业规模突破500亿元，培育", x: 243, y: 120, width: 297, size: 10.5),
            line("10家以上具有国际影响力的整机企业和50家以上核心零部件企业。", x: 60, y: 140, width: 330, size: 10.5),
        ]
        let blocks = clean([ocrPage(3, lines)], rules: FurnitureRules()).blocks
        #expect(blocks.map(\.lines.count) == [6], "\(blocks.map { ($0.text, $0.endReason ?? "") })")
    }

    /// A contents page's last row, narrower than the body pages' measure, does
    /// not run on into the first line of the next page; a paragraph ending a
    /// full page goes on onto a page that holds one short line of it.
    @Test func aContentsPagesLastRowDoesNotRunOnIntoTheNextPage() {
        /// A paragraph of `count` full lines (the first indented) from `y`.
        func paragraph(from y: Double, count: Int) -> [TextLine] {
            let text = "各地加快推进项目前期工作，项目谋划更加突出产业升级和基础设施补短板"
            return (0..<count).map { index -> TextLine in
                let first = index == 0
                return line(text, x: first ? 84 : 60, y: y + 20 * Double(index), width: first ? full - 24 : full)
            }
        }
        let rows = (0..<4).map { line("\($0 + 1).各地提前谋划重大项目扩大有效投资加快建设", x: 77, y: 300 + 20 * Double($0), width: 300) }
        let body = [line("【区域】各地提前谋划2023年重大项目扩大有效投资", x: 60, y: 90, width: 300)] + paragraph(from: 130, count: 4)
        let contents: [CleanBlock] = clean([ocrPage(2, rows), ocrPage(3, body)], rules: FurnitureRules()).blocks
        #expect(!contents.contains { $0.lines.contains("2:3") && $0.lines.contains("3:0") })
        let last = [line("带动相关产业产值超过600亿元。", x: 60, y: 90, width: 200)]
        let ending: [CleanBlock] = clean([ocrPage(5, paragraph(from: 100, count: 5)), ocrPage(6, last)], rules: FurnitureRules()).blocks
        #expect(ending.contains { $0.lines.contains("5:4") && $0.lines.contains("6:0") })
    }

    /// A cover's contents set across the page (a text layer) whose last row
    /// wraps its last character to the foot (`…重点园` / `区`) does not run on
    /// into the title at the top of the next page, a scan set in two columns:
    /// a measure much wider before the page turn than after it is another
    /// layout, not the paragraph going on (v8512, mixed).
    @Test func aWideContentsRowDoesNotRunOnIntoATwoColumnPage() {
        let entries = ["【区域】★ 1. 各地提前谋划2023 年重大项目 扩大有效投资", "【湖北】★ 2. 武汉出台16条措施 打造世界级光电子信息产业集群",
                       "【福建】★ 3. 福建推出 20 条措施支持民营企业稳岗扩岗", "★ 4. 厦门自贸片区推出跨境贸易便利化“十条新政”",
                       "【海南】★ 5. 海南自贸港加工增值免关税政策扩围至全岛重点园"]
        // Where the v8512 text layer has them: the rows, their page numbers, the wrapped `区`.
        let cover = [line("双周决策观察", x: 129, y: 323, width: 287, size: 46)]
            + zip(entries, [553, 573, 593, 614, 632]).map { line($0, x: 81, y: $1, width: 350) }
            + [line("区", x: 165, y: 654, width: 12)]
            + zip(["2", "3", "4", "5", "5"], [555, 574, 594, 614, 654]).map { line($0, x: 461, y: $1, width: 6) }
        let text = "今年各地项目谋划更加突出产业升级和基础设施补短"
        // Body columns of paragraphs of six lines, each set in two characters, as the archive's are.
        func column(_ x: Double, from y: Double, count: Int) -> [TextLine] {
            paragraphColumn(text, last: "补短板。", x: x, from: y, count: count, pitch: 18, size: 11, width: 189)
        }
        let scan = [line("各地提前谋划2023年重大项目", x: 70, y: 115, width: 178, size: 13.5),
                    line("扩大有效投资", x: 70, y: 140, width: 84, size: 14)]
            + column(70, from: 165, count: 29) + column(288, from: 67, count: 34)
        let blocks = clean([page(1, cover), ocrPage(2, scan), page(3, column(70, from: 67, count: 34) + column(288, from: 67, count: 34))],
                           rules: FurnitureRules()).blocks
        #expect(!blocks.contains { $0.lines.contains("1:6") && $0.lines.contains("2:0") }, "\(blocks.map(\.lines))")
    }

    /// A title set 1.11 times the body on a text layer (15.54 pt over 13.99,
    /// its bold faked by stroking so no bold flag tells, v8306) is a block of
    /// its own: a text layer's sizes are exact. Two lines 0.4 pt apart are one.
    @Test func aTitleATenthLargerThanTheBodyOnATextLayerIsABlockOfItsOwn() {
        let lines = [line("【区域】国庆假期各地文旅消费火热多地接待游客量创新高", x: 45.75, y: 96, width: 408, size: 15.54),
                     line("今年国庆假期，各地文旅市场迎来客流高峰。据文化和旅游部数据中心测", x: 45.75, y: 126, width: 420, size: 13.99),
                     line("算，假期7天全国国内出游人次和国内游客出游总花费按可比口径分别较", x: 45.75, y: 149, width: 422, size: 13.99),
                     line("2019年同期增长10.2%和7.9%。", x: 45.75, y: 172, width: 200, size: 14.4)]
        let blocks = clean([page(3, lines)], rules: FurnitureRules()).blocks
        #expect(blocks.map(\.lines) == [["3:0"], ["3:1", "3:2", "3:3"]])
    }

    /// A paragraph's lead-in sentence that Chromium set in a fallback font 1.2
    /// times the body (v10316: `四是强化人才和法律服` fills its line at 16.77 pt,
    /// `务。` opens the next in the same font and size, the body's 13.99 goes on)
    /// is no block of its own. A larger line whose next line is all body type is.
    @Test func aLeadInSetInLargerTypeThatWrapsIsOneParagraphWithItsBody() {
        let column = 45.0, right = 237.9
        func body(_ text: String, _ y: Double) -> TextLine { line(text, x: column, y: y, width: right - column, size: 13.99) }
        func lead(_ wrapped: Bool) -> [TextLine] {
            var first = line("四是强化人才和法律服", x: 73, y: 137.6, width: right - 73, size: 16.77)
            first.font = "Default"
            first.spans[0].font = "Default"
            let end = TextSpan(text: "务。", box: Box(x0: column, y0: 161.6, x1: 79, y1: 178.4), font: "Default", size: 16.77, bold: false)
            let rest = TextSpan(text: "组织开展工程机械海外营", box: Box(x0: 79, y0: 161.6, x1: right, y1: 175.6), font: "SimSun", size: 13.99, bold: false)
            let next = wrapped ? TextLine(text: "务。组织开展工程机械海外营", box: Box(x0: column, y0: 161.6, x1: right, y1: 178.4), font: "SimSun",
                                          size: 13.99, bold: false, spans: [end, rest])
                               : body("组织开展工程机械海外营销售后", 161.6)
            return [body("和质量追溯体系，对二手设备", 90.3), body("出口给予通关便利。", 112.8), first, next,
                    body("销、售后服务人才专项培训，", 185.6), body("建立海外法律服务机构库，为", 207.3)]
        }
        let wraps = clean([page(13, lead(true))], rules: FurnitureRules()).blocks
        #expect(wraps.contains { $0.lines.starts(with: ["13:2", "13:3", "13:4"]) }, "\(wraps.map(\.lines))")
        let apart = clean([page(13, lead(false))], rules: FurnitureRules()).blocks
        #expect(apart.contains { $0.lines == ["13:2"] }, "\(apart.map(\.lines))")
    }

    /// A page whose text stops high (contents rows set at the body's measure,
    /// v9307) ends its paragraph: its last row does not run on into the title
    /// at the top of the next page. A paragraph reaching the foot of a full page goes on.
    @Test func aPageWhoseTextStopsWellAboveTheFootEndsItsParagraph() {
        let text = Array("各地加快推进项目前期工作项目谋划更加突出产业升级和基础设施补短板")
        /// `count` full lines from `y`, each its own text (a text repeated in place on every page is a running head).
        func column(from y: Double, count: Int, page: Int) -> [TextLine] {
            (0..<count).map { index in
                let shift = (page * 7 + index) % text.count
                return line(String(text[shift...] + text[..<shift]), x: 60, y: y + 20 * Double(index), width: full)
            }
        }
        let pages = [ocrPage(2, column(from: 300, count: 3, page: 2)), ocrPage(3, column(from: 90, count: 30, page: 3)),
                     ocrPage(4, column(from: 90, count: 30, page: 4))]
        let blocks = clean(pages, rules: FurnitureRules()).blocks
        #expect(!blocks.contains { $0.lines.contains("2:2") && $0.lines.contains("3:0") })
        #expect(blocks.contains { $0.lines.contains("3:29") && $0.lines.contains("4:0") })
    }

    /// On a text layer a paragraph keeps its size across a page break: a
    /// last line running to the margin does not run on into a next page's
    /// first line a size larger (a cover's last contents row and a headline
    /// only 1.14 times the body, v11312); the same size runs on.
    @Test func aTextLayersParagraphDoesNotRunOnIntoALargerLineOverAPageBreak() {
        let text = Array("各地加快推进项目前期工作项目谋划更加突出产业升级和基础设施补短板")
        func column(page: Int, firstSize: Double) -> [TextLine] {
            (0..<30).map { index in
                let shift = (page * 7 + index) % text.count
                return line(String(text[shift...] + text[..<shift]), x: 60, y: 90 + 20 * Double(index), width: full,
                            size: index == 0 ? firstSize : 12)
            }
        }
        let larger = clean([page(2, column(page: 2, firstSize: 12)), page(3, column(page: 3, firstSize: 13))], rules: FurnitureRules()).blocks
        #expect(!larger.contains { $0.lines.contains("2:29") && $0.lines.contains("3:0") })
        let same = clean([page(2, column(page: 2, firstSize: 12)), page(3, column(page: 3, firstSize: 12))], rules: FurnitureRules()).blocks
        #expect(same.contains { $0.lines.contains("2:29") && $0.lines.contains("3:0") })
    }

    /// Tesseract passes over a small running header on most pages of a scan:
    /// read on 3 of 14, it is still furniture there; a section label at the top
    /// of 3 pages (short) is not.
    @Test func aScannedHeaderReadOnAFewPagesOnlyIsFurniture() {
        let headers = [4: "双导决策观察）》2024年第20期（总第294期", 9: "《双周决策观察》2024年第20期（总第294期）",
                       10: "双周决策观察》2024年第20期（总第，294期）"]
        let pages = (2...15).map { number in
            var lines: [TextLine] = []
            if let text = headers[number] { lines.append(line(text, x: 200, y: 20, width: 190, size: 9)) }
            if [5, 7, 11].contains(number) { lines.append(line("【上海】", x: 60, y: 24, width: 40)) }
            lines.append(line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 300, width: full - 24))
            return ocrPage(number, lines)
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "running-header" }.map(\.page) == [4, 9, 10])
        #expect(cleaned.furniture.filter { $0.text == "【上海】" }.isEmpty)
    }

    /// A scan's page number OCR misread past its shape (`第上页`, `第7约`)
    /// stands where the other pages print theirs: furniture. A paragraph's
    /// short last line as low, at the left margin, is text.
    @Test func aMisreadPageNumberWhereTheOthersStandIsFurniture() {
        let numbers = [2: "第2页", 3: "第上页", 4: "第4页", 5: "第7约", 6: "第6页"]
        let pages = (2...6).map { number in
            var lines = [line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 300, width: full - 24)]
            if number == 4 { lines.append(line("措施落地。", x: 60, y: 790, width: 60)) }
            lines.append(line(numbers[number]!, x: 280 + Double(number % 2) * 3, y: 800 + Double(number % 3), width: 36, size: 10))
            return ocrPage(number, lines)
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "page-number" }.map(\.text) == ["第2页", "第上页", "第4页", "第7约", "第6页"])
        #expect(cleaned.blocks.contains { $0.text.hasSuffix("措施落地。") })
    }

    /// Page numbers on alternating sides (the outer margin) leave a page few
    /// others at its place: one whose 第 or 页 OCR misread (`某6页`, `弟8页`)
    /// holds its page's number as the others count them, and is furniture;
    /// then one misread past its digits (`第于页`) stands where those do. A
    /// paragraph's last line at the foot holding its page's number among more words is text.
    @Test func aPageNumberMisreadAroundItsDigitsIsFurniture() {
        let numbers = [2: "第2页", 3: "第3页", 4: "第于页", 5: "第5页", 6: "某6页", 7: "第7页", 8: "弟8页"]
        let pages = (2...8).map { number in
            var lines = [line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 300, width: full - 24)]
            let left = number % 2 == 0
            lines.append(line(numbers[number]!, x: left ? 70 : 480, y: 800 + Double(number % 3), width: 36, size: 10))
            if number == 3 { lines.append(line("约3亿。", x: 84, y: 780, width: 40)) }
            return ocrPage(number, lines)
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "page-number" }.map(\.text) == (2...8).map { numbers[$0]! })
        #expect(cleaned.blocks.contains { $0.text.hasSuffix("约3亿。") })
    }

    /// In an issue mostly born-digital, the few scanned pages' headers are
    /// misread differently each: each is matched with the text pages' header.
    @Test func aMisreadHeaderOnAFewScannedPagesMatchesTheTextPages() {
        let pages = (2...11).map { number in
            let scanned = [4, 6].contains(number)
            let title = number == 4 ? "双周决策观察地方工作亮点志踪" : number == 6 ? "双周决策观察，地方工作况点追踪" : "双周决策观察 · 地方工作亮点追踪"
            var header = line(title, x: 45, y: scanned ? 22 : 17, size: 9)
            var body = line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 300, width: full - 24)
            var layout = page(number, [header, body])
            if scanned {
                header.confidence = 0.8
                body.confidence = 0.9
                layout = page(number, [header, body])
                layout.method = .ocr
            }
            return layout
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "running-header" }.map(\.page) == Array(2...11))
    }

    /// A header OCR read as noise on one page sits where the other pages'
    /// header sits, in smaller type than the page's text: furniture. A body
    /// line as high up, in the page's own size, is not.
    @Test func aHeaderReadAsNoiseIsFurnitureByItsPlaceAndSize() {
        let body = "正文首行缩进两个字符，正文排到右边界为止，不会停在中间。"
        let pages = (2...6).map { number in
            let header = number == 4 ? "人届也炎区所）2024芷村下" : "《双周决策观察》2024年第11期"
            var lines = [line(header, x: 200, y: 22, width: 190, size: 8.5)]
            if number == 5 { lines = [line(body, x: 60, y: 30, width: full)] }
            lines += (0..<4).map { line(body, x: 60, y: 100 + 20 * Double($0), width: full) }
            return ocrPage(number, lines)
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "running-header" }.map(\.page) == [2, 3, 4, 6])
        #expect(!cleaned.furniture.contains { $0.page == 5 })
        #expect(cleaned.blocks.contains { $0.provenance.contains { $0.page == 5 && $0.box.y0 == 30 } })
        let strict = clean(pages, rules: FurnitureRules(scanPositionMaxSize: 0.5))
        #expect(!strict.furniture.contains { $0.page == 4 })
    }

    /// A scan's running heads misread on every page but one (tuning v1506:
    /// `议问决策理罕2021年第20期总种291点` over `双周决策观察》2024年第20期`),
    /// one so garbled it is unreadable: small edge lines at the found head's
    /// height are heads too. A page's own-size top line stays text; with no
    /// head found or unreadable anywhere, misread ones alone are not enough.
    @Test func headsMisreadOnMostPagesAreFurnitureBesideTheOneFound() {
        let body = "正文首行缩进两个字符，正文排到右边界为止，不会停在中间。"
        let heads = [2: "议问决策理罕2021年第20期总种291点", 3: "到了间决疏更宇20年第20因了二第二其",
                     4: "下关头长音符021年省20四二1", 5: "《双周决策观察》2024年第20期（总第294期）"]
        func pages(unreadable: Bool) -> [PageLayout] {
            (2...7).map { number in
                var lines: [TextLine] = []
                if let head = heads[number] { lines.append(line(head, x: 200, y: 22, width: 190, size: 8.5)) }
                if number == 6 { lines.append(line("上页段落接续到本页顶端的一行，字号与正文相同，写满整整一行。", x: 60, y: 24, width: full)) }
                if number == 7 { lines.append(line("本页顶端另起一段，首行顶格排列，字号与正文相同，写满一行。", x: 60, y: 10, width: full)) }
                lines += (0..<4).map { line(body, x: 60, y: 100 + 20 * Double($0), width: full) }
                var page = ocrPage(number, lines)
                if number == 4, unreadable { page.lines[0].confidence = 0.2 }
                return page
            }
        }
        let cleaned = clean(pages(unreadable: true), rules: FurnitureRules(), names: ["双周决策观察"])
        #expect(cleaned.furniture.filter { $0.reason == "running-header" }.map(\.page) == [2, 3, 5])
        #expect(cleaned.furniture.filter { $0.reason == "unreadable-margin" }.map(\.page) == [4])
        #expect(!cleaned.furniture.contains { $0.page == 6 || $0.page == 7 })
        let unfound = clean(pages(unreadable: false), rules: FurnitureRules())
        #expect(unfound.furniture.isEmpty)
    }

    /// Alternating scanned heads misread past any likeness on a noisy bitonal
    /// scan and sized like the body (v10914: `2P4平第11` at 0.38, `2024咎审11期了`
    /// at 0.61, `4双周决策观红地方工作党总息足` at 0.60), one unreadable: each is
    /// a head, standing where the unreadable one stands. A short label read as
    /// poorly there (`|安徽）`) and a body line read poorly at the body's top stay
    /// text; with no head found or unreadable at that height, nor are the misread ones heads.
    @Test(arguments: [true, false]) func headsReadPoorlyWhereAnUnreadableHeadStandsAreFurniture(unreadable: Bool) {
        let body = Array("各地持续推进设备更新和消费品以旧换新，政策效应逐步显现，市场活力不断增强，企业信心稳步回升。")
        let heads: [Int: (String, Double)] = [2: ("2电疗让入臣守地末工作守上志让", unreadable ? 0.13 : 0.9), 4: ("4双周决策观红地方工作党总息足", 0.6),
                                              5: ("2P4平第11", 0.38), 6: ("|安徽）", 0.5), 7: ("2024咎审11期了", 0.61)]
        let pages = (2...8).map { number in
            var lines: [TextLine] = []
            if let (head, _) = heads[number] { lines.append(line(head, x: 80, y: 30, width: 150, size: 10.5)) }
            // Each page's own text: no line of it repeats on another page.
            lines += (0..<6).map { row in
                let text = String((0..<28).map { body[(number * 7 + row * 3 + $0) % body.count] })
                return line(text, x: 80, y: 70 + 19 * Double(row), width: 340, size: 10.5)
            }
            var page = ocrPage(number, lines)
            if let (_, confidence) = heads[number] { page.lines[0].confidence = confidence }
            if number == 3 { page.lines[0].confidence = 0.6 }
            return page
        }
        let furniture = clean(pages, rules: FurnitureRules()).furniture
        if unreadable {
            #expect(furniture.map(\.page) == [2, 4, 5, 7], "\(furniture)")
            #expect(furniture.filter { $0.reason == "running-header" }.map(\.page) == [4, 5, 7])
        } else {
            #expect(furniture.isEmpty, "\(furniture)")
        }
    }

    /// Alternating heads on the text pages of a mixed issue, each version on
    /// two pages of eight (too few to repeat), the page number joined to it
    /// (`2/8 双周决策观察·地方工作亮点追踪`, `2022 年第 22 期 5/8`), set 9 pt over
    /// 10.5 pt text (0.857 of it, v10415): heads by what they read, smaller
    /// than the body. A line the body's size reading the same stays.
    @Test func alternatingHeadsSetJustSmallerThanTheTextAreHeads() {
        let body = "正文首行缩进两个字符，正文排到右边界为止，不会停在中间。"
        func pages(headSize: Double) -> [PageLayout] {
            (1...8).map { number in
                let head = number % 2 == 0 ? "\(number)/8 双周决策观察·地方工作亮点追踪" : "2022 年第 22 期 \(number)/8"
                let heads = [2, 5, 6, 7].contains(number) ? [line(head, x: number % 2 == 0 ? 49 : 359, y: 24, width: 150, size: headSize)] : []
                return page(number, heads + (0..<6).map { line(body, x: 60, y: 100 + 20 * Double($0), width: full, size: 10.5) })
            }
        }
        let found = clean(pages(headSize: 9), rules: FurnitureRules(minRepeats: 3), names: ["双周决策观察", "地方工作亮点追踪"],
                          issueLabels: [#"(?<year>\d{4})\s*年\s*第\s*(?<number>\d{1,2})\s*期"#])
        #expect(found.furniture.filter { $0.reason == "running-header" }.map(\.page) == [2, 5, 6, 7])
        let bodySized = clean(pages(headSize: 10.5), rules: FurnitureRules(minRepeats: 3), names: ["双周决策观察", "地方工作亮点追踪"],
                              issueLabels: [#"(?<year>\d{4})\s*年\s*第\s*(?<number>\d{1,2})\s*期"#])
        #expect(bodySized.furniture.filter { $0.reason == "running-header" }.isEmpty)
    }

    /// OCR sized a scanned head like the body and misread most of it
    /// (`戏同天于司字2024年洁了里【总市277`, v10302): where the heads found on
    /// other pages stand, end to end, and reading a little like them, it is the
    /// head whatever its size. A body line at a page's top, set to the text's
    /// width, stays text; so does a line shaped like the head that reads like
    /// nothing of it.
    @Test func aHeadMisreadAndSizedLikeTheBodyIsTheHeadByItsShape() {
        let body = "正文首行缩进两个字符，正文排到右边界为止，不会停在中间。"
        func pages(_ top: TextLine) -> [PageLayout] {
            (2...6).map { number in
                let head = number == 6 ? top : line("《双周决策观察》2024年第3期（总第277期）", x: 210, y: 30, width: 185)
                return ocrPage(number, [head] + (0..<6).map { line(body, x: 60, y: 100 + 20 * Double($0), width: full) })
            }
        }
        func heads(_ top: TextLine) -> [Int] {
            clean(pages(top), rules: FurnitureRules()).furniture.filter { $0.reason == "running-header" }.map(\.page)
        }
        #expect(heads(line("戏同天于司字2024年洁了里【总市277", x: 224, y: 28, width: 177)) == [2, 3, 4, 5, 6])
        #expect(heads(line("上页段落接续到本页顶端的一行，写满整整一行。", x: 60, y: 34, width: full)) == [2, 3, 4, 5])
        #expect(heads(line("上页段落接续到本页的末行文字。", x: 212, y: 30, width: 180)) == [2, 3, 4, 5])
        // A headline centred at the page's top, shaped like the head, is set larger than the body.
        var headline = line("2024年第3期各地经济总结", x: 212, y: 30, width: 180, size: 16)
        headline.size = 16
        #expect(heads(headline) == [2, 3, 4, 5])
    }

    /// A right-hand head `2024年第3期` read `2021年第2区` at the body's size on
    /// one page, read as a small piece (`0年第人`) on another and too garbled
    /// to read on the rest (v10405): the garbled heads stand where it stands
    /// too, so it is the head, not a sub-heading of the article under it.
    @Test func aHeadMisreadWhereOtherPagesHeadsAreGarbledIsTheHead() {
        let body = "正文首行缩进两个字符，正文排到右边界为止，不会停在中间。"
        let tops = [2: ("0年第人", 0.36), 3: ("六主流条更从", 0.2), 4: ("2021和向基", 0.18), 5: ("2021年第2区", 0.43), 6: ("2王心的", 0.1)]
        let pages = (2...6).map { number in
            var layout = ocrPage(number, [line(tops[number]!.0, x: 402, y: 30, width: 62, size: number == 5 ? 10.5 : 8)]
                                 + (0..<6).map { line(body, x: 60, y: 100 + 20 * Double($0), width: full, size: 10.5) })
            layout.lines[0].confidence = tops[number]!.1
            return layout
        }
        let cleaned = clean(pages, rules: FurnitureRules(), issueLabels: [#"(?<year>\d{4})\s*年\s*第\s*(?<number>\d{1,2})\s*期"#])
        #expect(cleaned.furniture.contains { $0.page == 5 && $0.text == "2021年第2区" }, "\(cleaned.furniture.map { ($0.page, $0.reason, $0.text) })")
        #expect(!cleaned.blocks.contains { $0.text == "2021年第2区" })
    }

    /// A scanned head read only in part (`地方.` of `双周决策观察 · 地方工作亮点追踪`)
    /// and sized like the body is still the head: its letters stand in the head
    /// found at its height on the other pages, within its width (v1712, where it
    /// cut a paragraph running on from the page before). Letters the head does
    /// not hold, or a piece outside its width, stay text.
    @Test func aPieceOfAScannedHeadIsTheHead() {
        let body = "正文首行缩进两个字符，正文排到右边界为止，不会停在中间。"
        func pages(piece: String, x: Double) -> [PageLayout] {
            (2...6).map { number in
                let top = number == 6 ? line(piece, x: x, y: 20, width: 14 * Double(piece.count), size: 11)
                    : line("双周决策观察 · 地方工作亮点追踪", x: 60, y: 18, width: 140, size: 8.5)
                return ocrPage(number, [top] + (0..<6).map { line(body, x: 60, y: 100 + 20 * Double($0), width: full) })
            }
        }
        func heads(_ pages: [PageLayout]) -> [Int] {
            clean(pages, rules: FurnitureRules()).furniture.filter { $0.reason == "running-header" }.map(\.page)
        }
        #expect(heads(pages(piece: "地方.", x: 121)) == [2, 3, 4, 5, 6])
        #expect(heads(pages(piece: "天津.", x: 121)) == [2, 3, 4, 5])
        #expect(heads(pages(piece: "地方.", x: 400)) == [2, 3, 4, 5])
    }

    /// OCR reads a line of each column as one: it is cut at the gutter, but
    /// only where its words stand a gutter apart, not a word space.
    @Test func aLineAcrossTheGutterIsCutOnlyAtAGutterWideGap() {
        // Two columns, 60–250 and 300–490, five lines each.
        var lines = (0..<5).flatMap { row in
            [ocrLine([("左栏正文", 60, 250)], y: 100 + Double(row) * 20), ocrLine([("右栏正文", 300, 490)], y: 100 + Double(row) * 20)]
        }
        lines.append(ocrLine([("左栏末尾", 60, 250), ("右栏开头", 300, 490)], y: 220))
        lines.append(ocrLine([("印发日期：2024年", 60, 272), ("2月8日", 278, 320)], y: 240))
        let pieces = ReadingOrder.splittingAtGutter(lines)
        #expect(pieces.filter { $0.source == 10 }.map(\.line.text) == ["左栏末尾", "右栏开头"])
        #expect(pieces.filter { $0.source == 11 }.map(\.line.text) == ["印发日期：2024年2月8日"])
    }

    /// A two-line headline in the left column under a staff box set in two
    /// columns: OCR boxed a speck with the headline's second line, which then
    /// ends on the right column's edge (`年重大项目扩大有 。`, v10303). It is the
    /// left column's line still, not one that spans both: the headline's lines
    /// are read together, before the right column. A line reaching well into
    /// the right column spans both.
    @Test func aLineEndingOnTheOtherColumnsEdgeStaysInItsColumn() throws {
        var lines = [ocrLine([("天津滨海综合发展研究院", 80, 206)], y: 79), ocrLine([("编辑欧阳晓岚、林涛", 257.06, 349)], y: 86),
                     ocrLine([("主办天津滨海综合发展研究院", 80, 212)], y: 120), ocrLine([("电话022-66222942", 257.06, 342)], y: 123),
                     ocrLine([("各地提前谋划2023", 67, 228)], y: 232, height: 19), ocrLine([("年重大项目扩大有", 67, 250), ("。", 256, 257.1)], y: 259, height: 19),
                     ocrLine([("效投资", 67, 125)], y: 289, height: 19)]
        lines += (0..<6).flatMap { row in
            [ocrLine([("左栏正文", 68, 237)], y: 322 + 19 * Double(row)), ocrLine([("右栏正文", 264, 435)], y: 189 + 19 * Double(row))]
        }
        let boxes = lines.map(\.box)
        let read = ReadingOrder.order(boxes).map { lines[$0.index].text }
        let title = try #require(read.firstIndex(of: "各地提前谋划2023"))
        #expect(Array(read[title...(title + 2)]) == ["各地提前谋划2023", "年重大项目扩大有。", "效投资"])
        #expect(ReadingOrder.order(boxes).first { $0.index == 5 }?.column == 0)
        var across = lines
        across[5] = ocrLine([("年重大项目扩大有效投资跨过栏间", 67, 300)], y: 259, height: 19)
        #expect(ReadingOrder.order(across.map(\.box)).first { $0.index == 5 }?.column == -1)
    }

    /// A staff box set in two columns of its own atop a two-column page (v10303):
    /// it is read first, both its halves, and the right column's first line
    /// then follows the left column's last, as a paragraph running on across
    /// the columns does. A gap as wide lower down, between sub-headings of the
    /// two columns, parts nothing: only a box in the page's top share is read so.
    @Test func aBoxInTwoColumnsAtopAPageIsReadBeforeTheColumns() throws {
        var lines = [ocrLine([("天津滨海综合发展研究院", 80, 206)], y: 79), ocrLine([("编辑欧阳晓岚、林涛", 257, 349)], y: 86),
                     ocrLine([("主办天津滨海综合发展研究院", 80, 212)], y: 120), ocrLine([("传真022-66222940", 257, 342)], y: 140)]
        lines += (0..<24).flatMap { row in
            [ocrLine([("左栏正文\(row)", 68, 237)], y: 196 + 19 * Double(row)), ocrLine([("右栏正文\(row)", 264, 435)], y: 189 + 19 * Double(row))]
        }
        let read = ReadingOrder.order(lines.map(\.box)).map { lines[$0.index].text }
        #expect(Array(read.prefix(4)) == ["天津滨海综合发展研究院", "主办天津滨海综合发展研究院", "编辑欧阳晓岚、林涛", "传真022-66222940"])
        let last = try #require(read.firstIndex(of: "左栏正文23"))
        #expect(read[last + 1] == "右栏正文0")
        // The same gap between the columns' lines halfway down the page is no box's.
        var gapped: [TextLine] = []
        for row in 0..<24 {
            let shift: Double = row >= 12 ? 40 : 0
            gapped.append(ocrLine([("左栏正文\(row)", 68, 237)], y: 196 + 19 * Double(row) + shift))
            gapped.append(ocrLine([("右栏正文\(row)", 264, 435)], y: 189 + 19 * Double(row) + shift))
        }
        gapped.insert(ocrLine([("页眉", 68, 120)], y: 160), at: 0)
        let columns = ReadingOrder.order(gapped.map(\.box)).map { gapped[$0.index].text }
        #expect(columns.firstIndex(of: "左栏正文23").map { columns[$0 + 1] } == "右栏正文0")
    }

    /// A contents page in two columns (v12016): its title is set across the
    /// gutter, and one long left-column row (`…产业集群……4`) runs past the
    /// other rows' ends. Each leaves one place free of the other: the gutter
    /// is the channel half as wide again as the first (30 pt against 16),
    /// between the long row's end and the right column, so that row stays in
    /// the left column, read before the right.
    @Test func theGutterIsTheWidestChannelOfThoseCrossedAsRarely() {
        let lines = [
            ocrLine([("【区域】", 57, 89)], y: 102, height: 8), ocrLine([("国各地提前谋划2023年重大项目", 53, 208)], y: 112, height: 10),
            ocrLine([("扩大有效投资", 63, 126)], y: 136, height: 9), ocrLine([("【湖北】", 58, 90)], y: 148, height: 10),
            ocrLine([("国武汉出台16条措施", 53, 153)], y: 166, height: 10), ocrLine([("打造世界级光电子信息产业集群……4", 63, 237)], y: 183, height: 11),
            ocrLine([("【福建】", 58, 91)], y: 199, height: 10), ocrLine([("图福建推出20条措施", 54, 159)], y: 223, height: 11),
            ocrLine([("支持民营企业稳岗扩岗", 64, 168)], y: 242, height: 10), ocrLine([("本期要目", 224, 286)], y: 56, height: 14),
            ocrLine([("国厦门自贸片区推出", 267, 365)], y: 97, height: 10), ocrLine([("跨境贸易便利化“十条新政”", 277, 400)], y: 112, height: 9),
            ocrLine([("3", 231, 237)], y: 130, height: 8), ocrLine([("【海南】", 271, 304)], y: 128, height: 10),
            ocrLine([("国海南自贸港加工增值免关税政策", 267, 427)], y: 147, height: 10), ocrLine([("扩围至全岛重点园区", 278, 372)], y: 165, height: 9),
        ]
        #expect(ReadingOrder.gutter(lines.map(\.box)) == 237...267)
        let read = ReadingOrder.order(lines.map(\.box)).map { lines[$0.index].text }
        #expect(read.firstIndex(of: "打造世界级光电子信息产业集群……4").map { read[$0 + 1] } == "【福建】")
        #expect(read.first == "本期要目" && read.firstIndex(of: "支持民营企业稳岗扩岗").map { read[$0 + 1] } == "国厦门自贸片区推出")
    }

    /// Contents in two columns with a narrow gutter, OCR reading most rows
    /// across it as one line (v10006): the line boxes show no gutter where it
    /// is, their words do, and each row is cut there.
    @Test func aGutterOnlyTheWordsShowIsFound() {
        let lines = [
            ocrLine([("本期要目", 247, 337)], y: 104, height: 10),
            ocrLine([("[区域]", 67, 94)], y: 150, height: 10), ocrLine([("[福建]", 308, 335)], y: 150, height: 10),
            ocrLine([("★各地提前谋划重大项目扩大有效投", 67, 281), ("★福建推出措施支持民营企业稳岗扩岗", 308, 522)], y: 167, height: 10),
            ocrLine([("资", 84, 93)], y: 184, height: 10), ocrLine([("★厦门自贸片区推出跨境贸易便利化", 308, 522)], y: 184, height: 10),
            ocrLine([("[湖北]", 67, 94)], y: 201, height: 10),
            ocrLine([("★武汉出台措施打造世界级光电子信息产", 67, 292), ("[海南]", 308, 336)], y: 219, height: 10),
            ocrLine([("业集群", 83, 114)], y: 238, height: 10), ocrLine([("★海南自贸港加工增值免关税政策扩围至全岛", 308, 522)], y: 238, height: 10),
        ]
        #expect(!(ReadingOrder.gutter(lines.map(\.box))?.contains(300) ?? false))
        let pieces = ReadingOrder.splittingAtGutter(lines)
        #expect(pieces.filter { $0.source == 3 }.map(\.line.text) == ["★各地提前谋划重大项目扩大有效投", "★福建推出措施支持民营企业稳岗扩岗"])
        #expect(pieces.filter { $0.source == 7 }.map(\.line.text) == ["★武汉出台措施打造世界级光电子信息产", "[海南]"])
        #expect(ReadingOrder.order(pieces.map(\.line.box)).map { pieces[$0.index].line.text }.prefix(7)
            == ["本期要目", "[区域]", "★各地提前谋划重大项目扩大有效投", "资", "[湖北]", "★武汉出台措施打造世界级光电子信息产", "业集群"])
        // Contents in one column, page numbers standing apart on the right, and a running
        // head read in two pieces (v8514): numbers make no column, and no line is cut.
        var single = [ocrLine([("发与决太观察“", 208, 260), ("2022年第22期（总第252期）", 270, 401)], y: 34, height: 10)]
        single += (0..<9).map { row in
            ocrLine(row % 2 == 0 ? [("●各地提前谋划重大项目", 85, 263), ("-\(row + 3)", 499, 518)] : [("扩大有效投资", 100, 172)], y: 120 + 20 * Double(row), height: 10)
        }
        #expect(ReadingOrder.splittingAtGutter(single).map(\.source) == Array(single.indices))
    }

    /// A speck OCR read as `。` in the gutter of a two-column contents joins a
    /// left-column row to the right column's label past it (v12219): it is no
    /// word of either, and the row is still cut there. A full stop hanging just
    /// past its word is kept.
    @Test func aSpeckInTheGutterDoesNotHoldARowAcrossIt() {
        var lines = [ocrLine([("[区域]|▲国庆假期各地文旅消费火热", 76, 275)], y: 378, height: 11)]
        lines += (1..<6).map { row in ocrLine([("多地接待游客量创新高", 132, 275)], y: 378 + 22 * Double(row), height: 11) }
        lines += (0..<6).map { row in ocrLine([("[浙江]|▲杭州出台25条措施", 314, 540)], y: 378 + 22 * Double(row), height: 11) }
        lines.append(ocrLine([("长3.6%制造业投资增势良好", 134, 288), ("。", 298, 305), ("[海南]|▲", 314, 364)], y: 520, height: 11))
        let speck = ReadingOrder.splittingAtGutter(lines).filter { $0.source == lines.count - 1 }.map(\.line.text)
        #expect(speck == ["长3.6%制造业投资增势良好", "[海南]|▲"])
        lines[lines.count - 1] = ocrLine([("长3.6%制造业投资增势良好", 134, 288), ("。", 289, 296), ("[海南]|▲", 314, 364)], y: 520, height: 11)
        let hanging = ReadingOrder.splittingAtGutter(lines).filter { $0.source == lines.count - 1 }.map(\.line.text)
        #expect(hanging == ["长3.6%制造业投资增势良好。", "[海南]|▲"])
    }

    /// On a scan of block paragraphs, a line that stops three ems short before
    /// `高500万元` goes on: the producer kept `高 500 万` together with the spaces
    /// OCR dropped. A line as short before a lone Han character ends its paragraph.
    @Test func anOCRLineShortBeforeANumberGoesOn() {
        func blocks(_ next: String) -> Int {
            let full = "重点引进数据产品开发、数据合规咨询、数据资产评估等数据服务机构，写满"
            let lines = [line(full, x: 60, y: 100, width: 480), line(full, x: 60, y: 120, width: 480),
                         line("对新落户的数据企业给予最", x: 60, y: 140, width: 444),
                         line(next, x: 60, y: 160, width: 480), line("数据。", x: 60, y: 180, width: 36)]
            return clean([ocrPage(6, lines)], rules: FurnitureRules()).blocks.count
        }
        #expect(blocks("高500万元支持。先行区将建设可信数据空间和数据训练基地，为人工智能企业提供") == 1)
        #expect(blocks("先行区将建设可信数据空间和数据训练基地，为人工智能企业提供高质量训练") == 2)
    }

    /// A line that stops two ems short at a closing mark with no full stop
    /// before it (`…若干措施》`) goes on when the next line opens with a
    /// bracket and a character, which could not have been left at its end
    /// (v10006). With room for them, or after a full stop (`。”`), it ends its paragraph.
    @Test func aLineShortAtAClosingMarkGoesOnWhereTheNextGroupDidNotFit() {
        func blocks(_ first: String, width: Double, _ next: String) -> Int {
            let full = "从产业链提升、创新能力建设、企业梯度培育、要素保障等方面提出措施，写满"
            let lines = [line(full, x: 60, y: 100, width: 480), line(first, x: 60, y: 120, width: width),
                         line(next, x: 60, y: 140, width: 480), line("力争到2025年全市产业规模突破万亿元。", x: 60, y: 160, width: 230),
                         line("光电子信息产业是武汉的第一支柱产业，写满整整一行为止。", x: 60, y: 190, width: 480)]
            return clean([ocrPage(4, lines)], rules: FurnitureRules()).blocks.count
        }
        let bracket = "（以下简称《若干措施》），从产业链提升、创新能力建设、企业梯度培育"
        #expect(blocks("12月8日，武汉市人民政府办公厅印发《武汉市加快光电子信息产业集群发展若干措施》", width: 456, bracket) == 2)
        #expect(blocks("12月8日，武汉市人民政府办公厅印发《武汉市加快光电子信息产业集群措施》", width: 408, bracket) == 3)
        #expect(blocks("武汉市人民政府办公厅表示：“将加快光电子信息产业集群发展，形成合力。”", width: 456, bracket) == 3)
    }

    /// A letter a reread read a second time inside a line's box (`四` over
    /// the `运` ending the line, v10005) is a speck; the same letter on a row
    /// of its own stays text.
    @Test func aLetterReadInsideAnotherLinesBoxIsASpeck() {
        func furniture(_ y: Double) -> [FurnitureLine] {
            let full = "从运行成本看，通过西部陆海新通道运输至东南亚的货物，运"
            var lines = (0..<8).map { line(full, x: 60, y: 100 + 20 * Double($0), width: 480, size: 13.5) }
            lines.append(line("四", x: 528, y: y, width: 12, size: 8.5))
            var scan = ocrPage(18, lines)
            scan.lines[8].confidence = 0.53
            return clean([scan], rules: FurnitureRules()).furniture
        }
        #expect(furniture(141).map(\.text) == ["四"])
        #expect(furniture(265).isEmpty)
    }

    /// A scan's header OCR read as garbage, like no other page's, at the top
    /// edge of the page: furniture. The same reading lower down, or read
    /// with a text line's confidence, or holding a long number OCR read (the
    /// fax at a back cover's foot, `传歇：022-66222940`, v12505), stays text.
    @Test func anUnreadableHeaderAtAScansEdgeIsFurniture() {
        func scan(header: (y: Double, confidence: Double), text: String = "双届雪生让村2全音20基第2中，") -> [FurnitureLine] {
            var lines = [line(text, x: 200, y: header.y, width: 190, size: 8)]
            lines += (0..<20).map { line("正文写满整整一行，写到右边界为止，不停下来。", x: 60, y: 100 + 30 * Double($0), width: 480) }
            var page = ocrPage(3, lines)
            page.lines[0].confidence = header.confidence
            return clean([page], rules: FurnitureRules()).furniture
        }
        #expect(scan(header: (16, 0.16)).map(\.reason) == ["unreadable-margin"])
        // Just under the band (the sheet sits low; a page number read `区尖` 0.3 pt out of it, v10903).
        #expect(scan(header: (86, 0.16)).map(\.reason) == ["unreadable-margin"])
        #expect(scan(header: (16, 0.9)).isEmpty)
        #expect(scan(header: (300, 0.16)).isEmpty)
        #expect(scan(header: (16, 0.16), text: "传歇：022-66222940").isEmpty)
        #expect(scan(header: (16, 0.16), text: "传歇：022-6622").map(\.reason) == ["unreadable-margin"])
    }

    /// One or two marks OCR read at a scan's top edge (`人，` where a header's
    /// rule or bleed-through is) away from where lines start: furniture. A
    /// paragraph's last two characters carried to the top of the page start
    /// at the column's edge and stay text, as does the same mark lower down.
    @Test func aMarkAtAScansEdgeAwayFromTheLineStartsIsFurniture() {
        func scan(_ text: String, x: Double, y: Double = 25) -> [FurnitureLine] {
            var lines = [line(text, x: x, y: y, width: 10 * Double(text.count), size: 12)]
            lines += (0..<20).map { line("正文写满整整一行，写到右边界为止，不停下来。", x: 60, y: 100 + 30 * Double($0), width: 480) }
            var page = ocrPage(4, lines)
            page.lines[0].confidence = 0.54
            return clean([page], rules: FurnitureRules()).furniture
        }
        #expect(scan("人，", x: 287).map(\.reason) == ["margin-speck"])
        #expect(scan("潜力", x: 61).isEmpty)
        #expect(scan("人，", x: 287, y: 300).isEmpty)
        #expect(scan("地方工作", x: 287).isEmpty)
    }

    /// A mark OCR read above a scan's running header (`及`, v10716) is a
    /// speck, even where it lines up with the text's left edge: no text stands
    /// between a running head and the page's edge. Under the header it stays.
    @Test func aMarkBeyondARunningHeaderIsASpeck() {
        func scan(mark y: Double) -> [FurnitureLine] {
            let pages = (2...4).map { number in
                var lines = [line("双周决策观察地方工作亮点追踪", x: 60, y: 62, width: 140, size: 8)]
                lines += (0..<20).map { line("正文写满整整一行，写到右边界为止，不停下来。", x: 60, y: 100 + 30 * Double($0), width: 480) }
                if number == 3 { lines.insert(line("及", x: 58, y: y, width: 6, size: 7), at: 0) }
                return ocrPage(number, lines)
            }
            return clean(pages, rules: FurnitureRules()).furniture.filter { $0.text == "及" }
        }
        #expect(scan(mark: 36).map(\.reason) == ["margin-speck"])
        // Under the head it is no margin speck (a line boxed 7 pt among 12 pt ones is a speck by its shape).
        #expect(scan(mark: 88).map(\.reason) == ["speck"])
    }

    /// A numeric expression in brackets is one unbreakable group, as browsers
    /// break (UAX #14): a line short before it in ragged text goes on.
    @Test func aBracketedSumIsOneGroupAtALinesStart() {
        let sum = line("“（2+2）+（3+6）+（4+5）”现代化产业体系，大力发展", x: 60, y: 120, width: 300, size: 10)
        #expect(LineBreaking.leadingGroupWidth(sum) > 100)
        #expect(LineBreaking.mayBreak(between: "）", and: "等"))
        #expect(!LineBreaking.mayBreak(between: "）", and: "+"))
        #expect(!LineBreaking.mayBreak(between: "+", and: "（"))
    }

    /// Ragged block paragraphs (Chromium, v10818): `…同比增长超过` stops 41.9 pt
    /// short of the measure before `20%。`, which its text layer sets 42.4 pt
    /// wide (digits and `%` wider than half an em): the group did not fit, so
    /// the paragraph goes on. Half an em a digit would have said 37 pt. OCR
    /// boxes ink, not advances: its lines keep the estimate.
    @Test func aTextLayersGroupIsAsWideAsItsSpansSetIt() {
        func next(_ spans: [(String, Double, Double)], ocr: Bool = false) -> TextLine {
            let parts = spans.map { TextSpan(text: $0.0, box: Box(x0: $0.1, y0: 371.6, x1: $0.2, y1: 389.7), font: "Default", size: 14, bold: false) }
            return TextLine(text: spans.map(\.0).joined(), box: parts.map(\.box).union!, font: "Default", size: 14, bold: false,
                            spans: parts, confidence: ocr ? 0.9 : nil)
        }
        #expect(abs(LineBreaking.leadingGroupWidth(next([("20%。", 66.8, 109.2)])) - 42.4) < 0.01)
        // The group's share of a span holding more: `20%。` of `20%。与此`.
        let shared = LineBreaking.leadingGroupWidth(next([("20%。与此", 66.8, 137.2)]))
        #expect(shared > 40 && shared < 45)
        #expect(LineBreaking.leadingGroupWidth(next([("20%。", 66.8, 109.2)], ocr: true)) < 38)
        // OCR: a number, the marks read in and after it, and the Han characters touching it
        // are one group (`降 8.1% 和 4.7%，` wrapped whole 7 ems short, v10906): 3 ems and 8 half ems.
        #expect(abs(LineBreaking.leadingGroupWidth(next([("降8.1%和4.7%，加工贸易", 66.8, 260)], ocr: true)) - 7.4 * 14) < 0.01)
        #expect(abs(LineBreaking.leadingGroupWidth(next([("长8.2$和7.9%，高于", 66.8, 200)], ocr: true)) - 7.4 * 14) < 0.01)
        // Spaces a producer set between spans count (ReportLab: `过 1.5 亿元。`, v10409): to `亿`'s end.
        let spaced = LineBreaking.leadingGroupWidth(next([("过 ", 84.47, 95.47), ("1.5 ", 100.97, 117.47), ("亿元。", 122.97, 155.97)]))
        #expect(abs(spaced - (122.97 + 33.0 / 3 - 84.47)) < 0.01)
        let sheet = page(1, [line("月，经西部陆海新通道运输的外贸货物货值同比增长超过", x: 66.8, y: 352.1, width: 349.8, size: 14),
                                  next([("20%。", 66.8, 109.2)]),
                                  line("与此同时，部分以加工贸易为主的省份外贸承压明显。受全球消", x: 66.8, y: 399.3, width: 391.7, size: 14)]
                             + (0..<6).map { line("物流成本带动了中西部加工贸易和跨境电商快速发展外贸货物", x: 66.8, y: 430 + 19.5 * Double($0), width: 391.7, size: 14) })
        let blocks = clean([sheet], rules: FurnitureRules()).blocks
        #expect(blocks.first?.text.hasSuffix("超过20%。") == true, "\(blocks.map(\.text))")
    }

    /// A page of a two-column issue whose right column holds one line (an
    /// article's end) shows no gutter of its own: the gutter the other pages
    /// share orders it, left column first. A page whose lines cross it keeps one column.
    @Test func aShortRightColumnIsReadAfterTheLeftByTheDocumentsGutter() {
        func column(_ x: Double, _ count: Int, _ label: String) -> [TextLine] {
            (0..<count).map { line("\(label)栏第\($0 + 1)行的正文写到这里", x: x, y: 100 + 20 * Double($0), width: 200) }
        }
        let full = [page(1, column(60, 12, "左") + column(300, 12, "右")), page(2, column(60, 12, "左") + column(300, 12, "右"))]
        let short = page(3, column(60, 12, "甲") + column(300, 1, "乙"))
        let order = clean(full + [short], rules: FurnitureRules()).blocks.flatMap(\.lines).filter { $0.hasPrefix("3:") }
        #expect(order == (0..<13).map { "3:\($0)" })
        #expect(ReadingOrder.gutter(short.lines.map(\.box)) == nil)
        // One wide column: the lines cross the shared gutter.
        let wide = page(3, (0..<12).map { line("一栏通排的正文写满一整行，写到右边界为止", x: 60, y: 100 + 20 * Double($0), width: 480) })
        #expect(ReadingOrder.fitting(ReadingOrder.sharedGutter([270...290, 270...290])!, wide.lines.map(\.box)) == nil)
    }

    /// On a scan, a line that stops two ems short mid-sentence (the producer
    /// wrapped at a space OCR dropped) goes on; a sentence's end there, or a
    /// line far shorter, still ends the paragraph.
    @Test func anOCRLineALittleShortMidSentenceGoesOn() {
        func scannedPage(_ second: (String, Double)) -> PageLayout {
            var lines = [line("从消费看，前4月上海社会消费品零售总额同比下降，主要受汽车拖累；", x: 60, y: 100, width: full, size: 12),
                         line(second.0, x: 60, y: 120, width: second.1, size: 12),
                         line("长5.8%、4.9%和6.3%，住宿餐饮、文化旅游等服务消费增势较好。", x: 60, y: 140, width: 300, size: 12),
                         line("从工业看，前4月江苏、浙江规上工业增加值分别同比增长，高于全国平均", x: 60, y: 160, width: full, size: 12),
                         line("水平。", x: 60, y: 180, width: 36, size: 12)]
            for index in lines.indices { lines[index].confidence = 0.9 }
            var scanned = page(3, lines)
            scanned.method = .ocr
            return scanned
        }
        let runOn = clean([scannedPage(("江苏、浙江、安徽社零总额分别增", full - 24))], rules: FurnitureRules())
        #expect(runOn.blocks.count == 2)
        let ended = clean([scannedPage(("江苏、浙江、安徽社零总额分别增长。", full - 24))], rules: FurnitureRules())
        #expect(ended.blocks.count == 3)
    }

    /// Block paragraphs set apart by spacing, ragged right, scanned: a line that
    /// stops four ems short mid-sentence goes on (the gap ends paragraphs), and
    /// so does one six and a half ems short (a producer wrapped before `长 10.2%
    /// 和 7.9%`, v1418); a heading far shorter does not, and without spacing the
    /// short line still ends one.
    @Test(arguments: [48.0, 78.0]) func aScannedRaggedLineGoesOnWhereParagraphsAreSpaced(shortBy: Double) {
        func scannedPage(gap: Double) -> PageLayout {
            var y = 100.0
            func next(_ text: String, width: Double, after: Double = 0) -> TextLine {
                y += after
                defer { y += 20 }
                return line(text, x: 60, y: y, width: width, size: 12)
            }
            return ocrPage(3, [
                next("今年国庆假期，各地文旅市场迎来客流高峰。据文化和旅游部数据中心测算，", width: full),
                next("假期7天全国国内出游人次和国内游客出游总花费按可比口径分别较", width: full - shortBy),
                next("2019年同期增长10.2%和7.9%。各地通过发放文旅消费券、推出惠民门票、", width: full),
                next("举办特色节庆活动等方式，进一步激发文旅消费活力。", width: 200),
                next("国庆假期，北京全市累计接待游客超过1400万人次，旅游总花费约160亿元。", width: full, after: gap),
                next("北京推出城市休闲游线路100条。", width: 200),
                next("【北京】文商旅融合带动消费增长", width: 180, after: gap),
                next("假期期间，北京还举办了200余场文化市集、非遗展示和体育赛事活动，带动", width: full),
                next("周边住宿、餐饮消费同步增长。", width: 200),
                next("据北京市商务局监测，假期全市重点监测的百货、超市、专业店等企业实现", width: full, after: gap),
                next("销售额同比增长6.8%。", width: 150),
            ])
        }
        let spaced = clean([scannedPage(gap: 12)], rules: FurnitureRules()).blocks
        #expect(spaced.count == 5)
        #expect(spaced.first?.text.hasSuffix("进一步激发文旅消费活力。") == true)
        #expect(spaced.contains { $0.text == "【北京】文商旅融合带动消费增长" })
        let unspaced = clean([scannedPage(gap: 0)], rules: FurnitureRules()).blocks
        #expect(unspaced.count == 6)
        #expect(unspaced.first?.text.hasSuffix("分别较") == true)
    }

    /// Block paragraphs set apart by spacing, scanned: a line OCR lost the first
    /// character of (`业总部超过300家`) reads as set in by an em under a line
    /// running to the margin mid-sentence; it goes on. Without spacing, where
    /// paragraphs might be told by nothing else, it is still a new block.
    @Test func aScannedLineThatLostItsFirstCharacterGoesOnWhereParagraphsAreSpaced() {
        func scannedPage(gap: Double) -> PageLayout {
            var y = 100.0
            func next(_ text: String, x: Double = 60, width: Double, after: Double = 0) -> TextLine {
                y += after
                defer { y += 20 }
                return line(text, x: x, y: y, width: width, size: 12)
            }
            return ocrPage(6, [
                next("目前，虹桥国际中央商务区已集聚各类总部企业550余家，其中贸易型总部和民营企", width: full),
                next("总部超过300家，总部经济已成为商务区的“金字招牌”。前三季度，商务区总部", x: 72, width: full - 12),
                next("企业营业收入同比增长9.6%。", width: 160),
                next("此外，商务区将依托虹桥国际开放枢纽建设，支持总部企业开展跨境资金集中运营。", width: 300, after: gap),
                next("杭州将建立市领导联系重点民营企业制度，每季度召开民营企业座谈会。", width: 300, after: gap),
                next("截至9月底，杭州民营经济主体超过140万户。", width: 260, after: gap),
            ])
        }
        let spaced = clean([scannedPage(gap: 12)], rules: FurnitureRules()).blocks
        #expect(spaced.count == 4)
        #expect(spaced.first?.text.hasSuffix("企业营业收入同比增长9.6%。") == true)
        let unspaced = clean([scannedPage(gap: 0)], rules: FurnitureRules()).blocks
        #expect(unspaced.first?.text.hasSuffix("其中贸易型总部和民营企") == true)
    }

    /// Block paragraphs set apart by spacing, scanned: a paragraph whose last
    /// line OCR read to the margin without its full stop (`…给予优先保障`) over
    /// a line set in two ems after a paragraph's gap (`二、发挥国资和并购`,
    /// v10919) ends there: the gap and the indent together tell it. Set in
    /// under the same line at the pitch, the line lost its first character and goes on.
    @Test(arguments: [12.0, 0.0]) func aGapAndAnIndentEndAScannedParagraphWhoseFullStopWasLost(gap: Double) {
        var column = LineColumn()
        let sheet = ocrPage(7, [
            column.next("上海将支持上市公司围绕产业链上下游开展并购重组，对符合条件的", width: full),
            column.next("企业在土地、能耗、人才等方面给予优先保障", width: full - 10),
            column.next("二、发挥国资和并购基金作用", x: 84, width: 180, after: gap),
            column.next("上海将推动国有控股上市公司通过并购重组聚焦主业、提质增效，支持", width: full, after: 12),
            column.next("国有企业将优质资产注入上市公司。", width: 200),
            column.next("同时，设立规模500亿元的并购基金，重点投向集成电路和生物医药。", width: 300, after: 12),
            column.next("截至9月底，上海共有境内外上市公司430余家。", width: 260, after: 12),
            column.next("下一步，上海将完善并购重组配套政策。", width: 220, after: 12),
        ])
        let blocks = clean([sheet], rules: FurnitureRules()).blocks
        if gap > 0 {
            #expect(blocks.first?.text.hasSuffix("给予优先保障") == true, "\(blocks.map(\.text))")
            #expect(blocks.dropFirst().first?.text == "二、发挥国资和并购基金作用")
        } else {
            #expect(blocks.first?.text.hasSuffix("给予优先保障二、发挥国资和并购基金作用") == true, "\(blocks.map(\.text))")
        }
    }

    /// Indented paragraphs, scanned: a page's last line running to the margin
    /// mid-sentence over the next page's first line set in by an em, where
    /// paragraphs start two in (OCR lost `场` of `场景，实现…`, v10909): the
    /// paragraph goes on. Set in the full two ems, a paragraph starts there.
    @Test(arguments: [12.0, 24.0]) func aScannedParagraphGoesOnOntoAPageWhoseFirstLineLostItsFirstCharacter(inset: Double) throws {
        let text = "各地持续推进设备更新和消费品以旧换新，政策效应逐步显现，市场活力"
        let first = ocrPage(1, paragraphColumn(text, last: "不断增强。", x: 60, from: 100, count: 16, pitch: 20, size: 12, width: full))
        var lines = [line("景，实现一次告知、一表申请、一套材料、一窗受理，办结后企业和群众", x: 60 + inset, y: 100, width: full - inset)]
        lines += (1...2).map { line(text, x: 60, y: 100 + 20 * Double($0), width: full) }
        lines.append(line("满意度明显提升。", x: 60, y: 160, width: 96))
        lines += paragraphColumn(text, last: "不断增强。", x: 60, from: 180, count: 12, pitch: 20, size: 12, width: full)
        let blocks = clean([first, ocrPage(2, lines)], rules: FurnitureRules()).blocks
        let carried = try #require(blocks.first { $0.lines.contains("2:0") })
        #expect(carried.lines.first == (inset < 20 ? "1:12" : "2:0"), "\(blocks.map(\.lines))")
    }

    /// A mark OCR read left of a scanned column's edge (`：做强…`, a speck
    /// beside a sub-heading, v10904) is no stray mark of the block: the block
    /// may still be a heading. Read at the column's edge, it is kept as one.
    @Test(arguments: [48.0, 60.0]) func aMarkReadLeftOfTheColumnIsASpeckNotTheBlocks(x: Double) {
        var column = LineColumn()
        let sheet = ocrPage(6, [
            column.next("：做强“光芯屏端网”产业链", x: x, width: 200),
            column.next("《若干措施》提出，围绕光通信、激光、集成电路、新型显示、智能终端五大", width: full, after: 8),
            column.next("领域，实施产业链“链长制”，每条产业链编制产业链图谱和招商目标清单。", width: full),
            column.next("同时，武汉将推动链主企业开放供应链，支持本地中小企业进入链主企业", width: full, after: 12),
            column.next("配套体系。", width: 60),
        ])
        let heading = clean([sheet], rules: FurnitureRules()).blocks.first
        #expect(heading?.text == "做强“光芯屏端网”产业链")
        #expect(heading?.strayMarks == (x < 60 ? nil : "："))
    }

    /// A justified scanned line with digits in it, spaced out to the measure,
    /// is sized 16 pt by OCR among 12 pt lines: at the body's pitch and filling
    /// the measure like its neighbours it stays in the paragraph. A line as
    /// large that stops short stands apart.
    @Test func aScannedLineSizedLargeThatFillsTheMeasureAtPitchStaysInItsParagraph() {
        func scannedPage(middleWidth: Double) -> PageLayout {
            let texts = ["前三季度全省固定资产投资同比下降2.1%，但制造业投资增",
                         "长8.7%，占全部投资的比重提高",
                         "至24.5%。工业技术改造投资增",
                         "长12.3%，大规模设备更新政策效应逐步",
                         "显现，企业设备购置意愿明显回升，带动相关",
                         "行业订单增长。"]
            var lines = texts.enumerated().map { i, text in
                line(text, x: 60, y: 100 + 20 * Double(i), width: i == texts.count - 1 ? 84 : full, size: 12)
            }
            lines[2].size = 16
            lines[2].box.x1 = 60 + middleWidth
            return ocrPage(3, lines)
        }
        #expect(clean([scannedPage(middleWidth: full)], rules: FurnitureRules()).blocks.count == 1)
        #expect(clean([scannedPage(middleWidth: 200)], rules: FurnitureRules()).blocks.count > 1)
    }

    /// A scanned citation wrapped inside its date: OCR sizes the digits of the
    /// tail (`0230918）`) 10 pt among 13.5 pt lines, but the tail closes the
    /// bracket the paragraph left open, so it ends that paragraph. A small line
    /// that opens a bracket of its own is another block still.
    @Test func aScannedCitationsDateTailStaysInItsParagraph() {
        func scannedPage(_ tail: String) -> PageLayout {
            var lines = [line("沈阳还将建设平台经济监测服务系统，加强对平台企业经营状况和风险的", x: 60, y: 100, width: full, size: 13.5),
                         line("动态监测。（辽宁日报2", x: 60, y: 120, width: full, size: 13.5),
                         line(tail, x: 60, y: 140, width: 50, size: 10)]
            for index in lines.indices { lines[index].confidence = 0.9 }
            var scanned = page(3, lines)
            scanned.method = .ocr
            return scanned
        }
        let joined = clean([scannedPage("0230918）")], rules: FurnitureRules()).blocks
        #expect(joined.count == 1)
        #expect(joined.first?.text.hasSuffix("（辽宁日报20230918）") == true)
        #expect(clean([scannedPage("（图2）")], rules: FurnitureRules()).blocks.count == 2)
    }

    /// A citation of two outlets wrapped twice in a narrow scanned column
    /// (v8112): OCR sized its middle line 15 pt among 10 pt lines, but that line
    /// and the next close the bracket the paragraph left open, with a date in
    /// them, so all three end the paragraph. A large line after an open
    /// bracket that closes none is another block still.
    @Test func aScannedCitationWrappedTwiceStaysInItsParagraph() {
        func scannedPage(_ middle: String) -> PageLayout {
            var lines = [line("政策力度，全年经济有望保持回升向", x: 60, y: 100, width: full, size: 10),
                         line("好态势。（南方日", x: 60, y: 118, width: 90, size: 10),
                         line(middle, x: 60, y: 136, width: full, size: 15),
                         line("道20241022）", x: 60, y: 154, width: 60, size: 9.5)]
            for index in lines.indices { lines[index].confidence = 0.9 }
            return ocrPage(7, lines)
        }
        let joined = clean([scannedPage("报20241022 21世纪经济报")], rules: FurnitureRules()).blocks
        #expect(joined.count == 1)
        #expect(joined.first?.text.hasSuffix("（南方日报20241022 21世纪经济报道20241022）") == true)
        #expect(clean([scannedPage("深圳推出应用场景清单首批开放")], rules: FurnitureRules()).blocks.count > 1)
    }

    /// A scanned column's last line that stops far short of the edge, its 。
    /// read as “ (v8112), ends its paragraph: the line at the next page's top
    /// (a sub-heading) does not go on from it. A full line does go on, and so
    /// does one stopping short at a Han letter.
    @Test func aScannedParagraphDoesNotRunOnFromAShortLineToTheNextPage() {
        func pages(lastWidth: Double) -> [PageLayout] {
            // Paragraphs set with a first-line indent, ending in short lines.
            func rows(_ count: Int, from: Int, _ text: String) -> [TextLine] {
                (from..<count).map { (i: Int) -> TextLine in
                    let y = 100 + 20 * Double(i)
                    if i % 3 == 2 { return line("加快推进。", x: 60, y: y, width: 60) }
                    let indented = i % 3 == 0
                    return line(text, x: indented ? 84 : 60, y: y, width: indented ? full - 24 : full)
                }
            }
            var first = rows(8, from: 0, "对民营企业牵头承担国家和省重大科技项目的给予配套")
            first.append(line("高100万元奖励“", x: 60, y: 260, width: lastWidth))
            let second = [line("完善政企沟通机制", x: 60, y: 100, width: 96)] + rows(9, from: 3, "各地建立常态化政企沟通机制，定期听取企业意见建议")
            return [ocrPage(8, first), ocrPage(9, second)]
        }
        let parted = clean(pages(lastWidth: 100), rules: FurnitureRules()).blocks
        #expect(parted.contains { $0.text == "完善政企沟通机制" })
        let runOn = clean(pages(lastWidth: full - 12), rules: FurnitureRules()).blocks
        #expect(!runOn.contains { $0.text == "完善政企沟通机制" })
        // A line stopping a few ems short at a letter, mid-sentence (v9310), goes on.
        var midWord = pages(lastWidth: full - 60)
        midWord[0].lines[8].text = "高100万元奖励给"
        #expect(!clean(midWord, rules: FurnitureRules()).blocks.contains { $0.text == "完善政企沟通机制" })
        // One stopping more than half its measure short at a letter, its 。 lost
        // (`排`, v10802), before a short line at the next page's top, ended there.
        var lostStop = pages(lastWidth: 20)
        lostStop[0].lines[8].text = "排"
        #expect(clean(lostStop, rules: FurnitureRules()).blocks.contains { $0.text == "完善政企沟通机制" })
        // One stopping short at a number (a staff box's fax, v8112) does not.
        var number = pages(lastWidth: 100)
        number[0].lines[8].text = "传真022-66222940"
        #expect(clean(number, rules: FurnitureRules()).blocks.contains { $0.text == "完善政企沟通机制" })
    }

    /// A citation wrapped at the space between two outlets leaves its line short
    /// inside the bracket: the paragraph goes on to the line that closes it.
    @Test func aShortLineInsideAnOpenCitationGoesOn() {
        let block = ["在畅通回收循环利用链条上下功夫，避免政策“碎片", "化”。（来源：人民日报20240528经", "济日报20240529中国证券"]
        #expect(BlockBuilder.closesOpenBracket(block, next: "报20240530）"))
        #expect(BlockBuilder.closesOpenBracket(Array(block.prefix(2)), next: "济日报20240529中国证券" + "报20240530）"))
        #expect(!BlockBuilder.closesOpenBracket(Array(block.prefix(1)), next: "报20240530）"))
        #expect(!BlockBuilder.closesOpenBracket(block, next: "随着三省一市4月份主要经济数据陆续发布，长三角地区经济运行"))
        #expect(!BlockBuilder.closesOpenBracket(["（来源：人民日报20240528）"], next: "（来源：经济日报20240529）"))
        // OCR read the bracket twice (`(（`): the citation is closed.
        #expect(!BlockBuilder.closesOpenBracket(["新动能。(（中国经济时报20240131）"], next: "（GDP），是县域经济发展的一道分水岭。"))
    }

    /// A scanned page that ends inside what reads as an open bracket is
    /// followed by a centred headline OCR sized a fifth above the body (within
    /// OCR's size tolerance): the paragraph ends; the headline is no wrapped line.
    @Test func aCentredTitleAfterAnOpenBracketStartsItsOwnBlock() {
        let full = Array(repeating: "一行写满整行的正文，写到右边界附近为止，不停下来一直写到边界", count: 6)
        func body(_ y: Double) -> [TextLine] { full.enumerated().map { line($0.element, x: 60, y: y + 20 * Double($0.offset), width: 480, size: 14) } }
        let first = ocrPage(3, body(100) + [line("培育强劲新动能。（中国经济时报20240131", x: 60, y: 220, width: 230, size: 14)])
        let second = ocrPage(4, [line("西海岸新区入围百强", x: 220, y: 90, width: 160, size: 17),
                                 line("区域生产总值（GDP）是县域经济发展的一道分水岭，这意味着经济体量已接", x: 84, y: 120, width: 456, size: 14)]
                             + body(140)
                             + [line("区域生产总值（GDP），是一道分水岭。", x: 60, y: 240, width: 200, size: 14)])
        let blocks = clean([first, second], rules: FurnitureRules()).blocks
        #expect(blocks.first?.text.hasSuffix("20240131") == true)
        #expect(blocks.dropFirst().first?.text == "西海岸新区入围百强")
    }

    /// Ragged right, block paragraphs: a page's last line that ends a sentence
    /// with room for another character before the right edge lines reach ended
    /// its paragraph, though it stops within the margin of the commonest edge.
    @Test func aRaggedLineThatEndsASentenceWithRoomLeftEndsItsParagraph() {
        let widths = [470.0, 470, 480, 470, 478, 466, 470, 480]
        func body(_ number: Int, _ texts: [String], last: Double) -> PageLayout {
            page(number, texts.enumerated().map { index, text in
                line(text, x: 60, y: 100 + Double(index) * 20, width: index == texts.count - 1 ? last : widths[index % widths.count])
            })
        }
        let full = Array(repeating: "一行写满整行的正文，写到右边界附近为止，不停下来一直写到边界", count: 7)
        let first = body(10, full + ["心和售后服务网点的，按照实际投资额给予最高二百万元补助。"], last: 458)
        let second = body(11, ["二是加大出口信用保险支持。对企业投保短期出口信用保险的保费给"] + full, last: 470)
        let blocks = clean([first, second], rules: FurnitureRules()).blocks
        #expect(blocks.map(\.endReason) == ["short-line", "end"])
        // Mid-sentence, the same line goes on.
        let midSentence = body(10, full + ["心和售后服务网点的，按照实际投资额给予最高二百万元补助，"], last: 458)
        #expect(clean([midSentence, second], rules: FurnitureRules()).blocks.count == 1)
    }

    /// Whether paragraphs are indented is told by the lines that end a
    /// sentence short of the margin: in ragged-right text lines stop short
    /// mid-sentence too, and what follows them says nothing of indents.
    @Test func raggedLinesMidSentenceDoNotHideIndentedParagraphs() {
        var lines: [TextLine] = []
        var y = 100.0
        for paragraph in 0..<4 {
            let texts = ["第\(paragraph)段首行缩进两个字，写到这里", "中间一行写满到右边界，一直写到边界", "再写一行正文，停在右边界之前", "这一段在这里结束。"]
            for (index, text) in texts.enumerated() {
                lines.append(line(text, x: index == 0 ? 84 : 60, y: y, width: [456.0, 480, 430, 108][index]))
                y += 20
            }
        }
        let metrics = BlockBuilder.metrics(lines.enumerated().map { BlockBuilder.Line(ref: "1:\($0.offset)", page: 1, line: $0.element) })
        #expect(metrics.indentsParagraphs)
        #expect(clean([page(1, lines)], rules: FurnitureRules()).blocks.count == 4)
    }

    /// A citation on its own line, set right-aligned, wraps: its second part
    /// stands far right, as an indented line would, and still closes the bracket.
    @Test func aRightAlignedCitationsWrappedPartGoesOn() {
        let lines = [line("同时，要加强项目全生命周期管理，防范地方政府隐性债务风险。", x: 84, y: 100, width: full - 24),
                     line("（经济日报 20221209 21 世纪经济报", x: 60, y: 120, width: full - 12),
                     line("道 20221210）", x: 390, y: 140, width: 150),
                     line("（一）新的段落首行缩进，写到右边界为止不停下来一直写到边界。", x: 84, y: 160, width: full - 24),
                     line("新的段落结束。", x: 60, y: 180, width: 84)]
        let cleaned = clean([page(3, lines)], rules: FurnitureRules())
        #expect(cleaned.blocks.count == 2)
        #expect(cleaned.blocks.first?.text.hasSuffix("（经济日报 20221209 21 世纪经济报道 20221210）") == true)
    }

    /// On a scan of a layout whose paragraphs are not indented, a headline's
    /// last line set centred, read at about the body's size, is parted from the
    /// flush paragraph under it; a paragraph's own lines are not.
    @Test func aCentredOCRLineIsPartedFromTheFlushParagraphUnderIt() {
        var lines = [line("外贸和工业投资增势良好打造数据要素流通", x: 71, y: 80, width: 458, size: 12.5)]
        let body = ["随着三省一市4月份主要经济数据陆续发布，长三角地区经济运行的", "成绩单逐步清晰。总体来看，前4月长三角地区工业生产稳中有升。",
                    "外贸进出口保持较快增长，固定资产投资中工业投资增势良好，消费", "市场则呈现温和恢复态势。"]
        lines += body.enumerated().map { index, text in
            line(text, x: 60, y: 100 + Double(index) * 20, width: index == 3 ? 150 : full, size: 12)
        }
        lines += ["从消费看，前4月上海社会消费品零售总额同比下降，主要受汽车、通讯", "器材等商品拖累。"].enumerated().map { index, text in
            line(text, x: 60, y: 200 + Double(index) * 20, width: index == 1 ? 100 : full, size: 12)
        }
        let cleaned = clean([ocrPage(3, lines)], rules: FurnitureRules())
        #expect(cleaned.blocks.map(\.text) == ["外贸和工业投资增势良好打造数据要素流通", body.joined(), "从消费看，前4月上海社会消费品零售总额同比下降，主要受汽车、通讯器材等商品拖累。"])
        #expect(cleaned.blocks.first?.endReason == "centred")
        // A paragraph line whose first character OCR lost looks centred: it ends mid-sentence and stays.
        var lost = [line("5月30日，北京市发布方案，提出到2025年，建成具有全", x: 60, y: 80, width: full, size: 12),
                    line("影响力的数据要素配置枢纽；到", x: 73, y: 100, width: 454, size: 12),
                    line("2030年，形成较为完善的数据基础制度体系。", x: 60, y: 120, width: 250, size: 12)]
        lost += lines.dropFirst()
        for index in lost.indices { lost[index].confidence = 0.9 }
        var other = page(4, lost)
        other.method = .ocr
        #expect(!clean([other], rules: FurnitureRules()).blocks.contains { $0.endReason == "centred" })
    }

    /// Indented paragraphs, scanned. OCR lost the character before a comma
    /// (`近年来，` read `近年` / `，天津港…`): the line looks indented, but no line
    /// opens with a comma, so under a line running to the margin mid-sentence it
    /// goes on. A speck in a paragraph's indent read as `.` or `，` is left out
    /// (kept in `strayMarks`); a text layer's marks are kept as printed.
    @Test func aScannedLineOpeningWithACommaGoesOnAndASpeckInTheIndentIsLeftOut() {
        let rows: [(String, Double, Double)] = [
            ("近日，天津市交通运输委、天津港集团等部门和单位联合发布若干措施，", 84, full - 24),
            ("从港口作业、收费管理等方面提出15条措施。物流成本是影响外贸企业竞争力", 60, full),
            ("的重要因素。近年", 60, full),
            ("，天津港持续推进智慧港口和绿色港口建设，但与国内其他主要港口", 72, full - 12),
            ("相比，部分环节收费偏高。", 60, 150),
            (".据测算，措施实施后每年可为企业节省物流成本约8亿元，并将进一步", 74, full - 14),
            ("压缩船舶在港时间。", 60, 120),
            ("，天津市有关负责人表示，下一步将加强政策宣传，推动各项措施落地。", 74, full - 14),
            ("各区各部门要细化分工。", 60, 140),
            ("同时，天津将建立企业诉求快速响应机制，及时协调解决企业遇到的问题。", 84, full - 24),
            ("确保政策红利直达企业。", 60, 140),
        ]
        let lines = rows.enumerated().map { line($1.0, x: $1.1, y: 80 + 20 * Double($0), width: $1.2) }
        let scanned = clean([ocrPage(3, lines)], rules: FurnitureRules()).blocks
        #expect(scanned.map(\.text) == [
            "近日，天津市交通运输委、天津港集团等部门和单位联合发布若干措施，从港口作业、收费管理等方面提出15条措施。物流成本是影响外贸企业竞争力的重要因素。近年，天津港持续推进智慧港口和绿色港口建设，但与国内其他主要港口相比，部分环节收费偏高。",
            "据测算，措施实施后每年可为企业节省物流成本约8亿元，并将进一步压缩船舶在港时间。",
            "天津市有关负责人表示，下一步将加强政策宣传，推动各项措施落地。各区各部门要细化分工。",
            "同时，天津将建立企业诉求快速响应机制，及时协调解决企业遇到的问题。确保政策红利直达企业。",
        ])
        #expect(scanned.map(\.strayMarks) == [nil, ".", "，", nil])
        let printed = clean([page(3, lines)], rules: FurnitureRules()).blocks
        #expect(printed.contains { $0.text.hasPrefix("，天津港") && $0.strayMarks == nil })
        #expect(printed.contains { $0.text.hasPrefix(".据测算") })
    }

    /// Specks and rules a scan's OCR read as a short line of their own, sized
    /// like the text (OCR sizes a line by its glyphs' widths) but boxed far
    /// flatter (`二和` 3 pt tall, v11602) or far wider than its characters
    /// (`也一` across the page, v11814), are furniture (`speck`). A
    /// paragraph's last two characters on a line of their own (`里”`) stay.
    @Test func aShortScannedLineFlatterOrWiderThanItsCharactersIsASpeck() {
        var lines = (0..<6).map { line("近日，深圳市工业和信息化局发布首批应用场景清单", x: 76, y: 200 + 20 * Double($0), width: 300, size: 10.5) }
        lines.append(line("里”", x: 76, y: 320, width: 20, size: 10.5))
        var flat = line("二和", x: 282, y: 360, width: 8, size: 10.5)
        flat.box.y1 = flat.box.y0 + 3
        lines.append(flat)
        lines.append(line("也一", x: 76, y: 380, width: 300, size: 10.5))
        let cleaned = clean([ocrPage(3, lines)], rules: FurnitureRules())
        #expect(cleaned.furniture.map(\.text) == ["二和", "也一"] && cleaned.furniture.allSatisfy { $0.reason == "speck" })
        #expect(cleaned.blocks.contains { $0.text.contains("里”") })
    }

    /// Specks read as letters in a line of their own among a scan's text, a
    /// third of the page's size at under half confidence (`台E`, v8105), are
    /// furniture (`speck`); small print read confidently stays text. A header's
    /// rule read as a row of 一 is the running head's.
    @Test func aTinyScannedLineReadWithLittleConfidenceIsASpeck() {
        var lines = (0..<6).map { line("近日，深圳市工业和信息化局发布首批应用场景清单", x: 76, y: 200 + 20 * Double($0), width: 300, size: 10.5) }
        lines.append(line("台E", x: 228, y: 222, width: 10, size: 4.5))
        lines.append(line("注：数据来源于国家统计局", x: 76, y: 340, width: 60, size: 5))
        var scanned = ocrPage(3, lines)
        scanned.lines[6].confidence = 0.45
        scanned.lines[7].confidence = 0.88
        let cleaned = clean([scanned], rules: FurnitureRules())
        #expect(cleaned.furniture.map(\.text) == ["台E"] && cleaned.furniture.first?.reason == "speck")
        #expect(cleaned.blocks.contains { $0.text.contains("注：数据来源于国家统计局") })
        // Two letters that small are a speck however surely read (`SS`, v9308); a rule read as 一 is a rule.
        scanned.lines[6].text = "SS"
        scanned.lines[6].confidence = 0.56
        scanned.lines.append(line("一一一一一一一一", x: 65, y: 44, width: 174, size: 12.5))
        scanned.lines[8].confidence = 0.62
        let again = clean([scanned], rules: FurnitureRules())
        #expect(again.furniture.map(\.reason) == ["speck", "running-header"])
        // Leaders read as 一 beside a line in the band, and a rule among the text, are no rule.
        var beside = scanned
        beside.lines.append(line("双周决策观察", x: 300, y: 44, width: 80, size: 12.5))
        #expect(clean([beside], rules: FurnitureRules()).furniture.map(\.reason) == ["speck"])
        // Two 一 across the text's whole width are a rule too (v8919); two in a box their size are not.
        var wide = scanned
        wide.lines[8].text = "一一"
        wide.lines[8].box.x1 = wide.lines[8].box.x0 + 460
        #expect(clean([wide], rules: FurnitureRules()).furniture.map(\.reason) == ["speck", "running-header"])
        wide.lines[8].box.x1 = wide.lines[8].box.x0 + 26
        #expect(clean([wide], rules: FurnitureRules()).furniture.map(\.reason) == ["speck"])
        scanned.lines[8].box.y0 = 300
        scanned.lines[8].box.y1 = 312
        #expect(clean([scanned], rules: FurnitureRules()).furniture.map(\.reason) == ["speck"])
    }

    /// A scanned block's double quotes alternate within the block, whatever the
    /// OCR stage made of them across the page (`”白名单“`, v8918); a text layer's stay as printed.
    @Test func aScannedBlocksQuotesAlternateWithinIt() {
        let lines = [line("浦东新区试点跨境数据流动”白名单“扩围，首批”数据出境“清单发布", x: 60, y: 80, width: 300)]
        #expect(clean([ocrPage(3, lines)], rules: FurnitureRules()).blocks.first?.text == "浦东新区试点跨境数据流动“白名单”扩围，首批“数据出境”清单发布")
        #expect(clean([page(3, lines)], rules: FurnitureRules()).blocks.first?.text == "浦东新区试点跨境数据流动”白名单“扩围，首批”数据出境“清单发布")
    }

    /// A speck before a scanned sub-heading or paragraph read as a quote mark the
    /// block holds no other of (`“强化要素保障`, v8115) is left out; a quote
    /// that opens a quotation the block closes stays, and so do a text layer's.
    @Test func aScannedBlocksLoneOpeningQuoteIsASpeck() {
        let texts = ["“强化要素保障", "“十四五”期间，各地加快推进重大项目建设。"]
        let lines = texts.enumerated().map { line($1, x: 60, y: 80 + 40 * Double($0), width: $0 == 0 ? 84 : 300) }
        let scanned = clean([ocrPage(3, lines)], rules: FurnitureRules()).blocks
        #expect(scanned.map(\.text) == ["强化要素保障", "“十四五”期间，各地加快推进重大项目建设。"])
        #expect(scanned.map(\.strayMarks) == ["“", nil])
        #expect(clean([page(3, lines)], rules: FurnitureRules()).blocks.first?.text == "“强化要素保障")
    }

    /// Indented paragraphs (2 ems, as measured), scanned. OCR lost a line's
    /// first character (`长8.7%，…` read `8.7%，…`): set in 1 em under a line
    /// running to the margin mid-sentence, it goes on. Set in by the whole
    /// indent it is a paragraph's start, even where the line above lost its
    /// full stop; and from a text layer, such a line starts a block.
    @Test func aScannedLineSetInLessThanTheIndentUnderARunningLineGoesOn() {
        let rows: [(String, Double, Double)] = [
            ("从工业看，前三季度全省规上工业增加值同比增长4.6%，先进制造业和高技", 84, full - 24),
            ("术制造业增加值分别增长5.2%和6.9%。", 60, 200),
            ("从投资看，前三季度全省固定资产投资同比下降2.1%，但制造业投资增", 84, full - 24),
            ("8.7%，占全部投资的比重提高至24.5%，工业技术改造投资增长", 71, full - 11),
            ("12.3%，大规模设备更新政策效应逐步显现。", 60, 240),
            ("从消费看，前三季度全省社会消费品零售总额同比增长0.8%，增速低于", 84, full - 24),
            ("全国平均水平，消费市场出现回暖迹象。", 60, 220),
            ("分城市看，深圳前三季度GDP同比增长5.3%，增速在珠三角九市中居", 84, full - 24),
            ("首，广州增长2.0%，较上半年有所回落", 60, full),
            ("总体来看，珠三角核心城市经济增长分化明显，新兴产业占比较高的城市", 84, full - 24),
            ("增长相对较快。", 60, 100),
        ]
        let lines = rows.enumerated().map { line($1.0, x: $1.1, y: 80 + 20 * Double($0), width: $1.2) }
        let blocks = clean([ocrPage(3, lines)], rules: FurnitureRules()).blocks
        #expect(blocks.map { String($0.text.prefix(5)) } == ["从工业看，", "从投资看，", "从消费看，", "分城市看，", "总体来看，"])
        #expect(blocks[1].text.contains("投资增8.7%，占全部投资"))
        let printed = clean([page(3, lines)], rules: FurnitureRules()).blocks
        #expect(printed.contains { $0.text.hasPrefix("8.7%，") })
    }

    /// Block paragraphs, scanned. A long headline (17 pt as OCR measured it)
    /// runs to the margin without ending a sentence, a paragraph gap above the
    /// 14 pt text: closer in size than a style change at OCR's tolerance, but
    /// sized apart, it does not run on into the paragraph. A body line OCR
    /// sized 14.5 runs on across the same gap.
    @Test func aScannedHeadlineRunningToTheMarginDoesNotRunOnIntoItsParagraph() {
        func lines(headline: Double) -> [TextLine] {
            var y = 80.0
            func next(_ text: String, x: Double = 60, width: Double = full, size: Double = 14, gap: Double = 9) -> TextLine {
                defer { y += size + gap }
                return line(text, x: x, y: y, width: width, size: size)
            }
            return [
                next("广东前三季度GDP增长3.6%制造业投资增势良好", x: 70, width: full - 20, size: headline, gap: 19),
                next("10月21日，广东省统计局发布数据，前三季度广东实现地区生产总值103200"),
                next("亿元，同比增长3.6%，经济总量继续保持全国首位。其中，第一产业增加"),
                next("值增长3.8%，第二产业增加值增长4.5%。", width: 300, gap: 19),
                next("从工业看，前三季度全省规上工业增加值同比增长4.6%，先进制造业和高技"),
                next("术制造业增加值分别增长5.2%和6.9%，新能源汽车、集成电路、服务器等"),
                next("新产品产量快速增长。", width: 230, gap: 19),
                next("从投资看，前三季度全省固定资产投资同比下降2.1%。", width: 330),
            ]
        }
        let apart = clean([ocrPage(8, lines(headline: 17))], rules: FurnitureRules()).blocks
        #expect(apart.first?.text == "广东前三季度GDP增长3.6%制造业投资增势良好")
        #expect(apart.count == 4)
        let together = clean([ocrPage(8, lines(headline: 14.5))], rules: FurnitureRules()).blocks
        #expect(together.first?.text.hasPrefix("广东前三季度GDP增长3.6%制造业投资增势良好10月21日") == true)
    }

    /// Scanned: a paragraph's short last line set from the margin whose full stop
    /// OCR lost (`长9.1%`, tuning v1315), its box read at 13.5 pt under 10.5 pt
    /// lines, and a wrapped heading's last line (`增长10%以上`, v1414) go on
    /// after a line running to the margin mid-sentence. The same line after a
    /// line that ends its sentence, or set in from the margin, is sized apart.
    @Test func aScannedShortLastLineWithoutItsFullStopStaysInItsParagraph() {
        func blocks(_ previous: String, nextX: Double = 60) -> [String] {
            let lines = [line("餐饮、零售等企业实现销售额同比增长6.8%，住宿企业营业额同比增长5.2%，写满整", x: 84, y: 80, width: full - 24, size: 10.5),
                         line(previous, x: 60, y: 98, width: full, size: 10.5),
                         line("长9.1%", x: nextX, y: 116, width: 44, size: 13.5)]
            return clean([ocrPage(3, lines)], rules: FurnitureRules()).blocks.map(\.text)
        }
        #expect(blocks("行整行，文旅消费持续回暖，其中限额以上餐饮企业营业额同比增").count == 1)
        #expect(blocks("行整行，文旅消费持续回暖，其中限额以上餐饮企业营业额同比增。").count == 2)
        #expect(blocks("行整行，文旅消费持续回暖，其中限额以上餐饮企业营业额同比增", nextX: 200).count == 2)
    }

    /// Scanned: a paragraph's last line of a few characters ending its sentence
    /// (`予贴息。`), its box read short so sized 9 pt under 13 pt lines, goes on
    /// after a line running to the margin mid-sentence. A label of as few
    /// characters that ends no sentence (`【福建】`) is still sized apart.
    @Test func aScannedShortLastLineSizedSmallStaysInItsParagraph() {
        let rows: [(String, Double, Double, Double)] = [
            ("四是强化金融支持。鼓励银行机构对吸纳就业较多的民营企业给予优惠利率", 84, full - 24, 13),
            ("贷款，个人最高30万元，小微企业最高400万元，财政按规定给", 60, full, 13),
            ("予贴息。", 60, 40, 9),
            ("今年以来，受多重因素影响，部分民营中小企业生产经营困难加大，稳岗", 84, full - 24, 13),
            ("压力上升。福建省人社部门数据显示，前10个月全省城镇新增就业53.2万", 60, full, 13),
            ("【福建】", 60, 40, 9),
        ]
        let lines = rows.enumerated().map { line($1.0, x: $1.1, y: 80 + 22 * Double($0), width: $1.2, size: $1.3) }
        let blocks = clean([ocrPage(7, lines)], rules: FurnitureRules()).blocks
        #expect(blocks.map(\.text) == [
            "四是强化金融支持。鼓励银行机构对吸纳就业较多的民营企业给予优惠利率贷款，个人最高30万元，小微企业最高400万元，财政按规定给予贴息。",
            "今年以来，受多重因素影响，部分民营中小企业生产经营困难加大，稳岗压力上升。福建省人社部门数据显示，前10个月全省城镇新增就业53.2万",
            "【福建】",
        ])
    }

    /// A scanned headline wrapped by one character: the character is set
    /// centred under the full line and read at a smaller size. It ends the
    /// headline; a short line set at the left margin under a full line is an
    /// indent's question, and a centred label after a line ending its sentence
    /// starts a block of its own.
    @Test func aScannedHeadlinesLastCharacterCentredUnderItEndsIt() {
        let rows: [(String, Double, Double, Double)] = [
            ("成都推动政务服务“一件事一次办”企业开办压缩至半个工作", 60, full, 14.5),
            ("日", 294, 12, 11.5),
            ("近日，成都市印发《推进政务服务“一件事一次办”实施方案》，围绕", 84, full - 24, 12),
            ("企业和群众全生命周期，梳理推出企业开办、不动产登记等事项。", 60, full, 12),
            ("【四川】", 276, 48, 12),
            ("据介绍，改革后企业开办时间由3个工作日压缩至半个工作日，申请", 84, full - 24, 12),
            ("材料减少六成以上。", 60, 108, 12),
        ]
        let lines = rows.enumerated().map { line($1.0, x: $1.1, y: 80 + 22 * Double($0), width: $1.2, size: $1.3) }
        let blocks = clean([ocrPage(5, lines)], rules: FurnitureRules()).blocks
        #expect(blocks.map(\.text) == [
            "成都推动政务服务“一件事一次办”企业开办压缩至半个工作日",
            "近日，成都市印发《推进政务服务“一件事一次办”实施方案》，围绕企业和群众全生命周期，梳理推出企业开办、不动产登记等事项。",
            "【四川】",
            "据介绍，改革后企业开办时间由3个工作日压缩至半个工作日，申请材料减少六成以上。",
        ])
    }

    /// A speck in a paragraph's indent read as `。` starts the line's box near
    /// the margin: the indent is measured from the first word after it, so the
    /// heading above stays a block of its own.
    @Test func aMarkReadInAScannedIndentDoesNotHideTheIndent() {
        let paragraph: [(String, Double, Double)] = [
            ("《行动方案》提出，聚焦集成电路、生物医药、人工智能三大先导产业", 84, full - 24),
            ("和电子信息、汽车、高端装备等重点产业，给予优先保障。", 60, 300),
        ]
        let rows = paragraph + paragraph + paragraph + [
            ("发挥国资和并购基金作用", 60, 132),
            ("上海将推动国有控股上市公司通过并购重组聚焦主业、提质增效，支", 84, full - 24),
            ("持国有企业将优质资产注入上市公司。", 60, 204),
        ]
        var lines = rows.enumerated().map { line($1.0, x: $1.1, y: 80 + 22 * Double($0), width: $1.2) }
        let speck = TextSpan(text: "。", box: Box(x0: 68, y0: 234, x1: 74, y1: 246), font: "OCR", size: 12, bold: false)
        lines[7].spans.insert(speck, at: 0)
        lines[7].text = "。" + lines[7].text
        lines[7].box.x0 = 68
        let blocks = clean([ocrPage(6, lines)], rules: FurnitureRules()).blocks
        #expect(blocks.map(\.text) == Array(repeating:
            "《行动方案》提出，聚焦集成电路、生物医药、人工智能三大先导产业和电子信息、汽车、高端装备等重点产业，给予优先保障。", count: 3) + [
            "发挥国资和并购基金作用",
            "上海将推动国有控股上市公司通过并购重组聚焦主业、提质增效，支持国有企业将优质资产注入上市公司。",
        ])
    }

    /// OCR boxed a paragraph's short last line `意义。` 19 pt high in 12 pt type,
    /// 4 pt above and 7 pt below its ink: its bottom alone made a paragraph gap
    /// (v1415). Lines stand where their Han words' centres are, and it stays in
    /// its paragraph; the indented line after it still starts the next.
    @Test func aScannedLastLineBoxedTallStaysInItsParagraph() {
        let paragraph: [(String, Double, Double)] = [
            ("长三角地区以不到全国4%的土地面积，创造了全国近四分之一的经济总量", 84, full - 24),
            ("和三分之一的进出口总额，主要指标好于全国。", 60, 300),
        ]
        let rows = paragraph + paragraph + [
            ("随着三省一市4月份主要经济数据陆续发布，长三角地区经济运行的态势", 84, full - 24),
            ("对全国具有重要的“风向标”", 60, full - 6),
            ("意义。", 60, 36),
            ("从消费看，前4月上海社会消费品零售总额同比下降1.2%，降幅收窄。", 84, 400),
        ]
        var lines = rows.enumerated().map { line($1.0, x: $1.1, y: 80 + 22 * Double($0), width: $1.2) }
        let top = lines[6].box.y0, bottom = lines[6].box.y1
        let stretched = TextSpan(text: "意义", box: Box(x0: 60, y0: top - 4, x1: 84, y1: bottom + 7), font: "OCR", size: 12, bold: false)
        let stop = TextSpan(text: "。", box: Box(x0: 84, y0: top + 2, x1: 96, y1: bottom), font: "OCR", size: 12, bold: false)
        lines[6].spans = [stretched, stop]
        lines[6].box = [stretched.box, stop.box].union!
        let blocks = clean([ocrPage(4, lines)], rules: FurnitureRules()).blocks
        #expect(blocks.count == 4)
        #expect(blocks.dropFirst(2).first?.text == "随着三省一市4月份主要经济数据陆续发布，长三角地区经济运行的态势对全国具有重要的“风向标”意义。")
        #expect(blocks.last?.text.hasPrefix("从消费看") == true)
    }

    @Test func styleChangesStartNewBlocks() {
        let p = page(1, [
            line("文章标题设为加粗大字", x: 200, y: 80, size: 16, bold: true),
            line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 110, width: full - 24),
            line("正文结束。", x: 60, y: 130, width: 60),
            line("小标题加粗", x: 60, y: 160, bold: true),
            line("小标题下面的正文。", x: 84, y: 182, width: 108),
        ])
        let cleaned = clean([p], rules: FurnitureRules())
        #expect(cleaned.blocks.map(\.text) == ["文章标题设为加粗大字", "正文首行缩进两个字符，正文排到右边界为止，不会停在中间。正文结束。",
                                               "小标题加粗", "小标题下面的正文。"])
        #expect(cleaned.blocks.map(\.bold) == [true, false, true, false])
        #expect(cleaned.bodySize == 12)
    }

    @Test func cjkCharacterClasses() {
        // 〇 is a Han numeral (二〇二四年); extension B and compatibility ideographs are Han too.
        #expect(["二", "〇", "𠀀", "﨑"].allSatisfy { CJKCharacters.isHan(Character($0)) })
        #expect(!CJKCharacters.isHan(Character("。")) && CJKCharacters.isLetter(Character("カ")))
        // ― is a Chinese dash in some fonts; a bullet is a list mark, not CJK punctuation.
        #expect(CJKCharacters.isCJK(Character("―")) && !CJKCharacters.isCJK(Character("•")))
        #expect(CJKCharacters.isCJK(Character("２")) && !CJKCharacters.isCJK(Character("2")))
    }

    @Test func cjkSpacingRules() {
        #expect(CJKText.normalizeSpacing("新质 生产力 ， 正成为 “热词” 。") == "新质生产力，正成为“热词”。")
        #expect(CJKText.normalizeSpacing("增长 10% 以上，GDP  超 5000 亿") == "增长 10% 以上，GDP 超 5000 亿")
        #expect(CJKText.normalizeSpacing("the  AI  era") == "the AI era")
        // OCR's words as tesseract spaces them.
        #expect(CJKText.normalizeSpacing("新 质 生产力 ， 正在 “ 发展 ”") == "新质生产力，正在“发展”")
        #expect(CJKText.normalizeSpacing("GDP 超 5000 亿") == "GDP 超 5000 亿")
        #expect(CJKText.joinWrapped("数据跨境", "流动") == "数据跨境流动")
        #expect(CJKText.joinWrapped("in the", "plan") == "in the plan")
        #expect(CJKText.joinWrapped("state-of-the-", "art") == "state-of-the-art")
        #expect(CJKText.joinWrapped("imple-", "mentation") == "implementation")
        #expect(CJKText.joinWrapped("2024-", "2026年") == "2024-2026年")
        #expect(CJKText.joinWrapped("GDP", "增长") == "GDP增长")
        // In Chinese text an acronym broken at a line's end joins whole; words of Latin keep their space.
        #expect(CJKText.joinWrapped("随着各地区2023年GD", "P陆续公布") == "随着各地区2023年GDP陆续公布")
        #expect(CJKText.joinWrapped("加快突破电动垂直起降飞行器（eVTO", "L）整机设计") == "加快突破电动垂直起降飞行器（eVTOL）整机设计")
        #expect(CJKText.joinWrapped("天津滨海综合发展研究院Binhai", "Research") == "天津滨海综合发展研究院Binhai Research")
    }

    @Test func aPageNumberAboveTheBottomBandIsStillAPageNumber() {
        // Government documents print "— 1 —" at ~89% of the page height, below the last text line.
        let pages = (1...2).map { n in
            page(n, [
                line("预算执行情况总体较好，财政运行平稳有序，收支保持平衡，各项工作稳步推进落实到位。", x: 60, y: 660, width: full),
                line("财政部门全面落实积极的财政政策要加力提效要求，推动经济回升向好，财会监督", x: 60, y: 690, width: full),
                line("— \(n) —", x: 280, y: 748, width: 44),
            ])
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.map(\.reason) == ["page-number", "page-number"])
        #expect(cleaned.blocks.count == 1)
        #expect(!cleaned.blocks[0].text.contains("—"))
    }

    /// A page number set on the running head's baseline, right of it, is at the
    /// page's edge as much as the head is (both below the top band here).
    @Test func aPageNumberBesideTheRunningHeadIsAPageNumber() {
        let pages = (2...3).map { n in
            page(n, [
                line("2023 年第 18 期", x: 367, y: 92, width: 68, size: 10),
                line("— \(n) —", x: 444, y: 92, width: 32, size: 10),
                line("据各地海关最新发布的数据，今年1-8月，全国进出口总值同比略有下降，但中西部地区", x: 60, y: 130, width: full),
                line("多个省份外贸逆势增长，成为稳外贸的重要力量。", x: 60, y: 150, width: 260),
            ])
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "page-number" }.map(\.text) == ["— 2 —", "— 3 —"])
        #expect(!cleaned.blocks.contains { $0.text.contains("—") })
    }

    /// A last page whose text stops a third of the way down: its bottom row
    /// (a staff box's fax number wrapped in its cell, `940`) is in the upper
    /// half, no footer, so no page number; the page's own number in the head is.
    @Test func aBottomRowInThePagesUpperHalfIsNoPageNumber() {
        let last = page(9, [
            line("双周决策观察 · 地方工作亮点追踪", x: 49, y: 24, width: 133, size: 10),
            line("9/9", x: 407, y: 24, width: 13, size: 10),
            line("事”集成服务场景 50 个以上，推动政务服务持续优化。", x: 49, y: 157, width: 300, size: 10.5),
            line("电话 022-66222942 传真 022-66222", x: 247, y: 220, width: 161, size: 10),
            line("940", x: 247, y: 236, width: 16, size: 10),
        ])
        let cleaned = clean([last], rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.reason == "page-number" }.map(\.text) == ["9/9"])
        #expect(cleaned.blocks.contains { $0.text.contains("940") })
    }

    /// A scanned sheet that sits low puts its running head just under the margin
    /// band (y 90 on an 842 pt page whose band ends at 84): as the page's top row
    /// it is still the head the other pages print; a body line there is text.
    @Test func aScannedHeadJustUnderTheBandIsStillTheHead() {
        let body = "据各地海关最新发布的数据，今年1-8月，全国进出口总值同比略有下降，但中西部地区"
        let pages = [(2, 70.0), (3, 72.0), (4, 90.0)].map { n, y in
            ocrPage(n, [line("双周决策观察 · 地方工作亮点追踪", x: 86, y: y, width: 140, size: 9),
                        line(body, x: 60, y: 130, width: full), line("多个省份外贸逆势增长。", x: 60, y: 150, width: 130)])
        }
        let cleaned = clean(pages, rules: FurnitureRules())
        #expect(cleaned.furniture.filter { $0.text.hasPrefix("双周") }.map(\.page) == [2, 3, 4])
        let top = ocrPage(5, [line(body, x: 60, y: 90, width: full), line("多个省份外贸逆势增长。", x: 60, y: 110, width: 130)])
        #expect(clean(pages + [top], rules: FurnitureRules()).blocks.contains { $0.text.hasPrefix("据各地海关") && $0.pages == [5] })
    }

    /// A page's bottom row outside the margin band is a page number only in the
    /// page's outer quarters (government documents print it at 89% of the
    /// height): a cover whose text stops at 60% of its height ends on a staff
    /// box's wrapped fax number (`2940`, v10503), which stays text.
    @Test func aBareNumberEndingACoverHalfwayDownIsNoPageNumber() {
        func cover(numberAt y: Double) -> PageLayout {
            page(1, [line("双周决策观察", x: 120, y: 280, size: 46),
                     line("电话：022-66222942 传真：022-6622", x: 267, y: 478, width: 171, size: 10),
                     line("2940", x: 267, y: y, width: 22, size: 10)])
        }
        #expect(!clean([cover(numberAt: 494)], rules: FurnitureRules()).furniture.contains { $0.text == "2940" })
        #expect(clean([cover(numberAt: 740)], rules: FurnitureRules()).furniture.contains { $0.text == "2940" && $0.reason == "page-number" })
    }

    @Test func pageNumberShapes() {
        let defaults = FurnitureRules.defaultPageNumbers.map { try! NSRegularExpression(pattern: $0) }
        for text in ["3", "— 3 —", "- 12 -", "第 3 页", "Page 7", "3 / 10", "第3页 共10页", "7V/11", "9V11", "第5", "第-3页", "第 - 12 页", "：一4一", "一了一", "— 1了 —"] {
            #expect(FurnitureDetector.isPageNumber(text, defaults), "\(text)")
        }
        for text in ["2024 年第 3 期", "第一章", "3 月 1 日", "5G11", "20241017", "第3期", "第5条", "：一", "— 目录 —", "一了"] {
            #expect(!FurnitureDetector.isPageNumber(text, defaults), "\(text)")
        }
        // A pipeline names its own shapes (`furniture.pageNumbers`): 第三页 in Chinese numerals.
        var rules = FurnitureRules()
        rules.pageNumbers = ["^第[一二三四五六七八九十]{1,3}页$"]
        let pages = (1...3).map { number in
            page(number, [line("正文首行缩进两个字符，正文排到右边界为止，不会停在中间。", x: 84, y: 300, width: full - 24),
                          line("第\(["一", "二", "三"][number - 1])页", x: 280, y: 800, width: 36)])
        }
        #expect(clean(pages, rules: rules).furniture.map(\.reason) == ["page-number", "page-number", "page-number"])
        #expect(!clean(pages, rules: FurnitureRules()).furniture.contains { $0.reason == "page-number" })
    }

    /// A scanned block's size is the median of its lines that tell one: a
    /// heading's last character on a line of its own, read half as large
    /// again (v8508: 20 pt under a 14 pt line), does not make it a title.
    @Test func aScannedBlockIsSizedByItsLinesThatTellASize() {
        func line(_ text: String, _ size: Double) -> TextLine {
            TextLine(text: text, box: Box(x0: 0, y0: 0, x1: 10, y1: 10), font: "", size: size, bold: false, spans: [], confidence: 0.9)
        }
        let rules = BlockRules()
        #expect(BlockBuilder.ocrBlockSize([line("二、打造开放共享的训练", 14), line("场", 22)], rules: rules) == 14)
        #expect(BlockBuilder.ocrBlockSize([line("二、", 20), line("场", 22)], rules: rules) == 22)
        #expect(BlockBuilder.ocrBlockSize([line("第一行文字很长", 13), line("第二行文字很长", 14), line("第三行文字很长", 13.5)], rules: rules) == 13.5)
    }
}
