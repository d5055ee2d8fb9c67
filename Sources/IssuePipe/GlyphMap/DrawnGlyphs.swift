import CPoppler
import Foundation

/// Every glyph a page draws, as cairo is given it when poppler renders the
/// page: its origin, its ink box and its outline. poppler's text layer leaves
/// out the glyphs whose code it takes for a space (a stripped reportlab or
/// LibreOffice subset numbers its glyphs from 1, so the commonest characters get
/// codes 1…32); the render draws them all. The page is rendered to cairo's SVG
/// surface, which writes each glyph once as a `<symbol>` outline and each time
/// it is drawn as a `<use>` at its origin in page points (top-left origin).
struct DrawnGlyph: Hashable, Sendable {
    /// Ink box in page points.
    var ink: GlyphBox
    /// The outline, scaled to its ink box and hashed: the same glyph drawn at
    /// another size has the same outline id.
    var outline: UInt32
}

enum DrawnGlyphs {
    /// The glyphs drawn on the page (empty when cairo or poppler fail).
    static func of(_ page: PDFPage) -> [DrawnGlyph] {
        let (width, height) = page.size
        guard width > 0, height > 0 else { return [] }
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        guard let surface = cairo_svg_surface_create_for_stream(write, context, width, height) else { return [] }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            return []
        }
        page.whileReporting { poppler_page_render(page.handle, cr) }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        return withExtendedLifetime(sink) { parse(sink.bytes) }
    }

    /// The `<use>`s of cairo's SVG with their `<symbol>`s' outlines.
    static func parse(_ svg: [UInt8]) -> [DrawnGlyph] {
        struct Outline { var minX, minY, maxX, maxY: Double; var id: UInt32 }
        var outlines: [ArraySlice<UInt8>: Outline] = [:]
        var glyphs: [DrawnGlyph] = []
        let symbolTag = Array("<symbol overflow=\"visible\" id=\"".utf8), useTag = Array("<use xlink:href=\"#".utf8)
        let pathD = Array(" d=\"".utf8), endSymbol = Array("</symbol>".utf8)
        var i = 0
        let n = svg.count
        while i < n {
            guard svg[i] == UInt8(ascii: "<") else { i += 1; continue }
            if starts(svg, at: i, with: symbolTag) {
                let idStart = i + symbolTag.count
                guard let idEnd = find(svg, UInt8(ascii: "\""), from: idStart) else { break }
                let id = svg[idStart..<idEnd]
                let end = find(svg, endSymbol, from: idEnd) ?? n
                var numbers: [Double] = []
                var j = idEnd
                while let d = find(svg, pathD, from: j), d < end {
                    let start = d + pathD.count
                    let stop = find(svg, UInt8(ascii: "\""), from: start) ?? end
                    numbers += parseNumbers(svg[start..<stop])
                    j = stop
                }
                outlines[id] = outline(numbers)
                i = end
            } else if starts(svg, at: i, with: useTag) {
                let idStart = i + useTag.count
                guard let idEnd = find(svg, UInt8(ascii: "\""), from: idStart) else { break }
                let close = find(svg, UInt8(ascii: ">"), from: idEnd) ?? n
                if let shape = outlines[svg[idStart..<idEnd]], shape.maxX > shape.minX || shape.maxY > shape.minY,
                   let x = attribute(svg, "x", in: idEnd..<close), let y = attribute(svg, "y", in: idEnd..<close) {
                    glyphs.append(DrawnGlyph(ink: GlyphBox(x0: x + shape.minX, y0: y + shape.minY, x1: x + shape.maxX, y1: y + shape.maxY),
                                             outline: shape.id))
                }
                i = close
            } else {
                i += 1
            }
        }
        return glyphs

        func outline(_ numbers: [Double]) -> Outline {
            guard numbers.count >= 2 else { return Outline(minX: 0, minY: 0, maxX: 0, maxY: 0, id: 0) }
            var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
            for k in stride(from: 0, to: numbers.count - 1, by: 2) {
                minX = min(minX, numbers[k]); maxX = max(maxX, numbers[k])
                minY = min(minY, numbers[k + 1]); maxY = max(maxY, numbers[k + 1])
            }
            // The outline relative to its ink box, in 1/24ths of its larger side, with its
            // aspect: the same glyph at any size (FNV-1a).
            let side = max(maxX - minX, maxY - minY, 1e-6)
            var hash: UInt32 = 2_166_136_261
            func mix(_ value: Int) {
                for byte in withUnsafeBytes(of: Int32(truncatingIfNeeded: value).littleEndian, Array.init) {
                    hash = (hash ^ UInt32(byte)) &* 16_777_619
                }
            }
            mix(Int(((maxX - minX) / side * 12).rounded()))
            mix(Int(((maxY - minY) / side * 12).rounded()))
            for k in stride(from: 0, to: numbers.count - 1, by: 2) {
                mix(Int(((numbers[k] - minX) / side * 24).rounded()))
                mix(Int(((numbers[k + 1] - minY) / side * 24).rounded()))
            }
            return Outline(minX: minX, minY: minY, maxX: maxX, maxY: maxY, id: hash)
        }
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: [UInt8]) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for k in prefix.indices where bytes[index + k] != prefix[k] { return false }
        return true
    }

    private static func find(_ bytes: [UInt8], _ byte: UInt8, from: Int) -> Int? {
        var k = from
        while k < bytes.count { if bytes[k] == byte { return k }; k += 1 }
        return nil
    }

    private static func find(_ bytes: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var k = from
        while k + needle.count <= bytes.count {
            if bytes[k] == first, starts(bytes, at: k, with: needle) { return k }
            k += 1
        }
        return nil
    }

    /// `name="number"` within the range.
    private static func attribute(_ bytes: [UInt8], _ name: String, in range: Range<Int>) -> Double? {
        let key = Array(" \(name)=\"".utf8)
        guard let at = find(bytes, key, from: range.lowerBound), at < range.upperBound else { return nil }
        let start = at + key.count
        guard let stop = find(bytes, UInt8(ascii: "\""), from: start), stop <= range.upperBound else { return nil }
        return Double(String(decoding: bytes[start..<stop], as: UTF8.self))
    }

    /// The numbers of a path's data (commands skipped).
    static func parseNumbers(_ bytes: ArraySlice<UInt8>) -> [Double] {
        var numbers: [Double] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty, let value = Double(String(decoding: current, as: UTF8.self)) { numbers.append(value) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"): current.append(byte)
            case UInt8(ascii: "-"):
                if current.last != UInt8(ascii: "e") { flush() }
                current.append(byte)
            default: flush()
            }
        }
        flush()
        return numbers
    }
}
