import Foundation

/// One page of the report: its heading, the page image with every stage's boxes over it.
extension HTMLReport {
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
            let ref = item.line ?? "\(page.number)"
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
}
