import Foundation
import Testing
@testable import IssuePipe

/// The contents reader's fast paths (keys decoded once, comparisons the
/// lengths alone rule out skipped, the first candidate alike enough
/// answering) against the straightforward computations they replace, on
/// seeded random headlines, contents rows and names: close pairs, ties,
/// OCR readings and texts outside the plain scalars.
@Suite struct ContentsFastPathTests {
    static let pieces: [String] = ["上海", "北京", "发布", "新质生产力", "加快", "推动", "设备更新", "以旧换新", "消费品", "各地",
                                   "积极", "大规模", "出台", "实施方案", "自贸区", "高水平", "制度型开放", "和", "的", "1", "2024",
                                   "“", "”", "：", "《", "》", " ", "a", "AI", "Ａ", "e\u{301}", "é", "\u{3000}", "😀", "—"]

    static func randomText(_ rng: inout SeededGenerator, _ range: ClosedRange<Int>) -> String {
        (0..<Int.random(in: range, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    /// `text` with a few pieces inserted, dropped or replaced, or cut short.
    static func edited(_ text: String, _ rng: inout SeededGenerator) -> String {
        var chars = Array(text)
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            let piece = Array(pieces.randomElement(using: &rng)!)
            let at = Int.random(in: 0...chars.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: chars.insert(contentsOf: piece, at: at)
            case 1 where at < chars.count: chars.remove(at: at)
            case 2 where at < chars.count: chars[at] = piece[0]
            default: chars = Array(chars.prefix(max(1, chars.count * 2 / 3)))
            }
        }
        return String(chars)
    }

    /// Random headline blocks on pages 2 to 4, some below body size, some read
    /// by OCR (their first lines are candidates too), some repeated (ties).
    static func blocks(_ rng: inout SeededGenerator) -> [CleanBlock] {
        var texts: [String] = []
        return (0..<Int.random(in: 0...14, using: &rng)).map { index in
            let text = !texts.isEmpty && Bool.random(using: &rng) && Int.random(in: 0..<3, using: &rng) == 0
                ? texts.randomElement(using: &rng)! : randomText(&rng, 1...9)
            texts.append(text)
            let page = Int.random(in: 2...4, using: &rng), y = Double(Int.random(in: 0...40, using: &rng)) * 20
            let ocr = Int.random(in: 0..<4, using: &rng) == 0
            let lines = (0..<Int.random(in: 1...3, using: &rng)).map { "\(page):\(index * 4 + $0)" }
            return CleanBlock(text: text, provenance: [Provenance(page: page, box: Box(x0: 60, y0: y, x1: 400, y1: y + 16))],
                              lines: lines, size: [10, 12, 14, 18].randomElement(using: &rng)!, bold: Bool.random(using: &rng),
                              endReason: "style", ocr: ocr ? true : nil, confidence: ocr ? 0.8 : nil)
        }
    }

    /// `ContentsMatching.likeness` as it was written before the scalar version.
    static func likeness(_ entry: String, _ title: String, ocr: Bool) -> Double {
        let whole = EditDistance.similarity(entry, title)
        let n = min(entry.characterCount(atMost: 12), title.characterCount(atMost: 12))
        guard ocr, whole < ContentsMatching.ocrThreshold, n >= 6 else { return whole }
        return EditDistance.similarity(String(entry.prefix(n)), String(title.prefix(n))) >= 0.85 ? ContentsMatching.ocrThreshold : whole
    }

    /// `TitleIndex.best` as it was: every candidate compared.
    static func best(_ titles: TitleIndex, _ text: String, after box: Box, page: Int, excluding: [String], ocr: Bool,
                     wrapping: TitleIndex.Match?) -> TitleIndex.Match? {
        let key = text.comparisonKey
        guard !key.isEmpty else { return nil }
        let own = Set(excluding)
        var best: TitleIndex.Match?
        for candidate in titles.candidates where titles.follows(candidate, box, page) {
            if let shorter = wrapping {
                guard candidate.blocks == shorter.blocks, TitleIndex.covers(candidate.blocks, candidate.leadingLines, moreThan: shorter),
                      candidate.key.count <= key.count + key.count / 4 + 2 else { continue }
            }
            guard candidate.refs.isDisjoint(with: own) else { continue }
            let similarity = likeness(key, candidate.key, ocr: ocr)
            if similarity > (best?.similarity ?? 0) {
                best = TitleIndex.Match(blocks: candidate.blocks, leadingLines: candidate.leadingLines, similarity: similarity,
                                        key: candidate.key)
            }
        }
        return best
    }

    /// `TitleIndex.containing` as it was: the most alike candidate.
    static func containing(_ titles: TitleIndex, _ text: String, after box: Box, page: Int) -> Double {
        let key = text.comparisonKey, length = key.count
        return titles.candidates.lazy.filter { titles.follows($0, box, page) }
            .filter { $0.key.characterCount(atMost: length) >= length }
            .map { EditDistance.substringSimilarity(key, in: $0.key) }.max() ?? 0
    }

    static func same(_ a: TitleIndex.Match?, _ b: TitleIndex.Match?) -> Bool {
        a?.blocks == b?.blocks && a?.leadingLines == b?.leadingLines && a?.similarity == b?.similarity && a?.key == b?.key
    }

    @Test func bestAndContainsAnswerAsTheFullScanDid() {
        var rng = SeededGenerator(seed: 20_261_130)
        var compared = 0, matched = 0
        for round in 0..<300 {
            let blocks = Self.blocks(&rng)
            let lineText = { (ref: String) -> String? in
                blocks.first { $0.lines.contains(ref) }.map { _ in Self.randomText(&rng, 1...4) }
            }
            var titles = TitleIndex(blocks, bodySize: 12, marker: nil, lineText: lineText)
            titles.laterPagesOnly = round % 3 == 0
            for _ in 0..<12 {
                let source = titles.candidates.randomElement(using: &rng)?.key ?? ""
                let text = switch Int.random(in: 0..<4, using: &rng) {
                case 0: source
                case 1, 2: Self.edited(source, &rng)
                default: Self.randomText(&rng, 0...8)
                }
                let page = Int.random(in: 1...3, using: &rng), y = Double(Int.random(in: 0...40, using: &rng)) * 20
                let box = Box(x0: 60, y0: y, x1: 300, y1: y + 8), ocr = Bool.random(using: &rng)
                let excluding = titles.candidates.flatMap(\.refs).filter { _ in Int.random(in: 0..<6, using: &rng) == 0 }
                let plain = titles.best(text, after: box, page: page, excluding: excluding, ocr: ocr)
                #expect(Self.same(plain, Self.best(titles, text, after: box, page: page, excluding: excluding, ocr: ocr, wrapping: nil)),
                        "\(text.debugDescription) ocr \(ocr)")
                compared += 1
                if plain != nil { matched += 1 }
                if let plain {
                    let longer = text + Self.randomText(&rng, 0...4)
                    let wrapped = titles.best(longer, after: box, page: page, excluding: excluding, ocr: ocr, wrapping: plain)
                    #expect(Self.same(wrapped, Self.best(titles, longer, after: box, page: page, excluding: excluding, ocr: ocr,
                                                         wrapping: plain)))
                }
                let most = Self.containing(titles, text, after: box, page: page)
                for threshold in [0, 0.5, 0.7, 0.85, most, 1, 1.5] {
                    #expect(titles.contains(text, after: box, page: page, atLeast: threshold) == (most >= threshold),
                            "\(text.debugDescription) at \(threshold)")
                }
            }
        }
        // The random pairs reach both answers.
        #expect(compared == 3600)
        #expect(matched > 0 && matched < compared)
    }

    /// The bounds from the scalars a text lacks (`ScalarSketch`) are never
    /// below the similarities they bound; the scalars a sketch calls missing
    /// are missing.
    @Test func sketchBoundsAreAtLeastTheSimilarities() {
        var rng = SeededGenerator(seed: 256)
        var tight = 0
        for round in 0..<4000 {
            let a = TextComparisonTests.randomText(&rng, maxPieces: round % 10 == 0 ? 150 : 25)
            let b = round % 2 == 0 ? TextComparisonTests.edited(a, &rng)
                : TextComparisonTests.randomText(&rng, maxPieces: round % 7 == 0 ? 160 : 30)
            let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    let xs = ScalarSketch(x), ys = ScalarSketch(y)
                    #expect(ys.missing(x) <= x.filter { !y.contains($0) }.count)
                    let bound = EditDistance.similarityBound(x, xs, y, ys), whole = EditDistance.similarity(a, b)
                    #expect(bound >= whole, "\(a.debugDescription) \(b.debugDescription)")
                    #expect(bound <= EditDistance.similarityBound(x.count, y.count))
                    if bound < EditDistance.similarityBound(x.count, y.count) { tight += 1 }
                    #expect(EditDistance.substringSimilarityBound(x, in: ys) >= EditDistance.substringSimilarity(a, in: b))
                }
            }
        }
        // The sketch tightens the lengths' bound on many pairs.
        #expect(tight > 500)
    }

    /// `TitleIndex.init`'s test of a block against the publication's names, as it was.
    static func isHeadline(_ block: CleanBlock, names: [String]) -> Bool {
        guard block.size >= 12 * 0.95 && (2...120).contains(block.text.characterCount(atMost: 121)) else { return false }
        let key = block.text.comparisonKey
        return !names.map(\.comparisonKey).contains { name in
            EditDistance.similarity(name, key) >= 0.8
                || (name.count * 2 >= key.count && EditDistance.substringSimilarity(name, in: key) >= 0.8)
        }
    }

    /// Blocks each on a page of its own (so no two join): one is a candidate
    /// where the old test calls it a headline, whatever the names are like.
    @Test func headlineBlocksAreThoseTheNamesTestKept() {
        var rng = SeededGenerator(seed: 1130)
        for _ in 0..<200 {
            let names = (0..<Int.random(in: 0...4, using: &rng)).map { _ in Self.randomText(&rng, 1...5) }
            let blocks = (0..<12).map { index in
                let base = names.randomElement(using: &rng).map { Bool.random(using: &rng) ? Self.edited($0, &rng) : $0 }
                    ?? Self.randomText(&rng, 1...6)
                let text = switch Int.random(in: 0..<3, using: &rng) {
                case 0: base
                case 1: base + Self.randomText(&rng, 1...4)
                default: Self.randomText(&rng, 1...8)
                }
                return CleanBlock(text: text, provenance: [Provenance(page: 10 + index, box: Box(x0: 60, y0: 80, x1: 400, y1: 98))],
                                  lines: ["\(10 + index):0"], size: [11, 12, 16].randomElement(using: &rng)!, bold: false,
                                  endReason: "style", ocr: nil, confidence: nil)
            }
            let titles = TitleIndex(blocks, bodySize: 12, marker: nil, names: names)
            #expect(titles.candidates.map(\.blocks) == blocks.indices.filter { Self.isHeadline(blocks[$0], names: names) }.map { [$0] },
                    "\(names)")
        }
    }

    /// Masthead names against rows, as `isMasthead` compared them (every name, keys made anew).
    @Test func mastheadLinesAreThoseTheFullComparisonFound() throws {
        let definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
        let rows = try contentsRowReader(definition)
        var rng = SeededGenerator(seed: 77)
        var found = 0
        for _ in 0..<300 {
            let names = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Self.randomText(&rng, 1...6) }
            let reader = ContentsReader(rows: rows, pages: [1], masthead: names, labels: [])
            for _ in 0..<10 {
                let text = names.randomElement(using: &rng).map { Self.edited($0, &rng) } ?? Self.randomText(&rng, 0...6)
                for ocr in [false, true] {
                    let old = names.contains {
                        EditDistance.similarity($0.comparisonKey, text.comparisonKey) >= (ocr ? ContentsReader.ocrThreshold : 0.8)
                    }
                    #expect(reader.isMasthead(text, ocr: ocr) == old, "\(text.debugDescription) \(names)")
                    if old { found += 1 }
                }
            }
        }
        #expect(found > 100)
    }

    /// `ContentsRowReader.bareSection` as it was.
    static func bareSection(_ text: String, sections: [String]) -> String? {
        sections.first { name in
            guard text.hasPrefix(name) else { return false }
            let rest = text.dropFirst(name.count)
            return rest.isEmpty || rest.first?.isWhitespace == true
        }
    }

    /// Plain names over plain text take the scalar path; a name or a text
    /// outside the plain scalars (a combining mark after the name, a
    /// decomposed é) takes the old one: both answer as it did.
    @Test func bareSectionsAreFoundAsBefore() throws {
        let definition = try PipelineDefinition.load(TestPaths.pipelines.appendingPathComponent("bri-biweekly.yaml"))
        let rules = try #require(definition.contents)
        let known = definition.lexicon?.sections ?? []
        var rng = SeededGenerator(seed: 31)
        let after = ["", " ", "\u{3000}", "\t", "\u{301}", "上海", "：", "a", "\u{A0}", "\n"]
        for sections in [known, ["上海", "上海市", "北京"], ["e\u{301}", "é", "上海"], ["", "北京"], []] {
            let reader = ContentsRowReader(rules: rules, marker: nil, sections: sections, sectionName: { $0 })
            for _ in 0..<800 {
                let name = (sections + Self.pieces).randomElement(using: &rng)!
                let text = name + after.randomElement(using: &rng)! + Self.randomText(&rng, 0...3)
                #expect(reader.bareSection(text) == Self.bareSection(text, sections: sections), "\(text.debugDescription) \(sections)")
            }
        }
    }
}
