import CPoppler
import Foundation

/// An 8-bit grayscale raster (0 black … 255 white), rows packed without padding,
/// with where it sits on the page, so boxes found on it map back to PDF points.
public struct GrayImage: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]
    /// Pixels per inch, horizontally and vertically.
    public var dpiX: Double
    public var dpiY: Double
    /// The page point (top-left origin) of the image's top-left corner.
    public var originX: Double
    public var originY: Double

    public init(width: Int, height: Int, pixels: [UInt8], dpiX: Double, dpiY: Double,
                originX: Double = 0, originY: Double = 0) {
        precondition(pixels.count == width * height, "pixel count must be width × height")
        self.width = width
        self.height = height
        self.pixels = pixels
        self.dpiX = dpiX
        self.dpiY = dpiY
        self.originX = originX
        self.originY = originY
    }

    /// The image resampled to `dpi` by area averaging (each output pixel the
    /// mean of the input pixels it covers): for scaling a fine scan down.
    public func scaled(toDPI dpi: Double) -> GrayImage {
        let factor = dpi / dpiY
        let w = max(1, Int((Double(width) * factor).rounded())), h = max(1, Int((Double(height) * factor).rounded()))
        guard factor < 1 else { return self }
        var out = [UInt8](repeating: 255, count: w * h)
        let sx = Double(width) / Double(w), sy = Double(height) / Double(h)
        pixels.withUnsafeBufferPointer { input in
            for y in 0..<h {
                let y0 = Int(Double(y) * sy), y1 = max(y0 + 1, min(height, Int(Double(y + 1) * sy)))
                for x in 0..<w {
                    let x0 = Int(Double(x) * sx), x1 = max(x0 + 1, min(width, Int(Double(x + 1) * sx)))
                    var sum = 0
                    for yy in y0..<y1 { for xx in x0..<x1 { sum += Int(input[yy * width + xx]) } }
                    out[y * w + x] = UInt8(sum / ((y1 - y0) * (x1 - x0)))
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, dpiX: dpiX * Double(w) / Double(width),
                         dpiY: dpiY * Double(h) / Double(height), originX: originX, originY: originY)
    }

    /// Otsu's threshold of the image's histogram: the level that best parts it
    /// into two classes, as tesseract binarises a page by default.
    func otsuThreshold() -> UInt8 {
        let histogram = GrayHistogram(pixels).counts.map(Double.init)
        let total = Double(pixels.count), sum = (0..<256).reduce(0.0) { $0 + Double($1) * histogram[$1] }
        var best = 0.0, level = 0, weight = 0.0, partial = 0.0
        for t in 0..<256 {
            weight += histogram[t]
            partial += Double(t) * histogram[t]
            guard weight > 0, weight < total else { continue }
            let low = partial / weight, high = (sum - partial) / (total - weight)
            let between = weight * (total - weight) * (low - high) * (low - high)
            if between > best { (best, level) = (between, t) }
        }
        return UInt8(level)
    }

    /// The image with its background flattened to white: each pixel divided by
    /// the paper's brightness around it (the 95th percentile of 48-pixel cells,
    /// smoothed and interpolated). Uneven lighting and dim, grey paper make
    /// tesseract find no text at all; the ink keeps its grey levels.
    public func normalizingBackground(cell: Int = 48) -> GrayImage {
        let cols = max(1, (width + cell - 1) / cell), rows = max(1, (height + cell - 1) / cell)
        var grid = [Double](repeating: 255, count: cols * rows)
        for r in 0..<rows {
            for c in 0..<cols {
                // The cell's paper: the level a twentieth of its pixels are at least as bright as.
                let histogram = GrayHistogram(self, in: PixelBox(x0: c * cell, y0: r * cell, x1: (c + 1) * cell, y1: (r + 1) * cell))
                let level = Int(histogram.value(atRank: histogram.total - (histogram.total + 19) / 20))
                grid[r * cols + c] = Double(max(level, 1))
            }
        }
        // A cell full of ink reads darker than its paper: smooth over neighbours, keeping the brighter.
        var smooth = grid
        for r in 0..<rows {
            for c in 0..<cols {
                var best = grid[r * cols + c]
                for dr in -1...1 { for dc in -1...1 where (0..<rows).contains(r + dr) && (0..<cols).contains(c + dc) {
                    best = max(best, grid[(r + dr) * cols + c + dc] * 0.97)
                } }
                smooth[r * cols + c] = best
            }
        }
        // Each column's two grid cells and weight, worked out once for every row.
        var left = [Int](repeating: 0, count: width), right = left, weight = [Double](repeating: 0, count: width)
        for x in 0..<width {
            let gx = min(Double(cols - 1), max(0, (Double(x) + 0.5) / Double(cell) - 0.5))
            (left[x], weight[x]) = (Int(gx), gx - Double(Int(gx)))
            right[x] = min(cols - 1, left[x] + 1)
        }
        var out = [UInt8](repeating: 255, count: pixels.count)
        // Raw buffers: a loop over every pixel, run twice a page, that debug builds (the tests) run too.
        pixels.withUnsafeBufferPointer { pixels in
            out.withUnsafeMutableBufferPointer { out in
                smooth.withUnsafeBufferPointer { smooth in
                    for y in 0..<height {
                        let gy = min(Double(rows - 1), max(0, (Double(y) + 0.5) / Double(cell) - 0.5))
                        let r0 = Int(gy), r1 = min(rows - 1, r0 + 1), fy = gy - Double(r0)
                        for x in 0..<width {
                            let c0 = left[x], c1 = right[x], fx = weight[x]
                            let top = smooth[r0 * cols + c0] * (1 - fx) + smooth[r0 * cols + c1] * fx
                            let bottom = smooth[r1 * cols + c0] * (1 - fx) + smooth[r1 * cols + c1] * fx
                            let background = top * (1 - fy) + bottom * fy
                            out[y * width + x] = UInt8(min(255, Double(pixels[y * width + x]) * 255 / background))
                        }
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: out, dpiX: dpiX, dpiY: dpiY, originX: originX, originY: originY)
    }

    /// The image turned half a turn (a sheet scanned upside down, read upright).
    public func rotated180() -> GrayImage {
        GrayImage(width: width, height: height, pixels: pixels.reversed(), dpiX: dpiX, dpiY: dpiY, originX: originX, originY: originY)
    }

    /// A pixel rectangle of this image as a page box in points.
    public func pageBox(x0: Double, y0: Double, x1: Double, y1: Double) -> Box {
        Box(x0: originX + x0 * 72 / dpiX, y0: originY + y0 * 72 / dpiY,
            x1: originX + x1 * 72 / dpiX, y1: originY + y1 * 72 / dpiY)
    }
}

/// An image drawn on a page: poppler's id for it and where it is drawn.
public struct PlacedImage: Sendable, Hashable {
    public var id: Int
    public var box: Box
}

extension PDFPage {
    /// The page rendered by poppler through cairo, anti-aliased, onto white,
    /// as 8-bit gray at `dpi`. Nil if cairo cannot allocate the surface.
    public func renderGray(dpi: Double) -> GrayImage? {
        rendered(dpi: dpi) { surface, width, height in
            grayPixels(of: surface, width: width, height: height).map {
                GrayImage(width: width, height: height, pixels: $0, dpiX: dpi, dpiY: dpi)
            }
        }
    }

    /// The pixels of `renderGray(dpi:)` darker than `threshold`, read straight
    /// from the render: the judge needs only these, and most of a page is
    /// white paper, which is skipped without working out its gray.
    public func renderDarkMask(dpi: Double, threshold: Int) -> DarkMask? {
        rendered(dpi: dpi) { surface, width, height in
            darkMask(of: surface, width: width, height: height, threshold: threshold).map {
                DarkMask(width: width, height: height, bits: $0, dpiX: dpi, dpiY: dpi)
            }
        }
    }

    /// The page drawn onto a white ARGB32 surface at `dpi`, handed to `read`.
    /// Nil if cairo cannot allocate the surface.
    private func rendered<T>(dpi: Double, _ read: (OpaquePointer, Int, Int) -> T?) -> T? {
        let (widthPt, heightPt) = size
        let scale = dpi / 72
        let width = Int((widthPt * scale).rounded(.up)), height = Int((heightPt * scale).rounded(.up))
        guard width > 0, height > 0, width < 30_000, height < 30_000 else { return nil }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        whileReporting { poppler_page_render(handle, context) }
        cairo_destroy(context)
        cairo_surface_flush(surface)
        return read(surface, width, height)
    }

    /// The images drawn on the page, with their boxes in points (top-left origin).
    public func placedImages() -> [PlacedImage] {
        guard let list = whileReporting({ poppler_page_get_image_mapping(handle) }) else { return [] }
        defer { poppler_page_free_image_mapping(list) }
        var images: [PlacedImage] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let mapping = current.pointee.data?.assumingMemoryBound(to: PopplerImageMapping.self).pointee {
                let r = mapping.area
                images.append(PlacedImage(id: Int(mapping.image_id),
                                          box: Box(x0: min(r.x1, r.x2), y0: min(r.y1, r.y2),
                                                   x1: max(r.x1, r.x2), y1: max(r.y1, r.y2))))
            }
            node = current.pointee.next
        }
        return images
    }

    /// Whether the page draws any image (an image XObject, an inline image or
    /// an image mask, in the page or a form it draws): poppler's image-mapping
    /// pass, which walks the content without loading font files, drawing paths or
    /// decoding images. What poppler reports during it is not kept: the same
    /// content was walked by the text pass, and a page that draws an image is
    /// drawn in full after it, which says all of it again (in its own order).
    public func drawsImage() -> Bool {
        guard let list = PopplerLog.during(PopplerMessageLog(), page: number, { poppler_page_get_image_mapping(handle) })
        else { return false }
        poppler_page_free_image_mapping(list)
        return true
    }

    /// An embedded image decoded at its own resolution, as gray, placed at `image.box`.
    /// Nil when poppler cannot decode it or its format is not one read here.
    public func nativeImage(_ image: PlacedImage) -> GrayImage? {
        guard let surface = whileReporting({ poppler_page_get_image(handle, Int32(image.id)) }) else { return nil }
        defer { cairo_surface_destroy(surface) }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        guard width > 0, height > 0, image.box.width > 0, image.box.height > 0,
              let pixels = grayPixels(of: surface, width: width, height: height) else { return nil }
        return GrayImage(width: width, height: height, pixels: pixels,
                         dpiX: Double(width) * 72 / image.box.width, dpiY: Double(height) * 72 / image.box.height,
                         originX: image.box.x0, originY: image.box.y0)
    }
}

/// The gray of a pixel: ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B) in
/// fixed point, rounded. Every gray image (OCR's renders, inspect's pages) uses it.
@inline(__always) func luma(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
    UInt8(min(255, (77 * r + 150 * g + 29 * b + 128) >> 8))
}

/// The gray of a cairo ARGB32 (premultiplied) or RGB24 pixel composited
/// onto white paper.
@inline(__always) private func compositedGray(ofPixel p: UInt32, hasAlpha: Bool) -> UInt8 {
    // White paper (most of a page) needs no arithmetic.
    if p == 0xFFFF_FFFF || (!hasAlpha && p & 0xFF_FFFF == 0xFF_FFFF) { return 255 }
    let a = hasAlpha ? Int((p >> 24) & 0xFF) : 255
    // Premultiplied: composite onto white.
    let r = Int((p >> 16) & 0xFF) + 255 - a, g = Int((p >> 8) & 0xFF) + 255 - a, b = Int(p & 0xFF) + 255 - a
    return luma(r, g, b)
}

/// The pixels of an ARGB32 surface whose gray (as `grayPixels` reads it) is
/// below `threshold`, as `DarkMask` bit rows; nil for any other format.
private func darkMask(of surface: OpaquePointer, width: Int, height: Int, threshold: Int) -> [UInt64]? {
    cairo_surface_flush(surface)
    guard cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32,
          let data = cairo_image_surface_get_data(surface) else { return nil }
    let stride = Int(cairo_image_surface_get_stride(surface)), words = (width + 63) >> 6
    let limit = DarkMask.limit(threshold)
    var bits = [UInt64](repeating: 0, count: words * height)
    bits.withUnsafeMutableBufferPointer { bits in
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            // Opaque white (gray 255) is never dark: a run of it is passed over whole.
            DarkMask.fillRow(bits, at: y * words, width: width, threshold: threshold, isPaper: { range in
                var all: UInt32 = 0xFFFF_FFFF
                for x in range { all &= row[x] }
                return all == 0xFFFF_FFFF
            }) { compositedGray(ofPixel: row[$0], hasAlpha: true) < limit }
        }
    }
    return bits
}

/// Reads a cairo image surface as 8-bit gray (`luma`); transparent
/// pixels count as white paper.
private func grayPixels(of surface: OpaquePointer, width: Int, height: Int) -> [UInt8]? {
    cairo_surface_flush(surface)
    guard let data = cairo_image_surface_get_data(surface) else { return nil }
    let stride = Int(cairo_image_surface_get_stride(surface))
    let format = cairo_image_surface_get_format(surface)
    var gray = [UInt8](repeating: 255, count: width * height)
    switch format {
    case CAIRO_FORMAT_ARGB32, CAIRO_FORMAT_RGB24:
        let hasAlpha = format == CAIRO_FORMAT_ARGB32
        gray.withUnsafeMutableBufferPointer { gray in
            for y in 0..<height {
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                let out = gray.baseAddress! + y * width
                for x in 0..<width { out[x] = compositedGray(ofPixel: row[x], hasAlpha: hasAlpha) }
            }
        }
    case CAIRO_FORMAT_A8:
        for y in 0..<height {
            for x in 0..<width { gray[y * width + x] = 255 - data[y * stride + x] }
        }
    case CAIRO_FORMAT_A1:
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let bit = (row[x >> 5] >> UInt32(x & 31)) & 1   // little-endian bit order
                gray[y * width + x] = bit == 1 ? 0 : 255
            }
        }
    default:
        return nil
    }
    return gray
}
