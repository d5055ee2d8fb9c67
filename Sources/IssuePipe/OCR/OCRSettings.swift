/// How the OCR stage reads pages, from the pipeline YAML (`ocr:`). Every key
/// may be left out. The defaults are the measured best for 11–12 pt Chinese
/// body text (see ocr-notes): chi_sim alone, 200 dpi gray, psm 3, deskewed scans.
public struct OCRSettings: Codable, Hashable, Sendable {
    /// Tesseract language string, e.g. `chi_sim` or `chi_sim+eng`.
    public var languages: String = "chi_sim"
    /// Resolution at which pages are rendered for OCR.
    public var dpi: Double = 200
    /// Tesseract page segmentation mode (3: automatic).
    public var pageSegMode: Int = 3
    /// Read a scanned page's own image at its native resolution instead of rendering the page.
    public var nativeImages: Bool = true
    /// Native images outside this resolution range are rendered at `dpi` instead.
    public var nativeDPIRange: [Double] = [100, 600]
    /// A scan's image finer than this is scaled down to `dpi` first (300 dpi
    /// scans read worse than the same page at 200).
    public var nativeMaxDPI: Double = 250
    /// A grey or colour scan's image coarser than this is enlarged to `dpi`
    /// once its leaders are erased (they are found at the scan's own
    /// resolution); a black-and-white one is read as it is (enlarged, 22 read
    /// worse). 0 (the default) turns it off: at 180, 27 such 150 dpi tuning
    /// scans read at 1.27% CER either way (13 better, 12 worse), sub-headings
    /// and contents lost on some as others gained them.
    public var nativeMinDPI: Double = 0
    /// A black-and-white scan coarser than this has its one-pixel strokes
    /// thickened by half a pixel before it is read (binarising breaks thin
    /// strokes, which tesseract reads as other characters); 0 turns it off.
    public var thickenHairlinesBelowDPI: Double = 180
    /// A black-and-white scan coarser than this (and not coarser than
    /// `thickenHairlinesBelowDPI`) is thickened so too where at least
    /// `thinStrokeShare` (0…1) of its ink lies on one-pixel strokes: thin
    /// Song or Kai strokes that binarising broke; 0 turns it off. At 250 and
    /// 0.015 the 58 bitonal 200 dpi tuning variants read at 1.76% CER instead
    /// of 1.97% (32 better, 9 worse); every page thickened, 1.79% (12 worse):
    /// a sans face's wider strokes read better as they are.
    public var thinStrokesBelowDPI: Double = 250
    public var thinStrokeShare: Double = 0.015
    /// `auto` deskews pages read from a scan's image; `always`; `never`.
    public var deskew: DeskewMode = .auto
    /// A page whose mean word confidence (0…1) is below this gets a `low-ocr-confidence` warning.
    public var minConfidence: Double = 0.6
    /// A page read below this mean confidence is read again with its background
    /// flattened, then turned over (a sheet scanned upside down); the best
    /// reading is kept. 0 turns it off.
    public var retryBelowConfidence: Double = 0.5
    /// A page one threshold parts badly from its paper (uneven light) whose ink
    /// is left unread by more than this share (0…1) is read again with a
    /// threshold taken locally (Sauvola's), and that reading kept when it leaves
    /// half as much unread or less. 0 turns it off.
    public var localThresholdUnreadShare: Double = 0.25
    /// Lines whose Han glyphs are shorter than this (pixels, as read) are read
    /// again from a crop scaled up to `smallTextTargetPixels` (a cover's contents
    /// or staff box in 5–7 pt), when `smallTextMinLines` or more lie together. 0 turns it off.
    public var smallTextPixels: Double = 16
    public var smallTextTargetPixels: Double = 30
    public var smallTextMinLines: Int = 2
    /// On a page the PDF draws (not a scan: a broken text layer, vector
    /// pages), that small type is cut from the page rendered again at this
    /// resolution: the detail is in the PDF, not in the page's render. 0 (or
    /// no more than `dpi`) turns it off: the render is scaled up instead.
    public var smallTextRenderDPI: Double = 400
    /// Dot leaders (runs of eight or more small dots on a baseline) are painted
    /// out of a page's image before it is read: tesseract reads a contents
    /// line with leaders as nothing or as noise.
    public var eraseLeaders: Bool = true
    /// Ink no line read covers, in patches shaped like a line of the page's text
    /// (tesseract's layout analysis drops some: a column of labels on a shaded
    /// panel), is read again, at most this many patches a page; 0 turns it off…
    public var unreadInkMaxPatches: Int = 40
    /// …measured against the page's own glyphs, or on a page where tesseract
    /// read fewer than three lines, against glyphs of this size (points)…
    public var unreadInkDefaultPoints: Double = 10.5
    /// …and a reading joins the page when its mean word confidence (0…1) reaches this.
    public var unreadInkMinConfidence: Double = 0.5
    /// …where ink is darker than this (0…255) once the paper is flattened to white.
    public var unreadInkLevel: Int = 128
    /// Ink no line read with at least `unreadBlockWeakConfidence` (0…1) covers,
    /// in a patch several lines tall (a panel of small text the page's layout
    /// analysis missed or garbled), is read again as one block, at most this
    /// many blocks a page; 0 turns it off.
    public var unreadBlockMaxBlocks: Int = 6
    public var unreadBlockWeakConfidence: Double = 0.6
    /// …where weak lines were read, only when the block's rows of ink are at
    /// most this share of the page's glyph height (small type).
    public var unreadBlockSmallShare: Double = 0.95
    /// Lines read with a mean word confidence (0…1) below `weakLineConfidence`
    /// are cut out alone and read again as one line, the weakest first, at most
    /// `weakLineMaxLines` a page (0 turns it off); the new reading is kept when
    /// its confidence is at least `weakLineMargin` higher.
    public var weakLineConfidence: Double = 0.8
    public var weakLineMargin: Double = 0.1
    public var weakLineMaxLines: Int = 12
    /// A weak line whose glyphs are fewer pixels high than this is read
    /// enlarged twice as well, and the more confident reading kept; 0 turns it off.
    public var weakLineEnlargeBelowPixels: Double = 32
    /// A small ring of ink after a line's last word is put back as a full
    /// stop (tesseract leaves some out); false turns it off…
    public var restoreFullStops: Bool = true
    /// …as this mark; nil: the languages' own, `。` for Chinese and Japanese,
    /// none (nothing put back) for others.
    public var fullStop: String? = nil

    /// The mark `LostFullStops` puts back, nil for none.
    var fullStopMark: String? {
        guard restoreFullStops else { return nil }
        if let fullStop { return fullStop.isEmpty ? nil : fullStop }
        let ringed = ["chi_sim", "chi_tra", "chi_sim_vert", "chi_tra_vert", "jpn", "jpn_vert"]
        return languages.split(separator: "+").contains { ringed.contains(String($0)) } ? "。" : nil
    }
    /// Seconds tesseract may spend on one page before the page fails.
    public var pageTimeout: Double = 300
    /// Fail the whole conversion when a page cannot be read, instead of a warning and an empty page.
    public var failOnError: Bool = false
    /// Folder of the `.traineddata` files; nil: tesseract's own default (or TESSDATA_PREFIX).
    public var tessdata: String? = nil
    /// Extra tesseract variables (`preserve_interword_spaces` is always 1).
    public var variables: [String: String] = [:]

    public enum DeskewMode: String, Codable, Hashable, Sendable { case auto, always, never }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case languages, dpi, pageSegMode, nativeImages, nativeDPIRange, nativeMaxDPI, nativeMinDPI, thickenHairlinesBelowDPI, deskew, minConfidence, retryBelowConfidence
        case thinStrokesBelowDPI, thinStrokeShare
        case localThresholdUnreadShare
        case pageTimeout, failOnError, tessdata, variables, smallTextPixels, smallTextTargetPixels, smallTextMinLines, smallTextRenderDPI
        case unreadInkMaxPatches, unreadInkMinConfidence, unreadInkDefaultPoints, unreadInkLevel, eraseLeaders
        case unreadBlockMaxBlocks, unreadBlockWeakConfidence, unreadBlockSmallShare
        case weakLineConfidence, weakLineMargin, weakLineMaxLines, weakLineEnlargeBelowPixels, restoreFullStops, fullStop
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = OCRSettings()
        languages = try c.decodeIfPresent(String.self, forKey: .languages) ?? d.languages
        dpi = try c.decodeIfPresent(Double.self, forKey: .dpi) ?? d.dpi
        pageSegMode = try c.decodeIfPresent(Int.self, forKey: .pageSegMode) ?? d.pageSegMode
        nativeImages = try c.decodeIfPresent(Bool.self, forKey: .nativeImages) ?? d.nativeImages
        nativeDPIRange = try c.decodeIfPresent([Double].self, forKey: .nativeDPIRange) ?? d.nativeDPIRange
        nativeMaxDPI = try c.decodeIfPresent(Double.self, forKey: .nativeMaxDPI) ?? d.nativeMaxDPI
        nativeMinDPI = try c.decodeIfPresent(Double.self, forKey: .nativeMinDPI) ?? d.nativeMinDPI
        thickenHairlinesBelowDPI = try c.decodeIfPresent(Double.self, forKey: .thickenHairlinesBelowDPI) ?? d.thickenHairlinesBelowDPI
        thinStrokesBelowDPI = try c.decodeIfPresent(Double.self, forKey: .thinStrokesBelowDPI) ?? d.thinStrokesBelowDPI
        thinStrokeShare = try c.decodeIfPresent(Double.self, forKey: .thinStrokeShare) ?? d.thinStrokeShare
        deskew = try c.decodeIfPresent(DeskewMode.self, forKey: .deskew) ?? d.deskew
        minConfidence = try c.decodeIfPresent(Double.self, forKey: .minConfidence) ?? d.minConfidence
        retryBelowConfidence = try c.decodeIfPresent(Double.self, forKey: .retryBelowConfidence) ?? d.retryBelowConfidence
        localThresholdUnreadShare = try c.decodeIfPresent(Double.self, forKey: .localThresholdUnreadShare) ?? d.localThresholdUnreadShare
        pageTimeout = try c.decodeIfPresent(Double.self, forKey: .pageTimeout) ?? d.pageTimeout
        failOnError = try c.decodeIfPresent(Bool.self, forKey: .failOnError) ?? d.failOnError
        tessdata = try c.decodeIfPresent(String.self, forKey: .tessdata) ?? d.tessdata
        variables = try c.decodeIfPresent([String: String].self, forKey: .variables) ?? d.variables
        smallTextPixels = try c.decodeIfPresent(Double.self, forKey: .smallTextPixels) ?? d.smallTextPixels
        smallTextTargetPixels = try c.decodeIfPresent(Double.self, forKey: .smallTextTargetPixels) ?? d.smallTextTargetPixels
        smallTextMinLines = try c.decodeIfPresent(Int.self, forKey: .smallTextMinLines) ?? d.smallTextMinLines
        smallTextRenderDPI = try c.decodeIfPresent(Double.self, forKey: .smallTextRenderDPI) ?? d.smallTextRenderDPI
        unreadInkMaxPatches = try c.decodeIfPresent(Int.self, forKey: .unreadInkMaxPatches) ?? d.unreadInkMaxPatches
        unreadInkMinConfidence = try c.decodeIfPresent(Double.self, forKey: .unreadInkMinConfidence) ?? d.unreadInkMinConfidence
        unreadInkDefaultPoints = try c.decodeIfPresent(Double.self, forKey: .unreadInkDefaultPoints) ?? d.unreadInkDefaultPoints
        unreadInkLevel = try c.decodeIfPresent(Int.self, forKey: .unreadInkLevel) ?? d.unreadInkLevel
        eraseLeaders = try c.decodeIfPresent(Bool.self, forKey: .eraseLeaders) ?? d.eraseLeaders
        unreadBlockMaxBlocks = try c.decodeIfPresent(Int.self, forKey: .unreadBlockMaxBlocks) ?? d.unreadBlockMaxBlocks
        unreadBlockWeakConfidence = try c.decodeIfPresent(Double.self, forKey: .unreadBlockWeakConfidence) ?? d.unreadBlockWeakConfidence
        unreadBlockSmallShare = try c.decodeIfPresent(Double.self, forKey: .unreadBlockSmallShare) ?? d.unreadBlockSmallShare
        weakLineConfidence = try c.decodeIfPresent(Double.self, forKey: .weakLineConfidence) ?? d.weakLineConfidence
        weakLineMargin = try c.decodeIfPresent(Double.self, forKey: .weakLineMargin) ?? d.weakLineMargin
        weakLineMaxLines = try c.decodeIfPresent(Int.self, forKey: .weakLineMaxLines) ?? d.weakLineMaxLines
        weakLineEnlargeBelowPixels = try c.decodeIfPresent(Double.self, forKey: .weakLineEnlargeBelowPixels) ?? d.weakLineEnlargeBelowPixels
        restoreFullStops = try c.decodeIfPresent(Bool.self, forKey: .restoreFullStops) ?? d.restoreFullStops
        fullStop = try c.decodeIfPresent(String.self, forKey: .fullStop) ?? d.fullStop
        guard dpi >= 50, dpi <= 1200 else {
            throw DecodingError.dataCorruptedError(forKey: .dpi, in: c, debugDescription: "dpi must be between 50 and 1200")
        }
        guard (0...13).contains(pageSegMode) else {
            throw DecodingError.dataCorruptedError(forKey: .pageSegMode, in: c, debugDescription: "pageSegMode must be 0…13")
        }
        guard nativeDPIRange.count == 2, nativeDPIRange[0] <= nativeDPIRange[1] else {
            throw DecodingError.dataCorruptedError(forKey: .nativeDPIRange, in: c, debugDescription: "nativeDPIRange is [low, high]")
        }
    }
}
