/// How the clean stage joins lines into blocks, from the pipeline YAML
/// (`blocks:`): tolerances of the page's geometry, most of them in ems of the
/// lines' own size. Every key may be left out; the defaults are the values the
/// samples and the evaluation layouts were tuned on.
public struct BlockRules: Codable, Hashable, Sendable {
    /// A line is set in the body's style when its size is within this share of
    /// the body size (text layer)…
    public var bodySizeTolerance: Double = 0.12
    /// …and on OCR pages, where a size is an estimate.
    public var ocrBodySizeTolerance: Double = 0.2
    /// Two lines whose sizes differ by more than this share of the larger are a
    /// style change: a new block (text layer)…
    public var styleChange: Double = 0.1
    /// …and on OCR pages (their sizes are estimates, ±10%).
    public var ocrStyleChange: Double = 0.22
    /// An OCR line with fewer characters than this tells no size: no style break on it alone.
    public var ocrSizeMinCharacters: Int = 4
    /// Nor does a paragraph's last line of at most this many characters that
    /// closes its sentence (`。！？；：`) under a line running to the margin mid-sentence
    /// (`予贴息。` read 9 pt under 13 pt lines: its box was read short).
    public var ocrLastLineSizeCharacters: Int = 8
    /// A line that ends within this many ems of its column's right edge reaches
    /// the margin; one that ends farther in is short (a paragraph's last line).
    public var marginEms: Double = 1.5
    /// A line that starts this many ems right of its column's left edge is
    /// indented (a paragraph's first line).
    public var indentEms: Double = 0.8
    /// An indent is measured in the line's ems, but at most in those of this many
    /// body sizes (a title's large size would hide its indent).
    public var indentMaxSize: Double = 1.2
    /// The body text after a bold lead-in starts within this many ems of the left edge.
    public var flushLeftEms: Double = 0.5
    /// A line that starts this many ems inside its column and reaches the right
    /// margin is set flush right (a citation, a date, a signature): a block of its own.
    public var flushRightEms: Double = 4
    /// Paragraphs are set with a first-line indent when at least
    /// `indentedMinShortLines` short lines are followed by a line and this share
    /// of those lines is indented.
    public var indentedShare: Double = 0.6
    public var indentedMinShortLines: Int = 3
    /// Paragraphs are set apart by spacing when at least `indentedMinShortLines`
    /// short lines end a sentence and this share of them is followed by a
    /// paragraph gap: then an OCR line that stops short mid-sentence goes on.
    public var spacedShare: Double = 0.6
    /// …by fewer than this many ems and this share of its column's measure (a
    /// producer wraps before a number and the Han characters around it: 6.5 ems
    /// short before `长 10.2% 和 7.9%`; a heading stops short by half the measure).
    public var ocrRaggedEms: Double = 8
    public var ocrRaggedShare: Double = 0.2
    /// OCR, paragraphs spaced and not indented: a line set in by at most this
    /// many ems under a line running to the margin mid-sentence goes on (OCR
    /// lost its first character or quote mark).
    public var lostCharactersEms: Double = 2.5
    /// OCR, paragraphs indented: a line under a line running to the margin
    /// mid-sentence, set in at least this many ems less than the document's
    /// measured first-line indent, goes on (OCR lost its first character).
    public var lostIndentEms: Double = 0.4
    /// OCR: two lines that both fill the measure, their baselines the body pitch
    /// apart within this share, are one paragraph whatever sizes were guessed.
    public var ocrSamePitch: Double = 0.2
    /// Gaps between body lines below this many ems are measured for the body's own line gap…
    public var maxLineGapEms: Double = 3
    /// …which is this many ems when there is none.
    public var defaultLineGapEms: Double = 0.5
    /// A gap wider than the body's line gap (on OCR pages: its line pitch) by this
    /// many ems separates paragraphs…
    public var paragraphGapEms: Double = 0.35
    /// …on a text layer, by at least this many points.
    public var paragraphGapPoints: Double = 2.5
    /// A line whose top is this many ems above the previous line's starts a new column.
    public var columnRiseEms: Double = 0.5
    /// OCR: the distances between consecutive body baselines, between these many
    /// ems, give the body's line pitch (their median)…
    public var ocrMinPitchEms: Double = 0.8
    public var ocrMaxPitchEms: Double = 2.6
    /// …which is this many ems when none was measured.
    public var ocrDefaultPitchEms: Double = 1.5
    /// OCR: a baseline step wider than this many pitches is a paragraph gap…
    public var ocrGapPitches: Double = 1.2
    /// …but after a line that runs to the margin without ending a sentence (scanned
    /// lines sit unevenly), only a step wider than this many pitches.
    public var ocrRunOnPitches: Double = 2
    /// OCR: a line that stops fewer than this many ems short of the margin
    /// without ending a sentence goes on (OCR drops the space a producer wrapped
    /// at, and a line's last glyph or two).
    public var ocrRunOnEms: Double = 3
    /// OCR: a column's left and right edges are these quantiles of its body lines'
    /// starts and ends (OCR edges wander by a point or two, and a speck can start a line).
    public var ocrLeftEdgeQuantile: Double = 0.25
    public var ocrRightEdgeQuantile: Double = 0.75
    /// A paragraph goes on onto the next page only where its page's body measure
    /// (right edge less left edge) is no more than this many ems narrower than
    /// the next page's: a contents page's last row does not run on into the first title under it.
    public var pageMeasureEms: Double = 4
    /// …and only where its last line stands within this many ems of the foot
    /// the document's full pages reach (the upper quartile over columns of
    /// three body lines or more of their lowest body line).
    public var pageFootEms: Double = 6

    public init() {}

    enum CodingKeys: String, CodingKey {
        case bodySizeTolerance, ocrBodySizeTolerance, styleChange, ocrStyleChange, ocrSizeMinCharacters, ocrLastLineSizeCharacters
        case marginEms, indentEms, indentMaxSize, flushLeftEms, flushRightEms, indentedShare, indentedMinShortLines, spacedShare, ocrRaggedEms, ocrRaggedShare, ocrSamePitch, lostCharactersEms, lostIndentEms
        case maxLineGapEms, defaultLineGapEms, paragraphGapEms, paragraphGapPoints, columnRiseEms
        case ocrMinPitchEms, ocrMaxPitchEms, ocrDefaultPitchEms, ocrGapPitches, ocrRunOnPitches, ocrRunOnEms
        case ocrLeftEdgeQuantile, ocrRightEdgeQuantile, pageMeasureEms, pageFootEms
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = BlockRules()
        func number(_ key: CodingKeys, _ fallback: Double) throws -> Double { try c.decodeIfPresent(Double.self, forKey: key) ?? fallback }
        func count(_ key: CodingKeys, _ fallback: Int) throws -> Int { try c.decodeIfPresent(Int.self, forKey: key) ?? fallback }
        bodySizeTolerance = try number(.bodySizeTolerance, d.bodySizeTolerance)
        ocrBodySizeTolerance = try number(.ocrBodySizeTolerance, d.ocrBodySizeTolerance)
        styleChange = try number(.styleChange, d.styleChange)
        ocrStyleChange = try number(.ocrStyleChange, d.ocrStyleChange)
        ocrSizeMinCharacters = try count(.ocrSizeMinCharacters, d.ocrSizeMinCharacters)
        ocrLastLineSizeCharacters = try count(.ocrLastLineSizeCharacters, d.ocrLastLineSizeCharacters)
        marginEms = try number(.marginEms, d.marginEms)
        indentEms = try number(.indentEms, d.indentEms)
        indentMaxSize = try number(.indentMaxSize, d.indentMaxSize)
        flushLeftEms = try number(.flushLeftEms, d.flushLeftEms)
        flushRightEms = try number(.flushRightEms, d.flushRightEms)
        indentedShare = try number(.indentedShare, d.indentedShare)
        indentedMinShortLines = try count(.indentedMinShortLines, d.indentedMinShortLines)
        spacedShare = try number(.spacedShare, d.spacedShare)
        ocrRaggedEms = try number(.ocrRaggedEms, d.ocrRaggedEms)
        ocrRaggedShare = try number(.ocrRaggedShare, d.ocrRaggedShare)
        ocrSamePitch = try number(.ocrSamePitch, d.ocrSamePitch)
        lostCharactersEms = try number(.lostCharactersEms, d.lostCharactersEms)
        lostIndentEms = try number(.lostIndentEms, d.lostIndentEms)
        maxLineGapEms = try number(.maxLineGapEms, d.maxLineGapEms)
        defaultLineGapEms = try number(.defaultLineGapEms, d.defaultLineGapEms)
        paragraphGapEms = try number(.paragraphGapEms, d.paragraphGapEms)
        paragraphGapPoints = try number(.paragraphGapPoints, d.paragraphGapPoints)
        columnRiseEms = try number(.columnRiseEms, d.columnRiseEms)
        ocrMinPitchEms = try number(.ocrMinPitchEms, d.ocrMinPitchEms)
        ocrMaxPitchEms = try number(.ocrMaxPitchEms, d.ocrMaxPitchEms)
        ocrDefaultPitchEms = try number(.ocrDefaultPitchEms, d.ocrDefaultPitchEms)
        ocrGapPitches = try number(.ocrGapPitches, d.ocrGapPitches)
        ocrRunOnPitches = try number(.ocrRunOnPitches, d.ocrRunOnPitches)
        ocrRunOnEms = try number(.ocrRunOnEms, d.ocrRunOnEms)
        ocrLeftEdgeQuantile = try number(.ocrLeftEdgeQuantile, d.ocrLeftEdgeQuantile)
        ocrRightEdgeQuantile = try number(.ocrRightEdgeQuantile, d.ocrRightEdgeQuantile)
        pageMeasureEms = try number(.pageMeasureEms, d.pageMeasureEms)
        pageFootEms = try number(.pageFootEms, d.pageFootEms)
    }

    /// Each number with the range it must be in, by its YAML key, for the pipeline check.
    var ranges: [(key: String, value: Double, range: ClosedRange<Double>)] {
        let shares: [(CodingKeys, Double)] = [
            (.bodySizeTolerance, bodySizeTolerance), (.ocrBodySizeTolerance, ocrBodySizeTolerance), (.styleChange, styleChange),
            (.ocrStyleChange, ocrStyleChange), (.indentedShare, indentedShare),
            (.ocrLeftEdgeQuantile, ocrLeftEdgeQuantile), (.ocrRightEdgeQuantile, ocrRightEdgeQuantile),
        ]
        let lengths: [(CodingKeys, Double)] = [
            (.ocrSizeMinCharacters, Double(ocrSizeMinCharacters)), (.ocrLastLineSizeCharacters, Double(ocrLastLineSizeCharacters)),
            (.marginEms, marginEms), (.indentEms, indentEms),
            (.indentMaxSize, indentMaxSize), (.flushLeftEms, flushLeftEms), (.flushRightEms, flushRightEms),
            (.indentedMinShortLines, Double(indentedMinShortLines)), (.maxLineGapEms, maxLineGapEms),
            (.defaultLineGapEms, defaultLineGapEms), (.paragraphGapEms, paragraphGapEms), (.paragraphGapPoints, paragraphGapPoints),
            (.columnRiseEms, columnRiseEms), (.ocrMinPitchEms, ocrMinPitchEms), (.ocrMaxPitchEms, ocrMaxPitchEms),
            (.ocrDefaultPitchEms, ocrDefaultPitchEms), (.ocrGapPitches, ocrGapPitches), (.ocrRunOnPitches, ocrRunOnPitches),
            (.ocrRunOnEms, ocrRunOnEms), (.pageMeasureEms, pageMeasureEms), (.pageFootEms, pageFootEms), (.lostCharactersEms, lostCharactersEms),
            (.lostIndentEms, lostIndentEms),
        ]
        return shares.map { ($0.0.stringValue, $0.1, 0...1) } + lengths.map { ($0.0.stringValue, $0.1, 0...100) }
    }
}
