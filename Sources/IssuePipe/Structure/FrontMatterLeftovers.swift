/// What OCR left of the masthead and the staff box before the first title on a
/// scan: the publication's own names misread (`天津听海综合发展研究院`,
/// `双周决策观察'地方虐作况点追中`), a staff or contacts line the staff box did not
/// take, or a line read as noise. None of it is article text.
struct FrontMatterLeftovers {
    /// The publication's own names (title, subtitle, publisher, hosts; the title and subtitle joined, as a running head prints them).
    let names: [String]
    /// The staff box's role and contact labels (编辑, 电话).
    let labels: [String]
    /// A block read below this mean confidence, and short (fewer letters than
    /// `noiseMaxLetters` a line), is noise: rows of a garbled contents page
    /// run together (`天津出台措施扒动低息经济高计量刘` over `《广东】四本和`…).
    var noiseConfidence = 0.5
    var noiseMaxLetters = 25
    /// The masthead's issue-label forms and the issue's year and number as the
    /// cover gave them: a running head prints that label (`2024年第11期`).
    var issueLabels: [Pattern] = []
    var issue: (year: Int, number: Int)? = nil
    /// The issue's label as a running head prints it (`masthead.printedLabel` filled in).
    var printedLabel: String? = nil
    /// A running head OCR misread past the furniture's matching is at most this long.
    static let runningHeadMaxLength = 40

    /// Whether an OCR block before the first title is such a leftover.
    func contains(_ block: CleanBlock) -> Bool {
        guard block.ocr ?? false else { return false }
        let key = block.text.comparisonKey
        let letters = block.text.filter(\.isLetter).count
        if let confidence = block.confidence, confidence < noiseConfidence, letters < noiseMaxLetters * max(1, block.lines.count) { return true }
        if labels.contains(where: { !$0.isEmpty && key.hasPrefix($0.comparisonKey) }) { return true }
        return names.contains { name in
            let known = name.comparisonKey
            guard known.count >= 4 else { return false }
            // The name inside a longer line (the host name before a staff line it was read into), or misread alone.
            return key.prefix(known.count + 2).contains(known)
                || (key.count <= known.count * 3 / 2 && EditDistance.similarity(known, key) >= 0.6)
        }
    }

    /// Whether a line is nothing but the publication's names, printed whole
    /// (`天津滨海综合发展研究院。Binhai Research Institute in Tianjin`, the head of
    /// a staff box on the last article's page, v8919): marks and spaces aside,
    /// at most two letters are left when each name is taken out once.
    func isNamesOnly(_ text: String) -> Bool {
        let letters = { (s: String) in String(s.precomposedStringWithCompatibilityMapping.lowercased().filter { $0.isLetter || $0.isNumber }) }
        var rest = letters(text)
        let before = rest.count
        for name in names.map(letters).sorted(by: { $0.count > $1.count }) where name.count >= 4 {
            if let found = rest.range(of: name) { rest.removeSubrange(found) }
        }
        return rest.count <= 2 && before - rest.count >= 8
    }

    /// Whether a block's letters and digits are a piece of the printed label
    /// that holds two or more of its own characters, not the filled-in numbers
    /// only (`24年第` of 2024年第3期; not `2024年`, which text says too). A
    /// piece of four or more may have one of four misread (`-23年第`, v8516).
    static func isPiece(_ key: String, of label: String) -> Bool {
        let piece = key.filter { $0.isLetter || $0.isNumber }, whole = label.filter { $0.isLetter || $0.isNumber }
        guard piece.count >= 3, piece.count < whole.count, piece.filter({ !$0.isNumber }).count >= 2 else { return false }
        return whole.contains(piece) || (piece.count >= 4 && EditDistance.substringSimilarity(piece, in: whole) >= 0.75)
    }

    /// Whether an OCR block inside an article is a running head (or the
    /// publisher's name on a back page) OCR misread past the furniture's
    /// matching: one short line holding the issue's own label (`信癌决生下全地方工作守点沪哇2024年第11期`)
    /// or one of the publication's names read near enough (`双阅决各玉察地方了和作…`).
    func isRunningHead(_ block: CleanBlock) -> Bool {
        guard block.ocr ?? false, block.lines.count == 1 else { return false }
        if isNamesOnly(block.text) { return true }
        guard block.text.count <= Self.runningHeadMaxLength else { return false }
        let key = block.text.comparisonKey
        // The label as printed, ending in 期 (a fallback form's `2024年第20批` is a phrase of text).
        if let issue, issueLabels.contains(where: { form in
            guard let m = form.match(key), let end = Int(m["_end"] ?? ""),
                  String(decoding: Array(key.utf16.prefix(end)), as: UTF16.self).hasSuffix("期") else { return false }
            return Int(m["year"] ?? "") == issue.year && Int(m["number"] ?? "") == issue.number
        }) { return true }
        if let printedLabel, Self.isPiece(key, of: printedLabel) { return true }
        return names.contains { name in
            let known = name.comparisonKey
            return known.count >= 6 && key.count <= known.count * 2 && EditDistance.substringSimilarity(known, in: key) >= 0.6
        }
    }
}
