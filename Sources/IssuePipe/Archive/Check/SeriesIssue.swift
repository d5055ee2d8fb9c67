import GRDB

/// What `archive check` knows of one issue: its masthead numbers and names,
/// and the file it came from.
public struct SeriesIssue: Codable, Hashable, Sendable {
    public var file: String
    public var sourceSha256: String
    public var year: Int?
    public var number: Int?
    public var cumulative: Int?
    public var printDate: String?
    public var title: String?
    public var publisher: String?
    public var staff: [StaffEntry]

    public init(file: String, sourceSha256: String, year: Int?, number: Int?, cumulative: Int?, printDate: String?,
                title: String? = nil, publisher: String? = nil, staff: [StaffEntry] = []) {
        self.file = file
        self.sourceSha256 = sourceSha256
        self.year = year
        self.number = number
        self.cumulative = cumulative
        self.printDate = printDate
        self.title = title
        self.publisher = publisher
        self.staff = staff
    }

    public init(_ file: IssueFile) {
        let document = file.document
        self.init(file: file.path, sourceSha256: document.source.sha256, year: document.issue.year, number: document.issue.number,
                  cumulative: document.issue.cumulativeNumber, printDate: document.issue.printDate,
                  title: document.publication.title, publisher: document.publication.publisher, staff: document.staff ?? [])
    }

    /// `2024年第3期`.
    public var label: String { IssueLabel(year: year, number: number).printed }
    var day: ISODay? { printDate.flatMap(ISODay.init) }
}

extension ArchiveDatabase {
    /// Every indexed issue, in file order.
    public func seriesIssues() throws -> [SeriesIssue] {
        try read { db in
            var staff: [Int64: [StaffEntry]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT issueId, role, name FROM staff ORDER BY issueId, position") {
                let id: Int64 = row["issueId"], role: String = row["role"], name: String = row["name"]
                if staff[id]?.last?.role == role { staff[id]![staff[id]!.count - 1].names.append(name) } else {
                    staff[id, default: []].append(StaffEntry(role: role, names: [name]))
                }
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM issues ORDER BY path, id").map { row in
                SeriesIssue(file: row["path"], sourceSha256: row["sourceSha256"], year: row["year"], number: row["number"],
                            cumulative: row["cumulativeNumber"], printDate: row["printDate"], title: row["title"],
                            publisher: row["publisher"], staff: staff[row["id"]] ?? [])
            }
        }
    }

    /// The pipeline most of the indexed issues were converted with (ties: by name).
    public func mainPipeline() throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT pipeline FROM issues WHERE pipeline IS NOT NULL GROUP BY pipeline ORDER BY count(*) DESC, pipeline LIMIT 1")
        }
    }
}
