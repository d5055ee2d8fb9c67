/// Cutting and enlarging a page image, for reading small print again.
extension GrayImage {
    /// The pixels inside `box` (clamped to the image), placed where they sit on the page.
    func cropped(_ box: PixelBox) -> GrayImage {
        let x0 = max(0, min(width, box.x0)), x1 = max(x0, min(width, box.x1))
        let y0 = max(0, min(height, box.y0)), y1 = max(y0, min(height, box.y1))
        var out: [UInt8] = []
        out.reserveCapacity((x1 - x0) * (y1 - y0))
        for y in y0..<y1 { out += pixels[(y * width + x0)..<(y * width + x1)] }
        return GrayImage(width: x1 - x0, height: y1 - y0, pixels: out, dpiX: dpiX, dpiY: dpiY,
                         originX: originX + Double(x0) * 72 / dpiX, originY: originY + Double(y0) * 72 / dpiY)
    }

    /// The image `factor` times larger by bilinear interpolation (glyph edges
    /// stay smooth, which tesseract reads better than blocky pixels).
    func upscaled(by factor: Int) -> GrayImage {
        guard factor > 1 else { return self }
        return resampled(width: width * factor, height: height * factor)
    }

    /// The image enlarged to `dpi` by bilinear interpolation; itself when it is that fine already.
    func upscaled(toDPI dpi: Double) -> GrayImage {
        let factor = dpi / dpiY
        guard factor > 1 else { return self }
        return resampled(width: Int((Double(width) * factor).rounded()), height: Int((Double(height) * factor).rounded()))
    }

    /// The image resampled bilinearly to `w` × `h` pixels (for enlarging: each
    /// output pixel reads the four input pixels around its centre).
    private func resampled(width w: Int, height h: Int) -> GrayImage {
        guard w > 0, h > 0, width > 0, height > 0 else { return self }
        var out = [UInt8](repeating: 255, count: w * h)
        let fx = Double(w) / Double(width), fy = Double(h) / Double(height)
        pixels.withUnsafeBufferPointer { input in
            for y in 0..<h {
                let sy = max(0, (Double(y) + 0.5) / fy - 0.5), y0 = min(height - 1, Int(sy)), y1 = min(height - 1, y0 + 1)
                let wy = sy - Double(y0)
                for x in 0..<w {
                    let sx = max(0, (Double(x) + 0.5) / fx - 0.5), x0 = min(width - 1, Int(sx)), x1 = min(width - 1, x0 + 1)
                    let wx = sx - Double(x0)
                    let top = Double(input[y0 * width + x0]) * (1 - wx) + Double(input[y0 * width + x1]) * wx
                    let bottom = Double(input[y1 * width + x0]) * (1 - wx) + Double(input[y1 * width + x1]) * wx
                    out[y * w + x] = UInt8((top * (1 - wy) + bottom * wy).rounded())
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, dpiX: dpiX * fx, dpiY: dpiY * fy, originX: originX, originY: originY)
    }
}

/// Preparing a black-and-white scan for tesseract.
extension GrayImage {
    /// Whether every pixel is black or white (a bitonal scan, G4 or JBIG2 in the PDF).
    var isBitonal: Bool {
        !pixels.contains { $0 != 0 && $0 != 255 }
    }

    /// Black pixels on strokes one pixel wide: white (or the edge) on both
    /// sides across, or on both sides down.
    func hairlinePixels() -> [Bool] {
        func black(_ x: Int, _ y: Int) -> Bool { x >= 0 && x < width && y >= 0 && y < height && pixels[y * width + x] == 0 }
        return pixels.indices.map { index in
            let x = index % width, y = index / width
            return pixels[index] == 0 && (!black(x - 1, y) && !black(x + 1, y) || !black(x, y - 1) && !black(x, y + 1))
        }
    }

    /// A coarse black-and-white scan with its hairlines (strokes one pixel wide,
    /// where binarising broke a stroke) thickened by half a pixel each side, at
    /// its own resolution: tesseract reads broken strokes as other characters
    /// (150 dpi bitonal tuning pages read 4% more of their text right). Strokes
    /// already wider, bold titles among them, are left as they are. Nil for a
    /// grey scan or one at `belowDPI` or finer: nothing to thicken. A finer
    /// one, under `thinStrokesBelowDPI`, is thickened where at least
    /// `thinStrokeShare` of its ink lies on hairlines: thin serif or brush
    /// strokes (Song, Kai) that binarising broke; a sans face's strokes are wider.
    func hairlinesThickened(belowDPI: Double, thinStrokesBelowDPI: Double = 0, thinStrokeShare: Double = 1) -> GrayImage? {
        guard dpiY < max(belowDPI, thinStrokesBelowDPI), width > 2, height > 2, isBitonal else { return nil }
        let hairline = hairlinePixels()
        if dpiY >= belowDPI {
            let ink = pixels.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }, thin = hairline.reduce(0) { $0 + ($1 ? 1 : 0) }
            guard ink > 0, Double(thin) >= thinStrokeShare * Double(ink) else { return nil }
        }
        let up = upscaled(by: 2), w = up.width, h = up.height
        var out = up.pixels
        // Each hairline pixel is four pixels at twice the size; each of those
        // darkens its eight neighbours to its own grey.
        for source in hairline.indices where hairline[source] {
            let sx = source % width, sy = source / width
            for y in (2 * sy)...(2 * sy + 1) {
                for x in (2 * sx)...(2 * sx + 1) {
                    let ink = up.pixels[y * w + x]
                    for ny in max(0, y - 1)...min(h - 1, y + 1) {
                        for nx in max(0, x - 1)...min(w - 1, x + 1) { out[ny * w + nx] = min(out[ny * w + nx], ink) }
                    }
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, dpiX: up.dpiX, dpiY: up.dpiY, originX: originX, originY: originY)
            .scaled(toDPI: dpiY)
    }
}
