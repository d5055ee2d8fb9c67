/// Reads the staff box (roles and names) and the contacts, and says which
/// lines it used so they stay out of the articles.
struct StaffParser {
    let rules: StaffRules?
    let contacts: [ContactRule]

    struct Result {
        var staff: [StaffEntry] = []
        var hosts: [String] = []
        var contacts = Contacts()
        /// The vertical band of the box on each page: its lines are not body text.
        var bands: [Int: ClosedRange<Double>] = [:]
    }

    /// A line that starts with a role or a contact label is not a name.
    func isLabelled(_ text: String, roles: [String], contacts: [Pattern]) -> Bool {
        roles.contains { text.hasPrefix($0) } || contacts.contains { $0.matches(in: text) }
    }

    /// OCR reads a two-column staff box as one line per row
    /// (`天津滨海综合发展研究院编辑贺然…`): such a line is cut where a role or a
    /// contact label starts, each piece getting its share of the line's box.
    func splittingMergedColumns(_ page: PageLines, roles: [String], contacts: [Pattern]) -> PageLines {
        var out = page
        out.lines = page.lines.flatMap { line -> [TextLine] in
            guard line.confidence != nil else { return [line] }
            let text = Array(line.text)
            var cuts = Set<Int>()
            for role in roles {
                var searchFrom = line.text.startIndex
                while let found = line.text.range(of: role, range: searchFrom..<line.text.endIndex) {
                    let offset = line.text.distance(from: line.text.startIndex, to: found.lowerBound)
                    if offset > 0 { cuts.insert(offset) }
                    searchFrom = found.upperBound
                }
            }
            for pattern in contacts {
                if let start = pattern.match(line.text)?["_start"].flatMap({ Int($0) }), start > 0 {
                    cuts.insert(line.text.utf16Prefix(start).count)
                }
            }
            guard !cuts.isEmpty, !text.isEmpty else { return [line] }
            let bounds = [0] + cuts.sorted() + [text.count]
            return zip(bounds, bounds.dropFirst()).compactMap { lower, upper in
                let piece = String(text[lower..<upper]).trimmingCharacters(in: .whitespaces)
                guard !piece.isEmpty else { return nil }
                let width = line.box.width
                let box = Box(x0: line.box.x0 + width * Double(lower) / Double(text.count), y0: line.box.y0,
                              x1: line.box.x0 + width * Double(upper) / Double(text.count), y1: line.box.y1)
                return TextLine(text: piece, box: box, font: line.font, size: line.size, bold: line.bold,
                                spans: [TextSpan(text: piece, box: box, font: line.font, size: line.size, bold: line.bold)],
                                confidence: line.confidence)
            }
        }
        return out
    }

    func parse(_ pages: [PageLines]) -> Result {
        var result = Result()
        guard rules != nil || !contacts.isEmpty else { return result }
        let roles = rules?.roles ?? []
        let contactPatterns = contacts.compactMap { rule in Pattern(rule.pattern).map { (rule.field, $0) } }
        for original in pages where (rules?.pages ?? [1, 2]).contains(original.page) {
            let page = splittingMergedColumns(original, roles: roles, contacts: contactPatterns.map(\.1))
            var used: [TextLine] = []
            for (index, line) in page.lines.enumerated() {
                let text = line.text.trimmingCharacters(in: .whitespaces)
                for (field, pattern) in contactPatterns {
                    guard let value = pattern.match(text)?["value"] else { continue }
                    // OCR reads the hyphen of a phone number as _ or a dash.
                    let clean = String(value.filter { !$0.isWhitespace }
                        .map { "_—－–".contains($0) ? "-" : $0 })
                    if field == "phone", result.contacts.phone == nil { result.contacts.phone = clean }
                    if field == "fax", result.contacts.fax == nil { result.contacts.fax = clean }
                    used.append(line)
                }
                guard let role = roles.first(where: { text.hasPrefix($0) }) else { continue }
                let rest = String(text.dropFirst(role.count)).trimmingCharacters(in: CharacterSet(charactersIn: " ：:\u{3000}"))
                var names = rest.split(whereSeparator: { $0.isWhitespace || "、，,；;".contains($0) }).map(String.init)
                used.append(line)
                // More names may stand on the same baseline, past a column gap.
                for right in page.lines where right.box.x0 > line.box.x1 && right.box.verticalOverlap(line.box) > 0.6
                    && !isLabelled(right.text, roles: roles, contacts: contactPatterns.map(\.1)) {
                    names += right.text.split(whereSeparator: { $0.isWhitespace || "、，,；;".contains($0) }).map(String.init)
                    used.append(right)
                }
                if names.isEmpty {
                    // The names stand one per line below the role, in its column.
                    var previous = line
                    for below in page.lines[(index + 1)...] where abs(below.box.x0 - line.box.x0) < line.size * 1.5
                        && below.box.y0 > previous.box.y0 {
                        guard below.box.y0 - previous.box.y1 < 1.5 * line.size,
                              !roles.contains(where: { below.text.hasPrefix($0) }) else { break }
                        names.append(CJKText.normalizeSpacing(below.text))
                        used.append(below)
                        previous = below
                    }
                }
                names = names.map(CJKText.normalizeSpacing)
                guard !names.isEmpty else { continue }
                if role == rules?.hostsRole { result.hosts += names } else { result.staff.append(StaffEntry(role: role, names: names)) }
            }
            if let top = used.map(\.box.y0).min(), let bottom = used.map(\.box.y1).max() {
                // Lines just above the first role (the publisher's name in the box) belong to the box too.
                let upper = page.lines.filter { $0.box.y1 <= top && top - $0.box.y1 < 3 * $0.size && $0.box.y0 > top - 40 }.map(\.box.y0).min() ?? top
                result.bands[page.page] = upper...bottom
            }
        }
        return result
    }
}

import Foundation
