import Foundation

/// `issuepipe inspect --html`: one self-contained HTML file (page images inline
/// as PNG, styles and script inline, nothing fetched) showing each page with the
/// boxes every stage drew over it, the text each stage produced beside it, and
/// the issue's outline in a side panel.
///
/// Test hook: `report.html?select=N` chooses article N (1-based, as numbered in
/// the outline) on load; its boxes get the class `hl`.
public struct HTMLReport: Sendable {
    public let inspection: Inspection
    /// PNG bytes of each page by number; a page without one is drawn blank at its size.
    public let images: [Int: Data]
    public let dpi: Double

    public init(_ inspection: Inspection, images: [Int: Data] = [:], dpi: Double = 80) {
        self.inspection = inspection
        self.images = images
        self.dpi = dpi
    }

    var dumps: StageDumps { inspection.dumps }
    var blocks: [CleanBlock] { dumps.clean?.blocks ?? [] }

    /// The layers a reader can switch on and off, in drawing order.
    static let layers: [(id: String, label: String, on: Bool)] = [
        ("extract", "lines", false),
        ("furniture", "dropped", true),
        ("blocks", "blocks", true),
        ("order", "join order", true),
        ("headings", "titles/headings", true),
        ("ocr", "OCR", true),
    ]

    public func render() -> String {
        let source = dumps.extract.source
        var html = """
        <!DOCTYPE html>
        <html lang="zh-Hans">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="issuepipe \(IssuePipeVersion.string) inspect">
        <title>\(esc(source.file)) · IssuePipe inspect</title>
        <style>\(HTMLAssets.css)</style>
        </head>
        <body data-pane="blocks">

        """
        html += topBar()
        html += "<div class=\"layout\">\n"
        html += outline()
        html += "<main id=\"pages\">\n"
        for page in inspection.pages { html += pageSection(page) }
        html += "</main>\n</div>\n<div id=\"tip\" hidden></div>\n"
        html += "<script>\(HTMLAssets.script)</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: - Top bar and outline

    func topBar() -> String {
        let source = dumps.extract.source
        let facts = runFacts()
        var out = "<header class=\"bar\">\n<div class=\"file\" title=\"\(esc(facts.joined(separator: " · ")))\"><strong>\(esc(source.file))</strong> <span>\(esc(facts.first ?? ""))</span></div>\n"
        out += "<div class=\"toggles\" role=\"group\" aria-label=\"layers\"><span class=\"label\">show</span>"
        for layer in Self.layers {
            out += "<label class=\"sw-\(layer.id)\"><input type=\"checkbox\" data-layer=\"\(layer.id)\"\(layer.on ? " checked" : "")><i></i>\(esc(layer.label))</label>"
        }
        out += "</div>\n<div class=\"panes\" role=\"group\" aria-label=\"text beside pages\"><span class=\"label\">text</span>"
        for (id, label) in [("lines", "Lines"), ("blocks", "Blocks"), ("articles", "Articles")] {
            out += "<button type=\"button\" data-pane-button=\"\(id)\"\(id == "blocks" ? " class=\"on\"" : "")>\(label)</button>"
        }
        out += "</div>\n</header>\n"
        return out
    }

    /// Pipeline, pages, articles, blocks, body size.
    func runFacts() -> [String] {
        var facts = ["\(dumps.extract.source.pageCount) pages"]
        if let issue = dumps.structure {
            facts.insert("pipeline \(issue.pipeline.name) \(issue.pipeline.version)", at: 0)
            facts.append("\(issue.articles.count) articles")
        }
        if let clean = dumps.clean { facts.append("\(clean.blocks.count) blocks · body \(num(clean.bodySize)) pt") }
        return facts
    }

    func outline() -> String {
        var out = "<nav id=\"outline\">\n"
        out += "<p class=\"muted facts\">\(esc(runFacts().joined(separator: " · ")))</p>\n"
        guard let issue = dumps.structure else {
            return out + "<p class=\"muted\">No 5-structure.json: no outline.</p>\n" + pageLinks() + "</nav>\n"
        }
        let p = issue.publication, i = issue.issue
        out += "<section class=\"masthead\"><h1>\(esc(p.title ?? "(no title)"))</h1>"
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
        out += "</section>\n"

        if !issue.contents.isEmpty {
            out += "<h2>Contents</h2>\n<ol class=\"contents\">"
            for entry in issue.contents {
                let match = issue.articles.firstIndex { $0.title.comparisonKey == entry.title.comparisonKey }
                let section = entry.section.map { "<span class=\"sec\">\(esc($0))</span>" } ?? ""
                if let match {
                    out += "<li><a href=\"#\" data-select=\"\(match + 1)\" data-article=\"\(match + 1)\">\(section)\(esc(entry.title))</a></li>"
                } else {
                    out += "<li class=\"nomatch\" title=\"no article with this title\">\(section)\(esc(entry.title))</li>"
                }
            }
            out += "</ol>\n"
        }

        out += "<h2>Articles <small>choose one to highlight its text</small></h2>\n<ol class=\"articles\">"
        for (index, article) in issue.articles.enumerated() {
            let n = index + 1
            let section = article.section.map { "<span class=\"sec\">\(esc($0))</span>" } ?? ""
            let headings = article.blocks.filter { $0.kind == .heading }.count
            var meta = ["p. \(TerminalView.ranges(article.pages))", "\(article.blocks.count) blocks"]
            if headings > 0 { meta.append("\(headings) headings") }
            if !article.sources.isEmpty { meta.append(article.sources.map(\.name).joined(separator: "、")) }
            out += "<li><a href=\"#\" data-select=\"\(n)\" data-article=\"\(n)\"><span class=\"n\">\(n)</span>\(section)<span class=\"t\">\(esc(article.title))</span><small>\(esc(meta.joined(separator: " · ")))</small></a></li>"
        }
        out += "</ol>\n"

        let warnings = dumps.warnings
        if !warnings.isEmpty {
            out += "<h2>Warnings</h2>\n<ul class=\"warnings\">"
            for warning in warnings {
                let page = warning.page.map { " <a href=\"#page-\($0)\">p. \($0)</a>" } ?? ""
                out += "<li><code>\(esc(warning.code))</code>\(page) \(esc(warning.message))</li>"
            }
            out += "</ul>\n"
        }
        return out + pageLinks() + "</nav>\n"
    }

    func pageLinks() -> String {
        var out = "<h2>Pages</h2>\n<p class=\"pagelinks\">"
        for page in inspection.pages {
            out += "<a href=\"#page-\(page.number)\" class=\"m-\(page.method.rawValue)\" title=\"\(page.method.rawValue)\">\(page.number)</a>"
        }
        return out + "</p>\n"
    }

    // MARK: - A page

    func pageSection(_ page: Inspection.PageFacts) -> String {
        var meta = ["\(page.readLines.count) lines"]
        if !page.furniture.isEmpty { meta.append("\(page.furniture.count) dropped (\(TerminalView.reasonCounts(page.furniture)))") }
        let continued = page.blocks.count - page.blocksStartingHere.count
        meta.append("\(page.blocksStartingHere.count) blocks" + (continued > 0 ? " + \(continued) continued" : ""))
        if let confidence = page.confidence { meta.append(String(format: "OCR confidence %.2f", confidence)) }
        if !page.reasons.isEmpty { meta.append("judge: " + page.reasons.joined(separator: "; ")) }
        var out = "<section class=\"page\" id=\"page-\(page.number)\" data-page=\"\(page.number)\">\n"
        out += "<h2>Page \(page.number) <span class=\"badge m-\(page.method.rawValue)\">\(page.method.rawValue)</span> <span class=\"meta\">\(esc(meta.joined(separator: " · ")))</span>"
        for warning in page.warnings {
            out += " <span class=\"warn\" data-tip=\"\(esc(warning.message))\">\(esc(warning.code))</span>"
        }
        out += "</h2>\n<div class=\"page-row\">\n"
        out += figure(page)
        out += "<div class=\"texts\">\n" + linesPane(page) + blocksPane(page) + articlesPane(page) + "</div>\n"
        out += "</div>\n</section>\n"
        return out
    }

    func figure(_ page: Inspection.PageFacts) -> String {
        let w = page.width > 0 ? page.width : 595, h = page.height > 0 ? page.height : 842
        var out = "<figure class=\"sheet\" style=\"aspect-ratio:\(num(w))/\(num(h))\">"
        if let png = images[page.number] {
            out += "<img alt=\"page \(page.number)\" src=\"data:image/png;base64,\(png.base64EncodedString())\">"
        } else {
            out += "<div class=\"blank\">no page image: boxes only</div>"
        }
        out += "\n<svg viewBox=\"0 0 \(num(w)) \(num(h))\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        // What was read by OCR is in the page's straight frame: drawn turned back onto the scan.
        let read = furnitureLayer(page) + blocksLayer(page) + headingsLayer(page) + ocrLayer(page) + articlesLayer(page)
        out += extractLayer(page) + (page.readTransform.map { "<g transform=\"\($0)\">\(read)</g>" } ?? read)
        out += "</svg></figure>\n"
        return out
    }

    func rect(_ box: Box, _ attributes: String) -> String {
        "<rect x=\"\(num(box.x0))\" y=\"\(num(box.y0))\" width=\"\(num(max(0.5, box.width)))\" height=\"\(num(max(0.5, box.height)))\" \(attributes)/>"
    }

    func extractLayer(_ page: Inspection.PageFacts) -> String {
        var out = "<g class=\"layer layer-extract\">"
        for (index, line) in page.extractLines.enumerated() {
            let tip = "extract \(page.number):\(index) · \(FontStyle.baseName(line.font)) \(num(line.size)) pt\(line.bold ? " · bold" : "")\n\(line.text)"
            out += rect(line.box, "class=\"ln\" data-tip=\"\(esc(tip))\"")
        }
        return out + "</g>\n"
    }

    func furnitureLayer(_ page: Inspection.PageFacts) -> String {
        var out = "<g class=\"layer layer-furniture\">"
        for item in page.furniture {
            let index = page.furnitureByLine.first { $0.value == item.reason && page.readLines[$0.key].box == item.box }?.key
            let ref = index.map { "\(page.number):\($0)" } ?? "\(page.number)"
            out += rect(item.box, "class=\"furn\" data-tip=\"\(esc("dropped by clean: \(item.reason)\n\(ref) \(item.text)"))\"")
            out += "<text class=\"flabel\" x=\"\(num(item.box.x0))\" y=\"\(num(item.box.y0 - 1.5))\">\(esc(item.reason))</text>"
        }
        return out + "</g>\n"
    }

    static func hue(_ block: Int) -> Int { Int((Double(block) * 137.508).truncatingRemainder(dividingBy: 360)) }

    func blockTip(_ index: Int) -> String {
        let block = blocks[index]
        var role = "not in an article"
        if let use = inspection.blockUses[index] {
            let title = dumps.structure?.articles[use.article].title ?? ""
            role = "\(use.label) of article \(use.article + 1) 「\(title)」"
        }
        let pages = block.pages
        return """
        Block \(index + 1) · \(role)
        \(num(block.size)) pt\(block.bold ? " bold" : "") · ends: \(block.endReason ?? "—") · lines \(TerminalView.lineList(block.lines))\(pages.count > 1 ? " · pages \(TerminalView.ranges(pages))" : "")

        \(clip(block.text, 600))
        """
    }

    func articleAttribute(_ index: Int) -> String {
        inspection.blockUses[index].map { " data-article=\"\($0.article + 1)\"" } ?? ""
    }

    func blocksLayer(_ page: Inspection.PageFacts) -> String {
        var out = "<g class=\"layer layer-blocks\">"
        var order = "<g class=\"layer layer-order\">"
        for index in page.blocks {
            let block = blocks[index]
            let hue = Self.hue(index)
            out += "<g class=\"blk\" data-block=\"\(index + 1)\"\(articleAttribute(index)) data-tip=\"\(esc(blockTip(index)))\" style=\"--h:\(hue)\">"
            let here = block.provenance.enumerated().filter { $0.element.page == page.number }
            for (_, item) in here { out += rect(item.box, "") }
            if let first = here.first?.element.box {
                let label = block.provenance.first?.page == page.number ? "\(index + 1)" : "\(index + 1)↩"
                out += "<text class=\"bnum\" x=\"\(num(first.x1 + 2))\" y=\"\(num(first.y0 + min(7, first.height)))\">\(label)</text>"
            }
            out += "</g>"
            // Join order: a line through the centres of the lines, in the order they were joined,
            // and each line's position in the block at its left edge.
            order += "<g style=\"--h:\(hue)\">"
            if here.count > 1 {
                let points = here.map { "\(num($0.element.box.x0 + 6)),\(num($0.element.box.midY))" }.joined(separator: " ")
                order += "<polyline class=\"join\" points=\"\(points)\"/>"
            }
            for (position, item) in here {
                order += "<text class=\"num\" x=\"\(num(item.box.x0 - 2))\" y=\"\(num(item.box.midY + 2))\">\(position + 1)</text>"
            }
            order += "</g>"
        }
        return out + "</g>\n" + order + "</g>\n"
    }

    func headingsLayer(_ page: Inspection.PageFacts) -> String {
        var out = "<g class=\"layer layer-headings\">"
        for index in page.blocks {
            guard let use = inspection.blockUses[index], use.label == "title" || use.label == "heading" else { continue }
            let boxes = blocks[index].provenance.filter { $0.page == page.number }.map(\.box)
            guard let union = boxes.union else { continue }
            let padded = Box(x0: union.x0 - 2, y0: union.y0 - 2, x1: union.x1 + 2, y1: union.y1 + 2)
            out += rect(padded, "class=\"hd hd-\(use.label)\" data-article=\"\(use.article + 1)\" data-tip=\"\(esc(blockTip(index)))\"")
            out += "<text class=\"hlabel\" x=\"\(num(padded.x0))\" y=\"\(num(padded.y0 - 1.5))\">\(use.label) · article \(use.article + 1)</text>"
        }
        return out + "</g>\n"
    }

    func ocrLayer(_ page: Inspection.PageFacts) -> String {
        guard page.readLines.contains(where: { $0.confidence != nil }) else { return "" }
        var out = "<g class=\"layer layer-ocr\">"
        for (index, line) in page.readLines.enumerated() {
            let confidence = line.confidence ?? 0
            let hue = Int(max(0, min(1, confidence)) * 120)
            let tip = String(format: "OCR %d:%d · confidence %.2f\n", page.number, index, confidence) + line.text
            out += rect(line.box, "class=\"ocr\" style=\"--h:\(hue)\" data-tip=\"\(esc(tip))\"")
            if line.spans.count > 1 {
                for span in line.spans { out += rect(span.box, "class=\"word\"") }
            }
        }
        return out + "</g>\n"
    }

    /// Every box of every article's text on this page, hidden until the article is chosen.
    func articlesLayer(_ page: Inspection.PageFacts) -> String {
        guard let issue = dumps.structure else { return "" }
        var out = "<g class=\"layer-articles\">"
        for (articleIndex, article) in issue.articles.enumerated() {
            let n = articleIndex + 1
            for index in inspection.titleBlocks(of: articleIndex) {
                for item in blocks[index].provenance where item.page == page.number {
                    out += rect(item.box, "class=\"art\" data-article=\"\(n)\" data-tip=\"\(esc("article \(n): title\n\(article.title)"))\"")
                }
            }
            for (blockIndex, block) in article.blocks.enumerated() {
                for item in block.provenance ?? [] where item.page == page.number {
                    let tip = "article \(n) 「\(article.title)」 · \(block.kind.rawValue) \(blockIndex + 1) of \(article.blocks.count)\np. \(item.page) box \(TerminalView.box(item.box))\n\n\(clip(block.text, 400))"
                    out += rect(item.box, "class=\"art\" data-article=\"\(n)\" data-tip=\"\(esc(tip))\"")
                }
            }
        }
        return out + "</g>\n"
    }

    // MARK: - Text beside a page

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

    // MARK: - Helpers

    func num(_ value: Double) -> String { TerminalView.number(value) }

    func clip(_ text: String, _ limit: Int) -> String { text.count > limit ? String(text.prefix(limit)) + "…" : text }

    /// Escapes text for HTML element content and double- or single-quoted attributes.
    func esc(_ text: String) -> String { HTMLReport.escape(text) }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += "&#10;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
