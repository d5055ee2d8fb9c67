import Foundation
import Testing
@testable import IssuePipe

/// `Pattern` skips ICU for a text that lacks the scalar every match must hold
/// (`Pattern.requiredScalar`): the patterns that give one, and matches with
/// the skip against plain `NSRegularExpression` matches on random texts.
@Suite struct PatternPrefilterTests {
    @Test func onlyALeadingLiteralOutsideAlternativesIsRequired() {
        let required: [(String, Unicode.Scalar?)] = [
            (#"电\s*话\s*[:：“”",，;；]?\s*(?<value>0\d{2,3}\s*[-_—－–.·]\s*\d{7,8})(?!\d)"#, "电"),
            (#"传\s*(?:真|\p{Han})\s*[:：“”",，;；]?\s*(?<value>0\d{2,3}\s*[-_—－–.·]\s*\d{7,8})(?!\d)"#, "传"),
            ("【(?<name>[^】]+)】", "【"),
            ("电(话|邮)", "电"),
            ("电[|]话", "电"),
            (#"电\|话"#, "电"),
            ("电?话", nil), ("电*话", nil), ("电+话", nil), ("电{0,2}话", nil),
            ("电话|传真", nil), ("电(话)|传", nil), ("电[a(]|传", nil),
            ("电(?i)a", nil), ("电(?x) #|", nil), (#"电\Q|\E"#, nil), ("电[]|]x", nil),
            ("^电话", nil), (#"\s*电话"#, nil), ("a电话", nil), ("(电话)", nil), ("[电]话", nil),
        ]
        for (pattern, scalar) in required {
            #expect(Pattern.requiredScalar(pattern) == scalar, "\(pattern)")
        }
    }

    static let pieces = ["电", "话", "传", "真", "站", "：", ":", "，", " ", "\t", "0", "2", "2", "-", "—", "·", "1234", "5678", "021",
                         "【", "】", "上海", "编辑", "a", "e\u{301}", "😀", "\u{3000}"]

    @Test func matchesAsICUDoes() throws {
        let patterns = [
            #"电\s*话\s*[:：“”",，;；]?\s*(?<value>0\d{2,3}\s*[-_—－–.·]\s*\d{7,8})(?!\d)"#,
            #"传\s*(?:真|\p{Han})\s*[:：“”",，;；]?\s*(?<value>0\d{2,3}\s*[-_—－–.·]\s*\d{7,8})(?!\d)"#,
            "【(?<name>[^】]+)】", "电(?<a>话|站)", "话?", "传|真",
        ]
        var rng = SeededGenerator(seed: 2026)
        var hits = 0
        for source in patterns {
            let pattern = try #require(Pattern(source)), regex = try NSRegularExpression(pattern: source)
            for _ in 0..<600 {
                let text = (0..<Int.random(in: 0...14, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
                let plain = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
                let found = pattern.firstMatch(text)
                #expect(found?.range == plain?.range, "\(source) on \(text.debugDescription)")
                #expect(pattern.matches(text).count == regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).count)
                if plain != nil { hits += 1 }
            }
        }
        #expect(hits > 300)
    }

    /// `StaffParser.readContacts` does not build a line's wrapped reading where
    /// neither line may match: the joined text holds no scalar that neither
    /// line holds, but for a space, so it may not match either; where it may,
    /// the pattern answers on it as before.
    @Test func aWrappedReadingMayMatchOnlyWhereOneOfItsLinesMay() throws {
        let sources = [#"电\s*话\s*[:：“”",，;；]?\s*(?<value>0\d{2,3}\s*[-_—－–.·]\s*\d{7,8})(?!\d)"#,
                       #"传\s*(?:真|\p{Han})\s*[:：“”",，;；]?\s*(?<value>0\d{2,3}\s*[-_—－–.·]\s*\d{7,8})(?!\d)"#]
        var rng = SeededGenerator(seed: 15)
        var wrapped = 0
        for source in sources {
            let pattern = try #require(Pattern(source)), regex = try NSRegularExpression(pattern: source)
            for _ in 0..<1500 {
                let pieces = Self.pieces + ["-", "a-", "b", "\u{3000}"]
                // A label at the line's end and its number on the next line, often.
                let label = Bool.random(using: &rng) ? ["电话：", "传真：", "电 话:", "传站：022-", "电话：022"].randomElement(using: &rng)! : ""
                let number = Bool.random(using: &rng) ? ["022-23456789", "23456789", "022 - 1234567", "-23456789"].randomElement(using: &rng)! : ""
                let line = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() + label
                let below = number + (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
                let joined = CJKText.joinWrapped(line, below)
                if !pattern.mayMatch(line) && !pattern.mayMatch(below) {
                    #expect(!pattern.mayMatch(joined), "\(line.debugDescription) / \(below.debugDescription)")
                    #expect(regex.firstMatch(in: joined, range: NSRange(joined.startIndex..., in: joined)) == nil)
                } else if regex.firstMatch(in: joined, range: NSRange(joined.startIndex..., in: joined)) != nil {
                    wrapped += 1
                }
            }
        }
        #expect(wrapped > 20)
    }
}
