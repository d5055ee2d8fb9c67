import Foundation
import Testing
@testable import IssuePipe

/// The judge's ink measure on bit rows against the direct byte-mask version it
/// replaced (kept here as the reference): the same counts, so the same verdicts
/// and the same judge dumps, on images of every width around a word's 64 pixels.
@Suite struct InkMeasureTests {
    /// The byte-mask measure as it was: a direct 3×3 opening, pixel by pixel.
    private func reference(_ image: GrayImage, boxes: [Box], threshold: Int, margin: Double = 1.5) -> InkMeasure {
        let w = image.width, h = image.height
        var covered = [UInt8](repeating: 0, count: w * h)
        for box in boxes {
            let x0 = max(0, Int(((box.x0 - margin - image.originX) * image.dpiX / 72).rounded(.down)))
            let x1 = min(w, Int(((box.x1 + margin - image.originX) * image.dpiX / 72).rounded(.up)))
            let y0 = max(0, Int(((box.y0 - margin - image.originY) * image.dpiY / 72).rounded(.down)))
            let y1 = min(h, Int(((box.y1 + margin - image.originY) * image.dpiY / 72).rounded(.up)))
            guard x0 < x1, y0 < y1 else { continue }
            for y in y0..<y1 { for x in x0..<x1 { covered[y * w + x] = 1 } }
        }
        let dark = image.pixels.map { Int($0) < threshold ? UInt8(1) : 0 }
        func at(_ m: [UInt8], _ x: Int, _ y: Int) -> UInt8 { m[y * w + x] }
        var eroded = [UInt8](repeating: 0, count: w * h)
        if w > 2, h > 2 {
            for y in 1..<(h - 1) {
                for x in 1..<(w - 1) {
                    var all: UInt8 = 1
                    for dy in -1...1 { for dx in -1...1 { all &= at(dark, x + dx, y + dy) } }
                    eroded[y * w + x] = all
                }
            }
        }
        var solid = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                var any: UInt8 = 0
                for yy in max(0, y - 1)...min(h - 1, y + 1) { for xx in max(0, x - 1)...min(w - 1, x + 1) { any |= at(eroded, xx, yy) } }
                solid[y * w + x] = any
            }
        }
        var ink = 0, stroke = 0, strokeCovered = 0
        for i in 0..<(w * h) where dark[i] != 0 {
            ink += 1
            guard solid[i] == 0 else { continue }
            stroke += 1
            strokeCovered += Int(covered[i])
        }
        let total = Double(max(1, w * h))
        return InkMeasure(ink: Double(ink) / total, strokeInk: Double(stroke) / total,
                          textInkShare: stroke > 0 ? Double(strokeCovered) / Double(stroke) : 0,
                          uncoveredInk: Double(stroke - strokeCovered) / total)
    }

    @Test func bitRowsMeasureWhatByteMasksMeasured() {
        var rng = SystemRandomNumberGenerator()
        let widths = [1, 2, 3, 5, 63, 64, 65, 127, 128, 129, 200]
        for width in widths {
            for height in [1, 2, 3, 4, 17, 70] {
                for density in [0.05, 0.3, 0.7, 0.97] {
                    // Random dots plus solid blocks, so both strokes and solid areas occur.
                    var pixels = (0..<(width * height)).map { _ in Double.random(in: 0..<1, using: &rng) < density ? UInt8.random(in: 0...159, using: &rng) : UInt8.random(in: 160...255, using: &rng) }
                    if width > 8, height > 8 {
                        let bx = Int.random(in: 0..<(width - 6), using: &rng), by = Int.random(in: 0..<(height - 6), using: &rng)
                        for y in by..<(by + 6) { for x in bx..<(bx + 6) { pixels[y * width + x] = 0 } }
                    }
                    let dpi = [72.0, 50, 150].randomElement(using: &rng)!
                    let image = GrayImage(width: width, height: height, pixels: pixels, dpiX: dpi, dpiY: dpi,
                                          originX: Double.random(in: -5...5, using: &rng), originY: 0)
                    let boxes = (0..<Int.random(in: 0...4, using: &rng)).map { _ -> Box in
                        let x0 = Double.random(in: -10...Double(width), using: &rng), y0 = Double.random(in: -10...Double(height), using: &rng)
                        return Box(x0: x0, y0: y0, x1: x0 + Double.random(in: 0...80, using: &rng), y1: y0 + Double.random(in: 0...20, using: &rng))
                    }
                    for threshold in [0, 1, 160, 255, 256, 300] {
                        let fast = InkMeasure(image: image, textBoxes: boxes, threshold: threshold)
                        let slow = reference(image, boxes: boxes, threshold: threshold)
                        #expect(fast == slow, "width \(width), height \(height), density \(density), threshold \(threshold)")
                    }
                }
            }
        }
    }

    /// The judge reads the dark pixels straight from the render: the same
    /// mask, so the same measure, as thresholding the gray render. Covers,
    /// back covers and text pages of the three producers' kinds of sample.
    @Test(arguments: ["bri-2024-03.pdf", "bri-2025-21-alt.pdf", "variants/v1013-chromium-born.pdf", "bri-2024-03-scanned.pdf"])
    func darkPixelsFromTheRenderAreTheGrayRendersDarkPixels(_ name: String) throws {
        let document = try PDFDocument(url: try #require(TestPaths.existingSample(name)))
        for number in Set([1, 2, document.pageCount]).sorted() {
            let page = try #require(document.page(number))
            let gray = try #require(page.renderGray(dpi: 72))
            let boxes = extractPage(document, number: number).lines.map(\.box)
            for threshold in [0, 1, 160, 254, 255, 256] {
                let mask = try #require(page.renderDarkMask(dpi: 72, threshold: threshold))
                #expect(mask == DarkMask(image: gray, threshold: threshold), "\(name) page \(number), threshold \(threshold)")
                #expect(InkMeasure(mask: mask, textBoxes: boxes) == InkMeasure(image: gray, textBoxes: boxes, threshold: threshold))
            }
        }
    }
}
