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
    public init(image: GrayImage, textBoxes: [Box], threshold: Int, margin: Double = 1.5) {
        var covered = [Bool](repeating: false, count: image.width * image.height)
        for box in textBoxes {
            let x0 = max(0, Int(((box.x0 - margin - image.originX) * image.dpiX / 72).rounded(.down)))
            let x1 = min(image.width, Int(((box.x1 + margin - image.originX) * image.dpiX / 72).rounded(.up)))
            let y0 = max(0, Int(((box.y0 - margin - image.originY) * image.dpiY / 72).rounded(.down)))
            let y1 = min(image.height, Int(((box.y1 + margin - image.originY) * image.dpiY / 72).rounded(.up)))
            guard x0 < x1, y0 < y1 else { continue }
            for y in y0..<y1 { for x in x0..<x1 { covered[y * image.width + x] = true } }
        }
        let w = image.width, h = image.height
        let dark = image.pixels.map { Int($0) < threshold }
        // Opening: erode (all 3×3 dark), then dilate the survivors.
        var eroded = [Bool](repeating: false, count: w * h)
        if w > 2, h > 2 {
            for y in 1..<(h - 1) {
                for x in 1..<(w - 1) {
                    var all = true
                    for dy in -1...1 where all { for dx in -1...1 where !dark[(y + dy) * w + x + dx] { all = false; break } }
                    eroded[y * w + x] = all
                }
            }
        }
        var solid = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            for x in 0..<w where eroded[y * w + x] {
                for yy in max(0, y - 1)...min(h - 1, y + 1) { for xx in max(0, x - 1)...min(w - 1, x + 1) { solid[yy * w + xx] = true } }
            }
        }
        var inkCount = 0, stroke = 0, strokeCovered = 0
        for i in 0..<(w * h) where dark[i] {
            inkCount += 1
            guard !solid[i] else { continue }
            stroke += 1
            if covered[i] { strokeCovered += 1 }
        }
        let total = Double(max(1, w * h))
        self.init(ink: Double(inkCount) / total, strokeInk: Double(stroke) / total,
                  textInkShare: stroke > 0 ? Double(strokeCovered) / Double(stroke) : 0,
                  uncoveredInk: Double(stroke - strokeCovered) / total)
    }
}
