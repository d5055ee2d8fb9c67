/// Reads the printed table of contents: entries one per line, grouped under
/// section markers (`【区域】 title`, then titles without a marker).
struct ContentsParser {
    let marker: Pattern?

    func parse(_ page: PageLines) -> [ContentsEntry] {
        guard let marker else { return [] }
        guard let first = page.lines.firstIndex(where: { line in
            marker.match(line.text).map { $0["_start"] == "0" && !rest(line.text, $0).isEmpty } ?? false
        }) else { return [] }
        let size = page.lines[first].size
        var entries: [ContentsEntry] = []
        var section: String?
        var previous = page.lines[first]
        for line in page.lines[first...] {
            guard abs(line.size - size) <= 0.1 * size, line.box.y0 - previous.box.y1 < 3 * size else { break }
            previous = line
            var title = line.text
            if let m = marker.match(line.text), m["_start"] == "0" {
                section = m["name"].map(CJKText.normalizeSpacing)
                title = rest(line.text, m)
            }
            title = CJKText.normalizeSpacing(title.trimmingCharacters(in: .whitespaces))
            if !title.isEmpty { entries.append(ContentsEntry(section: section, title: title)) }
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
