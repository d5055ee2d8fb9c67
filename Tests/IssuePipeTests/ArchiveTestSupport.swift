import Foundation
import Testing
@testable import IssuePipe

/// New newsletter text in the samples' style: a character chain (two
/// characters of context, sometimes one, so it wanders off the sample
/// sentences) learnt from the committed sample issues' source text.
struct SampleTextChain {
    private var next2: [String: [Character]] = [:]
    private var next1: [Character: [Character]] = [:]
    private var starts: [String] = []

    /// The paragraphs of `Samples/source/*.md` (markup lines left out).
    static func sampleParagraphs() throws -> [String] {
        let folder = TestPaths.sample("source")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        try #require(files.count >= 2, "Samples/source/*.md are committed")
        return try files.flatMap { name in
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").compactMap { line in
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.hasPrefix("%%"), !text.hasPrefix("@"), text.unicodeScalars.contains(where: CJKCharacters.isHan) else { return nil }
                return text.trimmingCharacters(in: CharacterSet(charactersIn: "#>-* "))
            }
        }
    }

    init(paragraphs: [String]) {
        for paragraph in paragraphs {
            let characters = Array(paragraph)
            guard characters.count > 3 else { continue }
            starts.append(String(characters[0..<2]))
            for i in 2..<characters.count {
                next2[String(characters[(i - 2)..<i]), default: []].append(characters[i])
                next1[characters[i - 1], default: []].append(characters[i])
            }
        }
    }

    func text(length: Int, using random: inout SeededGenerator) -> String {
        var characters = Array(starts.randomElement(using: &random)!)
        while characters.count < length {
            let context = String(characters.suffix(2))
            let choices = Int.random(in: 0..<8, using: &random) == 0 ? next1[characters.last!] : next2[context] ?? next1[characters.last!]
            guard let next = choices?.randomElement(using: &random) else {
                characters += Array(starts.randomElement(using: &random)!)
                continue
            }
            characters.append(next)
        }
        return String(characters)
    }
}

/// One issue's place in a series: what its masthead prints.
struct SeriesEntry: Hashable {
    var year: Int
    var number: Int
    var cumulative: Int
    var printDate: String
}

/// Issue JSON made in the test, with the samples' masthead and made-up text.
enum SyntheticArchive {
    static let sections = ["区域", "北京", "上海", "天津", "广东", "浙江", "江苏", "四川", "重庆", "湖北"]

    /// `count` consecutive issues every 14 days from 2022-01-06, numbered per
    /// year, cumulative numbers from 240.
    static func series(count: Int, startDate: String = "2022-01-06", firstCumulative: Int = 240) -> [SeriesEntry] {
        var entries: [SeriesEntry] = []
        var date = ISODay(startDate)!
        for index in 0..<count {
            let number = (entries.last?.year == date.year ? entries.last!.number : 0) + 1
            entries.append(SeriesEntry(year: date.year, number: number, cumulative: firstCumulative + index, printDate: date.iso))
            date = date + 14
        }
        return entries
    }

    /// An issue for `entry`, its articles written by `chain`.
    static func issue(_ entry: SeriesEntry, chain: SampleTextChain, random: inout SeededGenerator) -> IssueDocument {
        var articles: [Article] = []
        for position in 0..<Int.random(in: 5...9, using: &random) {
            let page = 2 + position / 2
            var blocks: [ArticleBlock] = []
            for b in 0..<Int.random(in: 2...6, using: &random) {
                let heading = b > 0 && Int.random(in: 0..<4, using: &random) == 0
                let text = heading ? "【\(sections.randomElement(using: &random)!)】" + chain.text(length: 14, using: &random)
                    : chain.text(length: Int.random(in: 60...260, using: &random), using: &random)
                blocks.append(ArticleBlock(kind: heading ? .heading : .paragraph, text: text,
                                           provenance: [Provenance(page: page + b / 4, box: Box(x0: 60, y0: 100, x1: 520, y1: 112))]))
            }
            articles.append(Article(section: sections.randomElement(using: &random), title: chain.text(length: Int.random(in: 8...22, using: &random), using: &random),
                                    pages: [page, page + 1], blocks: blocks, sources: [Citation(name: "中国经济时报", date: entry.printDate)]))
        }
        return IssueDocument(source: SourceInfo(file: "bri-\(entry.year)-\(entry.number).pdf", sha256: sha256Hex(Data("\(entry)".utf8)), pageCount: 8),
                             pipeline: PipelineInfo(name: "bri-biweekly", version: "1.0"),
                             publication: Publication(title: "双周决策观察", subtitle: "地方工作亮点追踪", publisher: "天津滨海综合发展研究院"),
                             issue: IssueInfo(year: entry.year, number: entry.number, cumulativeNumber: entry.cumulative, printDate: entry.printDate),
                             staff: [StaffEntry(role: "编辑", names: ["贺然", "金敏毓", "何莉娟"]), StaffEntry(role: "统筹", names: ["史继平", "韩玉刚"])],
                             articles: articles)
    }

    /// `count` issues written as `<folder>/bri-<year>-<number>.json`.
    static func write(count: Int, seed: UInt64, to folder: URL) throws -> [IssueDocument] {
        let chain = SampleTextChain(paragraphs: try SampleTextChain.sampleParagraphs())
        var random = SeededGenerator(seed: seed)
        let documents = series(count: count).map { issue($0, chain: chain, random: &random) }
        for document in documents { try write(document, to: folder) }
        return documents
    }

    static func write(_ document: IssueDocument, to folder: URL, name: String? = nil) throws {
        let file = name ?? "bri-\(document.issue.year!)-\(String(format: "%02d", document.issue.number!)).json"
        try encodeJSON(document).write(to: folder.appendingPathComponent(file))
    }
}
