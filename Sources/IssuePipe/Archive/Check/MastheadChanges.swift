/// The masthead's title, publisher and staff, issue after issue in series
/// order: a value that one issue prints and its neighbours on both sides do
/// not is most likely misread (the likely value: theirs); a value that changes
/// and stays is a change of masthead, worth a look. Both are warnings: staff
/// do change. An issue that does not print a field is passed over for it.
struct MastheadCheck {
    struct Field {
        var name: String
        var value: (SeriesIssue) -> String?
    }

    static var fields: [Field] {
        [Field(name: "title") { $0.title }, Field(name: "publisher") { $0.publisher }]
    }

    func findings(_ placed: [PlacedIssue]) -> [SeriesFinding] {
        let ordered = placed.sorted { ($0.group, $0.ordinal, $0.issue.file) < ($1.group, $1.ordinal, $1.issue.file) }.map(\.issue)
        var findings: [SeriesFinding] = []
        for field in Self.fields {
            findings += changes(of: field.name, in: ordered.compactMap { issue in field.value(issue).map { (issue, $0) } })
        }
        let roles = Set(ordered.flatMap { $0.staff.map(\.role) })
        for role in roles.sorted() {
            let values = ordered.compactMap { issue in
                issue.staff.first { $0.role == role }.map { (issue, $0.names.joined(separator: "、")) }
            }
            findings += changes(of: "staff (\(role))", in: values)
        }
        return findings
    }

    /// Walks the values keeping the one in force; see the type's comment.
    private func changes(of field: String, in values: [(issue: SeriesIssue, value: String)]) -> [SeriesFinding] {
        guard var inForce = values.first?.value else { return [] }
        var findings: [SeriesFinding] = []
        for (index, item) in values.enumerated().dropFirst() where item.value != inForce {
            let next = index + 1 < values.count ? values[index + 1].value : nil
            if next == inForce {
                findings.append(SeriesFinding(.masthead, .warning, issue: item.issue.label, file: item.issue.file,
                                              message: "\(field) '\(item.value)' differs from the issues before and after it ('\(inForce)')",
                                              likely: inForce))
            } else {
                findings.append(SeriesFinding(.masthead, .warning, issue: item.issue.label, file: item.issue.file,
                                              message: "\(field) changes from '\(inForce)' (\(values[index - 1].issue.label)) to '\(item.value)'"))
                inForce = item.value
            }
        }
        return findings
    }
}
