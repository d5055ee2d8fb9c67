import CPoppler
import Foundation

extension PDFPage {
    /// The page as poppler draws it, on a white background, as PNG bytes;
    /// nil if cairo cannot make the image. `dpi` 72 gives one pixel per point.
    /// `grayscale` writes an 8-bit gray PNG, about a third of the size of a colour one.
    public func renderPNG(dpi: Double, grayscale: Bool = false) -> Data? {
        let (width, height) = size
        let scale = dpi / 72
        let pixelWidth = Int32(max(1, (width * scale).rounded(.up)))
        let pixelHeight = Int32(max(1, (height * scale).rounded(.up)))
        // RGB24: no alpha channel, so the PNG is smaller and never transparent.
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pixelWidth, pixelHeight) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else { return nil }
        defer { cairo_destroy(context) }

        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        whileReporting { poppler_page_render(handle, context) }
        cairo_surface_flush(surface)
        guard grayscale else { return writePNG(surface) }

        // An A8 surface is written as an 8-bit gray PNG: fill it with the luminance.
        guard let gray = cairo_image_surface_create(CAIRO_FORMAT_A8, pixelWidth, pixelHeight) else { return nil }
        defer { cairo_surface_destroy(gray) }
        guard cairo_surface_status(gray) == CAIRO_STATUS_SUCCESS,
              let source = cairo_image_surface_get_data(surface), let target = cairo_image_surface_get_data(gray) else { return nil }
        let sourceStride = Int(cairo_image_surface_get_stride(surface)), targetStride = Int(cairo_image_surface_get_stride(gray))
        cairo_surface_flush(gray)
        source.withMemoryRebound(to: UInt32.self, capacity: sourceStride / 4 * Int(pixelHeight)) { pixels in
            for y in 0..<Int(pixelHeight) {
                let row = pixels + y * sourceStride / 4
                let out = target + y * targetStride
                for x in 0..<Int(pixelWidth) {
                    let p = row[x]
                    out[x] = luma(Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
                }
            }
        }
        cairo_surface_mark_dirty(gray)
        return writePNG(gray)
    }

    private func writePNG(_ surface: OpaquePointer) -> Data? {
        let sink = PNGSink()
        let status = cairo_surface_write_to_png_stream(surface, { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<PNGSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        return status == CAIRO_STATUS_SUCCESS ? sink.data : nil
    }
}

/// Collects the bytes cairo streams out while it writes a PNG.
private final class PNGSink {
    var data = Data()
}
