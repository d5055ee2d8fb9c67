import Testing
@testable import IssuePipe

@Suite struct OCRTextRepairTests {
    @Test func wordsJoinWithoutSpacesBetweenCJK() {
        #expect(OCRTextRepair.joinWords(["新质", "生产力", "，", "GDP", "5000", "亿元"]) == "新质生产力，GDP 5000亿元")
        #expect(OCRTextRepair.joinWords(["Binhai", "Research", "Institute"]) == "Binhai Research Institute")
    }

    @Test func halfWidthPunctuationInChineseWidens() {
        #expect(String(OCRTextRepair.widenPunctuation(Array("提出,加快:发展;是否?是!"))) == "提出，加快：发展；是否？是！")
        // Between digits it is a number, not Chinese punctuation.
        #expect(String(OCRTextRepair.widenPunctuation(Array("1,000 和 10:30"))) == "1,000 和 10:30")
        #expect(String(OCRTextRepair.widenPunctuation(Array("a, b"))) == "a, b")
    }

    @Test func dotsInsideChineseLinesAreCommas() {
        #expect(String(OCRTextRepair.commasFromDots(Array("在工业领域.浙江将到2027年.全省"))) == "在工业领域，浙江将到2027年，全省")
        #expect(String(OCRTextRepair.commasFromDots(Array("25个百分点.5年以上"))) == "25个百分点，5年以上")
        // Decimals, Latin text and a list number before a headline stay.
        #expect(String(OCRTextRepair.commasFromDots(Array("增长10.2%，www.gov.cn，1.加快"))) == "增长10.2%，www.gov.cn，1.加快")
        // At a line's end the dot may be a paragraph's closing 。: left to the structure stage.
        let lines = [["各地普遍将工作"], ["做好."], ["下一步"]]
        #expect(OCRTextRepair.repair(lines) == lines)
        #expect(OCRTextRepair.repair([["做好.下一步"]]) == [["做好，下一步"]])
    }

    /// A `。` read as a letter o at a line's end after Han is a full stop again;
    /// inside a line, after a Latin letter or a digit, an o stays.
    @Test func aLetterOEndingAChineseLineIsAFullStop() {
        #expect(OCRTextRepair.repair([["预计每年减负超过40亿元o"], ["力度最大的一次", "O"], ["淘宝Taobao"]])
            == [["预计每年减负超过40亿元。"], ["力度最大的一次", "。"], ["淘宝Taobao"]])
        #expect(OCRTextRepair.repair([["元o据测算"], ["第10"]]) == [["元o据测算"], ["第10"]])
    }

    /// So is an asterisk ending a line after Han or a percent sign; inside a
    /// line it may stand for a plus, a percent sign or a quote, and stays.
    @Test func anAsteriskEndingAChineseLineIsAFullStop() {
        #expect(OCRTextRepair.repair([["开放更多应用场景*"], ["1-8月", "增长超过20%*"]])
            == [["开放更多应用场景。"], ["1-8月", "增长超过20%。"]])
        let kept = [["以“股权投资*信用贷款”方式，最高30*给予"], ["增长30*"], ["AI*"]]
        #expect(OCRTextRepair.repair(kept) == kept)
    }

    /// A capital I read as a small l inside an acronym is an I again; words
    /// with other small letters, and a lone l, are left as read.
    @Test func anAcronymsSmallLIsACapitalI() {
        #expect(String(OCRTextRepair.capitalIFromL(Array("建设“Al+港口”“Al+化工”，CPl上涨，AlGC"))) == "建设“AI+港口”“AI+化工”，CPI上涨，AIGC")
        #expect(String(OCRTextRepair.capitalIFromL(Array("Binhai Research Institute，Wi-Fi，l号，GDP"))) == "Binhai Research Institute，Wi-Fi，l号，GDP")
        #expect(OCRTextRepair.repair([["推动更多Al创新成果"]]) == [["推动更多AI创新成果"]])
    }

    @Test func bracketsArePairedAndRepaired() {
        #expect(String(OCRTextRepair.pairBrackets(Array("〈中国经济时报 20240131）"))) == "（中国经济时报 20240131）")
        #expect(String(OCRTextRepair.pairBrackets(Array("《以下简称）"))) == "（以下简称）")
        #expect(String(OCRTextRepair.pairBrackets(Array("[区域】各地"))) == "【区域】各地")
        #expect(String(OCRTextRepair.pairBrackets(Array("【上海]加快"))) == "【上海】加快")
        #expect(String(OCRTextRepair.pairBrackets(Array("建设(2+2)+(3+6)体系"))) == "建设（2+2）+（3+6）体系")
        #expect(String(OCRTextRepair.pairBrackets(Array("《条例》(以下简称"))) == "《条例》（以下简称")
        // Titles keep their book-title marks; Latin parentheses stay half-width.
        #expect(String(OCRTextRepair.pairBrackets(Array("《实施方案》"))) == "《实施方案》")
        #expect(String(OCRTextRepair.pairBrackets(Array("f(x) = 1"))) == "f(x) = 1")
    }

    @Test func quotesAreTurnedPerParagraph() {
        #expect(String(OCRTextRepair.turnQuotes(Array("加快布局”新质生产力”，推动“一网通办“"))) == "加快布局“新质生产力”，推动“一网通办”")
        #expect(String(OCRTextRepair.turnQuotes(Array("叫\"智慧好办\"。"))) == "叫“智慧好办”。")
        // A reset at a paragraph start makes a new paragraph of quotes; without
        // it, a stretch quoted across a sentence's end costs more than a stray quote.
        let text = Array("多了“一个。新段“引号”")
        #expect(String(OCRTextRepair.turnQuotes(text, resets: [5])) == "多了“一个。新段“引号”")
        #expect(String(OCRTextRepair.turnQuotes(text)) == "多了“一个。新段“引号”")
    }

    /// Alternation from the first quote flipped every quote after a stray or
    /// lost one (v8901: `推出”收旧+售新“一站式服务`); the cheapest reading keeps
    /// the short stretches quoted and puts the one break where it costs least.
    @Test func aLostQuoteSpoilsOnlyTheStretchWhereItCostsLeast() {
        // A speck read as a quote opens the paragraph: alternation turned the
        // one quoted stretch inside out; a stretch of 45 characters across
        // clauses costs more than one stray quote.
        let stray = "“浙江省明确，在国家补贴基础上，对个人消费者报废旧车的，省级再给予一次性补贴；鼓励生产企业联合推出”收旧+售新“一站式服务。"
        #expect(String(OCRTextRepair.turnQuotes(Array(stray))) == "“浙江省明确，在国家补贴基础上，对个人消费者报废旧车的，省级再给予一次性补贴；鼓励生产企业联合推出“收旧+售新”一站式服务。")
        // A quote left alone keeps the way tesseract read it, but after 】 it opens.
        #expect(String(OCRTextRepair.turnQuotes(Array("三、【重庆】”山城夜景持续吸引外地游客"))) == "三、【重庆】“山城夜景持续吸引外地游客")
        #expect(String(OCRTextRepair.turnQuotes(Array("经二线”进入内地时免征进口关税"))) == "经二线”进入内地时免征进口关税")
        // A long quotation stays one stretch.
        let long = "他指出：“要把发展经济的着力点放在实体经济上，坚定不移建设制造强国、质量强国、网络强国、数字中国。”会议强调"
        #expect(String(OCRTextRepair.turnQuotes(Array(long))) == long)
    }

    @Test func quotesTakeTheirDirectionFromTheirNeighbours() {
        // An opening quote read as ' or ` (not counted before) flipped every quote after it.
        #expect(String(OCRTextRepair.turnQuotes(Array("打造'蓝色引擎“近日，实施“五个一批”项目"))) == "打造“蓝色引擎”近日，实施“五个一批”项目")
        #expect(String(OCRTextRepair.turnQuotes(Array("事项`一次办“，办理"))) == "事项“一次办”，办理")
        // Before ，、； a quote closes, after them it opens; one after a closing quote opens.
        #expect(String(OCRTextRepair.turnQuotes(Array("进行”好差评“，推动”走出去“、“引进来”"))) == "进行“好差评”，推动“走出去”、“引进来”")
        #expect(String(OCRTextRepair.turnQuotes(Array("推广”船边直提“”抵港直装“模式"))) == "推广“船边直提”“抵港直装”模式")
        // A stray quote spoils no quote after it.
        #expect(String(OCRTextRepair.turnQuotes(Array("较“高，产业链“大而不强”的问题，“光芯屏端网”产业"))) == "较“高，产业链“大而不强”的问题，“光芯屏端网”产业")
        // A quoted sentence ends with its own stop: a quote after 。 is not placed by it.
        #expect(String(OCRTextRepair.turnQuotes(Array("他说：“要加快。”随后"))) == "他说：“要加快。”随后")
        // Latin apostrophes stay.
        #expect(String(OCRTextRepair.turnQuotes(Array("Binhai's 研究院"))) == "Binhai's 研究院")
    }

    @Test func repairKeepsTheWordShape() {
        let lines = [["〈中国", "经济", "时报"], ["20240131", "）", "他说", "\"好\""]]
        let repaired = OCRTextRepair.repair(lines, paragraphStarts: [0])
        #expect(repaired.map { $0.count } == lines.map { $0.count })
        #expect(repaired == [["（中国", "经济", "时报"], ["20240131", "）", "他说", "“好”"]])
    }

    /// Two columns of full lines, read left column first (as tesseract does):
    /// only a line that is indented in its own column or follows a line short
    /// of its own column's edge opens a paragraph, so a quote that wraps from
    /// one line of the left column to the next keeps its direction (`“不夜重` / `庆”`).
    @Test func paragraphStartsAreFoundPerColumn() {
        func line(_ x0: Int, _ x1: Int, _ y: Int) -> RecognizedLine {
            let box = PixelBox(x0: x0, y0: y, x1: x1, y1: y + 40)
            return RecognizedLine(box: box, words: [RecognizedWord(text: "字", box: box, confidence: 90)])
        }
        // Left column 100…700 (line 2 indented, line 4 short), right column 800…1400.
        let lines = [line(100, 700, 0), line(100, 700, 60), line(180, 700, 120), line(100, 700, 180), line(100, 400, 240),
                     line(100, 700, 300), line(800, 1400, 0), line(800, 1400, 60), line(880, 1400, 120), line(800, 1400, 180)]
        #expect(OCRLayout.paragraphStarts(lines) == [0, 2, 5, 8])
        let repaired = OCRTextRepair.repair([["打造“不夜重"], ["庆“夜间消费"]], paragraphStarts: OCRLayout.paragraphStarts([line(100, 700, 0), line(100, 700, 60), line(800, 1400, 0)]))
        #expect(repaired == [["打造“不夜重"], ["庆”夜间消费"]])
    }
}
