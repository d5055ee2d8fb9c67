import CPoppler
import Foundation

/// One page of an open `PDFDocument`; keeps its document alive.
public final class PDFPage {
    let handle: OpaquePointer
    public let number: Int
    let owner: PDFDocument

    init(handle: OpaquePointer, number: Int, owner: PDFDocument) {
        self.handle = handle
        self.number = number
        self.owner = owner
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

    /// Width and height in points as displayed (after /Rotate).
    public var size: (width: Double, height: Double) {
        var width = 0.0, height = 0.0
        poppler_page_get_size(handle, &width, &height)
        return (width, height)
    }

    /// The page's characters as poppler's text layout gives them: one box per
    /// character (newlines included) and the font runs over them.
    public func glyphs() -> PageGlyphs {
        whileReporting { readGlyphs() }
    }

    /// Runs poppler calls on this page with what poppler reports kept in the
    /// document's `messages` under this page's number.
    func whileReporting<T>(_ body: () throws -> T) rethrows -> T {
        try PopplerLog.during(owner.messages, page: number, body)
    }

    private func readGlyphs() -> PageGlyphs {
        guard let cText = poppler_page_get_text(handle) else { return PageGlyphs(scalars: [], boxes: [], runs: []) }
        let text = String(cString: cText)
        g_free(cText)
        let scalars = Array(text.unicodeScalars)

        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        var boxes: [GlyphBox] = []
        if poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let rectangles {
            boxes.reserveCapacity(Int(count))
            for i in 0..<Int(count) {
                let r = rectangles[i]
                boxes.append(GlyphBox(x0: min(r.x1, r.x2), y0: min(r.y1, r.y2), x1: max(r.x1, r.x2), y1: max(r.y1, r.y2)))
            }
            g_free(rectangles)
        }

        var runs: [FontRun] = []
        if let list = poppler_page_get_text_attributes(handle) {
            var node: UnsafeMutablePointer<GList>? = list
            while let current = node {
                if let attributes = current.pointee.data?.assumingMemoryBound(to: PopplerTextAttributes.self).pointee {
                    let name = attributes.font_name.map { String(cString: $0) } ?? ""
                    runs.append(FontRun(start: Int(attributes.start_index), end: Int(attributes.end_index),
                                        font: name, size: attributes.font_size))
                }
                node = current.pointee.next
            }
            poppler_page_free_text_attributes(list)
        }
        return PageGlyphs(scalars: scalars, boxes: boxes, runs: runs)
    }
}

/// A range of character indices (inclusive) drawn in one font at one size.
public struct FontRun: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var font: String
    public var size: Double
}

/// One character's box as poppler gives it, unrounded (hot path: one per glyph).
public struct GlyphBox: Sendable, Hashable {
    public var x0, y0, x1, y1: Double
}

/// Raw per-character text of a page, before lines are formed.
public struct PageGlyphs: Sendable {
    public var scalars: [Unicode.Scalar]
    public var boxes: [GlyphBox]
    public var runs: [FontRun]
}
