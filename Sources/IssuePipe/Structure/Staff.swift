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

    func parse(_ pages: [PageLines]) -> Result {
        var result = Result()
        guard rules != nil || !contacts.isEmpty else { return result }
        let roles = rules?.roles ?? []
        let contactPatterns = contacts.compactMap { rule in Pattern(rule.pattern).map { (rule.field, $0) } }
        for page in pages where (rules?.pages ?? [1, 2]).contains(page.page) {
            var used: [TextLine] = []
            for (index, line) in page.lines.enumerated() {
                let text = line.text.trimmingCharacters(in: .whitespaces)
                for (field, pattern) in contactPatterns {
                    guard let value = pattern.match(text)?["value"] else { continue }
                    let clean = value.trimmingCharacters(in: .whitespaces)
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
