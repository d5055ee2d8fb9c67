/// What OCR left of the masthead and the staff box before the first title on a
/// scan: the publication's own names misread (`天津听海综合发展研究院`,
/// `双周决策观察'地方虐作况点追中`), a staff or contacts line the staff box did not
/// take, or a line read as noise. None of it is article text.
struct FrontMatterLeftovers {
    /// The publication's own names (title, subtitle, publisher, hosts; the title and subtitle joined, as a running head prints them).
    let names: [String]
    /// The staff box's role and contact labels (编辑, 电话).
    let labels: [String]
    /// A block read below this mean confidence, and short, is noise.
    var noiseConfidence = 0.5
    var noiseMaxLetters = 25

    /// Whether an OCR block before the first title is such a leftover.
    func contains(_ block: CleanBlock) -> Bool {
        guard block.ocr ?? false else { return false }
        let key = block.text.comparisonKey
        let letters = block.text.filter(\.isLetter).count
        if let confidence = block.confidence, confidence < noiseConfidence, letters < noiseMaxLetters { return true }
        if labels.contains(where: { !$0.isEmpty && key.hasPrefix($0.comparisonKey) }) { return true }
        return names.contains { name in
            let known = name.comparisonKey
            guard known.count >= 4 else { return false }
            // The name inside a longer line (the host name before a staff line it was read into), or misread alone.
            return key.prefix(known.count + 2).contains(known)
                || (key.count <= known.count * 3 / 2 && EditDistance.similarity(known, key) >= 0.6)
        }
    }
}
