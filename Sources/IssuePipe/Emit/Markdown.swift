/// The issue as readable Markdown: masthead, contents, then the articles with
/// their headings, paragraphs and sources. For people and search indexers.
public func renderMarkdown(_ issue: IssueDocument) -> String {
    var out: [String] = []
    let title = issue.publication.title ?? issue.source.file
    out.append("# \(title)")
    if let subtitle = issue.publication.subtitle { out.append("\n*\(subtitle)*") }
    var facts: [String] = []
    if let year = issue.issue.year, let number = issue.issue.number { facts.append("\(year) 年第 \(number) 期") }
    if let cumulative = issue.issue.cumulativeNumber { facts.append("总第 \(cumulative) 期") }
    if let date = issue.issue.printDate { facts.append("印发 \(date)") }
    if let publisher = issue.publication.publisher { facts.append(publisher) }
    if !facts.isEmpty { out.append("\n" + facts.joined(separator: " · ")) }
    if let hosts = issue.publication.hosts { out.append("\n主办：\(hosts.joined(separator: "、"))") }
    for entry in issue.staff ?? [] { out.append("\(entry.role)：\(entry.names.joined(separator: "、"))") }
    if let phone = issue.contacts?.phone { out.append("电话：\(phone)") }
    if let fax = issue.contacts?.fax { out.append("传真：\(fax)") }

    if !issue.contents.isEmpty {
        out.append("\n## 目录\n")
        for entry in issue.contents {
            out.append("- " + (entry.section.map { "【\($0)】" } ?? "") + entry.title)
        }
    }
    var section: String?
    for article in issue.articles {
        if let s = article.section, s != section {
            out.append("\n## 【\(s)】")
            section = s
        }
        out.append("\n### \(article.title)\n")
        for block in article.blocks {
            out.append(block.kind == .heading ? "\n#### \(block.text)\n" : block.text + "\n")
        }
        if !article.sources.isEmpty {
            out.append("*来源：" + article.sources.map { "\($0.name) \($0.date)" }.joined(separator: "；") + "*\n")
        }
    }
    return out.joined(separator: "\n").replacingOccurrences(of: "\n\n\n", with: "\n\n") + "\n"
}

import Foundation
