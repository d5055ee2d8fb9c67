/// The words `--format markdown` prints around the issue's fields, from the
/// pipeline YAML (`markdown:`): they are the publication's language, not the
/// tool's. Every key may be left out; the defaults are Chinese, as printed in
/// the newsletter. `{year}`, `{number}` and `{date}` stand for the values.
public struct MarkdownLabels: Codable, Hashable, Sendable {
    public var issueNumber = "{year} 年第 {number} 期"
    public var cumulativeNumber = "总第 {number} 期"
    public var printDate = "印发 {date}"
    public var hosts = "主办"
    public var phone = "电话"
    public var fax = "传真"
    public var contents = "目录"
    public var sources = "来源"
    /// Between a label and its value (主办：…).
    public var labelSeparator = "："
    /// Between names in a list (hosts, staff)…
    public var listSeparator = "、"
    /// …and between the citations of one article.
    public var sourceSeparator = "；"
    /// Around a section name (【区域】).
    public var sectionOpen = "【"
    public var sectionClose = "】"

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MarkdownLabels()
        func text(_ key: CodingKeys, _ fallback: String) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? fallback }
        issueNumber = try text(.issueNumber, d.issueNumber)
        cumulativeNumber = try text(.cumulativeNumber, d.cumulativeNumber)
        printDate = try text(.printDate, d.printDate)
        hosts = try text(.hosts, d.hosts)
        phone = try text(.phone, d.phone)
        fax = try text(.fax, d.fax)
        contents = try text(.contents, d.contents)
        sources = try text(.sources, d.sources)
        labelSeparator = try text(.labelSeparator, d.labelSeparator)
        listSeparator = try text(.listSeparator, d.listSeparator)
        sourceSeparator = try text(.sourceSeparator, d.sourceSeparator)
        sectionOpen = try text(.sectionOpen, d.sectionOpen)
        sectionClose = try text(.sectionClose, d.sectionClose)
    }

    /// `template` with each `{name}` replaced by its value.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    func labelled(_ label: String, _ value: String) -> String { label + labelSeparator + value }
    func section(_ name: String) -> String { sectionOpen + name + sectionClose }
}
