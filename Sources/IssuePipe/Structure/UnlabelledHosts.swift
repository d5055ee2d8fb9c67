extension StaffParser {
    /// The hosts from the first page with a staff box, where they stand in or
    /// right beside the box (within four lines of it), whose band then takes
    /// their lines too.
    func takeUnlabelledHosts(_ pages: [PageLines], into result: inout Result) {
        guard let page = pages.first(where: { result.bands[$0.page] != nil }), let band = result.bands[page.page],
              let (hosts, lines) = unlabelledHosts(page) else { return }
        let size = lines.map(\.size).max() ?? 10
        let top = lines.map(\.box.y0).min() ?? 0, bottom = lines.map(\.box.y1).max() ?? 0
        guard top <= band.upperBound + 4 * size, bottom >= band.lowerBound - 4 * size else { return }
        result.hosts = hosts
        result.bands[page.page] = min(top, band.lowerBound)...max(bottom, band.upperBound)
        let readings = lines.map { "'\($0.text)'" }.joined(separator: ", ")
        result.warnings.append(Warning(code: "lexicon-corrected",
                                       message: "hosts read without their label: \(readings), taken as the lexicon's \(hosts.joined(separator: ", "))",
                                       page: page.page))
    }

    /// OCR may lose the hosts' label (主办) or all of it but its last character
    /// (`办：天津滨海综合发展研究院`), and then reads the hosts as two plain lines.
    /// On a page where the staff box was read, a stack of OCR lines, one under
    /// the other in one column, each reading as a different known host, is the
    /// hosts, in the order printed. One line alone is not taken: the box and the
    /// cover print the publisher's name, a host's too, as a line of its own.
    func unlabelledHosts(_ page: PageLines) -> (hosts: [String], lines: [TextLine])? {
        let known = lexicon?.hosts ?? []
        guard known.count >= 2 else { return nil }
        let read = page.lines.compactMap { line -> (line: TextLine, host: String)? in
            guard line.confidence != nil else { return nil }
            let text = line.text.withoutWhitespace
            guard let host = known.first(where: {
                text.count <= $0.count + 3 && EditDistance.substringSimilarity($0, in: text) >= 0.8
            }) else { return nil }
            return (line, host)
        }.sorted { $0.line.box.y0 < $1.line.box.y0 }
        var stack: [(line: TextLine, host: String)] = []
        for next in read {
            if let last = stack.last, stacked(last.line, next.line), !stack.contains(where: { $0.host == next.host }) {
                stack.append(next)
            } else if stack.count >= 2 {
                break
            } else {
                stack = [next]
            }
        }
        guard stack.count >= 2 else { return nil }
        return (stack.map(\.host), stack.map(\.line))
    }

    /// The next line of a column: under it within a line's pitch, starting
    /// within three characters of it (under a label's value, or the label lost).
    private func stacked(_ upper: TextLine, _ lower: TextLine) -> Bool {
        let size = max(upper.size, lower.size)
        return lower.box.y0 > upper.box.y0 && lower.box.y0 - upper.box.y1 <= 1.2 * size
            && abs(lower.box.x0 - upper.box.x0) <= 3 * size
    }
}
