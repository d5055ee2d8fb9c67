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
        guard factor > 1, width > 0, height > 0 else { return self }
        let w = width * factor, h = height * factor
        var out = [UInt8](repeating: 255, count: w * h)
        let f = Double(factor)
        pixels.withUnsafeBufferPointer { input in
            for y in 0..<h {
                let sy = max(0, (Double(y) + 0.5) / f - 0.5), y0 = min(height - 1, Int(sy)), y1 = min(height - 1, y0 + 1)
                let wy = sy - Double(y0)
                for x in 0..<w {
                    let sx = max(0, (Double(x) + 0.5) / f - 0.5), x0 = min(width - 1, Int(sx)), x1 = min(width - 1, x0 + 1)
                    let wx = sx - Double(x0)
                    let top = Double(input[y0 * width + x0]) * (1 - wx) + Double(input[y0 * width + x1]) * wx
                    let bottom = Double(input[y1 * width + x0]) * (1 - wx) + Double(input[y1 * width + x1]) * wx
                    out[y * w + x] = UInt8((top * (1 - wy) + bottom * wy).rounded())
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, dpiX: dpiX * f, dpiY: dpiY * f, originX: originX, originY: originY)
    }
}
