import Foundation
import Testing
@testable import IssuePipe

/// The fast text helpers against the plain definitions they replace, on
/// seeded random texts: CJK, ASCII, full-width forms, combining marks, emoji
/// (outside the BMP, and joined by ZWJ), white space of several kinds.
@Suite struct TextComparisonTests {
    /// The textbook dynamic programme over Unicode scalars (free start and end in
    /// `t` for Sellers' substring distance).
    static func reference(_ p: [Unicode.Scalar], _ t: [Unicode.Scalar], freeEnds: Bool) -> Int {
        var previous = Array(0...p.count), best = p.count
        for j in t.indices {
            var current = [freeEnds ? 0 : j + 1]
            for i in p.indices {
                current.append(min(previous[i] + (p[i] == t[j] ? 0 : 1), previous[i + 1] + 1, current[i] + 1))
            }
            best = min(best, current[p.count])
            previous = current
        }
        return freeEnds ? best : previous[p.count]
    }

    static let pieces: [String] = Array("新质生产力发展上海北京天津滨海综合研究院双周决策观察").map(String.init)
        + ["a", "b", "c", "A", "Z", "1", "0", " ", "\t", "\u{3000}", "\u{00A0}", "\n", "：", "，", "。", "“", "”", "·", "•",
           "Ａ", "１", "e\u{301}", "\u{301}", "\u{308}", "\u{20DD}", "é", "😀", "👍🏽", "👨\u{200D}👩\u{200D}👧", "🇨🇳",
           "\u{E0020}", "\u{200B}", "\u{FEFF}", "𠀀", "◆", "▶", "】", "|", "_", "\u{0}", "\u{7F}"]

    static func randomText(_ rng: inout SeededGenerator, maxPieces: Int) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    /// A text with a few random edits, so that close pairs (the interesting ones) are common.
    static func edited(_ text: String, _ rng: inout SeededGenerator) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let piece = Array(pieces.randomElement(using: &rng)!.unicodeScalars)
            let at = Int.random(in: 0...scalars.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: scalars.insert(contentsOf: piece, at: at)
            case 1 where at < scalars.count: scalars.remove(at: at)
            default: if at < scalars.count { scalars[at] = piece[0] }
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func editDistanceMatchesTheDynamicProgramme() {
        var rng = SeededGenerator(seed: 20_240_208)
        for round in 0..<4000 {
            // Some long texts: patterns past 64 and 128 scalars take several words.
            let a = Self.randomText(&rng, maxPieces: round % 10 == 0 ? 160 : 30)
            let b = round % 2 == 0 ? Self.edited(a, &rng) : Self.randomText(&rng, maxPieces: round % 7 == 0 ? 200 : 40)
            let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
            let whole = Self.reference(x, y, freeEnds: false)
            #expect(EditDistance.distance(a, b) == whole, "\(a.debugDescription) \(b.debugDescription)")
            let longest = max(x.count, y.count)
            #expect(EditDistance.similarity(a, b) == (longest == 0 ? 1 : 1 - Double(whole) / Double(longest)))
            let inside = Self.reference(x, y, freeEnds: true)
            #expect(EditDistance.substringDistance(a, in: b) == (x.isEmpty ? 0 : inside), "\(a.debugDescription) in \(b.debugDescription)")
            #expect(EditDistance.substringSimilarity(a, in: b) == (x.isEmpty ? 1 : max(0, 1 - Double(inside) / Double(x.count))))
        }
    }

    @Test func editDistanceOnBridgedAndSlicedStrings() {
        // Strings without contiguous UTF-8 (bridged) take the scalar-by-scalar path.
        let bridged = NSString(string: "各地加快布局“新质生产力”e\u{301}😀") as String
        #expect(EditDistance.distance(bridged, "各地加快布局新质生产力") == 5)
        #expect(EditDistance.substringDistance("新质生产力", in: bridged) == 0)
    }

    static let trimSets: [CharacterSet] = [
        .whitespaces, .whitespacesAndNewlines, .controlCharacters.union(.whitespaces), StaffParser.leading,
        ArticleBuilder.strayMarks, CharacterSet(charactersIn: "◆◇●○■□▲△▼★☆·•►▶❖✦◎-— \u{3000}\t"),
        CharacterSet(charactersIn: "😀a\u{301}"),
    ]

    @Test func trimmingMatchesFoundation() {
        var rng = SeededGenerator(seed: 15)
        for round in 0..<3000 {
            let text = Self.randomText(&rng, maxPieces: round % 5 == 0 ? 3 : 12)
            for set in Self.trimSets {
                // Byte for byte: `==` on strings would let canonically equivalent ones pass.
                #expect(text.trimmingScalars(in: set).utf8.elementsEqual(text.trimmingCharacters(in: set).utf8), "\(text.debugDescription)")
                let sub = text.dropFirst(round % 3)
                #expect(sub.trimmingScalars(in: set).utf8.elementsEqual(sub.trimmingCharacters(in: set).utf8), "\(sub.debugDescription)")
            }
        }
    }
}

/// The scalar classes behind the fast paths of `withoutWhitespace`,
/// `comparisonKey` and `characterCount(atMost:)`, checked scalar by scalar.
@Suite struct TextComparisonScalarTests {
    static let allScalars = (0...0x10FFFF).compactMap(Unicode.Scalar.init(_:) as (UInt32) -> Unicode.Scalar?)

    @Test func whiteSpaceIsUnicodes() {
        for scalar in Self.allScalars where scalar.isWhiteSpace != scalar.properties.isWhitespace {
            Issue.record("U+\(String(scalar.value, radix: 16)) white space: \(scalar.properties.isWhitespace)")
        }
    }

    @Test func stableScalarsAreTheirOwnNFKC() {
        for scalar in Self.allScalars where scalar.isStableUnderNFKC {
            let text = String(scalar)
            #expect(scalar.properties.canonicalCombiningClass == .notReordered)
            #expect(text.precomposedStringWithCompatibilityMapping.unicodeScalars.elementsEqual(text.unicodeScalars),
                    "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func aloneScalarsJoinNothingTheyStandBeside() {
        for scalar in Self.allScalars where scalar.isAlwaysOneCharacter {
            for other in ["a", "中", "。", String(scalar)] {
                #expect((String(scalar) + other).count == 2 && (other + String(scalar)).count == 2, "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func fastPathsMatchTheSlowOnes() {
        var rng = SeededGenerator(seed: 7)
        for round in 0..<3000 {
            let text = TextComparisonTests.randomText(&rng, maxPieces: round % 4 == 0 ? 40 : 12)
            let key = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
            #expect(text.withoutWhitespace.utf8.elementsEqual(key.utf8), "\(text.debugDescription)")
            let nfkc = text.precomposedStringWithCompatibilityMapping
            let full = String(nfkc.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
            #expect(text.comparisonKey.utf8.elementsEqual(full.utf8), "\(text.debugDescription)")
            for limit in [0, 1, 6, 12, 121] {
                #expect(text.characterCount(atMost: limit) == min(text.count, limit), "\(text.debugDescription) \(limit)")
            }
        }
    }
}
