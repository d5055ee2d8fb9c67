/// The scripts the judge tells apart among letters.
public enum Script: String, Sendable, CaseIterable {
    case han, latin, latinExtended = "latin-extended", kana, hangul, cyrillic, greek, other

    static let names = allCases.map(\.rawValue)
}

/// Counts over a page's text that tell a real text layer from glyph soup.
public struct CharacterStatistics: Codable, Hashable, Sendable {
    /// Characters other than white space.
    public var characters = 0
    public var han = 0
    /// Han characters among GB2312's 3,755 common ones, its level 1 (see `CommonHan`).
    public var commonHan = 0
    /// Letters by script (`Script` raw values), Han included.
    public var letters: [String: Int] = [:]
    public var digits = 0
    /// U+0080–U+024F, letters and symbols: what a font without ToUnicode yields.
    public var latin1 = 0
    public var replacement = 0
    public var privateUse = 0
    /// How many different private-use code points: one or two are a symbol a
    /// font maps there (common in Chinese government PDFs), many are glyph soup.
    public var privateUseKinds = 0
    public var control = 0
    /// 128-code-point blocks outside the Latin, Han, kana and Hangul ranges that
    /// hold three letters or more: a script fills one to three, a font whose
    /// glyph ids are read as code points scatters over dozens.
    public var scatteredBlocks = 0

    public init() {}

    public init(_ text: String) {
        var kinds = Set<UInt32>()
        var blocks: [UInt32: Int] = [:]
        // Counted per script in an array, folded into `letters` once: this runs
        // for every character of every page.
        var scripts = [Int](repeating: 0, count: Script.allCases.count)
        for scalar in text.unicodeScalars {
            add(scalar, scripts: &scripts, blocks: &blocks)
            if CharacterStatistics.isPrivateUse(scalar) { kinds.insert(scalar.value) }
        }
        privateUseKinds = kinds.count
        scatteredBlocks = blocks.values.filter { $0 >= 3 }.count
        for (index, script) in Script.allCases.enumerated() where scripts[index] > 0 {
            letters[script.rawValue] = scripts[index]
        }
    }

    static func isPrivateUse(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: true
        default: false
        }
    }

    public var letterCount: Int { letters.values.reduce(0, +) }

    mutating func add(_ s: Unicode.Scalar, scripts: inout [Int], blocks: inout [UInt32: Int]) {
        let v = s.value
        // ASCII without Unicode property look-ups.
        if v < 0x80 {
            if v == 0x20 || (0x09...0x0D).contains(v) { return }
            characters += 1
            if v < 0x20 || v == 0x7F { control += 1 }
            else if (0x30...0x39).contains(v) { digits += 1 }
            else if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { scripts[Self.latinIndex] += 1 }
            return
        }
        // Han (most of a Chinese page) without property look-ups: it is no
        // white space, no special character and no Latin-1, and has its script.
        if CJKCharacters.isHan(s) {
            characters += 1
            scripts[Self.hanIndex] += 1
            han += 1
            if CommonHan.contains(s) { commonHan += 1 }
            return
        }
        if s.properties.isWhitespace || v == 0xFEFF { return }
        characters += 1
        switch v {
        case 0xFFFD: replacement += 1; return
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: privateUse += 1; return
        case 0x80...0x9F: control += 1; return
        default: break
        }
        if (0xA0...0x24F).contains(v), v != 0xB7, v != 0xD7, v != 0xF7 { latin1 += 1 }
        if (0xFF10...0xFF19).contains(v) {
            digits += 1
            return
        }
        // Scripts other than Han (counted above) count only their letters.
        guard s.properties.isAlphabetic else { return }
        let script = Self.script(of: s)
        scripts[Self.index[script]!] += 1
        if ![.latin, .latinExtended, .kana, .hangul].contains(script) { blocks[v >> 7, default: 0] += 1 }
    }

    private static let index = Dictionary(uniqueKeysWithValues: Script.allCases.enumerated().map { ($1, $0) })
    private static let latinIndex = index[.latin]!
    private static let hanIndex = index[.han]!

    /// Han, kana and hangul as `CJKCharacters` defines them.
    static func script(of s: Unicode.Scalar) -> Script {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xFF21...0xFF3A, 0xFF41...0xFF5A: .latin
        case 0xC0...0x24F, 0x1E00...0x1EFF: .latinExtended
        case 0x0400...0x052F: .cyrillic
        case 0x0370...0x03FF, 0x1F00...0x1FFF: .greek
        default:
            CJKCharacters.isHan(s) ? .han : CJKCharacters.isKana(s) ? .kana : CJKCharacters.isHangul(s) ? .hangul : .other
        }
    }

    /// `part / whole`, 0 for an empty whole.
    static func share(_ part: Int, of whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : 0 }
}
