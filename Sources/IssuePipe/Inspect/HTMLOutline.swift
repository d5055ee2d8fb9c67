import Foundation

/// The report's side panel: the issue's masthead, contents, articles and warnings, and links to the pages.
extension HTMLReport {
    func outline() -> String {
        var out = "<nav id=\"outline\">\n"
        out += "<p class=\"muted facts\">\(esc(runFacts().joined(separator: " · ")))</p>\n"
        guard let issue = dumps.structure else {
            return out + "<p class=\"muted\">No 5-structure.json: no outline.</p>\n" + pageLinks() + "</nav>\n"
        }
        out += masthead(issue) + contentsList(issue) + articleList(issue) + warningList()
        return out + pageLinks() + "</nav>\n"
    }

    /// Title, issue line and the publication's facts: publisher, hosts, staff, contacts.
    func masthead(_ issue: IssueDocument) -> String {
        let p = issue.publication, i = issue.issue
        var out = "<section class=\"masthead\"><h1>\(esc(p.title ?? "(no title)"))</h1>"
        if let subtitle = p.subtitle { out += "<p class=\"subtitle\">\(esc(subtitle))</p>" }
        var issueLine: [String] = []
        if let year = i.year, let number = i.number { issueLine.append("\(year) 年第 \(number) 期") }
        else if let year = i.year { issueLine.append("\(year)") }
        if let cumulative = i.cumulativeNumber { issueLine.append("总第 \(cumulative) 期") }
        if let date = i.printDate { issueLine.append(date) }
        if !issueLine.isEmpty { out += "<p class=\"issue\">\(esc(issueLine.joined(separator: " · ")))</p>" }
        var facts: [(String, String)] = []
        if let publisher = p.publisher { facts.append(("publisher", publisher)) }
        if let en = p.publisherEn { facts.append(("", en)) }
        if let hosts = p.hosts { facts.append(("hosts", hosts.joined(separator: "、"))) }
        for entry in issue.staff ?? [] { facts.append((entry.role, entry.names.joined(separator: "、"))) }
        if let phone = issue.contacts?.phone { facts.append(("phone", phone)) }
        if let fax = issue.contacts?.fax { facts.append(("fax", fax)) }
        if !facts.isEmpty {
            out += "<dl>" + facts.map { "<dt>\(esc($0.0))</dt><dd>\(esc($0.1))</dd>" }.joined() + "</dl>"
        }
        return out + "</section>\n"
    }

    /// The printed contents, each entry linked to the article the structure stage
    /// found it names (dumps older than that record: the article of the same title).
    func contentsList(_ issue: IssueDocument) -> String {
        guard !issue.contents.isEmpty else { return "" }
        var out = "<h2>Contents</h2>\n<ol class=\"contents\">"
        let named = dumps.contentsArticles?.count == issue.contents.count ? dumps.contentsArticles : nil
        for (index, entry) in issue.contents.enumerated() {
            let match = named.map { $0[index] }
                ?? issue.articles.firstIndex { $0.title.comparisonKey == entry.title.comparisonKey }
            let section = entry.section.map { "<span class=\"sec\">\(esc($0))</span>" } ?? ""
            if let match {
                out += "<li><a href=\"#\" data-select=\"\(match + 1)\" data-article=\"\(match + 1)\">\(section)\(esc(entry.title))</a></li>"
            } else {
                out += "<li class=\"nomatch\" title=\"no article with this title\">\(section)\(esc(entry.title))</li>"
            }
        }
        return out + "</ol>\n"
    }

    func articleList(_ issue: IssueDocument) -> String {
        var out = "<h2>Articles <small>choose one to highlight its text</small></h2>\n<ol class=\"articles\">"
        for (index, article) in issue.articles.enumerated() {
            let n = index + 1
            let section = article.section.map { "<span class=\"sec\">\(esc($0))</span>" } ?? ""
            let headings = article.blocks.filter { $0.kind == .heading }.count
            var meta = ["p. \(TerminalView.ranges(article.pages))", "\(article.blocks.count) blocks"]
            if headings > 0 { meta.append("\(headings) headings") }
            if !article.sources.isEmpty { meta.append(article.sources.map(\.name).joined(separator: "、")) }
            out += "<li><a href=\"#\" data-select=\"\(n)\" data-article=\"\(n)\"><span class=\"n\">\(n)</span>\(section)<span class=\"t\">\(esc(article.title))</span><small>\(esc(meta.joined(separator: " · ")))</small></a></li>"
        }
        return out + "</ol>\n"
    }

    func warningList() -> String {
        let warnings = dumps.warnings
        guard !warnings.isEmpty else { return "" }
        var out = "<h2>Warnings</h2>\n<ul class=\"warnings\">"
        for warning in warnings {
            let page = warning.page.map { " <a href=\"#page-\($0)\">p. \($0)</a>" } ?? ""
            out += "<li><code>\(esc(warning.code))</code>\(page) \(esc(warning.message))</li>"
        }
        return out + "</ul>\n"
    }

    func pageLinks() -> String {
        var out = "<h2>Pages</h2>\n<p class=\"pagelinks\">"
        for page in inspection.pages {
            out += "<a href=\"#page-\(page.number)\" class=\"m-\(page.method.rawValue)\" title=\"\(page.method.rawValue)\">\(page.number)</a>"
        }
        return out + "</p>\n"
    }
}
