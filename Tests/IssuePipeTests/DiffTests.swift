import Foundation
import Testing
@testable import IssuePipe

/// `issuepipe diff` on made-up issue JSONs: one change at a time.
@Suite struct DiffTests {
    static func issue() -> IssueDocument {
        IssueDocument(
            source: SourceInfo(file: "x.pdf", sha256: "abc", pageCount: 4),
            pipeline: PipelineInfo(name: "bri-biweekly", version: "1.0"),
            publication: Publication(title: "双周决策观察", subtitle: "地方工作亮点追踪"),
            issue: IssueInfo(year: 2024, number: 3, cumulativeNumber: 277, printDate: "2024-02-08"),
            staff: [StaffEntry(role: "编辑", names: ["贺然", "金敏毓"])],
            contents: [ContentsEntry(section: "区域", title: "各地加快布局“新质生产力”"),
                       ContentsEntry(section: "上海", title: "上海出台实施方案")],
            articles: [
                Article(section: "区域", title: "各地加快布局“新质生产力”", pages: [2, 3], blocks: [
                    ArticleBlock(kind: .paragraph, text: "2024年“新质生产力”正成为热词。为加快发展新质生产力，地方层面积极发力。"),
                    ArticleBlock(kind: .heading, text: "【北京】开辟量子、生命科学、6G等新赛道"),
                    ArticleBlock(kind: .paragraph, text: "北京市政府工作报告提出加快发展新质生产力，并提出七项具体任务。"),
                ], sources: [Citation(name: "中国经济时报", date: "2024-01-31")]),
                Article(section: "上海", title: "上海出台实施方案", pages: [4], blocks: [
                    ArticleBlock(kind: .paragraph, text: "2月6日，上海发布《实施方案》。"),
                ], sources: []),
                Article(section: "上海", title: "GDP 超 5000 亿区县或达 12 个", pages: [4], blocks: [
                    ArticleBlock(kind: .paragraph, text: "5000亿元区域生产总值是县域经济发展的一道分水岭。"),
                ], sources: []),
            ],
            pages: [PageSummary(number: 1, method: .text)])
    }

    static func diff(_ change: (inout IssueDocument) -> Void) -> [Difference] {
        var changed = issue()
        change(&changed)
        return IssueComparison(issue(), changed).differences()
    }

    @Test func equalIssuesHaveNoDifferences() {
        #expect(IssueComparison(Self.issue(), Self.issue()).differences().isEmpty)
        #expect(DiffRenderer().render([], oldName: "a", newName: "b").hasSuffix("no differences\n"))
    }

    @Test func aChangedTitleIsTheSameArticleWithItsCharactersMarked() throws {
        let differences = Self.diff { $0.articles[0].title = "各地加速布局“新质生产力”" }
        #expect(differences.count == 1)
        let d = try #require(differences.first)
        #expect(d.kind == .changed)
        #expect(d.path == "articles[1] 「各地加速布局“新质生产力”」.title")
        #expect(d.segments == [.same("各地加"), .removed("快"), .added("速"), .same("布局“新质生产力”")])
        #expect(DiffRenderer().line(d).hasSuffix(": 各地加[-快-]{+速+}布局“新质生产力”"))
    }

    @Test func titlesMatchAfterNFKCAndWhiteSpaceRemoval() {
        // Full-width digits and a removed space: the same article, only the title's characters differ.
        let differences = Self.diff { $0.articles[2].title = "GDP超５０００亿区县或达12个" }
        #expect(differences.map(\.kind) == [.changed])
        #expect(differences.first?.path.hasSuffix(".title") == true)
        #expect(!differences.contains { $0.kind == .added || $0.kind == .removed })
    }

    @Test func anAddedParagraph() throws {
        let differences = Self.diff {
            $0.articles[0].blocks.insert(ArticleBlock(kind: .paragraph, text: "上海提出加快打造未来产业先导区。"), at: 2)
        }
        #expect(differences.count == 1)
        let d = try #require(differences.first)
        #expect(d.kind == .added)
        #expect(d.path == "articles[1] 「各地加快布局“新质生产力”」.blocks[3] paragraph")
        #expect(d.new == "上海提出加快打造未来产业先导区。")
        #expect(DiffRenderer().line(d).hasPrefix("+ articles[1]"))
    }

    @Test func aChangedCharacterInAParagraph() throws {
        let differences = Self.diff {
            $0.articles[0].blocks[2].text = "北京市政府工作报告提出加快发展新质生产力，并提出八项具体任务。"
        }
        #expect(differences.count == 1)
        let d = try #require(differences.first)
        #expect(d.kind == .changed)
        #expect(d.path == "articles[1] 「各地加快布局“新质生产力”」.blocks[3] paragraph")
        #expect(d.segments?.filter { if case .same = $0 { false } else { true } } == [.removed("七"), .added("八")])
        let plain = DiffRenderer(context: 6).line(d)
        #expect(plain.hasSuffix(" paragraph: …产力，并提出[-七-]{+八+}项具体任务。"))
        #expect(DiffRenderer(context: 3).line(d).hasSuffix(": …并提出[-七-]{+八+}项具体…"))
        let coloured = DiffRenderer(context: 6, color: true).line(d)
        #expect(coloured.contains("\u{1B}[31;9m七\u{1B}[0m") && coloured.contains("\u{1B}[32;4m八\u{1B}[0m"))
        #expect(!coloured.contains("[-"))
    }

    @Test func blockDifferencesComeInTheNewOrder() {
        let differences = Self.diff {
            $0.articles[0].blocks.insert(ArticleBlock(kind: .paragraph, text: "上海提出加快打造未来产业先导区。"), at: 1)
            $0.articles[0].blocks[3].text = "北京市政府工作报告提出加快发展新质生产力，并提出八项具体任务。"
            $0.articles[0].blocks.remove(at: 2)
        }
        // As in a line diff: what was removed at a place, then what was added there, then what follows.
        #expect(differences.map(\.kind) == [.removed, .added, .changed])
        #expect(differences.map { $0.path.components(separatedBy: ".").last ?? "" }
            == ["blocks[2] heading", "blocks[2] paragraph", "blocks[3] paragraph"])
    }

    @Test func aReorderedArticleIsOneMove() throws {
        let differences = Self.diff { $0.articles.swapAt(1, 2) }
        #expect(differences.count == 1)
        let d = try #require(differences.first)
        #expect(d.kind == .moved)
        #expect(d.old != d.new)
        #expect(DiffRenderer().line(d).contains("moved from position"))
    }

    @Test func removedAndAddedArticles() {
        let differences = Self.diff {
            $0.articles.remove(at: 1)
            $0.articles.append(Article(section: "北京", title: "北京发力商业航天", pages: [5], blocks: [], sources: []))
        }
        #expect(differences.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.added, .removed])
        #expect(differences.contains { $0.kind == .removed && $0.path == "articles[2] 「上海出台实施方案」" })
        #expect(differences.contains { $0.kind == .added && $0.path == "articles[3] 「北京发力商业航天」" })
    }

    @Test func fieldsStaffContentsSourcesAndWarnings() {
        let differences = Self.diff {
            $0.issue.number = 4
            $0.publication.subtitle = nil
            $0.staff = [StaffEntry(role: "编辑", names: ["贺然"])]
            $0.contents[1].title = "上海出台实施细则"
            $0.articles[0].sources = []
            $0.warnings = [Warning(code: "toc-mismatch", message: "m", page: 1)]
        }
        #expect(differences.contains(Difference(.changed, "issue.number", old: "3", new: "4")))
        #expect(differences.contains(Difference(.removed, "publication.subtitle", old: "地方工作亮点追踪")))
        #expect(differences.contains(Difference(.changed, "staff[编辑]", old: "贺然、金敏毓", new: "贺然")))
        #expect(differences.contains { $0.path == "contents[2]" && $0.kind == .changed
            && $0.segments?.contains(.added("细则")) == true })
        #expect(differences.contains { $0.path.hasSuffix(".sources") && $0.kind == .removed })
        #expect(differences.contains(Difference(.added, "warnings", new: "toc-mismatch (p. 1): m")))
        #expect(differences.count == 6)
    }

    @Test func provenanceIsComparedOnlyWhenAsked() {
        var a = Self.issue(), b = Self.issue()
        a.articles[1].blocks[0].provenance = [Provenance(page: 4, box: Box(x0: 1, y0: 2, x1: 3, y1: 4))]
        b.articles[1].blocks[0].provenance = [Provenance(page: 4, box: Box(x0: 1, y0: 2, x1: 3, y1: 5))]
        #expect(IssueComparison(a, b).differences().isEmpty)
        let strict = IssueComparison(a, b, options: IssueComparison.Options(provenance: true)).differences()
        #expect(strict.count == 1)
        #expect(strict.first?.path.hasSuffix(".provenance") == true)
    }

    @Test func textDiffFindsTheFewestChanges() {
        #expect(TextDiff.segments("abc", "abc") == [.same("abc")])
        #expect(TextDiff.segments("", "新") == [.added("新")])
        #expect(TextDiff.segments("ab中cd", "abcd") == [.same("ab"), .removed("中"), .same("cd")])
        let segments = TextDiff.segments("kitten sitting", "sitting kitten")
        let old = segments.compactMap { s -> String? in if case .added = s { return nil }; if case .same(let t) = s { return t }; if case .removed(let t) = s { return t }; return nil }.joined()
        let new = segments.compactMap { s -> String? in if case .removed = s { return nil }; if case .same(let t) = s { return t }; if case .added(let t) = s { return t }; return nil }.joined()
        #expect(old == "kitten sitting" && new == "sitting kitten")
        #expect(EditDistance.similarity("新质生产力", "新质生产力") == 1)
        #expect(EditDistance.similarity("abcd", "abce") == 0.75)
        #expect(TextDiff.longestIncreasing([0, 2, 1, 3]).count == 3)
    }

    @Test func editDistances() {
        #expect(EditDistance.distance("kitten", "sitting") == 3 && EditDistance.distance("sitting", "kitten") == 3)
        #expect(EditDistance.distance("", "新质") == 2 && EditDistance.distance("新质", "新质") == 0)
        #expect(EditDistance.substringDistance("新质生产力", in: "发展新质生产力的") == 0)
        #expect(EditDistance.substringDistance("新质生力", in: "发展新质生产力的") == 1)
        #expect(EditDistance.substringDistance("abc", in: "") == 3 && EditDistance.substringDistance("", in: "abc") == 0)
    }

    /// Long paragraphs: no size past which a change shows as one whole replacement.
    @Test func aLongParagraphWithOneCharacterChangedShowsThatCharacter() {
        let sentence = "重庆提出实施未来产业和高成长性产业发展行动，"
        let old = String(repeating: sentence, count: 100)
        #expect(old.count > 2_100)
        let at = old.index(old.startIndex, offsetBy: 1_000)
        let new = old.replacingCharacters(in: at...at, with: "X")
        #expect(TextDiff.segments(old, new) == [.same(String(old[..<at])), .removed(String(old[at])), .added("X"),
                                                  .same(String(old[old.index(after: at)...]))])

        // Changed near both ends, so the differing middle is long on each side (2,180 × 2,180
        // characters, past the old table's 4M-cell cap): still only the two characters.
        var both = Array(old)
        both[10] = "X"
        both[2_190] = "Y"
        let changed = TextDiff.segments(old, String(both)).filter { if case .same = $0 { false } else { true } }
        #expect(changed == [.removed(String(Array(old)[10])), .added("X"), .removed(String(Array(old)[2_190])), .added("Y")])
    }

    @Test func commandExitStatus() throws {
        let folder = TestPaths.temporaryFolder()
        func write(_ issue: IssueDocument, _ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try encodeJSON(issue).write(to: url)
            return url.path
        }
        let a = try write(Self.issue(), "a.json")
        let same = try write(Self.issue(), "same.json")
        var changed = Self.issue()
        changed.articles[0].blocks[2].text = "北京市政府工作报告提出加快发展新质生产力，并提出八项具体任务。"
        let b = try write(changed, "b.json")

        let equal = try issuepipe(["diff", a, same])
        #expect(equal.status == 0)
        #expect(equal.stdout.hasSuffix("no differences\n"))
        let differ = try issuepipe(["diff", a, b, "--color", "never"])
        #expect(differ.status == 1)
        #expect(differ.stdout.contains("[-七-]{+八+}"))
        #expect(differ.stdout.hasSuffix("1 difference\n"))

        #expect(try issuepipe(["diff", a]).status == 2)
        let missing = try issuepipe(["diff", a, folder.appendingPathComponent("nope.json").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
        let notJSON = folder.appendingPathComponent("bad.json")
        try Data("{ not json".utf8).write(to: notJSON)
        let bad = try issuepipe(["diff", a, notJSON.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not an issue JSON"))
    }

    /// What `diff` cannot compare is refused with one readable line and exit 2:
    /// another schema major version, a nesting past the decoder's limit, a wrong type.
    @Test func inputsItCannotCompareAreNamed() throws {
        let folder = TestPaths.temporaryFolder()
        let a = folder.appendingPathComponent("a.json")
        try encodeJSON(Self.issue()).write(to: a)
        func refused(_ name: String, _ text: String) throws -> RunResult {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return try issuepipe(["diff", a.path, url.path])
        }
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: a)) as? [String: Any])
        func variant(_ change: (inout [String: Any]) -> Void) throws -> String {
            var copy = object
            change(&copy)
            return String(decoding: try JSONSerialization.data(withJSONObject: copy), as: UTF8.self)
        }
        let newer = try refused("v2.json", variant { $0["schemaVersion"] = "2.0" })
        #expect(newer.status == 2)
        #expect(newer.stderr.contains("schemaVersion 2.0"))
        let deep = try refused("deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        #expect(deep.status == 2)
        #expect(deep.stderr.contains("nested 100000 levels deep"))
        let typed = try refused("typed.json", variant { $0["articles"] = "none" })
        #expect(typed.status == 2)
        #expect(typed.stderr.contains("wrong type at articles"))
        #expect(!typed.stderr.contains("DecodingError"))
        #expect(typed.stderr.split(separator: "\n").count == 1)
    }
}
