import Foundation
import Testing
@testable import IssuePipe

/// The judge's character counts with Han counted before any property look-up
/// and common Han tested by bit: the same counts as the code they replaced
/// (kept here as the reference), on text of every kind the judge meets.
@Suite struct CharacterStatisticsTests {
    /// The counts as they were: every scalar through the general path.
    private func reference(_ text: String) -> CharacterStatistics {
        var stats = CharacterStatistics()
        var kinds = Set<UInt32>(), blocks: [UInt32: Int] = [:], letters: [Script: Int] = [:]
        for s in text.unicodeScalars {
            let v = s.value
            if CharacterStatistics.isPrivateUse(s) { kinds.insert(v) }
            if v < 0x80 {
                if v == 0x20 || (0x09...0x0D).contains(v) { continue }
                stats.characters += 1
                if v < 0x20 || v == 0x7F { stats.control += 1 }
                else if (0x30...0x39).contains(v) { stats.digits += 1 }
                else if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { letters[.latin, default: 0] += 1 }
                continue
            }
            if s.properties.isWhitespace || v == 0xFEFF { continue }
            stats.characters += 1
            switch v {
            case 0xFFFD: stats.replacement += 1; continue
            case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: stats.privateUse += 1; continue
            case 0x80...0x9F: stats.control += 1; continue
            default: break
            }
            if (0xA0...0x24F).contains(v), v != 0xB7, v != 0xD7, v != 0xF7 { stats.latin1 += 1 }
            if (0xFF10...0xFF19).contains(v) { stats.digits += 1; continue }
            let script = CharacterStatistics.script(of: s)
            guard script == .han || s.properties.isAlphabetic else { continue }
            letters[script, default: 0] += 1
            if ![.han, .latin, .latinExtended, .kana, .hangul].contains(script) { blocks[v >> 7, default: 0] += 1 }
            if script == .han {
                stats.han += 1
                if CommonHan.set.contains(s) { stats.commonHan += 1 }
            }
        }
        stats.privateUseKinds = kinds.count
        stats.scatteredBlocks = blocks.values.filter { $0 >= 3 }.count
        stats.letters = Dictionary(uniqueKeysWithValues: letters.map { ($0.key.rawValue, $0.value) })
        return stats
    }

    @Test func countsAreTheGeneralPathsCounts() {
        let fixed = ["", "中国文件 2024年第3期", "嘆囈貭鍔〇〡〩𠀀𪚥豈", "\u{3000}\u{FEFF}\u{FFFD}\u{E001}\u{F0001}\u{85}\u{9F}",
                     "Ça été ×÷·ǅ Ǆ", "ひらがなカタカナ한국어Русскийελληνικά", "０１９ＡＺａｚ，。《》", "\t\n\r\u{7F}\u{1}"]
        var rng = SystemRandomNumberGenerator()
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x80...0x2FF, 0x370...0x52F, 0x3000...0x30FF, 0x3400...0x4DBF,
                                             0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xE000...0xF8FF, 0xF900...0xFAFF,
                                             0xFF00...0xFFFF, 0x20000...0x2A6DF, 0xF0000...0xF00FF]
        let random = (0..<200).map { _ in
            String(String.UnicodeScalarView((0..<Int.random(in: 0...60, using: &rng)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: ranges.randomElement(using: &rng)!, using: &rng))
            }))
        }
        for text in fixed + random {
            #expect(CharacterStatistics(text) == reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func commonHanByBitIsCommonHanBySet() {
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if CommonHan.contains(scalar) != CommonHan.set.contains(scalar) {
                Issue.record("U+\(String(value, radix: 16))")
                return
            }
        }
    }
}
