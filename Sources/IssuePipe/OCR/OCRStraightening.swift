import Foundation

/// Leptonica leaves a page skewed when it is unsure of the angle (a noisy,
/// bitonal, low-resolution scan), and tesseract still reads its slanted lines.
/// The slant is measured from the words themselves (where a line's words sit
/// along it) and the boxes are turned straight about the image centre, so that
/// a column's lines share their left edge. The text is not read again.
enum OCRStraightening {
    /// The page with its boxes straightened, and the angle (degrees, clockwise
    /// in image coordinates) it was turned by; 0 when the lines are level.
    static func straightened(_ page: RecognizedPage) -> (RecognizedPage, Double) {
        let slopes = page.lines.compactMap(slope).sorted()
        guard slopes.count >= 3 else { return (page, 0) }
        let theta = atan(slopes[slopes.count / 2])
        let degrees = theta * 180 / .pi
        guard abs(degrees) >= 0.15, abs(degrees) <= 5 else { return (page, 0) }
        let cx = Double(page.imageWidth) / 2, cy = Double(page.imageHeight) / 2
        func turned(_ box: PixelBox) -> PixelBox {
            let mx = Double(box.x0 + box.x1) / 2 - cx, my = Double(box.y0 + box.y1) / 2 - cy
            let nx = cx + mx * cos(theta) + my * sin(theta), ny = cy - mx * sin(theta) + my * cos(theta)
            let dx = Int((nx - (mx + cx)).rounded()), dy = Int((ny - (my + cy)).rounded())
            return PixelBox(x0: box.x0 + dx, y0: box.y0 + dy, x1: box.x1 + dx, y1: box.y1 + dy)
        }
        var out = page
        out.lines = page.lines.map { line in
            let words = line.words.map { RecognizedWord(text: $0.text, box: turned($0.box), confidence: $0.confidence) }
            return RecognizedLine(box: words.map(\.box).union ?? line.box, words: words)
        }
        return (out, -degrees)
    }

    /// How a line's words fall along it (dy/dx of their bottoms), from lines of
    /// at least five words spread over a wide span; nil for others.
    static func slope(_ line: RecognizedLine) -> Double? {
        let points = line.words.map { (Double($0.box.x0 + $0.box.x1) / 2, Double($0.box.y1)) }
        guard points.count >= 5, let minX = points.map(\.0).min(), let maxX = points.map(\.0).max(),
              maxX - minX > 20 * Double(max(1, line.box.y1 - line.box.y0)) / 2 else { return nil }
        let n = Double(points.count)
        let mx = points.map(\.0).reduce(0, +) / n, my = points.map(\.1).reduce(0, +) / n
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        guard sxx > 0 else { return nil }
        return points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
    }
}
