/// The geometry of a staff box: lines cut where a role or contact label
/// starts, names stacked under a role, and the band the box takes on its page.
enum StaffLines {
    /// A line printing several fields (`编辑：贺然 金敏毓 统筹：史继平`), or OCR
    /// reading two columns of the box as one line, is cut where each label
    /// starts, each piece getting its share of the line's box.
    /// `columnEnds`: names (the known hosts) that end the column beside the box's.
    static func splittingAtLabels(_ page: PageLines, labels: [String], columnEnds: [String] = []) -> PageLines {
        // The labels' scalars, once for all lines (nil: a label needs Foundation's search).
        let plain = PlainLabels(labels)
        let split = zip(page.lines, page.refs).flatMap { line, ref -> [(TextLine, String)] in
            let trimmed = line.text.trimmingScalars(in: StaffParser.leading)
            let startsLabelled = labels.contains { trimmed.hasPrefix($0) }
            // OCR reads a box's two columns as one line and may lose the space between
            // them (a cut beside a mark or a digit, `besideNonHan`); but a label's word
            // inside prose (五是加强统筹协调引) is no label.
            let cuts = if let scalars = plainScalars(line.text), let labels = plain.scalars {
                plainLabelOffsets(scalars, labels: labels, anywhere: startsLabelled, besideNonHan: line.confidence != nil)
            } else {
                labelOffsets(line.text, labels: labels, anywhere: startsLabelled, besideNonHan: line.confidence != nil)
            }
            let all = Set(cuts + offsetsAfterAColumn(line.text, labels: labels, columnEnds: columnEnds)).sorted()
            return (all.isEmpty ? [line] : pieces(of: line, at: all)).map { ($0, ref) }
        }
        return PageLines(page: page.page, lines: split.map(\.0), refs: split.map(\.1))
    }

    /// Where a label follows, with nothing between, a Latin letter or a known
    /// name that ends the column beside the box (the publisher's, `…研究院编辑贺然`,
    /// `…in Tianjin统筹史继平`): the two columns extracted or read as one line.
    static func offsetsAfterAColumn(_ text: String, labels: [String], columnEnds: [String]) -> [Int] {
        let characters = Array(text)
        var cuts: [Int] = []
        for offset in characters.indices.dropFirst() where labels.contains(where: { characters[offset...].starts(with: $0) }) {
            let before = String(characters[..<offset])
            if characters[offset - 1].isASCII && characters[offset - 1].isLetter || columnEnds.contains(where: before.hasSuffix) {
                cuts.append(offset)
            }
        }
        return cuts
    }

    /// Whether a line opens with a field's label: a short word, then a colon
    /// (`编糙：…`, a role OCR misread past correcting). An institution's name
    /// holds no colon, so under the hosts such a line is another field of the
    /// box, not more hosts.
    static func opensWithLabel(_ text: String) -> Bool {
        let chars = Array(text.trimmingScalars(in: StaffParser.leading).prefix(5))
        guard let colon = chars.firstIndex(where: { "：:".contains($0) }) else { return false }
        return (2...4).contains(colon) && chars[..<colon].allSatisfy { $0.unicodeScalars.allSatisfy(CJKCharacters.isHan) }
    }

    /// OCR lines with a role's word read one character off (`统敌：史继平` for
    /// 统筹) given the role's spelling: only a two-character word standing where a
    /// label stands (at the line's start or after a space) and followed by a colon
    /// (or by a space at the line's start), near exactly one role, and followed by
    /// what reads as personal names (`编印：天津滨海综合发展研究院` is another label);
    /// and a line opening with one character of exactly one role and a colon
    /// before such names (`筹：彭晓辉…`: OCR lost 统).
    /// A word that is itself one of `keeping` (the hosts' 主办, one off 主编) is no misreading.
    static func correctingRoles(_ page: PageLines, roles: [String], keeping: [String] = [], names: (String) -> Bool) -> PageLines {
        let pairs = roles.filter { $0.count == 2 }
        guard !pairs.isEmpty else { return page }
        var out = page
        out.lines = page.lines.map { line in
            guard line.confidence != nil else { return line }
            var chars = Array(line.text)
            // A role that lost a character, opening the line before its colon (`筹：彭晓辉…`, 统 unread).
            if chars.count > 2, "：:".contains(chars[1]), chars[0].unicodeScalars.allSatisfy(CJKCharacters.isHan) {
                let whole = pairs.filter { $0.contains(chars[0]) }
                let rest = String(chars[2...]).trimmingScalars(in: StaffParser.leading)
                if whole.count == 1, !rest.isEmpty, names(rest) { chars.replaceSubrange(0..<1, with: Array(whole[0])) }
            }
            // On a line that opens with a role and its colon, OCR may lose the space
            // before the next field (`编辑：王思运刘寻陈晚冬统距：周立新…`): a word and a colon is a label there.
            let opensWithRole = chars.count > 3 && roles.contains(String(chars[..<2])) && "：:".contains(chars[2])
            for start in chars.indices where start + 2 < chars.count {
                // A colon after it, or a space or the comma OCR reads a colon as
                // when it opens the line (`坊辑，藉一帆`; 统一 in prose is no role).
                let after = chars[start + 2], colon = "：:".contains(after) || (start == 0 && "，,；;".contains(after))
                // Inside a role's line, after a mark OCR read the space as, a semicolon too (`陈晓冬“统敌；周立新`).
                let inRow = opensWithRole && start > 3
                    && ("：:".contains(after) || ("；;".contains(after) && !chars[start - 1].isLetter && !chars[start - 1].isNumber))
                guard start == 0 || chars[start - 1].isWhitespace || inRow,
                      colon || inRow || (start == 0 && after.isWhitespace) else { continue }
                let word = String(chars[start..<start + 2])
                guard !roles.contains(word), !keeping.contains(word), word.unicodeScalars.allSatisfy(CJKCharacters.isHan) else { continue }
                let near = pairs.filter { EditDistance.distance($0, word) == 1 }
                let rest = String(chars[(start + 3)...]).trimmingScalars(in: StaffParser.leading)
                guard near.count == 1, !rest.isEmpty, names(rest) else { continue }
                chars.replaceSubrange(start..<start + 2, with: Array(near[0]))
            }
            var fixed = line
            fixed.text = String(chars)
            return fixed
        }
        return out
    }

    /// Character offsets (past 0) where a label starts: anywhere in a line that
    /// starts labelled (or was read by OCR), else only after a space.
    /// `besideNonHan` (OCR, which misreads a colon or a space as a mark): also where
    /// a mark or a digit stands right before or after the label (院编辑“王, 院传真022).
    static func labelOffsets(_ text: String, labels: [String], anywhere: Bool, besideNonHan: Bool = false) -> [Int] {
        if let scalars = plainScalars(text), let labels = PlainLabels(labels).scalars {
            return plainLabelOffsets(scalars, labels: labels, anywhere: anywhere, besideNonHan: besideNonHan)
        }
        return foundationLabelOffsets(text, labels: labels, anywhere: anywhere, besideNonHan: besideNonHan)
    }

    /// The text's scalars when each is a character of its own that no other
    /// sequence is canonically equivalent to (no decomposition, no combining
    /// or joining mark): printable ASCII, the middle dot, general punctuation,
    /// CJK punctuation, CJK unified ideographs and full-width forms. Foundation's
    /// search (which matches canonically equivalent forms, by character) then
    /// finds what a literal search over the scalars finds. Nil otherwise.
    static func plainScalars(_ text: String) -> [Unicode.Scalar]? {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count / 2)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0xB7, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3400...0x4DBF,
                 0x4E00...0x9FFF, 0xFF01...0xFF5E:
                out.append(scalar)
            default:
                return nil
            }
        }
        return out
    }

    /// Labels as plain scalars (see `plainScalars`), when every one is plain and not empty.
    struct PlainLabels {
        let scalars: [[Unicode.Scalar]]?

        init(_ labels: [String]) {
            var all: [[Unicode.Scalar]]? = []
            for label in labels {
                guard let scalars = plainScalars(label), !scalars.isEmpty else { all = nil; break }
                all?.append(scalars)
            }
            scalars = all
        }
    }

    /// `labelOffsets` over plain scalars (see `plainScalars`): each scalar one character.
    static func plainLabelOffsets(_ chars: [Unicode.Scalar], labels: [[Unicode.Scalar]], anywhere: Bool, besideNonHan: Bool) -> [Int] {
        var cuts = Set<Int>()
        func isWordOrProse(_ index: Int) -> Bool {
            index >= chars.count || CJKCharacters.isHan(chars[index]) || "。，；！？、".unicodeScalars.contains(chars[index])
        }
        for label in labels {
            let first = label[0], count = label.count
            var offset = 0
            while offset + count <= chars.count {
                guard chars[offset] == first, chars[offset..<(offset + count)].elementsEqual(label) else { offset += 1; continue }
                let end = offset + count
                let marked = besideNonHan && offset > 0 && (!isWordOrProse(offset - 1) || !isWordOrProse(end))
                if offset > 0, anywhere || Character(chars[offset - 1]).isWhitespace || marked { cuts.insert(offset) }
                offset = end
            }
        }
        return cuts.sorted()
    }

    /// `labelOffsets` through Foundation's search, for any text.
    static func foundationLabelOffsets(_ text: String, labels: [String], anywhere: Bool, besideNonHan: Bool) -> [Int] {
        var cuts = Set<Int>()
        let chars = Array(text)
        for label in labels {
            var searchFrom = text.startIndex
            while let found = text.range(of: label, range: searchFrom..<text.endIndex) {
                let offset = text.distance(from: text.startIndex, to: found.lowerBound)
                let end = offset + label.count
                // Prose punctuation before or after a role's word is prose (…基础上，统筹谋划…), not a misread colon.
                func isWordOrProse(_ index: Int) -> Bool {
                    index >= chars.count || chars[index].unicodeScalars.contains(where: CJKCharacters.isHan) || "。，；！？、".contains(chars[index])
                }
                let marked = besideNonHan && offset > 0 && (!isWordOrProse(offset - 1) || !isWordOrProse(end))
                if offset > 0, anywhere || chars[offset - 1].isWhitespace || marked { cuts.insert(offset) }
                searchFrom = found.upperBound
            }
        }
        return cuts.sorted()
    }

    /// Where the lines on line `index`'s baseline start, up to it: a wrapped
    /// value goes on below one of them (a cut piece keeps its row's start).
    static func rowStarts(of index: Int, in page: PageLines) -> [Double] {
        let line = page.lines[index]
        return page.lines.filter { $0.box.verticalOverlap(line.box) > 0.6 && $0.box.x0 <= line.box.x0 }.map(\.box.x0)
    }

    /// The lines on line `index`'s baseline that run on from it, left to right,
    /// each within 3 of its size of the next: one row of text, not a box's columns.
    static func row(of index: Int, in page: PageLines) -> [TextLine] {
        let line = page.lines[index]
        let baseline = page.lines.filter { $0.box.verticalOverlap(line.box) > 0.6 }.sorted { $0.box.x0 < $1.box.x0 }
        guard let at = baseline.firstIndex(where: { $0.box == line.box }) else { return [line] }
        let runsOn = { (left: TextLine, right: TextLine) in right.box.x0 - left.box.x1 < 3 * line.size }
        var lower = at, upper = at
        while lower > 0, runsOn(baseline[lower - 1], baseline[lower]) { lower -= 1 }
        while upper + 1 < baseline.count, runsOn(baseline[upper], baseline[upper + 1]) { upper += 1 }
        return Array(baseline[lower...upper])
    }

    /// The lines to the right of line `index` on its baseline, nearest first.
    static func rightOf(_ index: Int, in page: PageLines) -> [TextLine] {
        let line = page.lines[index]
        return page.lines.filter { $0.box.x0 > line.box.x1 - 1 && $0.box.verticalOverlap(line.box) > besideOverlap }
            .sorted { $0.box.x0 < $1.box.x0 }
    }

    /// How much of the shorter line's height a piece beside a line shares with
    /// it: OCR's box for a short label can sit a few points off the value beside
    /// it (`传真：` 4 pt below its number), and rows of a staff box share none.
    static let besideOverlap = 0.35

    static func pieces(of line: TextLine, at cuts: [Int]) -> [TextLine] {
        let text = Array(line.text)
        let bounds = [0] + cuts + [text.count]
        return zip(bounds, bounds.dropFirst()).compactMap { lower, upper in
            let piece = String(text[lower..<upper]).trimmingScalars(in: .whitespaces)
            guard !piece.isEmpty else { return nil }
            let width = line.box.width
            let box = Box(x0: line.box.x0 + width * Double(lower) / Double(text.count), y0: line.box.y0,
                          x1: line.box.x0 + width * Double(upper) / Double(text.count), y1: line.box.y1)
            return TextLine(text: piece, box: box, font: line.font, size: line.size, bold: line.bold,
                            spans: [TextSpan(text: piece, box: box, font: line.font, size: line.size, bold: line.bold)],
                            confidence: line.confidence)
        }
    }

    /// The names standing one per line below the role at `index`, starting at one of `xs`.
    static func column(below index: Int, in page: PageLines, at xs: [Double], isLabelled: (String) -> Bool,
                       shiftedStart: (String) -> Bool = { _ in false }) -> [TextLine] {
        let role = page.lines[index]
        var previous = role
        var found: [TextLine] = []
        // A line that lost its first characters to OCR (`图书馆档案馆` for 泰达图书馆档案馆) starts
        // further right: where `shiftedStart` knows it for a piece of a name, anywhere under the role's line.
        func aligned(_ below: TextLine) -> Bool {
            xs.contains(where: { abs(below.box.x0 - $0) < role.size * 1.5 })
                || (below.box.x0 > role.box.x0 && below.box.x0 < role.box.x1 && shiftedStart(below.text))
        }
        for below in page.lines[(index + 1)...] where aligned(below) && below.box.y0 > previous.box.y0 {
            // More names, not the text under the box: short, set like the role's line (OCR sizes are estimates).
            guard below.box.y0 - previous.box.y1 < 1.5 * role.size, !isLabelled(below.text),
                  looksLikeNames(below.text), below.text.withoutWhitespace.count <= 16,
                  below.confidence != nil || abs(below.size - role.size) <= 0.2 * role.size else { break }
            found.append(below)
            previous = below
        }
        return found
    }

    /// Names and institutions, not a sentence: no sentence punctuation, short tokens.
    static func looksLikeNames(_ text: String) -> Bool {
        // Plain scalars (see `plainScalars`) are a character each: counted and tested as scalars.
        if let scalars = plainScalars(text) {
            var run = 0
            for scalar in scalars {
                if "。，；！？（）(),;!?".unicodeScalars.contains(scalar) { return false }
                if scalar.properties.isWhitespace { run = 0 } else { run += 1; if run > 24 { return false } }
            }
            return true
        }
        return !text.contains { "。，；！？（）(),;!?".contains($0) }
            && text.split(whereSeparator: \.isWhitespace).allSatisfy { $0.count <= 24 }
    }

    /// The vertical band the box's lines take on their page, with the short
    /// lines stacked just above the first role (the publisher's names in the box).
    static func band(of used: [TextLine], in page: PageLines) -> ClosedRange<Double>? {
        guard var top = used.map(\.box.y0).min(), let bottom = used.map(\.box.y1).max() else { return nil }
        let size = used.map(\.size).max() ?? 10
        for _ in 0..<4 {
            let above = page.lines.filter { $0.box.y1 <= top + 1 && top - $0.box.y1 < 2.5 * size }
            guard !above.isEmpty, above.allSatisfy({ $0.text.count <= 60 && looksLikeNames($0.text) }),
                  let next = above.map(\.box.y0).min() else { break }
            top = next
        }
        // A notice set under the box as the page's last text (`内部资料 免费交流`
        // under a back cover's imprint, read by OCR as a line of its own, v8512)
        // belongs to the box, not to the article the page's text ends.
        var foot = bottom
        let below = page.lines.filter { $0.box.y0 >= bottom - 1 && $0.box.y0 - bottom < 2.5 * size }
        if !below.isEmpty, below.allSatisfy({ $0.text.withoutWhitespace.count <= 20 && looksLikeNames($0.text) }),
           let end = below.map(\.box.y1).max(), !page.lines.contains(where: { $0.box.y0 > end }) {
            foot = end
        }
        return top...foot
    }
}
