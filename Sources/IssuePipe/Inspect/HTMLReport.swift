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

    // MARK: - Top bar

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
