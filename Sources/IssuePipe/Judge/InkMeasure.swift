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

    public init(ink: Double, strokeInk: Double, textInkShare: Double, uncoveredInk: Double) {
        self.ink = ink
        self.strokeInk = strokeInk
        self.textInkShare = textInkShare
        self.uncoveredInk = uncoveredInk
    }

    /// Measures a small render of the page against the boxes of its text lines
    /// (points, top-left origin), each widened by `margin` points.
    ///
    /// Works on byte masks, row by row, with the 3×3 erosion and dilation done
    /// as two 3-pixel passes each (rows, then columns): the same pixels as a
    /// direct 3×3 window, at a tenth of the instructions.
    public init(image: GrayImage, textBoxes: [Box], threshold: Int, margin: Double = 1.5) {
        let w = image.width, h = image.height
        let covered = Self.coverMask(image: image, textBoxes: textBoxes, margin: margin)
        var dark = [UInt8](repeating: 0, count: w * h)
        image.pixels.withUnsafeBufferPointer { pixels in
            for i in 0..<(w * h) where Int(pixels[i]) < threshold { dark[i] = 1 }
        }
        // Opening: erode (all 3×3 dark), then dilate the survivors.
        let eroded = Self.threeByThree(dark, width: w, height: h, all: true)
        let solid = Self.threeByThree(eroded, width: w, height: h, all: false)
        var inkCount = 0, stroke = 0, strokeCovered = 0
        dark.withUnsafeBufferPointer { dark in
            solid.withUnsafeBufferPointer { solid in
                covered.withUnsafeBufferPointer { covered in
                    for i in 0..<(w * h) where dark[i] != 0 {
                        inkCount += 1
                        guard solid[i] == 0 else { continue }
                        stroke += 1
                        strokeCovered += Int(covered[i])
                    }
                }
            }
        }
        let total = Double(max(1, w * h))
        self.init(ink: Double(inkCount) / total, strokeInk: Double(stroke) / total,
                  textInkShare: stroke > 0 ? Double(strokeCovered) / Double(stroke) : 0,
                  uncoveredInk: Double(stroke - strokeCovered) / total)
    }

    /// 1 where a pixel lies under a text box widened by `margin` points.
    private static func coverMask(image: GrayImage, textBoxes: [Box], margin: Double) -> [UInt8] {
        var covered = [UInt8](repeating: 0, count: image.width * image.height)
        covered.withUnsafeMutableBufferPointer { covered in
            for box in textBoxes {
                let x0 = max(0, Int(((box.x0 - margin - image.originX) * image.dpiX / 72).rounded(.down)))
                let x1 = min(image.width, Int(((box.x1 + margin - image.originX) * image.dpiX / 72).rounded(.up)))
                let y0 = max(0, Int(((box.y0 - margin - image.originY) * image.dpiY / 72).rounded(.down)))
                let y1 = min(image.height, Int(((box.y1 + margin - image.originY) * image.dpiY / 72).rounded(.up)))
                guard x0 < x1, y0 < y1 else { continue }
                for y in y0..<y1 { for x in x0..<x1 { covered[y * image.width + x] = 1 } }
            }
        }
        return covered
    }

    /// A 0/1 mask's 3×3 erosion (`all`: every pixel of the window set, inner
    /// pixels only, the border stays 0) or dilation (any pixel set, the window
    /// clipped at the border), as a row pass and then a column pass.
    private static func threeByThree(_ mask: [UInt8], width w: Int, height h: Int, all: Bool) -> [UInt8] {
        var rows = [UInt8](repeating: 0, count: w * h), out = [UInt8](repeating: 0, count: w * h)
        guard w > 0, h > 0, !all || (w > 2 && h > 2) else { return out }
        mask.withUnsafeBufferPointer { m in
            rows.withUnsafeMutableBufferPointer { r in
                for y in 0..<h {
                    let row = y * w
                    if all {
                        for x in 1..<(w - 1) { r[row + x] = m[row + x - 1] & m[row + x] & m[row + x + 1] }
                    } else {
                        for x in 0..<w { r[row + x] = m[row + max(0, x - 1)] | m[row + x] | m[row + min(w - 1, x + 1)] }
                    }
                }
            }
        }
        rows.withUnsafeBufferPointer { r in
            out.withUnsafeMutableBufferPointer { o in
                if all {
                    for y in 1..<(h - 1) { for x in 0..<w { o[y * w + x] = r[(y - 1) * w + x] & r[y * w + x] & r[(y + 1) * w + x] } }
                } else {
                    for y in 0..<h {
                        let above = max(0, y - 1) * w, below = min(h - 1, y + 1) * w
                        for x in 0..<w { o[y * w + x] = r[above + x] | r[y * w + x] | r[below + x] }
                    }
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

    public init() {}

    /// The page's measure, drawing it the first time (nil when it cannot be drawn).
    func measure(_ layout: PageLayout, document: PDFDocument, rules: JudgeRules) -> InkMeasure? {
        let key = Key(page: layout.number, dpi: rules.inkDPI, threshold: rules.inkThreshold)
        if let done = known[key] { return done }
        let ink = document.page(layout.number)?.renderGray(dpi: rules.inkDPI).map {
            InkMeasure(image: $0, textBoxes: layout.lines.map(\.box), threshold: rules.inkThreshold)
        }
        known[key] = ink
        return ink
    }
}
