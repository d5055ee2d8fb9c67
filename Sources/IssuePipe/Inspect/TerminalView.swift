import Foundation

/// A stage `inspect --stage` can show.
public enum InspectStage: String, CaseIterable, Sendable {
    case extract, judge, ocr, clean, structure
}

/// The terminal views of `issuepipe inspect`: a table of every page, and one
/// stage's output for one page, readable rather than raw JSON.
public struct TerminalView: Sendable {
    public let inspection: Inspection
    public var width: Int
    public var style: TerminalStyle

    public init(_ inspection: Inspection, width: Int = TerminalText.terminalWidth, color: Bool = false) {
        self.inspection = inspection
        self.width = width
        self.style = TerminalStyle(enabled: color)
    }

    var dumps: StageDumps { inspection.dumps }

    // MARK: - Summary

    /// One row per page: method and the judge's reasons, lines found, lines
    /// dropped (by reason), blocks formed, OCR confidence, warnings. Then the
    /// dropped lines grouped by text, and the warnings in full.
    public func summary() -> String {
        var out = header()
        let rows: [[String]] = inspection.pages.map { page in
            [
                "\(page.number)",
                page.method.rawValue,
                page.reasons.joined(separator: "; "),
                "\(page.readLines.count)",
                page.furniture.isEmpty ? "0" : "\(page.furniture.count) (\(Self.reasonCounts(page.furniture)))",
                blocksCell(page),
                page.confidence.map { String(format: "%.2f", $0) } ?? "—",
                Self.warningCodes(page.warnings),
            ]
        }
        out += "\n" + TerminalText.table(
            header: ["page", "method", "judge's reasons", "lines", "dropped", "blocks", "ocr conf", "warnings"],
            rows: rows, alignRight: [0, 3, 6], maxWidths: [2: 30, 4: 34])
        out += furnitureSummary()
        out += warningsSummary()
        return out
    }

    func header() -> String {
        let source = dumps.extract.source
        var facts = ["\(source.pageCount) page\(source.pageCount == 1 ? "" : "s")"]
        if let issue = dumps.structure {
            facts.insert("pipeline \(issue.pipeline.name) \(issue.pipeline.version)", at: 0)
            facts.append("\(issue.articles.count) articles")
        }
        if let clean = dumps.clean {
            facts.append("\(clean.blocks.count) blocks, body text \(Self.number(clean.bodySize)) pt")
        }
        let missing = [("judge", dumps.judge == nil), ("ocr", dumps.ocr == nil), ("clean", dumps.clean == nil),
                       ("structure", dumps.structure == nil)].filter(\.1).map(\.0)
        var out = style.bold(source.file) + "  " + facts.joined(separator: " · ") + "\n"
        if let folder = dumps.folder { out += style.dim("stage dumps: \(folder.path)") + "\n" }
        if !missing.isEmpty { out += style.yellow("missing stage dumps: \(missing.joined(separator: ", "))") + "\n" }
        return out
    }

    func blocksCell(_ page: Inspection.PageFacts) -> String {
        let continued = page.blocks.count - page.blocksStartingHere.count
        return continued > 0 ? "\(page.blocksStartingHere.count) +\(continued) cont." : "\(page.blocksStartingHere.count)"
    }

    static func reasonCounts(_ furniture: [FurnitureLine]) -> String {
        var counts: [String: Int] = [:]
        for item in furniture { counts[item.reason, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { "\($0.value) \(shortReason($0.key))" }.joined(separator: ", ")
    }

    static func shortReason(_ reason: String) -> String {
        switch reason {
        case "running-header": "header"
        case "running-footer": "footer"
        case "page-number": "page no."
        case "decoration": "decor."
        case "unreadable-margin": "unread"
        default: reason
        }
    }

    static func warningCodes(_ warnings: [Warning]) -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for warning in warnings {
            if counts[warning.code] == nil { order.append(warning.code) }
            counts[warning.code, default: 0] += 1
        }
        return order.map { counts[$0]! > 1 ? "\($0) ×\(counts[$0]!)" : $0 }.joined(separator: ", ")
    }

    func furnitureSummary() -> String {
        let all = dumps.clean?.furniture ?? []
        guard !all.isEmpty else { return "" }
        struct Key: Hashable { var reason: String; var text: String }
        var pages: [Key: [Int]] = [:]
        var order: [Key] = []
        for item in all {
            let key = Key(reason: item.reason, text: item.reason == "page-number" ? "(page numbers)" : item.text)
            if pages[key] == nil { order.append(key) }
            pages[key, default: []].append(item.page)
        }
        order.sort { ($0.reason, pages[$0]!.first!) < ($1.reason, pages[$1]!.first!) }
        var out = "\n" + style.bold("Dropped by clean") + "\n"
        let reasonWidth = order.map { TerminalText.displayWidth($0.reason) }.max() ?? 0
        let textWidth = min(order.map { TerminalText.displayWidth($0.text) }.max() ?? 0, max(20, width - reasonWidth - 24))
        for key in order {
            let where_ = "page\(pages[key]!.count == 1 ? "" : "s") \(Self.ranges(pages[key]!))"
            out += "  " + TerminalText.pad(key.reason, to: reasonWidth) + "  "
                + TerminalText.pad(key.text, to: textWidth) + "  " + style.dim(where_) + "\n"
        }
        return out
    }

    func warningsSummary() -> String {
        let warnings = dumps.warnings
        guard !warnings.isEmpty else { return "" }
        var out = "\n" + style.bold("Warnings") + "\n"
        for warning in warnings {
            let page = warning.page.map { "p.\($0) " } ?? ""
            out += "  " + style.yellow(warning.code) + "  " + page + warning.message + "\n"
        }
        return out
    }

    /// `[2,3,4,7]` as `2–4, 7`.
    static func ranges(_ numbers: [Int]) -> String {
        let sorted = Array(Set(numbers)).sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end > index ? "\(sorted[index])–\(sorted[end])" : "\(sorted[index])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
            .replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    static func box(_ box: Box) -> String {
        "\(number(box.x0)),\(number(box.y0))–\(number(box.x1)),\(number(box.y1))"
    }

    // MARK: - One stage, one page

    /// That stage's output for that page.
    public func stage(_ stage: InspectStage, page number: Int) throws -> String {
        guard let page = inspection.page(number) else {
            throw InspectError.noSuchPage(page: number, pageCount: inspection.pages.count)
        }
        let title = style.bold("Page \(number) · \(stage.rawValue)")
        let body: String
        switch stage {
        case .extract: body = extractView(page)
        case .judge: body = judgeView(page)
        case .ocr: body = ocrView(page)
        case .clean: body = cleanView(page)
        case .structure: body = structureView(page)
        }
        return title + "\n" + body
    }

    func missing(_ stage: String) -> String {
        style.yellow("no \(StageDumper(folder: nil).fileName(for: stage)) in the stage dumps") + "\n"
    }

    func extractView(_ page: Inspection.PageFacts) -> String {
        var out = style.dim("\(Self.number(page.width)) × \(Self.number(page.height)) pt, \(page.extractLines.count) lines from the text layer; boxes in points from the top-left corner") + "\n\n"
        guard !page.extractLines.isEmpty else { return out + "(no text layer on this page)\n" }
        out += linesTable(page.extractLines, page: page.number, confidence: false)
        return out
    }

    /// Lines as a table: index, box, font, size, bold, text; spans under lines that mix styles.
    func linesTable(_ lines: [TextLine], page: Int, confidence: Bool) -> String {
        let fixed = lines.indices.map { i -> [String] in
            let line = lines[i]
            var row = ["\(page):\(i)", Self.box(line.box), FontStyle.baseName(line.font), Self.number(line.size), line.bold ? "B" : ""]
            if confidence { row.append(line.confidence.map { String(format: "%.2f", $0) } ?? "—") }
            return row
        }
        var header = ["line", "box", "font", "size", "bold"]
        if confidence { header.append("conf") }
        header.append("text")
        var widths = header.indices.map { i in i < header.count - 1 ? TerminalText.displayWidth(header[i]) : 0 }
        for row in fixed { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TerminalText.displayWidth(cell)) } }
        widths[2] = min(widths[2], 22)
        let textWidth = max(20, width - widths.dropLast().reduce(0, +) - 2 * (header.count - 1))
        var out = zip(header.dropLast(), widths).map { TerminalText.pad($0, to: $1) }.joined(separator: "  ") + "  text\n"
        for (i, row) in fixed.enumerated() {
            let prefix = zip(row, widths).enumerated().map { index, pair in
                TerminalText.pad(pair.0, to: pair.1, alignRight: index == 3)
            }.joined(separator: "  ") + "  "
            let wrapped = TerminalText.wrap(lines[i].text, width: textWidth)
            out += prefix + wrapped[0] + "\n"
            for more in wrapped.dropFirst() { out += String(repeating: " ", count: TerminalText.displayWidth(prefix)) + more + "\n" }
            // Runs of one style, shown when a line mixes styles (a bold lead-in, a smaller note).
            let runs = Self.styleRuns(lines[i].spans)
            if runs.count > 1 {
                for run in runs {
                    let detail = "  \(FontStyle.baseName(run.font)) \(Self.number(run.size))\(run.bold ? " B" : "") \(Self.box(run.box)): "
                    out += String(repeating: " ", count: 4) + style.dim(detail)
                        + TerminalText.truncate(run.text, to: max(10, width - 4 - TerminalText.displayWidth(detail))) + "\n"
                }
            }
        }
        return out
    }

    /// Consecutive spans of the same font, size and weight merged into one.
    static func styleRuns(_ spans: [TextSpan]) -> [TextSpan] {
        var runs: [TextSpan] = []
        for span in spans {
            if let last = runs.last, last.font == span.font, last.size == span.size, last.bold == span.bold {
                runs[runs.count - 1] = TextSpan(text: last.text + span.text, box: last.box.union(span.box),
                                                font: last.font, size: last.size, bold: last.bold)
            } else {
                runs.append(span)
            }
        }
        return runs
    }

    func judgeView(_ page: Inspection.PageFacts) -> String {
        guard let verdict = dumps.judge?.pages.first(where: { $0.page == page.number }) else { return missing("judge") }
        let characters = page.extractLines.reduce(0) { $0 + $1.text.count }
        var out = "verdict: \(style.bold(verdict.verdict.rawValue))\n"
        out += "reasons:\n" + (verdict.reasons.isEmpty ? "  (none given)\n" : verdict.reasons.map { "  - \($0.summary): \($0.message)\n" }.joined())
        out += "text layer: \(page.extractLines.count) lines, \(characters) characters\n"
        let warnings = (dumps.judge?.warnings ?? []).filter { $0.page == page.number }
        for warning in warnings { out += style.yellow("warning \(warning.code)") + ": \(warning.message)\n" }
        return out
    }

    func ocrView(_ page: Inspection.PageFacts) -> String {
        guard let ocr = dumps.ocr, let read = ocr.pages.first(where: { $0.number == page.number }) else { return missing("ocr") }
        var out = ""
        if read.method == .text {
            out += "method: text (the text layer, not OCR): the later stages read the \(read.lines.count) extract lines\n"
        } else {
            let confidence = read.confidence.map { String(format: "%.2f", $0) } ?? "—"
            out += "method: \(style.bold("ocr")), mean confidence \(confidence), \(read.lines.count) lines\n"
        }
        for warning in ocr.warnings where warning.page == page.number {
            out += style.yellow("warning \(warning.code)") + ": \(warning.message)\n"
        }
        if read.method == .ocr {
            out += "\n" + (read.lines.isEmpty ? "(tesseract found no text)\n" : linesTable(read.lines, page: page.number, confidence: true))
        }
        return out
    }

    func cleanView(_ page: Inspection.PageFacts) -> String {
        guard let clean = dumps.clean else { return missing("clean") }
        var out = style.dim("body text \(Self.number(clean.bodySize)) pt; \(page.blocks.count) blocks with lines on this page") + "\n"
        for index in page.blocks {
            let block = clean.blocks[index]
            let use = inspection.blockUses[index]
            let role = use.map { "\($0.label) of article \($0.article + 1)" } ?? "not in an article"
            let styleText = "\(Self.number(block.size)) pt\(block.bold ? " bold" : "")"
            var head = "\n" + style.bold("block \(index + 1)") + "  \(role) · \(styleText) · ends: \(block.endReason ?? "—")"
            if block.provenance.first?.page != page.number {
                head += style.dim("  (continued from page \(block.provenance.first?.page ?? 0))")
            }
            out += head + "\n"
            out += style.dim("  joined from " + Self.lineList(block.lines)) + "\n"
            for line in TerminalText.wrap(block.text, width: width - 4) { out += "    " + line + "\n" }
        }
        if !page.furniture.isEmpty {
            out += "\n" + style.bold("dropped as furniture") + "\n"
            for item in page.furniture {
                let ref = item.line ?? "\(page.number):?"
                out += "  " + TerminalText.pad(item.reason, to: 15) + "  " + TerminalText.pad(ref, to: 6) + "  "
                    + style.strike(item.text) + style.dim("  " + Self.box(item.box)) + "\n"
            }
        }
        return out
    }

    /// `2:3 2:4 2:5 3:0` as `2:3–5, 3:0`.
    static func lineList(_ refs: [String]) -> String {
        var parts: [String] = []
        var runStart: (page: Int, line: Int)?
        var previous: (page: Int, line: Int)?
        func close() {
            guard let start = runStart, let end = previous else { return }
            parts.append(end.line > start.line ? "\(start.page):\(start.line)–\(end.line)" : "\(start.page):\(start.line)")
        }
        for ref in refs {
            let pieces = ref.split(separator: ":").compactMap { Int($0) }
            guard pieces.count == 2 else { close(); runStart = nil; previous = nil; parts.append(ref); continue }
            let current = (page: pieces[0], line: pieces[1])
            if let p = previous, p.page == current.page, p.line + 1 == current.line {
                previous = current
                continue
            }
            close()
            runStart = current
            previous = current
        }
        close()
        return parts.joined(separator: ", ")
    }

    func structureView(_ page: Inspection.PageFacts) -> String {
        guard let issue = dumps.structure else { return missing("structure") }
        var out = ""
        // The masthead and contents are read from the cover.
        if page.number == 1 { out += masthead(issue) }
        let articles = inspection.articles(on: page.number)
        if articles.isEmpty { out += "no article has text on this page\n" }
        for index in articles {
            let article = issue.articles[index]
            let section = article.section.map { "【\($0)】" } ?? ""
            out += "\n" + style.bold("article \(index + 1): \(section)\(article.title)")
                + style.dim("  pages \(Self.ranges(article.pages)), \(article.blocks.count) blocks") + "\n"
            for (blockIndex, block) in article.blocks.enumerated() where block.provenance?.contains(where: { $0.page == page.number }) ?? false {
                let pagesOfBlock = Array(Set((block.provenance ?? []).map(\.page))).sorted()
                let note = pagesOfBlock.count > 1 ? style.dim(" (pages \(Self.ranges(pagesOfBlock)))") : ""
                out += "  " + style.cyan("\(blockIndex + 1). \(block.kind.rawValue)") + note + "\n"
                for line in TerminalText.wrap(block.text, width: width - 6) { out += "      " + line + "\n" }
            }
            if !article.sources.isEmpty, article.blocks.last?.provenance?.contains(where: { $0.page == page.number }) ?? false {
                out += "  " + style.dim("sources: " + article.sources.map { "\($0.name) \($0.date)" }.joined(separator: "; ")) + "\n"
            }
        }
        return out
    }

    func masthead(_ issue: IssueDocument) -> String {
        var out = style.bold("masthead") + "\n"
        let p = issue.publication, i = issue.issue
        let fields: [(String, String?)] = [
            ("title", p.title), ("subtitle", p.subtitle), ("publisher", p.publisher), ("publisherEn", p.publisherEn),
            ("hosts", p.hosts?.joined(separator: "、")),
            ("issue", [i.year.map { "\($0)" }, i.number.map { "no. \($0)" }, i.cumulativeNumber.map { "cumulative \($0)" }]
                .compactMap { $0 }.joined(separator: ", ")),
            ("printDate", i.printDate),
        ]
        for (name, value) in fields { if let value, !value.isEmpty { out += "  " + TerminalText.pad(name, to: 12) + value + "\n" } }
        for entry in issue.staff ?? [] { out += "  " + TerminalText.pad(entry.role, to: 12) + entry.names.joined(separator: "、") + "\n" }
        if !issue.contents.isEmpty {
            out += style.bold("contents") + "\n"
            for (n, entry) in issue.contents.enumerated() {
                out += "  \(n + 1). " + (entry.section.map { "【\($0)】" } ?? "") + entry.title + "\n"
            }
        }
        return out
    }
}
