/// Thresholds of the judge stage, from the pipeline YAML (`judge:`). Every key
/// may be left out; the defaults suit Chinese text with Latin words and digits
/// and still pass ordinary Latin-script documents.
public struct JudgeRules: Codable, Hashable, Sendable {
    /// Resolution of the small gray render that measures ink (dots per inch).
    public var inkDPI: Double = 72
    /// A pixel darker than this (0 black … 255 white) is ink.
    public var inkThreshold: Int = 160
    /// A page with less ink than this share of its pixels is blank: nothing to OCR.
    public var blankInk: Double = 0.0005
    /// …or with less thin-stroke ink than this: a scan's dark borders, a bar or
    /// a picture, but not a word of text (four 10.5 pt characters at 72 dpi are about 0.0002).
    public var blankStrokeInk: Double = 0.0002
    /// Ink not under any text line, as a share of the page, above which the text
    /// layer is too small for what is printed…
    public var maxUncoveredInk: Double = 0.005
    /// …provided text lines cover less than this share of the ink.
    public var minTextInkShare: Double = 0.5
    /// A page where text lines cover less than this share of the ink…
    public var lowTextInkShare: Double = 0.2
    /// …needs only this much ink outside text to go to OCR (a few stray
    /// characters over a page printed in a font without a mapping).
    public var maxUncoveredInkLowText: Double = 0.002
    /// Share of non-space characters that may be U+FFFD.
    public var maxReplacementShare: Double = 0.01
    /// Share of non-space characters that may be in the private-use areas.
    public var maxPrivateUseShare: Double = 0.01
    /// …counted only when at least this many different private-use code points occur.
    public var minPrivateUseKinds: Int = 3
    /// Share of non-space characters that may be control characters.
    public var maxControlShare: Double = 0.01
    /// Share of letters that may be Latin-1 / Latin Extended (U+0080–U+024F):
    /// more is the glyph soup of a font without a ToUnicode map.
    public var maxLatin1Share: Double = 0.2
    /// Scripts a page may be written in: `han`, `latin` (ASCII letters), `latin-extended`,
    /// `kana`, `hangul`, `cyrillic`, `greek`, `other`; digits, punctuation and
    /// symbols always pass. Nil: any.
    public var expectedScripts: [String]? = nil
    /// Share of letters that may be outside `expectedScripts`.
    public var maxUnexpectedScriptShare: Double = 0.1
    /// More 128-code-point blocks of letters than this, outside Latin, Han, kana
    /// and Hangul, are glyph ids read as code points (a CID font whose ToUnicode
    /// map was stripped), whatever the language.
    public var maxScatteredBlocks: Int = 8
    /// The script every page of the publication is mostly written in (a `Script`
    /// name); nil: any. A page of `mainScriptMinCharacters` or more with less than
    /// `minMainScriptShare` of its characters in it is broken (codes 0x21… read as ASCII).
    public var mainScript: String? = nil
    public var minMainScriptShare: Double = 0.1
    public var mainScriptMinCharacters: Int = 30
    /// Han characters needed before their statistics are trusted.
    public var minHanForStatistics: Int = 20
    /// Among Han characters, the share that must be among GB2312's 3,755 common ones (level 1).
    public var minCommonHanShare: Double = 0.8
    /// A problem is only counted when at least this many characters show it
    /// (or every character of the page does).
    public var minBadCharacters: Int = 3
    /// Ink is measured (a small render) only on pages with fewer characters than
    /// this: scans, text drawn as curves and stray-letter layers have few, and
    /// rendering every text-rich page would cost more than extracting it.
    public var inkCheckMaxCharacters: Int = 400
    /// …and of those, a page with a usable text layer of at least this many
    /// characters and no image is not measured either (`inkDecides`): it
    /// cannot be a scan, and its characters are more than a font without a
    /// Unicode map leaves. 400 or more: every page under
    /// `inkCheckMaxCharacters` is drawn, as before.
    public var inkSkipMinCharacters: Int = 20

    public init() {}

    enum CodingKeys: String, CodingKey {
        case inkDPI, inkThreshold, blankInk, blankStrokeInk, maxUncoveredInk, minTextInkShare
        case maxReplacementShare, maxPrivateUseShare, maxControlShare, maxLatin1Share
        case expectedScripts, maxUnexpectedScriptShare, minHanForStatistics, minCommonHanShare, minBadCharacters
        case inkCheckMaxCharacters, inkSkipMinCharacters, minPrivateUseKinds, lowTextInkShare, maxUncoveredInkLowText
        case maxScatteredBlocks, mainScript, minMainScriptShare, mainScriptMinCharacters
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = JudgeRules()
        inkDPI = try c.decodeIfPresent(Double.self, forKey: .inkDPI) ?? d.inkDPI
        inkThreshold = try c.decodeIfPresent(Int.self, forKey: .inkThreshold) ?? d.inkThreshold
        blankInk = try c.decodeIfPresent(Double.self, forKey: .blankInk) ?? d.blankInk
        blankStrokeInk = try c.decodeIfPresent(Double.self, forKey: .blankStrokeInk) ?? d.blankStrokeInk
        maxUncoveredInk = try c.decodeIfPresent(Double.self, forKey: .maxUncoveredInk) ?? d.maxUncoveredInk
        minTextInkShare = try c.decodeIfPresent(Double.self, forKey: .minTextInkShare) ?? d.minTextInkShare
        maxReplacementShare = try c.decodeIfPresent(Double.self, forKey: .maxReplacementShare) ?? d.maxReplacementShare
        maxPrivateUseShare = try c.decodeIfPresent(Double.self, forKey: .maxPrivateUseShare) ?? d.maxPrivateUseShare
        maxControlShare = try c.decodeIfPresent(Double.self, forKey: .maxControlShare) ?? d.maxControlShare
        maxLatin1Share = try c.decodeIfPresent(Double.self, forKey: .maxLatin1Share) ?? d.maxLatin1Share
        expectedScripts = try c.decodeIfPresent([String].self, forKey: .expectedScripts) ?? d.expectedScripts
        maxUnexpectedScriptShare = try c.decodeIfPresent(Double.self, forKey: .maxUnexpectedScriptShare) ?? d.maxUnexpectedScriptShare
        minHanForStatistics = try c.decodeIfPresent(Int.self, forKey: .minHanForStatistics) ?? d.minHanForStatistics
        minCommonHanShare = try c.decodeIfPresent(Double.self, forKey: .minCommonHanShare) ?? d.minCommonHanShare
        minBadCharacters = try c.decodeIfPresent(Int.self, forKey: .minBadCharacters) ?? d.minBadCharacters
        lowTextInkShare = try c.decodeIfPresent(Double.self, forKey: .lowTextInkShare) ?? d.lowTextInkShare
        maxUncoveredInkLowText = try c.decodeIfPresent(Double.self, forKey: .maxUncoveredInkLowText) ?? d.maxUncoveredInkLowText
        minPrivateUseKinds = try c.decodeIfPresent(Int.self, forKey: .minPrivateUseKinds) ?? d.minPrivateUseKinds
        inkCheckMaxCharacters = try c.decodeIfPresent(Int.self, forKey: .inkCheckMaxCharacters) ?? d.inkCheckMaxCharacters
        inkSkipMinCharacters = try c.decodeIfPresent(Int.self, forKey: .inkSkipMinCharacters) ?? d.inkSkipMinCharacters
        maxScatteredBlocks = try c.decodeIfPresent(Int.self, forKey: .maxScatteredBlocks) ?? d.maxScatteredBlocks
        mainScript = try c.decodeIfPresent(String.self, forKey: .mainScript) ?? d.mainScript
        minMainScriptShare = try c.decodeIfPresent(Double.self, forKey: .minMainScriptShare) ?? d.minMainScriptShare
        mainScriptMinCharacters = try c.decodeIfPresent(Int.self, forKey: .mainScriptMinCharacters) ?? d.mainScriptMinCharacters
        for (key, scripts) in [(CodingKeys.expectedScripts, expectedScripts ?? []), (.mainScript, mainScript.map { [$0] } ?? [])] {
            if let unknown = scripts.first(where: { !Script.names.contains($0) }) {
                throw DecodingError.dataCorruptedError(forKey: key, in: c,
                    debugDescription: "unknown script '\(unknown)' (one of \(Script.names.joined(separator: ", ")))")
            }
        }
    }
}

/// `--ocr`: let the judge decide per page, or override it for every page.
public enum OCRMode: String, Codable, Sendable, CaseIterable {
    case auto, force, never
}
