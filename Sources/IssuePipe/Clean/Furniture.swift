import Foundation

/// Finds the lines that are page furniture rather than content: running
/// headers and footers, page numbers and decorations.
enum FurnitureDetector {
    /// Key of a line as a repeated header: its letters, with digits folded to
    /// `#` and spaces and punctuation left out (OCR reads `·` as `.` or nothing).
    /// A number at either end is left out too: OCR joins the page number printed
    /// beside a header to it (`2024年第11期-3-`), and a mark misread after it
    /// would otherwise set the key apart (`2024年第11阴：`).
    static func repeatKey(_ text: String) -> String {
        let key = foldedKey(text)
        let trimmed = key.trimmingCharacters(in: CharacterSet(charactersIn: "#"))
        return trimmed.isEmpty ? key : trimmed
    }

    private static func foldedKey(_ text: String) -> String {
        var key = ""
        for s in text.unicodeScalars {
            // A number of any length is one `#`: page 9 and page 10 share a key.
            if s.properties.numericType != nil {
                if key.last != "#" { key.append("#") }
            } else if s.properties.isAlphabetic {
                key.unicodeScalars.append(s)
            }
        }
        return key
    }

    static func pageNumbers(_ rules: FurnitureRules) -> [NSRegularExpression] {
        (rules.pageNumbers ?? FurnitureRules.defaultPageNumbers).compactMap { try? NSRegularExpression(pattern: $0) }
    }

    static func isPageNumber(_ text: String, _ patterns: [NSRegularExpression]) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// A line in a page's top or bottom band: a running header or footer if it repeats.
    /// `sizeRatio`: the line's size against the median of its page's lines.
    struct Candidate {
        var ref: String; var page: Int; var key: String; var midY: Double; var tolerance: Double; var height: Double
        var text = ""
        var sizeRatio: Double = 1
        var x0: Double = 0, x1: Double = 0
        var midX: Double { (x0 + x1) / 2 }
        /// Its characters, spaces left out.
        var length: Int = 0
        var size: Double = 0
        /// The page's top-most or bottom-most line.
        var atEdge = false
        /// OCR's mean word confidence; nil on a text layer.
        var confidence: Double?
    }

    /// Reasons by `page:line` reference.
    /// `names`: the publication's own names, which its running heads print;
    /// `issueLabels`: the masthead's forms of an issue label, which they print too.
    static func detect(_ pages: [PageLayout], rules: FurnitureRules, names: [String] = [],
                       issueLabels: [String] = []) -> [String: String] {
        let similarity = rules.scanSimilarity ?? 0.7
        var (reasons, candidates, pageNumbers) = marginLines(pages, rules: rules)
        let textPages = pages.filter { !$0.lines.isEmpty }.map(\.number)
        let minRepeats = rules.minRepeats ?? max(2, Int(((rules.repeatShare ?? 0.3) * Double(textPages.count)).rounded(.up)))
        // OCR misreads a character here and there: on OCR pages (few, and slow
        // anyway) near-equal keys count as the same line, on any page.
        let ocrPages = Set(pages.filter { $0.method == .ocr }.map(\.number))
        let scanRepeats = (min(minRepeats, rules.scanMinRepeats ?? 3), rules.scanMinKeyLetters ?? 8)
        let outerPages = textPages.count > 2 ? Set([textPages.min(), textPages.max()].compactMap { $0 }) : []
        for (ref, reason) in repeatedLines(candidates, ocrPages: ocrPages, minRepeats: minRepeats, similarity: similarity,
                                           scanRepeats: scanRepeats, outerPages: outerPages) {
            reasons[ref] = reason
        }
        let rows = headerRows(pages, reasons: reasons, ocrPages: ocrPages, rowHeight: rules.headerRowPoints ?? 6)
        for candidate in candidates where ocrPages.contains(candidate.page) && reasons[candidate.ref] == nil {
            if rows.contains(where: { abs($0.midY - candidate.midY) <= candidate.tolerance
                && EditDistance.similarity($0.key, candidate.key) >= similarity }) {
                reasons[candidate.ref] = runningReason(candidate)
            }
        }
        for candidate in namingThePublication(candidates, names: names, reasons: reasons, ocrPages: ocrPages, rules: rules)
            + printingTheIssueLabel(candidates, labels: issueLabels.compactMap { Pattern($0) }, reasons: reasons, ocrPages: ocrPages,
                                    rules: rules) {
            reasons[candidate.ref] = runningReason(candidate)
        }
        for (ref, reason) in placedLikeRunningLines(candidates, reasons: reasons, ocrPages: ocrPages, rules: rules) {
            reasons[ref] = reason
        }
        for (ref, reason) in shapedLikeRunningLines(candidates, reasons: reasons, ocrPages: ocrPages, rules: rules) {
            reasons[ref] = reason
        }
        for (ref, reason) in garbledAtRunningHeight(candidates, reasons: reasons, ocrPages: ocrPages, rules: rules) {
            reasons[ref] = reason
        }
        for (ref, reason) in fragmentsOfRunningLines(candidates, reasons: reasons, ocrPages: ocrPages, similarity: similarity) {
            reasons[ref] = reason
        }
        // A number misread around its digits is found by its digits first, then
        // one misread past its digits by where those numbers stand.
        let numberedAsPages = numberedAsTheirPages(candidates, numbers: pageNumbers, reasons: reasons, ocrPages: ocrPages)
        for candidate in numberedAsPages { reasons[candidate.ref] = "page-number" }
        for candidate in carryingTheirPageNumber(candidates, numbers: pageNumbers + numberedAsPages, reasons: reasons,
                                                 ocrPages: ocrPages, rules: rules) {
            reasons[candidate.ref] = runningReason(candidate)
        }
        for ref in misreadPageNumbers(candidates, numbers: pageNumbers + numberedAsPages, reasons: reasons, ocrPages: ocrPages,
                                      rules: rules) {
            reasons[ref] = "page-number"
        }
        for ref in specksBeyondRunningLines(pages, reasons: reasons) { reasons[ref] = "margin-speck" }
        for ref in SpeckLines.refs(pages, reasons: reasons) { reasons[ref] = "speck" }
        return reasons
    }

    /// A scan's line of one or two marks between a running header and the
    /// page's top edge, or a running footer and its bottom (`及` over
    /// `双周决策观察 · 地方工作亮点追踪`, v10716), is a speck: no text stands there.
    static func specksBeyondRunningLines(_ pages: [PageLayout], reasons: [String: String]) -> [String] {
        pages.filter { $0.method == .ocr }.flatMap { page -> [String] in
            let running = page.lines.indices.filter { reasons["\(page.number):\($0)"]?.hasPrefix("running-") == true }
            let header = running.filter { reasons["\(page.number):\($0)"] == "running-header" }.map { page.lines[$0].box.y0 }.min()
            let footer = running.filter { reasons["\(page.number):\($0)"] == "running-footer" }.map { page.lines[$0].box.y1 }.max()
            return page.lines.indices.compactMap { index -> String? in
                let ref = "\(page.number):\(index)", line = page.lines[index]
                guard reasons[ref] == nil, line.text.filter({ !$0.isWhitespace }).count <= marginSpeckMaxCharacters,
                      header.map({ line.box.y1 <= $0 }) == true || footer.map({ line.box.y0 >= $0 }) == true else { return nil }
                return ref
            }
        }
    }

    /// A band line after the cover that names the publication, in type no larger
    /// than `scanPositionMaxSize` of its page's lines, is its running head however
    /// few pages repeat it: alternating heads print each version on every other
    /// page, and OCR pages misread some of those. On an OCR page the name may be
    /// read `scanSimilarity` alike.
    /// A name this long (`双周决策观察地方工作亮点追踪`, the title and subtitle
    /// as a running head joins them) no headline reads like by chance: a scanned
    /// line naming it may be set as large as the page's text (OCR sized a head
    /// in 8 pt as 9 pt among 10.5 pt lines, v10701).
    static let longNameLetters = 10

    static func namingThePublication(_ candidates: [Candidate], names: [String], reasons: [String: String],
                                     ocrPages: Set<Int>, rules: FurnitureRules) -> [Candidate] {
        let keys = names.map(repeatKey).filter { $0.count >= 2 }
        let similarity = rules.scanSimilarity ?? 0.7
        return candidates.filter { candidate in
            let ocr = ocrPages.contains(candidate.page)
            guard candidate.page > 1, reasons[candidate.ref] == nil, candidate.sizeRatio <= max(1, maxSize(rules, ocr: ocr)) else { return false }
            let least = ocr ? similarity : 1
            return keys.contains { key in
                let largest = ocr && key.count >= longNameLetters ? 1 : maxSize(rules, ocr: ocr)
                return candidate.sizeRatio <= largest && EditDistance.substringSimilarity(key, in: candidate.key) >= least
            }
        }
    }

    /// A band line after the cover that is an issue label and nothing more
    /// (`2022 年第 22 期`; a page number beside it may stay, `第 5 页` too, v12411), in type no larger
    /// than `scanPositionMaxSize` of its page's lines, is a running head however
    /// few pages repeat it: an alternating head prints it on every other page
    /// only, and on a mixed document OCR misreads some of those. Only forms
    /// that give the number count (a line of the year alone is not a label).
    static func printingTheIssueLabel(_ candidates: [Candidate], labels: [Pattern], reasons: [String: String],
                                      ocrPages: Set<Int> = [], rules: FurnitureRules) -> [Candidate] {
        guard !labels.isEmpty else { return [] }
        let numbers = pageNumbers(rules)
        return candidates.filter { candidate in
            guard candidate.page > 1, reasons[candidate.ref] == nil,
                  candidate.sizeRatio <= maxSize(rules, ocr: ocrPages.contains(candidate.page)) else { return false }
            return labels.contains { label in
                guard let m = label.match(candidate.text), m["number"] != nil,
                      let start = Int(m["_start"] ?? ""), let end = Int(m["_end"] ?? "") else { return false }
                let utf16 = Array(candidate.text.utf16)
                let rest = String(decoding: utf16[..<start] + utf16[end...], as: UTF16.self)
                return !rest.unicodeScalars.contains { $0.properties.isAlphabetic }
                    || isPageNumber(rest.trimmingCharacters(in: .whitespaces), numbers)
            }
        }
    }

    /// The largest a line may be set, against its page's median line, to be
    /// taken for a running head by what it reads: `scanPositionMaxSize` on an
    /// OCR page (sizes are guesses there); on a text layer, whose sizes are
    /// exact, `textHeadMaxSize`: smaller than the body (a 9 pt head over 10.5
    /// pt text, 0.857, read as a heading of a mixed issue's text pages, v10415).
    static func maxSize(_ rules: FurnitureRules, ocr: Bool) -> Double {
        ocr ? rules.scanPositionMaxSize ?? 0.85 : textHeadMaxSize
    }

    static let textHeadMaxSize = 0.95

    /// An OCR page's header misread past recognition (`人届也炎区所）2024芷村下`)
    /// is still where the other pages carry theirs, and smaller than the page's
    /// text: a band line at the height of running furniture (found, or an edge
    /// line too garbled to read) on `scanPositionMinPages` other pages, at most
    /// `scanPositionMaxSize` of the page's median line size, is that furniture
    /// too. Where alternating heads are misread on most pages and found on one,
    /// small edge lines at that height on other pages count towards the pages.
    /// Body lines at the top of a page are the page's own size and stay.
    static func placedLikeRunningLines(_ candidates: [Candidate], reasons: [String: String], ocrPages: Set<Int>,
                                       rules: FurnitureRules) -> [String: String] {
        let minPages = rules.scanPositionMinPages ?? 2, maxSize = rules.scanPositionMaxSize ?? 0.85
        let placed = candidates.filter { reasons[$0.ref].map { $0.hasPrefix("running-") || $0 == unreadableMargin } ?? false }
        let open = candidates.filter { ocrPages.contains($0.page) && reasons[$0.ref] == nil && $0.sizeRatio <= maxSize }
        let openEdges = open.filter(\.atEdge)
        var found: [String: String] = [:]
        for candidate in open {
            func pages(_ lines: [Candidate]) -> Set<Int> {
                Set(lines.filter { $0.page != candidate.page && abs($0.midY - candidate.midY) <= candidate.tolerance }.map(\.page))
            }
            var seen = pages(placed)
            if candidate.atEdge, !seen.isEmpty { seen.formUnion(pages(openEdges)) }
            if seen.count >= minPages { found[candidate.ref] = runningReason(candidate) }
        }
        return found
    }

    /// OCR sizes a scanned running head like the body as often as not, and may
    /// misread most of it (`戏同天于司字2024年洁了里【总市277`, v10302): an OCR
    /// page's edge line standing where running lines were found on
    /// `scanPositionMinPages` other pages, each end within `shapeShiftEms` of
    /// theirs, and reading at least `shapeSimilarity` like one of them, is that
    /// furniture too, in type up to the body's (`shapeMaxSize` of the page's
    /// lines: a headline centred at a page's top is larger). A body line at a
    /// page's top is set to the text's width and reads like no running head
    /// (0.0 to 0.05 alike; a head misread past recognition, a fifth or more).
    static func shapedLikeRunningLines(_ candidates: [Candidate], reasons: [String: String], ocrPages: Set<Int>,
                                       rules: FurnitureRules) -> [String: String] {
        let minPages = rules.scanPositionMinPages ?? 2
        // Edge lines too garbled to read count as the other pages' heads too (a
        // right head `2024年第3期` read `2021年第2区` among them, v10405).
        let placed = candidates.filter { reasons[$0.ref].map { $0.hasPrefix("running-") || $0 == unreadableMargin } ?? false }
        var found: [String: String] = [:]
        for candidate in candidates where ocrPages.contains(candidate.page) && reasons[candidate.ref] == nil && candidate.atEdge
            && candidate.sizeRatio <= shapeMaxSize {
            let shift = shapeShiftEms * candidate.size
            let alike = placed.filter { line in
                line.page != candidate.page && abs(line.midY - candidate.midY) <= candidate.tolerance
                    && abs(line.x0 - candidate.x0) <= shift && abs(line.x1 - candidate.x1) <= shift
            }
            guard Set(alike.map(\.page)).count >= minPages,
                  alike.contains(where: { EditDistance.similarity($0.key, candidate.key) >= shapeSimilarity }) else { continue }
            found[candidate.ref] = runningReason(candidate)
        }
        return found
    }

    static let shapeShiftEms = 2.0, shapeSimilarity = 0.18, shapeMaxSize = 1.1

    /// A scanned running head misread and sized like the body, or larger
    /// (`2P4平第11` read at 0.38 where `2024年第11期` is printed, v10914;
    /// `半生禾着人2021年第` boxed 11.5 pt over a 10 pt body, v10918): an OCR
    /// page's edge line in the band of `garbledMinCharacters` or more, read at
    /// less than `garbledConfidence` (a line of text at a page's top reads at
    /// 0.8 and more, as a rule), is that furniture too where a running line
    /// (or an unreadable edge line) stands at its height on another page, and
    /// such lines or edge lines read as poorly on `scanPositionMinPages`. A
    /// headline at a page's top is larger and read well; a section label read
    /// poorly there (`|安徽）`) is short, and two of them are no running line.
    static func garbledAtRunningHeight(_ candidates: [Candidate], reasons: [String: String], ocrPages: Set<Int>,
                                       rules: FurnitureRules) -> [String: String] {
        let minPages = rules.scanPositionMinPages ?? 2
        let garbled = candidates.filter { candidate in
            ocrPages.contains(candidate.page) && candidate.atEdge && candidate.sizeRatio <= garbledMaxSize
                && (candidate.confidence ?? 1) < garbledConfidence
        }
        let placed = candidates.filter { reasons[$0.ref].map { $0.hasPrefix("running-") || $0 == unreadableMargin } ?? false }
        var found: [String: String] = [:]
        for candidate in garbled where reasons[candidate.ref] == nil && candidate.length >= garbledMinCharacters {
            func pages(_ lines: [Candidate]) -> Set<Int> {
                Set(lines.filter { $0.page != candidate.page && abs($0.midY - candidate.midY) <= candidate.tolerance }.map(\.page))
            }
            let running = pages(placed)
            if !running.isEmpty, running.union(pages(garbled)).count >= minPages { found[candidate.ref] = runningReason(candidate) }
        }
        return found
    }

    static let garbledConfidence = 0.65, garbledMaxSize = 1.25, garbledMinCharacters = 5

    /// OCR reads a piece of a scanned running head and nothing of the rest
    /// (`地方.` of `双周决策观察 · 地方工作亮点追踪`), and sizes the piece like the
    /// body: an OCR page's edge line whose letters (two or more) stand in a
    /// running line found at its height on another page, within that line's
    /// width, is that furniture too, whatever its size. Under
    /// `fragmentMinFuzzyLetters` letters they must stand there exactly.
    static func fragmentsOfRunningLines(_ candidates: [Candidate], reasons: [String: String], ocrPages: Set<Int>,
                                        similarity: Double) -> [String: String] {
        let found = candidates.filter { reasons[$0.ref]?.hasPrefix("running-") == true }
        var fragments: [String: String] = [:]
        for candidate in candidates where ocrPages.contains(candidate.page) && reasons[candidate.ref] == nil
            && candidate.atEdge && candidate.key.count >= 2 {
            let holding = found.contains { line in
                guard line.page != candidate.page, abs(line.midY - candidate.midY) <= candidate.tolerance,
                      candidate.x0 >= line.x0 - candidate.size, candidate.x1 <= line.x1 + candidate.size else { return false }
                return candidate.key.count < fragmentMinFuzzyLetters ? line.key.contains(candidate.key)
                    : EditDistance.substringSimilarity(candidate.key, in: line.key) >= similarity
            }
            if holding { fragments[candidate.ref] = runningReason(candidate) }
        }
        return fragments
    }

    static let fragmentMinFuzzyLetters = 4

    /// An OCR page's short band line holding one number, which is its page's
    /// number as the page numbers found count them (printed minus physical,
    /// the same on at least two pages), and at most `numberedMaxOtherCharacters`
    /// other characters, its page's top or bottom row: a page number whose 第 or 页 OCR misread (`某6页`,
    /// `弟8页`), wherever the others stand (alternating sides leave a page
    /// few others at its place).
    static func numberedAsTheirPages(_ candidates: [Candidate], numbers: [Candidate], reasons: [String: String],
                                     ocrPages: Set<Int>) -> [Candidate] {
        guard let (offset, agreeing) = printedOffset(numbers), agreeing >= 2 else { return [] }
        return candidates.filter { candidate in
            ocrPages.contains(candidate.page) && reasons[candidate.ref] == nil && candidate.atEdge
                && candidate.length <= pageNumberMaxCharacters
                && onlyNumber(in: candidate.text) == candidate.page + offset
                && candidate.text.filter({ !$0.isWhitespace && !LineBreaking.isDigit($0) }).count <= numberedMaxOtherCharacters
        }
    }

    static let numberedMaxOtherCharacters = 2

    /// How the page numbers found count the pages (printed minus physical), the
    /// commonest way (the smaller on a tie), and on how many pages.
    static func printedOffset(_ numbers: [Candidate]) -> (offset: Int, pages: Int)? {
        let offsets = Dictionary(grouping: numbers.compactMap { number in onlyNumber(in: number.text).map { $0 - number.page } }, by: { $0 })
        return offsets.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }).map { ($0.key, $0.value.count) }
    }

    /// An OCR page's head misread past knowing but for the page number printed
    /// at its end or start (`20人第2项-3-` for `2025 年第 21 期 -3-` on page 3,
    /// the other pages' heads not read at all, v12503): its page's top or bottom
    /// row, in the band, no larger than `scanPositionMaxSize` of the page's
    /// lines, with a piece of two to `headNumberMaxCharacters` characters at an
    /// end that is a page number (the pipeline's forms) giving its page's
    /// number as the page numbers found count them (as printed where none were).
    static func carryingTheirPageNumber(_ candidates: [Candidate], numbers: [Candidate], reasons: [String: String],
                                        ocrPages: Set<Int>, rules: FurnitureRules) -> [Candidate] {
        let offset = printedOffset(numbers)?.offset ?? 0
        let patterns = pageNumbers(rules), maxSize = rules.scanPositionMaxSize ?? 0.85
        return candidates.filter { candidate in
            guard ocrPages.contains(candidate.page), reasons[candidate.ref] == nil, candidate.atEdge,
                  candidate.sizeRatio <= maxSize else { return false }
            let characters = Array(candidate.text)
            guard characters.count >= 4 else { return false }
            func isItsNumber(_ piece: ArraySlice<Character>, beside: Character?) -> Bool {
                guard beside.map(LineBreaking.isDigit) != true else { return false }
                let text = String(piece).trimmingCharacters(in: .whitespaces)
                return isPageNumber(text, patterns) && onlyNumber(in: text) == candidate.page + offset
            }
            return (2...min(headNumberMaxCharacters, characters.count - 2)).contains { k in
                isItsNumber(characters.suffix(k), beside: characters[characters.count - k - 1])
                    || isItsNumber(characters.prefix(k), beside: characters[k])
            }
        }
    }

    static let headNumberMaxCharacters = 7

    /// The one run of ASCII digits in `text`, nil when there is none or more than one.
    static func onlyNumber(in text: String) -> Int? {
        let runs = text.split(whereSeparator: { !LineBreaking.isDigit($0) })
        return runs.count == 1 ? Int(runs[0]) : nil
    }

    /// An OCR page's page number misread past its shape (`第上页`, `党6页`,
    /// `第7约`) is still where the other pages print theirs: a short line in
    /// the band, its page's top or bottom row (not a paragraph's last line
    /// above the number), centred within `pageNumberShiftEms` of its size on the page
    /// numbers found on `scanPositionMinPages` other pages at its height.
    static func misreadPageNumbers(_ candidates: [Candidate], numbers: [Candidate], reasons: [String: String], ocrPages: Set<Int>,
                                   rules: FurnitureRules) -> [String] {
        let minPages = rules.scanPositionMinPages ?? 2
        return candidates.filter { candidate in
            guard ocrPages.contains(candidate.page), reasons[candidate.ref] == nil, candidate.atEdge,
                  candidate.length <= pageNumberMaxCharacters else { return false }
            let pages = Set(numbers.filter {
                $0.page != candidate.page && abs($0.midY - candidate.midY) <= candidate.tolerance
                    && abs($0.midX - candidate.midX) <= pageNumberShiftEms * candidate.size
            }.map(\.page))
            return pages.count >= minPages
        }.map(\.ref)
    }

    static let pageNumberMaxCharacters = 6
    /// The share of the page's height at its top and bottom where an edge line outside the margin band may be a page number.
    static let pageNumberEdgeShare = 0.25
    static let speckSizeShare = 0.5, speckConfidence = 0.5

    /// Whether a box lies within a larger one, but for an edge (`insideShare` of
    /// its width and height).
    static func liesInside(_ box: Box, _ other: Box) -> Bool {
        box.width <= other.width && box.height <= other.height
            && box.horizontalOverlap(other) >= insideShare && box.verticalOverlap(other) >= insideShare
    }

    static let insideShare = 0.8

    /// Three or more of 一, dashes and underscores, and nothing else.
    static func isRule(_ text: String) -> Bool { CJKCharacters.isRuleReading(text, atLeast: 3) }

    /// A line OCR read as fewer such marks whose box is far too wide for them
    /// (`一一` across the whole text width, a header's rule, v8919).
    static func isRule(_ line: TextLine) -> Bool {
        let marks = line.text.filter { !$0.isWhitespace }.count
        return isRule(line.text) || (CJKCharacters.isRuleReading(line.text, atLeast: 1)
            && line.box.width > ruleWidthPerMark * Double(marks) * max(line.box.height, 1))
    }

    /// How many times its height one mark's share of a rule's box is wide at least.
    static let ruleWidthPerMark = 8.0
    static let unreadableMargin = "unreadable-margin"

    /// A run of `longNumberDigits` or more digits: a phone number, a date as citations print it.
    static func holdsLongNumber(_ text: String) -> Bool {
        text.split(whereSeparator: { !LineBreaking.isDigit($0) }).contains { $0.count >= longNumberDigits }
    }

    static let longNumberDigits = 6
    static let pageNumberShiftEms = 2.0

    /// A scan's edge line of one or two marks (`人，`, `/`: a header's rule or
    /// bleed-through OCR read) set away from where any line of text starts: a
    /// paragraph's last line carried to the top of a page starts at its column's edge.
    static func isMarginSpeck(_ line: TextLine, lineStarts: [Double]) -> Bool {
        line.text.filter { !$0.isWhitespace }.count <= marginSpeckMaxCharacters
            && !lineStarts.contains { abs(line.box.x0 - $0) <= marginSpeckEms * line.size }
    }

    static let marginSpeckMaxCharacters = 2
    static let marginSpeckEms = 3.0

    /// Where the page's lines of text (six characters or more) start.
    static func lineStarts(_ page: PageLayout) -> [Double] {
        page.lines.filter { $0.text.count >= 6 }.map(\.box.x0)
    }

    /// How much of the shorter line's height two lines share to sit on one row.
    static let sameRowOverlap = 0.5

    /// Decorations and page numbers, found line by line, and the lines in the
    /// top or bottom band that may be running headers or footers.
    /// `pageNumbers`: where the page numbers found stand.
    static func marginLines(_ pages: [PageLayout], rules: FurnitureRules)
        -> (reasons: [String: String], candidates: [Candidate], pageNumbers: [Candidate]) {
        let band = rules.marginBand ?? 0.1
        let decorations = (rules.decorations ?? []).compactMap { Pattern($0) }
        let pageNumbers = pageNumbers(rules)
        let shift = rules.scanShift ?? 0.03, textShift = rules.textShift ?? 0.012, minShift = rules.minShiftPoints ?? 6
        let unreadable = rules.scanUnreadableConfidence ?? 0.3
        var reasons: [String: String] = [:]
        var candidates: [Candidate] = [], numbers: [Candidate] = []
        for page in pages {
            let sizes = page.lines.map(\.size).sorted()
            let medianSize = sizes.isEmpty ? 0 : sizes[sizes.count / 2]
            // The top-most and bottom-most lines: a page number can sit outside the
            // band (government documents print it at ~89% of the height).
            let topmost = page.lines.indices.min { page.lines[$0].box.y0 < page.lines[$1].box.y0 }
            let bottommost = page.lines.indices.max { page.lines[$0].box.y1 < page.lines[$1].box.y1 }
            for (index, line) in page.lines.enumerated() {
                let ref = "\(page.number):\(index)"
                let text = line.text
                if decorations.contains(where: { $0.matches(in: text) }) {
                    reasons[ref] = "decoration"
                    continue
                }
                let inBand = page.height > 0 && (line.box.y1 < page.height * band || line.box.y0 > page.height * (1 - band))
                // The whole top or bottom row: a page number beside the running head on its baseline is at the edge too.
                // Only in its own half of the page: a last page's text may stop a third of the way down, and
                // its bottom row is a staff box's wrapped number (`940`), no footer.
                let half = page.height / 2
                let atEdge = page.lines.count > 1 && [(topmost, line.box.midY < half), (bottommost, line.box.midY > half)].contains { edge, inHalf in
                    inHalf && (edge.map { $0 == index || line.box.verticalOverlap(page.lines[$0].box) > Self.sameRowOverlap } ?? false)
                }
                // A scanned sheet sits a little higher or lower on each page: more room there.
                let tolerance = page.method == .ocr ? page.height * shift : max(minShift, page.height * textShift)
                func candidate() -> Candidate {
                    Candidate(ref: ref, page: page.number, key: repeatKey(text), midY: line.box.midY, tolerance: tolerance,
                              height: page.height, text: text, sizeRatio: medianSize > 0 ? line.size / medianSize : 1,
                              x0: line.box.x0, x1: line.box.x1,
                              length: text.filter { !$0.isWhitespace }.count, size: line.size,
                              atEdge: atEdge, confidence: line.confidence)
                }
                // (At the edge only in the page's outer quarters: a cover whose text stops at 60%
                // of its height ends on a staff box's wrapped `2940`, no page number, v10503.)
                let outer = line.box.midY < page.height * Self.pageNumberEdgeShare || line.box.midY > page.height * (1 - Self.pageNumberEdgeShare)
                if inBand || (atEdge && outer), isPageNumber(text, pageNumbers) {
                    reasons[ref] = "page-number"
                    numbers.append(candidate())
                    continue
                }
                // A scanned sheet that sits low puts its header's row just under the band.
                let shiftedOutOfBand = atEdge && page.method == .ocr
                    && (line.box.y0 < page.height * (band + shift) || line.box.y1 > page.height * (1 - band - shift))
                // A scan's header or footer OCR could not read (`双届雪生让村2全音20基第2中`)
                // matches no other page's: the page's edge line in the band (or just out
                // of it: a page number read `区尖` 0.3 pt above it, v10903), read at a
                // confidence no text line has, is furniture all the same. Not one OCR read a
                // long number in (`传歇：022-66222940`, the fax at a back cover's foot, v12505;
                // a citation's date): those digits were read, and no head prints such a number.
                if inBand || shiftedOutOfBand, atEdge, page.method == .ocr, let confidence = line.confidence, confidence < unreadable,
                   !holdsLongNumber(line.text) {
                    reasons[ref] = unreadableMargin
                    candidates.append(candidate())
                    continue
                }
                // Specks or a rule's edge read as letters in a line of their own among
                // the text (`台E`, `上，7一`: 3–4.5 pt among 10.5 pt lines, v8105), read
                // with little confidence or as a letter or two (`SS`, v9308); small
                // print is read confidently. (In the bands such a line may be the
                // running head's: it stays a candidate.)
                if !inBand, !atEdge, page.method == .ocr, line.size < Self.speckSizeShare * medianSize,
                   let confidence = line.confidence, confidence < Self.speckConfidence || text.count <= 2 {
                    reasons[ref] = "speck"
                    continue
                }
                // A letter or two read inside another line's box is that line's ink read a
                // second time by a reread (`四` over the `运` ending a line, v10005).
                if page.method == .ocr, text.count <= 2, let confidence = line.confidence,
                   page.lines.enumerated().contains(where: { other in
                       other.offset != index && (other.element.confidence ?? 0) > confidence && Self.liesInside(line.box, other.element.box)
                   }) {
                    reasons[ref] = "speck"
                    continue
                }
                // A rule OCR read as a row of 一 or dashes in the margin band, alone on
                // its row, is the running head's (its rule, v9302), and tells where the
                // running head stands on its page as the head does. (Among the text a
                // rule read so still parts what it parts: a contents panel's, v9501.)
                if inBand, page.method == .ocr, Self.isRule(line), !page.lines.enumerated().contains(where: { other in
                    other.offset != index && other.element.box.verticalOverlap(line.box) > Self.sameRowOverlap
                }) {
                    let rule = candidate()
                    reasons[ref] = runningReason(rule)
                    candidates.append(rule)
                    continue
                }
                if inBand, atEdge, page.method == .ocr, isMarginSpeck(line, lineStarts: lineStarts(page)) {
                    reasons[ref] = "margin-speck"
                    continue
                }
                // A running header starts in the top band (and may reach below it); a footer ends in the bottom one.
                let startsInBand = page.height > 0
                    && (line.box.y0 < page.height * band || line.box.y1 > page.height * (1 - band))
                guard startsInBand || shiftedOutOfBand else { continue }
                candidates.append(candidate())
            }
        }
        return (reasons, candidates, numbers)
    }

    /// Candidates repeated at about the same height on enough pages: running headers and footers.
    /// `scanRepeats`: the repeats enough for an OCR page's line of at least `letters` letters.
    /// `outerPages`: the first and last page. A line repeated there only is
    /// what a cover and a back cover share (the contacts at the foot of both,
    /// a five-page issue, v12514), not a line that runs through the issue.
    static func repeatedLines(_ candidates: [Candidate], ocrPages: Set<Int>, minRepeats: Int, similarity: Double,
                              scanRepeats: (count: Int, letters: Int)? = nil, outerPages: Set<Int> = []) -> [String: String] {
        let byKey = Dictionary(grouping: candidates, by: \.key)
        var reasons: [String: String] = [:]
        for candidate in candidates {
            var matches = byKey[candidate.key, default: []]
            if ocrPages.contains(candidate.page) {
                matches += candidates.filter { $0.key != candidate.key && EditDistance.similarity($0.key, candidate.key) >= similarity }
            }
            let pagesSeen = Set(matches.filter {
                abs($0.midY - candidate.midY) <= candidate.tolerance
            }.map(\.page))
            let needed = ocrPages.contains(candidate.page) && candidate.key.count >= (scanRepeats?.letters ?? .max)
                ? scanRepeats?.count ?? minRepeats : minRepeats
            if pagesSeen.count >= needed, !pagesSeen.isSubset(of: outerPages) { reasons[candidate.ref] = runningReason(candidate) }
        }
        return reasons
    }

    /// OCR reads a header printed in two parts (left and right) as one line:
    /// the text pages' header parts on one row, joined left to right, to compare it with.
    static func headerRows(_ pages: [PageLayout], reasons: [String: String], ocrPages: Set<Int>,
                           rowHeight: Double) -> [(key: String, midY: Double)] {
        var rows: [(key: String, midY: Double)] = []
        for page in pages where !ocrPages.contains(page.number) {
            let parts = page.lines.indices.filter { reasons["\(page.number):\($0)"]?.hasPrefix("running-") == true }
                .map { page.lines[$0] }
            for row in Dictionary(grouping: parts, by: { Int($0.box.midY / rowHeight) }).values where row.count > 1 {
                let key = row.sorted { $0.box.x0 < $1.box.x0 }.map { repeatKey($0.text) }.joined()
                rows.append((key, row[0].box.midY))
            }
        }
        return rows
    }

    static func runningReason(_ candidate: Candidate) -> String {
        candidate.midY < candidate.height / 2 ? "running-header" : "running-footer"
    }
}
