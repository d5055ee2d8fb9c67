/// Reads the printed table of contents: entries one per line, grouped under
/// section markers (`【区域】 title`, then titles without a marker).
struct ContentsParser {
    let marker: Pattern?
    /// Corrects OCR readings of section names (see `ArticleBuilder.sectionName`).
    var sectionName: (String) -> String = { $0 }

    /// Lines on one baseline joined left to right: OCR reads the marker column
    /// and the title column of the contents as separate lines.
    static func rows(_ lines: [TextLine]) -> [TextLine] {
        var rows: [TextLine] = []
        for line in lines {
            if let last = rows.last, line.box.verticalOverlap(last.box) > 0.5, line.box.x0 >= last.box.x1 - 1 {
                let box = last.box.union(line.box)
                rows[rows.count - 1] = TextLine(text: last.text + " " + line.text, box: box, font: last.font,
                                                size: max(last.size, line.size), bold: last.bold,
                                                spans: last.spans + line.spans, confidence: last.confidence)
            } else {
                rows.append(line)
            }
        }
        return rows
    }

    func parse(_ original: PageLines) -> [ContentsEntry] { parseRead(original).map(\.entry) }

    /// The entries with the OCR confidence of the line each was read from (nil for a text layer).
    func parseRead(_ original: PageLines) -> [(entry: ContentsEntry, confidence: Double?)] {
        guard let marker else { return [] }
        var page = original
        page.lines = Self.rows(original.lines)
        guard let first = page.lines.firstIndex(where: { line in
            marker.match(line.text).map { $0["_start"] == "0" && !rest(line.text, $0).isEmpty } ?? false
        }) else { return [] }
        let size = page.lines[first].size
        var entries: [(entry: ContentsEntry, confidence: Double?)] = []
        var section: String?
        var previous = page.lines[first]
        for line in page.lines[first...] {
            let tolerance = line.confidence == nil ? 0.1 : 0.35   // OCR sizes are estimates
            guard abs(line.size - size) <= tolerance * size, line.box.y0 - previous.box.y1 < 3 * size else { break }
            previous = line
            var title = line.text
            if let m = marker.match(line.text), m["_start"] == "0" {
                section = m["name"].map(CJKText.normalizeSpacing).map(sectionName)
                title = rest(line.text, m)
            }
            title = CJKText.normalizeSpacing(title.trimmingCharacters(in: ArticleBuilder.strayMarks))
            if !title.isEmpty { entries.append((ContentsEntry(section: section, title: title), line.confidence)) }
        }
        return entries
    }

    private func rest(_ text: String, _ match: [String: String]) -> String {
        let end = Int(match["_end"] ?? "0") ?? 0
        let utf16 = Array(text.utf16)
        return String(decoding: utf16[min(end, utf16.count)...], as: UTF16.self).trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
