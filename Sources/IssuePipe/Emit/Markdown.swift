import Foundation

/// The issue as readable Markdown: masthead, contents, then the articles with
/// their headings, paragraphs and sources. For people and search indexers.
/// `labels`: the words around the fields, from the pipeline's `markdown:`.
public func renderMarkdown(_ issue: IssueDocument, labels: MarkdownLabels = MarkdownLabels()) -> String {
    var out = masthead(issue, labels)
    if !issue.contents.isEmpty {
        out.append("\n## \(labels.contents)\n")
        for entry in issue.contents {
            out.append("- " + (entry.section.map(labels.section) ?? "") + entry.title)
        }
    }
    var section: String?
    for article in issue.articles {
        if let s = article.section, s != section {
            out.append("\n## \(labels.section(s))")
            section = s
        }
        out.append("\n### \(article.title)\n")
        for block in article.blocks {
            out.append(block.kind == .heading ? "\n#### \(block.text)\n" : block.text + "\n")
        }
        if !article.sources.isEmpty {
            let cited = article.sources.map { "\($0.name) \($0.date)" }.joined(separator: labels.sourceSeparator)
            out.append("*" + labels.labelled(labels.sources, cited) + "*\n")
        }
    }
    return out.joined(separator: "\n").replacingOccurrences(of: "\n\n\n", with: "\n\n") + "\n"
}

/// Title, subtitle, the issue line, hosts, staff and contacts.
private func masthead(_ issue: IssueDocument, _ labels: MarkdownLabels) -> [String] {
    var out = ["# \(issue.publication.title ?? issue.source.file)"]
    if let subtitle = issue.publication.subtitle { out.append("\n*\(subtitle)*") }
    var facts: [String] = []
    if let year = issue.issue.year, let number = issue.issue.number {
        facts.append(MarkdownLabels.fill(labels.issueNumber, ["year": "\(year)", "number": "\(number)"]))
    }
    if let cumulative = issue.issue.cumulativeNumber {
        facts.append(MarkdownLabels.fill(labels.cumulativeNumber, ["number": "\(cumulative)"]))
    }
    if let date = issue.issue.printDate { facts.append(MarkdownLabels.fill(labels.printDate, ["date": date])) }
    if let publisher = issue.publication.publisher { facts.append(publisher) }
    if !facts.isEmpty { out.append("\n" + facts.joined(separator: " · ")) }
    if let hosts = issue.publication.hosts {
        out.append("\n" + labels.labelled(labels.hosts, hosts.joined(separator: labels.listSeparator)))
    }
    for entry in issue.staff ?? [] { out.append(labels.labelled(entry.role, entry.names.joined(separator: labels.listSeparator))) }
    if let phone = issue.contacts?.phone { out.append(labels.labelled(labels.phone, phone)) }
    if let fax = issue.contacts?.fax { out.append(labels.labelled(labels.fax, fax)) }
    return out
}
