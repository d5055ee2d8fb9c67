import Foundation

/// A private-use code some producers give a glyph their font has no Unicode
/// for (a decimal point drawn as U+1001B0), read once per font and code and
/// given to every occurrence. Recorded in the extract dump.
public struct GlyphRepair: Codable, Hashable, Sendable {
    public var font: String
    /// The code as the text layer has it, `U+1001B0`.
    public var code: String
    /// The character every occurrence now has; nil when none could be read (they stay as they were).
    public var reading: String?
    /// `ocr`: the sampled occurrences, read by OCR with the line around them,
    /// agreed; `context`: OCR was unsure and the glyph is a small dot between
    /// digits; `none`.
    public var method: String
    /// What OCR read at each sampled occurrence ("": nothing that fitted the line around it).
    public var readings: [String]
    /// Share of the sampled readings that gave `reading`.
    public var agreement: Double
    public var pages: [PageCount]

    public struct PageCount: Codable, Hashable, Sendable {
        public var page: Int
        public var count: Int
    }

    /// One warning per page it changed (or could not change).
    var warnings: [Warning] {
        pages.map { entry in
            let what = "\(entry.count) private-use glyph\(entry.count == 1 ? "" : "s") (\(code), font \(font))"
            guard let reading else {
                return Warning(code: "glyph-unreadable", message: "\(what) could not be read and were kept as they are", page: entry.page)
            }
            let how = method == "ocr" ? "by OCR, \(Int((agreement * 100).rounded()))% of \(readings.count) readings agreeing"
                                      : "from context (a dot between digits)"
            return Warning(code: "glyph-repaired", message: "\(what) read as '\(reading)' \(how)", page: entry.page)
        }
    }
}

/// Finds the private-use glyphs of a document and reads them. Each distinct
/// (font, code) costs a few OCR calls on small crops, whatever its count.
struct GlyphRepairer {
    /// How many occurrences of one key are read.
    static let samples = 3
    /// Beyond this many keys a font is broken, not patched: the judge sends its pages to OCR.
    static let maxKeys = 48
    /// Pages where private-use glyphs are this share of the text are left to the judge and OCR.
    static let maxPageShare = 0.2
    static let dpi = 300.0

    let document: PDFDocument
    let makeRecognizer: () throws -> any PageRecognizer
    let languages: String

    static func isPrivateUse(_ value: UInt32) -> Bool { (0xE000...0xF8FF).contains(value) || value >= 0xF0000 }

    struct Occurrence { var page: Int; var index: Int }
    typealias Key = GlyphKey

    /// Replaces every readable private-use glyph in `pages` (by page number).
    func repair(_ pages: inout [Int: PageGlyphs]) -> [GlyphRepair] {
        let found = occurrences(pages)
        guard !found.isEmpty, found.count <= Self.maxKeys else { return [] }
        var recognizer: (any PageRecognizer)?
        var renders: [Int: GrayImage] = [:]
        var repairs: [GlyphRepair] = []
        for key in found.keys.sorted() {
            let all = found[key]!
            let sampled = Self.spread(all.filter { context(pages, $0) != nil }, count: Self.samples)
            var readings: [String] = []
            for occurrence in sampled {
                if recognizer == nil { recognizer = try? makeRecognizer() }
                guard let engine = recognizer else { break }
                if renders[occurrence.page] == nil { renders[occurrence.page] = document.page(occurrence.page)?.renderGray(dpi: Self.dpi) }
                readings.append(read(occurrence, pages: pages, render: renders[occurrence.page], engine: engine))
            }
            var repair = decide(key, readings: readings, first: sampled.first.map { (pages, $0, renders) })
            if let reading = repair.reading, let scalar = reading.unicodeScalars.first {
                for occurrence in all {
                    let band = context(pages, occurrence)?.band
                    pages[occurrence.page]?.scalars[occurrence.index] = scalar
                    // Its box on its line, so lines are formed as printed.
                    if let band {
                        pages[occurrence.page]?.boxes[occurrence.index].y0 = band.lowerBound
                        pages[occurrence.page]?.boxes[occurrence.index].y1 = band.upperBound
                    }
                }
            }
            let counts = Dictionary(grouping: all, by: \.page).map { GlyphRepair.PageCount(page: $0.key, count: $0.value.count) }
            repair.pages = counts.sorted { $0.page < $1.page }
            repairs.append(repair)
        }
        return repairs
    }

    /// Every private-use glyph by font and code, on pages where they are few.
    func occurrences(_ pages: [Int: PageGlyphs]) -> [Key: [Occurrence]] {
        var found: [Key: [Occurrence]] = [:]
        for (number, page) in pages.sorted(by: { $0.key < $1.key }) {
            let marked = page.scalars.indices.filter { Self.isPrivateUse(page.scalars[$0].value) }
            guard !marked.isEmpty, Double(marked.count) <= Self.maxPageShare * Double(page.scalars.count) else { continue }
            for index in marked {
                let font = page.runs.first { $0.start <= index && index <= $0.end }?.font ?? ""
                found[Key(font: font, code: page.scalars[index].value), default: []].append(Occurrence(page: number, index: index))
            }
        }
        return found
    }

    /// `count` occurrences spread over the document (first, middle, last…).
    static func spread(_ list: [Occurrence], count: Int) -> [Occurrence] {
        guard list.count > count else { return list }
        return (0..<count).map { list[$0 * (list.count - 1) / max(1, count - 1)] }
    }

    /// The glyphs on either side of an occurrence on its line, nearest first
    /// outwards (at most three each, spaces left out), and the line's band.
    /// Found by geometry: poppler often starts a new line at a private-use
    /// glyph, whose box is its font's whole height.
    func context(_ pages: [Int: PageGlyphs], _ occurrence: Occurrence) -> (left: [Int], right: [Int], band: ClosedRange<Double>)? {
        let glyphs = pages[occurrence.page]!
        let count = min(glyphs.scalars.count, glyphs.boxes.count)
        func plain(_ j: Int) -> Bool {
            j >= 0 && j < count && glyphs.scalars[j] != "\n" && !glyphs.scalars[j].properties.isWhitespace
                && !Self.isPrivateUse(glyphs.scalars[j].value)
        }
        let nearby = [1, -1, 2, -2, 3, -3].map { occurrence.index + $0 }
        guard occurrence.index < count, let next = nearby.first(where: plain) else { return nil }
        let band = glyphs.boxes[next].y0...glyphs.boxes[next].y1, height = band.upperBound - band.lowerBound
        let own = glyphs.boxes[occurrence.index]
        let onLine = (0..<count).filter { j in
            plain(j) && min(glyphs.boxes[j].y1, band.upperBound) - max(glyphs.boxes[j].y0, band.lowerBound)
                >= min(height, glyphs.boxes[j].y1 - glyphs.boxes[j].y0) / 2
        }
        let left = onLine.filter { glyphs.boxes[$0].x1 <= own.x0 + height * 0.3 && glyphs.boxes[$0].x1 >= own.x0 - 4 * height }
            .sorted { glyphs.boxes[$0].x1 > glyphs.boxes[$1].x1 }.prefix(3).reversed()
        let right = onLine.filter { glyphs.boxes[$0].x0 >= own.x1 - height * 0.3 && glyphs.boxes[$0].x0 <= own.x1 + 4 * height }
            .sorted { glyphs.boxes[$0].x0 < glyphs.boxes[$1].x0 }.prefix(3)
        return (Array(left), Array(right), band)
    }

    /// OCR of the crop from three glyphs before to three after; the glyph's
    /// reading is what stands between the known text on either side.
    func read(_ occurrence: Occurrence, pages: [Int: PageGlyphs], render: GrayImage?, engine: any PageRecognizer) -> String {
        let glyphs = pages[occurrence.page]!
        guard let render, let (left, right, band) = context(pages, occurrence) else { return "" }
        let boxes = (left + [occurrence.index] + right).map { glyphs.boxes[$0] }
        let x0 = boxes.map(\.x0).min()!, x1 = boxes.map(\.x1).max()!
        guard let ink = render.inkBand(x: x0...x1, y: band) else { return "" }
        let em = ink.upperBound - ink.lowerBound
        let crop = Box(x0: x0 - em / 4, y0: ink.lowerBound - em / 4, x1: x1 + em / 4, y1: ink.upperBound + em / 4)
        guard let image = render.cropped(to: crop, margin: 12),
              let page = try? engine.recognize(OCRRequest(page: occurrence.page, image: image, languages: languages, pageSegMode: 7))
        else { return "" }
        let text = page.lines.flatMap(\.words).map(\.text).joined().comparisonKey
        let known = (before: left.map { String(glyphs.scalars[$0]) }.joined().comparisonKey,
                     after: right.map { String(glyphs.scalars[$0]) }.joined().comparisonKey)
        return Self.between(text, known.before, known.after)
    }

    /// What stands in `text` between `before` and `after`: one or two characters,
    /// and only where most of the known characters were read as they are.
    static func between(_ text: String, _ before: String, _ after: String) -> String {
        // OCR may read a little more at the crop's edges: the known text found as it is.
        if !before.isEmpty, !after.isEmpty, let left = text.range(of: before, options: .backwards),
           let right = text.range(of: after, range: left.upperBound..<text.endIndex) {
            let middle = text[left.upperBound..<right.lowerBound]
            return (1...2).contains(middle.count) ? String(middle) : ""
        }
        let chars = Array(text), left = Array(before), right = Array(after)
        let extra = chars.count - left.count - right.count
        guard (1...2).contains(extra) else { return "" }
        let agreeing = zip(chars.prefix(left.count), left).filter { $0 == $1 }.count
            + zip(chars.suffix(right.count), right).filter { $0 == $1 }.count
        guard agreeing * 3 >= (left.count + right.count) * 2 else { return "" }
        return String(chars[left.count..<(chars.count - right.count)])
    }

    /// The reading most samples agree on; else, for a small dot low between
    /// digits, a full stop. OCR tells a dot from a circle but not a low dot
    /// from a middle one (晋创谷·太原 read as 。): the ink decides that.
    func decide(_ key: Key, readings: [String], first: ([Int: PageGlyphs], Occurrence, [Int: GrayImage])?) -> GlyphRepair {
        var repair = GlyphRepair(font: key.font, code: key.codeText, reading: nil, method: "none", readings: readings, agreement: 0, pages: [])
        let dot = first.flatMap { pages, occurrence, renders in dotHeight(pages, occurrence, renders[occurrence.page]) }
        let counted = Dictionary(grouping: readings.filter { $0.unicodeScalars.count == 1 }, by: { $0 })
        if let best = counted.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }),
           best.value.count * 2 > readings.count {
            repair.reading = Self.dotLike.contains(best.key) && dot == .middle ? "·" : best.key
            repair.method = "ocr"
            repair.agreement = Double(best.value.count) / Double(readings.count)
        } else if dot == .low, let (pages, occurrence, _) = first, isBetweenDigits(pages, occurrence) {
            repair.reading = "."
            repair.method = "context"
        }
        return repair
    }

    static let dotLike: Set<String> = [".", "。", "·", "・", "．", "•"]
    enum DotHeight { case low, middle }

    func isBetweenDigits(_ pages: [Int: PageGlyphs], _ occurrence: Occurrence) -> Bool {
        let glyphs = pages[occurrence.page]!
        guard let (left, right, _) = context(pages, occurrence), let l = left.last, let r = right.first else { return false }
        return glyphs.scalars[l].properties.numericType != nil && glyphs.scalars[r].properties.numericType != nil
    }

    /// Where a glyph's ink sits on its printed line, if it is a small mark:
    /// no taller than a third of the line, measured over the middle half of its
    /// box (neighbours' boxes may reach into it).
    func dotHeight(_ pages: [Int: PageGlyphs], _ occurrence: Occurrence, _ render: GrayImage?) -> DotHeight? {
        let glyphs = pages[occurrence.page]!
        guard let render, let (left, right, band) = context(pages, occurrence), !(left + right).isEmpty else { return nil }
        let own = glyphs.boxes[occurrence.index], around = (left + right).map { glyphs.boxes[$0] }
        let x0 = min(own.x0, around.map(\.x0).min()!), x1 = max(own.x1, around.map(\.x1).max()!)
        guard let line = render.inkBand(x: x0...x1, y: band) else { return nil }
        let quarter = (own.x1 - own.x0) / 4, height = line.upperBound - line.lowerBound
        guard let ink = render.inkBox(in: GlyphBox(x0: own.x0 + quarter, y0: line.lowerBound, x1: own.x1 - quarter, y1: line.upperBound)),
              ink.y1 - ink.y0 <= height / 3 else { return nil }
        return (ink.y0 + ink.y1) / 2 > line.lowerBound + height * 0.65 ? .low : .middle
    }
}

extension GrayImage {
    /// The part of the image under a page box (points), with a white margin in pixels.
    func cropped(to box: Box, margin: Int) -> GrayImage? {
        let sx = dpiX / 72, sy = dpiY / 72
        let x0 = max(0, Int(((box.x0 - originX) * sx).rounded(.down))), y0 = max(0, Int(((box.y0 - originY) * sy).rounded(.down)))
        let x1 = min(width, Int(((box.x1 - originX) * sx).rounded(.up))), y1 = min(height, Int(((box.y1 - originY) * sy).rounded(.up)))
        guard x1 > x0, y1 > y0 else { return nil }
        let w = x1 - x0 + 2 * margin, h = y1 - y0 + 2 * margin
        var out = [UInt8](repeating: 255, count: w * h)
        for y in y0..<y1 {
            let from = y * width + x0, to = (y - y0 + margin) * w + margin
            out.replaceSubrange(to..<(to + x1 - x0), with: pixels[from..<(from + x1 - x0)])
        }
        return GrayImage(width: w, height: h, pixels: out, dpiX: dpiX, dpiY: dpiY)
    }

    /// The printed line within a vertical band (points) over an x range: the
    /// run of inked rows (gaps under a tenth of the band closed) holding the most ink.
    /// A producer's glyph boxes may be its font's whole height and reach into the lines around.
    func inkBand(x: ClosedRange<Double>, y: ClosedRange<Double>) -> ClosedRange<Double>? {
        let sx = dpiX / 72, sy = dpiY / 72
        let x0 = max(0, Int((x.lowerBound - originX) * sx)), x1 = min(width, Int(((x.upperBound - originX) * sx).rounded(.up)))
        let y0 = max(0, Int((y.lowerBound - originY) * sy)), y1 = min(height, Int(((y.upperBound - originY) * sy).rounded(.up)))
        guard x1 > x0, y1 > y0 else { return nil }
        let ink = (y0..<y1).map { row in (x0..<x1).reduce(0) { $0 + (pixels[row * width + $1] < 128 ? 1 : 0) } }
        let closing = max(1, (y1 - y0) / 10)
        var best: (start: Int, end: Int, ink: Int)?, current: (start: Int, end: Int, ink: Int)?
        for (row, count) in ink.enumerated() where count > 0 {
            if let run = current, row - run.end <= closing { current = (run.start, row, run.ink + count) } else { current = (row, row, count) }
            if current!.ink > best?.ink ?? 0 { best = current }
        }
        guard let best else { return nil }
        return (originY + Double(y0 + best.start) / sy)...(originY + Double(y0 + best.end + 1) / sy)
    }

    /// The box (points) of the dark pixels under a glyph box, nil if none.
    func inkBox(in box: GlyphBox) -> Box? {
        let sx = dpiX / 72, sy = dpiY / 72
        let x0 = max(0, Int((box.x0 - originX) * sx)), x1 = min(width, Int(((box.x1 - originX) * sx).rounded(.up)))
        let y0 = max(0, Int((box.y0 - originY) * sy)), y1 = min(height, Int(((box.y1 - originY) * sy).rounded(.up)))
        var top = Int.max, bottom = Int.min
        for y in y0..<max(y0, y1) {
            for x in x0..<max(x0, x1) where pixels[y * width + x] < 128 {
                top = min(top, y)
                bottom = max(bottom, y)
            }
        }
        guard top <= bottom else { return nil }
        return Box(x0: box.x0, y0: originY + Double(top) / sy, x1: box.x1, y1: originY + Double(bottom + 1) / sy)
    }
}
