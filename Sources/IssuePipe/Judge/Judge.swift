import Foundation

/// One reason behind a verdict, with the value measured and the threshold it was held against.
public struct JudgeReason: Codable, Hashable, Sendable {
    /// `no-text-layer`, `too-little-text`, `replacement-characters`, `private-use-characters`,
    /// `control-characters`, `latin1-soup`, `unexpected-script`, `rare-han`, `scattered-scripts`,
    /// `main-script-missing`, `font-broken-elsewhere`: the text layer
    /// cannot be used. `blank-page`, `text-layer-usable`: it can. `ocr-forced`, `ocr-disabled`:
    /// `--ocr` overrode the judge.
    public var code: String
    public var value: Double?
    public var threshold: Double?
    public var message: String

    /// `code (value vs threshold)`, for tables.
    public var summary: String {
        guard let value else { return code }
        return threshold.map { "\(code) (\(value) vs \($0))" } ?? "\(code) (\(value))"
    }

    public init(code: String, value: Double? = nil, threshold: Double? = nil, message: String) {
        self.code = code
        self.value = value.map { ($0 * 10_000).rounded() / 10_000 }
        self.threshold = threshold
        self.message = message
    }

    /// Reasons that say the text layer is there but wrong (not merely absent).
    public static let brokenLayerCodes: Set<String> = [
        "replacement-characters", "private-use-characters", "control-characters",
        "latin1-soup", "unexpected-script", "rare-han", "scattered-scripts", "main-script-missing",
        SharedBrokenFonts.code,
    ]
}

/// The judge stage's verdict on one page.
public struct PageVerdict: Codable, Hashable, Sendable {
    public var page: Int
    public var verdict: TextMethod
    public var reasons: [JudgeReason]
    /// What was measured: character counts of the text layer and ink of a small render.
    public var characters: CharacterStatistics
    public var ink: InkMeasure?

    /// True when a reason says the text layer is garbage.
    public var textLayerBroken: Bool { reasons.contains { JudgeReason.brokenLayerCodes.contains($0.code) } }
}

/// Output of the judge stage.
public struct JudgeReport: Codable, Hashable, Sendable {
    public var pages: [PageVerdict]
    /// What the issue JSON should say about the verdicts (e.g. a broken text layer).
    public var warnings: [Warning] = []

    /// 1-based numbers of the pages to OCR.
    public var ocrPages: [Int] { pages.filter { $0.verdict == .ocr }.map(\.page) }

    /// The same verdicts with `pages` left out of OCR (they were read already).
    public func excluding(_ read: Set<Int>) -> JudgeReport {
        var copy = self
        for index in copy.pages.indices where read.contains(copy.pages[index].page) { copy.pages[index].verdict = .text }
        return copy
    }
}

/// The judge stage: is each page's text layer usable? Measures every page
/// (character statistics of the text; ink of a small render where the text is
/// thin and the ink can change the verdict), decides with the pipeline's
/// `rules`, then applies `--ocr force|never`.
public func judge(_ extracted: ExtractedDocument, document: PDFDocument, rules: JudgeRules, mode: OCRMode,
                  pages: Int? = nil, measured: InkMeasures? = nil) -> JudgeReport {
    var report = JudgeReport(pages: [])
    let measures = measured ?? InkMeasures()
    // Fonts without a Unicode map are shared across an issue's pages: where
    // one page's characters show it, a page of a few intact Latin words and
    // digits may be hiding the rest of its text (drawn, never extracted).
    // Every page judged on its characters alone, once, where another page needs them.
    var byCharacters: [PageVerdict]?
    let judgedByCharacters = {
        if byCharacters == nil { byCharacters = extracted.pages.map { judgePage($0, ink: nil, rules: rules) } }
        return byCharacters ?? []
    }
    let brokenLayerInDocument = { judgedByCharacters().contains(where: \.textLayerBroken) }
    var sharedFonts: SharedBrokenFonts?
    for (index, layout) in extracted.pages.prefix(pages ?? extracted.pages.count).enumerated() {
        // --ocr force/never decide without it; a page rich in text does not need it.
        let characters = layout.lines.reduce(0) { $0 + $1.text.unicodeScalars.count }
        let measureInk = mode == .auto && characters < rules.inkCheckMaxCharacters
        var verdict = measureInk ? judgeThinPage(layout, document: document, rules: rules, measures: measures,
                                                 brokenLayerInDocument: brokenLayerInDocument)
                                 : byCharacters?[index] ?? judgePage(layout, ink: nil, rules: rules)
        // Only a page with some soup of its own (Latin-1 or Latin Extended letters) is weighed by its fonts.
        if verdict.verdict == .text, SharedBrokenFonts.mayHide(verdict.characters), brokenLayerInDocument() {
            if sharedFonts == nil { sharedFonts = SharedBrokenFonts(extracted.pages, verdicts: judgedByCharacters()) }
            verdict = sharedFonts?.applied(to: verdict, layout: layout) ?? verdict
        }
        if verdict.textLayerBroken {
            let codes = verdict.reasons.filter { JudgeReason.brokenLayerCodes.contains($0.code) }.map(\.code)
            report.warnings.append(Warning(code: "text-layer-broken",
                                           message: "page \(layout.number): the text layer is unusable (\(codes.joined(separator: ", ")))"
                                               + (mode == .never ? "; kept because of --ocr never" : "; the page is read by OCR"),
                                           page: layout.number))
        }
        switch mode {
        case .auto: break
        case .force:
            verdict.verdict = .ocr
            verdict.reasons.insert(JudgeReason(code: "ocr-forced", message: "--ocr force"), at: 0)
        case .never:
            verdict.verdict = .text
            verdict.reasons.insert(JudgeReason(code: "ocr-disabled", message: "--ocr never"), at: 0)
        }
        report.pages.append(verdict)
    }
    return report
}

/// The verdict on a page thin enough in text for its ink to matter, drawn
/// only where the ink can change the verdict (`inkDecides`); a page not drawn
/// has no `ink`, and its reasons say why it was not drawn.
func judgeThinPage(_ layout: PageLayout, document: PDFDocument, rules: JudgeRules, measures: InkMeasures,
                   brokenLayerInDocument: () -> Bool = { false }) -> PageVerdict {
    var unmeasured = judgePage(layout, ink: nil, rules: rules)
    guard !inkDecides(unmeasured, rules: rules, brokenLayerInDocument: brokenLayerInDocument,
                      drawsImage: { measures.drawsImage(layout.number, document: document) }) else {
        return judgePage(layout, ink: measures.measure(layout, document: document, rules: rules), rules: rules)
    }
    if unmeasured.verdict == .text, let usable = unmeasured.reasons.indices.last {
        unmeasured.reasons[usable].message += "; not drawn: no image on the page, no page's text layer broken"
    }
    return unmeasured
}

/// Can the ink of a render change the verdict the text layer alone gives
/// (`unmeasured`, judged with no ink)? The ink decides two things only: a page
/// with no text is blank or goes to OCR (`blank-page`, `no-text-layer`), and a
/// page whose characters pass is `too-little-text` when much of its stroke
/// ink lies outside the text. So the render is needed:
/// - not where the characters already send the page to OCR (glyph soup,
///   rare Han…): the ink could only add `too-little-text` to the reasons;
/// - where the page has no text: only its ink tells a blank page from a scan
///   or text drawn as curves;
/// - where a usable layer has fewer than `inkSkipMinCharacters` characters: a
///   few characters found on a page set in a font without a Unicode map, or
///   beside text drawn as curves;
/// - where another page's characters show a broken layer
///   (`brokenLayerInDocument`): the issue's fonts without a Unicode map may
///   leave this page only its intact Latin words and digits;
/// - where the page draws an image (`drawsImage`, asked last, as it walks the
///   page's content): a scan or a photo of text under a thin or invisible layer.
/// A page with a usable layer of enough characters and no image, in a document
/// whose layers are sound, is printed text and vector art: what ink it has
/// outside its text (rules, bars, logos) is no text a reader would miss, and it
/// is not drawn.
func inkDecides(_ unmeasured: PageVerdict, rules: JudgeRules, brokenLayerInDocument: () -> Bool = { false },
                drawsImage: () -> Bool) -> Bool {
    let characters = unmeasured.characters.characters
    if characters == 0 { return true }
    if unmeasured.verdict == .ocr { return false }
    return characters < rules.inkSkipMinCharacters || brokenLayerInDocument() || drawsImage()
}

/// The verdict on one page from its text layer and its measured ink (nil when
/// the page could not be rendered). Pure: unit tests call it with built values.
public func judgePage(_ layout: PageLayout, ink: InkMeasure?, rules: JudgeRules) -> PageVerdict {
    let stats = CharacterStatistics(layout.text)
    let n = stats.characters

    if let ink, n == 0, let blank = blankReason(ink, rules: rules) {
        return PageVerdict(page: layout.number, verdict: .text, reasons: [blank], characters: stats, ink: ink)
    }
    var reasons = coverageReasons(stats, ink: ink, rules: rules) + characterReasons(stats, rules: rules)
    reasons += rareHanReasons(stats, rules: rules)

    if reasons.isEmpty {
        let common = stats.han > 0 ? String(format: ", %.1f%% of Han common", CharacterStatistics.share(stats.commonHan, of: stats.han) * 100) : ""
        let inkNote = ink.map { String(format: ", %.0f%% of the ink under text", $0.textInkShare * 100) } ?? ""
        reasons.append(JudgeReason(code: "text-layer-usable", value: ink?.textInkShare,
                                   message: "\(n) characters\(common)\(inkNote)"))
        return PageVerdict(page: layout.number, verdict: .text, reasons: reasons, characters: stats, ink: ink)
    }
    return PageVerdict(page: layout.number, verdict: .ocr, reasons: reasons, characters: stats, ink: ink)
}

/// A page with no text is blank when it has almost no ink, or when its ink is
/// solid areas only: a scanned blank page keeps the scanner's dark borders, and
/// a page of bars or pictures holds no strokes of text for OCR to read.
private func blankReason(_ ink: InkMeasure, rules: JudgeRules) -> JudgeReason? {
    if ink.ink < rules.blankInk {
        return JudgeReason(code: "blank-page", value: ink.ink, threshold: rules.blankInk,
                           message: "no text and almost no ink: nothing to read")
    }
    let strokes = ink.strokeInkInside ?? ink.strokeInk
    if strokes < rules.blankStrokeInk {
        return JudgeReason(code: "blank-page", value: strokes, threshold: rules.blankStrokeInk,
                           message: String(format: "no text, and of its ink (%.1f%% of the page) almost none thin strokes away from the edges: a scan's dark borders, bars or pictures, nothing to read",
                                           ink.ink * 100))
    }
    return nil
}

/// Is there a text layer, and does it cover the page's ink?
private func coverageReasons(_ stats: CharacterStatistics, ink: InkMeasure?, rules: JudgeRules) -> [JudgeReason] {
    let n = stats.characters
    if n == 0 { return [JudgeReason(code: "no-text-layer", value: 0, message: "the page has ink but no text layer")] }
    if let ink, (ink.uncoveredInk > rules.maxUncoveredInk && ink.textInkShare < rules.minTextInkShare)
        || (ink.uncoveredInk > rules.maxUncoveredInkLowText && ink.textInkShare < rules.lowTextInkShare) {
        return [JudgeReason(code: "too-little-text", value: ink.textInkShare, threshold: rules.minTextInkShare,
                            message: String(format: "only %.0f%% of the ink lies under the %d characters of the text layer; %.1f%% of the page is ink outside it",
                                            ink.textInkShare * 100, n, ink.uncoveredInk * 100))]
    }
    return []
}

/// Characters a usable text layer has few of: U+FFFD, private-use, control
/// characters, Latin-1 soup, unexpected or scattered scripts, too little of the main script.
private func characterReasons(_ stats: CharacterStatistics, rules: JudgeRules) -> [JudgeReason] {
    var reasons: [JudgeReason] = []
    let n = stats.characters
    let letters = stats.letterCount
    func check(_ code: String, _ count: Int, of whole: Int, max limit: Double, _ what: String) {
        let share = CharacterStatistics.share(count, of: whole)
        if count >= rules.minBadCharacters || (count > 0 && count == whole), share > limit {
            reasons.append(JudgeReason(code: code, value: share, threshold: limit,
                                       message: "\(count) of \(whole) \(what)"))
        }
    }
    check("replacement-characters", stats.replacement, of: n, max: rules.maxReplacementShare, "characters are U+FFFD")
    // A symbol or two mapped to the private-use area is not a broken layer; glyph soup has many.
    if stats.privateUseKinds >= rules.minPrivateUseKinds {
        check("private-use-characters", stats.privateUse, of: n, max: rules.maxPrivateUseShare,
              "characters are private-use code points (\(stats.privateUseKinds) different)")
    }
    check("control-characters", stats.control, of: n, max: rules.maxControlShare, "characters are control characters")
    check("latin1-soup", stats.latin1, of: letters + stats.latin1 - (stats.letters[Script.latinExtended.rawValue] ?? 0),
          max: rules.maxLatin1Share, "letters and symbols are Latin-1/Latin Extended (a font without ToUnicode)")
    if let expected = rules.expectedScripts {
        let unexpected = stats.letters.filter { !expected.contains($0.key) }.values.reduce(0, +)
        check("unexpected-script", unexpected, of: letters, max: rules.maxUnexpectedScriptShare,
              "letters are outside the expected scripts (\(expected.joined(separator: ", ")))")
    }
    if stats.scatteredBlocks > rules.maxScatteredBlocks {
        reasons.append(JudgeReason(code: "scattered-scripts", value: Double(stats.scatteredBlocks),
                                   threshold: Double(rules.maxScatteredBlocks),
                                   message: "letters scatter over \(stats.scatteredBlocks) Unicode blocks (glyph ids read as code points)"))
    }
    if let main = rules.mainScript, n >= rules.mainScriptMinCharacters {
        check("main-script-missing", n - (stats.letters[main] ?? 0), of: n, max: 1 - rules.minMainScriptShare,
              "characters are not \(main), the publication's script")
    }
    return reasons
}

/// Too few of the Han characters are common ones. Few Han characters say less:
/// below `minHanForStatistics` only a page where most of them are rare is
/// suspect (a ToUnicode map pointing at other characters: 嘆囈貭鍔 for 中國文件),
/// or one where none is common.
private func rareHanReasons(_ stats: CharacterStatistics, rules: JudgeRules) -> [JudgeReason] {
    let few = stats.han < rules.minHanForStatistics
    let bar = few ? (stats.han >= 8 ? 0.5 : (stats.han >= rules.minBadCharacters ? 0.001 : 0)) : rules.minCommonHanShare
    guard bar > 0 else { return [] }
    let share = CharacterStatistics.share(stats.commonHan, of: stats.han)
    guard share < bar else { return [] }
    return [JudgeReason(code: "rare-han", value: share, threshold: bar,
                        message: "only \(stats.commonHan) of \(stats.han) Han characters are among GB2312's 3,755 common (level 1)")]
}
