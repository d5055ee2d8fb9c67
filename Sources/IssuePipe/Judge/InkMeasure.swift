/// How much of a page is printed, and how much of that lies under the text layer.
///
/// Only thin-stroke ink is held against the text layer: solid areas (bars,
/// QR-code modules, photos' dark parts) survive a 3×3 morphological opening
/// and are left out, since they are not text a text layer could be missing.
public struct InkMeasure: Codable, Hashable, Sendable {
    /// Share of the page's pixels that are ink.
    public var ink: Double
    /// Share of the page's pixels that are thin-stroke ink (text-like).
    public var strokeInk: Double
    /// Share of the stroke ink that lies under a text line of the text layer.
    public var textInkShare: Double
    /// Stroke ink outside every text line, as a share of the page.
    public var uncoveredInk: Double
    /// On a page with no text only: the stroke ink away from the page's edges
    /// (`edgeShare` of its width and height on each side left out), where a
    /// scanner's dark borders leave ragged, stroke-thin rims.
    public var strokeInkInside: Double?

    /// The share of the page's width and height, on each side, that `strokeInkInside` leaves out.
    public static let edgeShare = 0.05

    public init(ink: Double, strokeInk: Double, textInkShare: Double, uncoveredInk: Double) {
        self.ink = ink
        self.strokeInk = strokeInk
        self.textInkShare = textInkShare
        self.uncoveredInk = uncoveredInk
    }

    /// Measures a small render of the page against the boxes of its text lines
    /// (points, top-left origin), each widened by `margin` points.
    public init(image: GrayImage, textBoxes: [Box], threshold: Int, margin: Double = 1.5) {
        self.init(mask: DarkMask(image: image, threshold: threshold), textBoxes: textBoxes, margin: margin)
    }

    /// Measures a page's dark pixels against the boxes of its text lines
    /// (points, top-left origin), each widened by `margin` points.
    ///
    /// The masks (dark, its 3×3 opening, under text) are bit rows, 64 pixels a
    /// word: the 3×3 erosion and dilation are shifts and ANDs/ORs of whole
    /// words, and the counts are population counts. The same pixels as a
    /// direct 3×3 window on byte masks (`InkMeasureTests` checks it against
    /// one), at a fraction of the instructions.
    public init(mask: DarkMask, textBoxes: [Box], margin: Double = 1.5) {
        let w = mask.width, h = mask.height, words = mask.words, count = words * h
        let dark = mask.bits
        var covered = [UInt64](repeating: 0, count: count)
        Self.setCovered(&covered, words: words, mask: mask, textBoxes: textBoxes, margin: margin)
        var inkCount = 0, stroke = 0, strokeCovered = 0
        // Opening: erode (all 3×3 dark, inner pixels only), then dilate the survivors (window clipped).
        let solid = Self.dilate(Self.erode(dark, words: words, width: w, height: h), words: words, width: w, height: h)
        dark.withUnsafeBufferPointer { dark in
            solid.withUnsafeBufferPointer { solid in
                covered.withUnsafeBufferPointer { covered in
                    for i in 0..<count {
                        let d = dark[i]
                        guard d != 0 else { continue }
                        inkCount += d.nonzeroBitCount
                        let s = d & ~solid[i]
                        stroke += s.nonzeroBitCount
                        strokeCovered += (s & covered[i]).nonzeroBitCount
                    }
                }
            }
        }
        let total = Double(max(1, w * h))
        self.init(ink: Double(inkCount) / total, strokeInk: Double(stroke) / total,
                  textInkShare: stroke > 0 ? Double(strokeCovered) / Double(stroke) : 0,
                  uncoveredInk: Double(stroke - strokeCovered) / total)
    }

    /// Sets the bits of the pixels under a text box widened by `margin` points.
    private static func setCovered(_ covered: inout [UInt64], words: Int, mask: DarkMask, textBoxes: [Box], margin: Double) {
        covered.withUnsafeMutableBufferPointer { covered in
            for box in textBoxes {
                let x0 = max(0, Int(((box.x0 - margin - mask.originX) * mask.dpiX / 72).rounded(.down)))
                let x1 = min(mask.width, Int(((box.x1 + margin - mask.originX) * mask.dpiX / 72).rounded(.up)))
                let y0 = max(0, Int(((box.y0 - margin - mask.originY) * mask.dpiY / 72).rounded(.down)))
                let y1 = min(mask.height, Int(((box.y1 + margin - mask.originY) * mask.dpiY / 72).rounded(.up)))
                guard x0 < x1, y0 < y1 else { continue }
                // Bits x0..<x1, word by word.
                let first = x0 >> 6, last = (x1 - 1) >> 6
                for y in y0..<y1 {
                    let row = y * words
                    for k in first...last {
                        let lo = k == first ? x0 & 63 : 0, hi = k == last ? ((x1 - 1) & 63) + 1 : 64
                        let mask: UInt64 = (hi == 64 ? ~0 : (1 &<< UInt64(hi)) &- 1) & ~((1 &<< UInt64(lo)) &- 1)
                        covered[row + k] |= mask
                    }
                }
            }
        }
    }

    /// Each bit's left neighbour (x - 1; 0 at x = 0) and right neighbour (x + 1;
    /// 0 past the row's last word, whose bits past the width are 0).
    @inline(__always)
    private static func neighbours(_ row: UnsafeBufferPointer<UInt64>, _ base: Int, _ k: Int, _ words: Int) -> (left: UInt64, right: UInt64) {
        let v = row[base + k]
        let left = (v &<< 1) | (k > 0 ? row[base + k - 1] &>> 63 : 0)
        let right = (v &>> 1) | (k + 1 < words ? row[base + k + 1] &<< 63 : 0)
        return (left, right)
    }

    /// The bits past the width in a row's last word are kept 0.
    @inline(__always)
    private static func lastWordMask(width w: Int) -> UInt64 {
        w & 63 == 0 ? ~0 : (1 &<< UInt64(w & 63)) &- 1
    }

    /// 3×3 erosion: a pixel whose whole window is set; the border stays 0
    /// (and an image narrower or lower than 3 pixels is all 0).
    private static func erode(_ mask: [UInt64], words: Int, width w: Int, height h: Int) -> [UInt64] {
        var rows = [UInt64](repeating: 0, count: mask.count), out = [UInt64](repeating: 0, count: mask.count)
        guard w > 2, h > 2 else { return out }
        mask.withUnsafeBufferPointer { m in
            rows.withUnsafeMutableBufferPointer { r in
                for y in 0..<h {
                    let base = y * words
                    for k in 0..<words {
                        let v = m[base + k]
                        guard v != 0 else { continue }
                        let (left, right) = neighbours(m, base, k, words)
                        // x = 0 has no left neighbour (shifted in as 0) and x = w - 1 no right one (bits past w are 0).
                        r[base + k] = v & left & right
                    }
                }
            }
        }
        rows.withUnsafeBufferPointer { r in
            out.withUnsafeMutableBufferPointer { o in
                for y in 1..<(h - 1) {
                    let base = y * words
                    for k in 0..<words { o[base + k] = r[base - words + k] & r[base + k] & r[base + words + k] }
                }
            }
        }
        return out
    }

    /// 3×3 dilation: a pixel with any pixel of its window (clipped at the border) set.
    private static func dilate(_ mask: [UInt64], words: Int, width w: Int, height h: Int) -> [UInt64] {
        var rows = [UInt64](repeating: 0, count: mask.count), out = [UInt64](repeating: 0, count: mask.count)
        guard w > 0, h > 0 else { return out }
        let tail = lastWordMask(width: w)
        mask.withUnsafeBufferPointer { m in
            rows.withUnsafeMutableBufferPointer { r in
                for y in 0..<h {
                    let base = y * words
                    for k in 0..<words {
                        let (left, right) = neighbours(m, base, k, words)
                        let v = m[base + k] | left | right
                        r[base + k] = k == words - 1 ? v & tail : v
                    }
                }
            }
        }
        rows.withUnsafeBufferPointer { r in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<h {
                    let base = y * words, above = max(0, y - 1) * words, below = min(h - 1, y + 1) * words
                    for k in 0..<words { o[base + k] = r[above + k] | r[base + k] | r[below + k] }
                }
            }
        }
        return out
    }
}

/// The ink measures of one conversion's pages, kept so that a page the judge
/// has drawn is not drawn again (the cover is judged once to recognise the
/// publication, then again with its pipeline's rules). Keyed by page and by the
/// rules the measure depends on.
public final class InkMeasures {
    private struct Key: Hashable {
        var page: Int
        var dpi: Double
        var threshold: Int
    }
    private var known: [Key: InkMeasure?] = [:]
    private var images: [Int: Bool] = [:]
    /// Pages drawn so far (the tests count them).
    public private(set) var renders = 0

    public init() {}

    /// Whether the page draws an image, asked of poppler once per page.
    func drawsImage(_ page: Int, document: PDFDocument) -> Bool {
        if let known = images[page] { return known }
        let draws = document.page(page)?.drawsImage() ?? false
        images[page] = draws
        return draws
    }

    /// The page's measure, drawing it the first time (nil when it cannot be drawn).
    func measure(_ layout: PageLayout, document: PDFDocument, rules: JudgeRules) -> InkMeasure? {
        let key = Key(page: layout.number, dpi: rules.inkDPI, threshold: rules.inkThreshold)
        if let done = known[key] { return done }
        renders += 1
        // The dark pixels straight from the render: no gray image in between.
        let ink = document.page(layout.number)?.renderDarkMask(dpi: rules.inkDPI, threshold: rules.inkThreshold).map { mask in
            var ink = InkMeasure(mask: mask, textBoxes: layout.lines.map(\.box))
            if layout.lines.isEmpty {
                ink.strokeInkInside = InkMeasure(mask: mask.clearingEdges(InkMeasure.edgeShare), textBoxes: []).strokeInk
            }
            return ink
        }
        known[key] = ink
        return ink
    }
}
