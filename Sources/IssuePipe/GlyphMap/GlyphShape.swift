import Foundation

/// A glyph's look: its box in the page render, shrunk to a small gray grid.
/// poppler-glib names a run's font without its subset tag, and producers split
/// a font into subsets that each number their glyphs from 1 (reportlab and
/// LibreOffice: `AAAAAA+UMingCN-0`, `AAAAAB+UMingCN-0` both read as
/// `UMingCN-0`): one code may stand for a different glyph in each. What is
/// drawn tells them apart.
struct GlyphShape {
    static let side = 12
    var cells: [UInt8]

    /// The grid of the render under `box` (page points); nil where the box is off the image or empty.
    init?(image: GrayImage, box: GlyphBox) {
        let sx = image.dpiX / 72, sy = image.dpiY / 72
        let x0 = (box.x0 - image.originX) * sx, x1 = (box.x1 - image.originX) * sx
        let y0 = (box.y0 - image.originY) * sy, y1 = (box.y1 - image.originY) * sy
        guard x1 - x0 >= 2, y1 - y0 >= 2, x0 >= 0, y0 >= 0, x1 <= Double(image.width), y1 <= Double(image.height) else { return nil }
        var cells = [UInt8](repeating: 255, count: Self.side * Self.side)
        let cw = (x1 - x0) / Double(Self.side), ch = (y1 - y0) / Double(Self.side)
        for cy in 0..<Self.side {
            let top = Int(y0 + Double(cy) * ch), bottom = max(top + 1, Int(y0 + Double(cy + 1) * ch))
            for cx in 0..<Self.side {
                let left = Int(x0 + Double(cx) * cw), right = max(left + 1, Int(x0 + Double(cx + 1) * cw))
                var sum = 0, count = 0
                for y in top..<min(bottom, image.height) {
                    for x in left..<min(right, image.width) {
                        sum += Int(image.pixels[y * image.width + x])
                        count += 1
                    }
                }
                if count > 0 { cells[cy * Self.side + cx] = UInt8(sum / count) }
            }
        }
        self.cells = cells
    }

    /// No ink in the grid: a space glyph (a broken font's space has a code like any other glyph).
    var isBlank: Bool { cells.allSatisfy { $0 > 230 } }

    /// How differently the two grids are inked: the gray difference over the ink
    /// of both, 0 (same) … 1 (no ink in common). Relative to the ink, so a comma
    /// and a character are as far apart as two characters.
    func distance(to other: GlyphShape) -> Double {
        var difference = 0, ink = 0
        for i in cells.indices {
            difference += abs(Int(cells[i]) - Int(other.cells[i]))
            ink += 510 - Int(cells[i]) - Int(other.cells[i])
        }
        return ink == 0 ? 0 : Double(difference) / Double(ink)
    }
}

/// Tells apart the glyphs one (font name, code) stands for: each occurrence
/// joins the first variant drawn like it, else starts a new one. Occurrences
/// come page by page, glyph by glyph, so the variants are the same every run.
struct GlyphVariants {
    let maxDistance: Double
    private var representatives: [GlyphKey: [GlyphShape]] = [:]

    init(maxDistance: Double) { self.maxDistance = maxDistance }

    /// The key with its variant number; occurrences without a shape are variant 0.
    mutating func key(font: String, code: UInt32, shape: GlyphShape?) -> GlyphKey {
        let base = GlyphKey(font: font, code: code)
        // Without a shape (a box off the page or under two pixels) it is a variant of its own.
        guard let shape else { return GlyphKey(font: font, code: code, variant: -1) }
        if shape.isBlank { return GlyphKey(font: font, code: code, variant: GlyphKey.blank) }
        let known = representatives[base] ?? []
        let nearest = known.indices.min { known[$0].distance(to: shape) < known[$1].distance(to: shape) }
        if let nearest, known[nearest].distance(to: shape) <= maxDistance {
            return GlyphKey(font: font, code: code, variant: nearest)
        }
        representatives[base, default: []].append(shape)
        return GlyphKey(font: font, code: code, variant: known.count)
    }
}
