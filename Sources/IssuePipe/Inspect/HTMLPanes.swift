import Foundation

/// The text beside a page: its lines, its clean blocks, the articles with text on it.
extension HTMLReport {
    func linesPane(_ page: Inspection.PageFacts) -> String {
        var out = "<div class=\"pane pane-lines\">"
        let isOCR = page.readLines.contains { $0.confidence != nil } || page.method == .ocr
        out += "<p class=\"muted\">\(isOCR ? "OCR output (what later stages read)" : "text layer (extract)"): \(page.readLines.count) lines; struck out: dropped by clean</p><ol class=\"lines\">"
        for (index, line) in page.readLines.enumerated() {
            let reason = page.furnitureByLine[index]
            var extra = ""
            if let confidence = line.confidence { extra += String(format: " <span class=\"conf\" style=\"--h:%d\">%.2f</span>", Int(max(0, min(1, confidence)) * 120), confidence) }
            if let reason { extra += " <span class=\"why\">\(esc(reason))</span>" }
            let style = "\(FontStyle.baseName(line.font)) \(num(line.size)) pt\(line.bold ? " bold" : "") · \(TerminalView.box(line.box))"
            out += "<li\(reason != nil ? " class=\"furn\"" : "") title=\"\(esc(style))\"><span class=\"ref\">\(page.number):\(index)</span> <span class=\"tx\">\(esc(line.text))</span>\(extra)</li>"
        }
        out += "</ol>"
        if isOCR, !page.extractLines.isEmpty {
            out += "<details><summary>the text layer poppler found (\(page.extractLines.count) lines, not used)</summary><ol class=\"lines\">"
            for (index, line) in page.extractLines.enumerated() {
                out += "<li><span class=\"ref\">\(page.number):\(index)</span> \(esc(line.text))</li>"
            }
            out += "</ol></details>"
        }
        return out + "</div>\n"
    }

    func blocksPane(_ page: Inspection.PageFacts) -> String {
        var out = "<div class=\"pane pane-blocks\">"
        if dumps.clean == nil { return out + "<p class=\"muted\">No 4-clean.json.</p></div>\n" }
        if page.blocks.isEmpty { out += "<p class=\"muted\">No blocks on this page.</p>" }
        for index in page.blocks {
            let block = blocks[index]
            let use = inspection.blockUses[index]
            var role = use.map { "\($0.label) · article \($0.article + 1)" } ?? "not in an article"
            if block.provenance.first?.page != page.number { role += " · continued from p. \(block.provenance.first?.page ?? 0)" }
            let meta = "\(num(block.size)) pt\(block.bold ? " bold" : "") · ends: \(block.endReason ?? "—") · \(TerminalView.lineList(block.lines))"
            out += "<div class=\"cb\(use == nil ? " unused" : "") cb-\(use?.label ?? "none")\" data-block=\"\(index + 1)\"\(articleAttribute(index)) style=\"--h:\(Self.hue(index))\">"
            out += "<div class=\"cbmeta\"><b>\(index + 1)</b> \(esc(role)) <span>\(esc(meta))</span></div><p>\(esc(block.text))</p></div>"
        }
        return out + "</div>\n"
    }

    func articlesPane(_ page: Inspection.PageFacts) -> String {
        var out = "<div class=\"pane pane-articles\">"
        guard let issue = dumps.structure else { return out + "<p class=\"muted\">No 5-structure.json.</p></div>\n" }
        let articles = inspection.articles(on: page.number)
        if articles.isEmpty { out += "<p class=\"muted\">No article has text on this page.</p>" }
        for index in articles {
            let article = issue.articles[index]
            let n = index + 1
            let section = article.section.map { "<span class=\"sec\">\(esc($0))</span>" } ?? ""
            out += "<article data-article=\"\(n)\"><h3><a href=\"#\" data-select=\"\(n)\">\(n). \(section)\(esc(article.title))</a></h3>"
            for block in article.blocks where block.provenance?.contains(where: { $0.page == page.number }) ?? false {
                out += block.kind == .heading ? "<h4>\(esc(block.text))</h4>" : "<p>\(esc(block.text))</p>"
            }
            if !article.sources.isEmpty, article.blocks.last?.provenance?.contains(where: { $0.page == page.number }) ?? false {
                out += "<p class=\"sources\">来源：" + esc(article.sources.map { "\($0.name) \($0.date)" }.joined(separator: "；")) + "</p>"
            }
            out += "</article>"
        }
        return out + "</div>\n"
    }
}
