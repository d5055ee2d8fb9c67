import Foundation

/// Lines set too small for tesseract at the page's resolution (a cover's
/// contents or staff box in 5–7 pt: Han glyphs about 14 px high at 200 dpi)
/// come out garbled. Each cluster of them is cut out of the page image, scaled
/// up to body size and read again; the new reading replaces the small lines
/// when it is the more confident one. Where the page image read was made from
/// the scan (`fine`: a 300 dpi scan read at 200, or a coarse black-and-white
/// one with its hairlines thickened), small type is cut from the scan as it
/// was: half as many pixels again, or strokes that do not fill its counters.
enum SmallTextReread {
    static func reread(_ page: RecognizedPage, image: GrayImage, fine: GrayImage? = nil, request: OCRRequest,
                       settings: OCRSettings, recognizer: any PageRecognizer) -> RecognizedPage {
        guard settings.smallTextPixels > 0 else { return page }
        let heights = page.lines.map(glyphHeight)
        let small = smallLines(heights, settings: settings)
        var replacements: [(cluster: [Int], lines: [RecognizedLine])] = []
        let source = scanAsItWas(fine, for: image)
        let ratio = source.map { $0.dpiY / image.dpiY } ?? 1
        for cluster in clusters(small, page.lines, heights) where cluster.count >= settings.smallTextMinLines {
            let height = median(cluster.compactMap { heights[$0] })
            let scale = max(2, min(4, Int((settings.smallTextTargetPixels / (height * ratio)).rounded())))
            guard let straight = cluster.map({ page.lines[$0].box }).union?.padded(by: Int(1.5 * height)) else { continue }
            let crop = onImage(straight, page: page).clamped(width: image.width, height: image.height)
            guard crop.x1 - crop.x0 > 8, crop.y1 - crop.y0 > 8 else { continue }
            var again = request
            again.image = cut(crop, from: image, fine: source, settings: settings).upscaled(by: scale)
            again.deskew = false
            guard let read = try? recognizer.recognize(again) else { continue }
            let reading = read.lines.map { mapped($0, from: crop, scale: Double(scale) * ratio, page: page) }
                .filter { line in glyphHeight(line).map { $0 < settings.smallTextPixels * 1.3 } ?? true }
            guard !reading.isEmpty, meanConfidence(reading) > meanConfidence(cluster.map { page.lines[$0] }) else { continue }
            let (lines, replaced) = merged(reading, over: page.lines, own: Set(cluster))
            if !replaced.isEmpty { replacements.append((replaced, lines)) }
        }
        guard !replacements.isEmpty else { return page }
        var out = page
        out.lines = replacing(replacements, in: page.lines)
        return out
    }

    /// The lines set too small (`smallTextPixels`), given each line's `glyphHeight`.
    static func smallLines(_ heights: [Double?], settings: OCRSettings) -> [Int] {
        heights.indices.filter { heights[$0].map { $0 < settings.smallTextPixels } ?? false }
    }

    /// The median height of a line's Han words, in pixels: nil without Han (a
    /// Latin line's height says less about its size).
    static func glyphHeight(_ line: RecognizedLine) -> Double? {
        let heights = line.words.filter { $0.text.contains(where: CJKCharacters.isLetter) }
            .map { Double($0.box.y1 - $0.box.y0) }
        return heights.isEmpty ? nil : median(heights)
    }

    /// Small lines within a few line heights of each other, top to bottom: one contents or staff box each.
    static func clusters(_ small: [Int], _ lines: [RecognizedLine], _ heights: [Double?]) -> [[Int]] {
        var groups: [[Int]] = []
        var bottom = Int.min
        for index in small.sorted(by: { lines[$0].box.y0 < lines[$1].box.y0 }) {
            let box = lines[index].box, reach = Int(3 * (heights[index] ?? 0))
            if groups.isEmpty || box.y0 > bottom + reach {
                groups.append([])
                bottom = box.y1
            }
            groups[groups.count - 1].append(index)
            bottom = max(bottom, box.y1)
        }
        return groups.map { $0.sorted() }
    }

    /// `lines` with each cluster's lines taken out and its new lines put where its first one was.
    static func replacing(_ replacements: [(cluster: [Int], lines: [RecognizedLine])], in lines: [RecognizedLine]) -> [RecognizedLine] {
        let gone = Set(replacements.flatMap(\.cluster))
        // Two crops can both read again the line where each would go: their lines go there in turn.
        let inserted = Dictionary(replacements.map { ($0.cluster[0], $0.lines) }, uniquingKeysWith: +)
        var out: [RecognizedLine] = []
        for (index, line) in lines.enumerated() {
            out += inserted[index] ?? []
            if !gone.contains(index) { out.append(line) }
        }
        return out
    }

    /// The scan as it was, where the page image read was made from it: scaled
    /// down from a finer scan, or a coarse one with its hairlines thickened.
    static func scanAsItWas(_ fine: GrayImage?, for image: GrayImage) -> GrayImage? {
        fine.flatMap { $0.dpiY >= image.dpiY ? $0 : nil }
    }

    /// The crop's pixels: from the page image, or the same place on the finer
    /// scan, with its dot leaders painted out as the page's were.
    static func cut(_ crop: PixelBox, from image: GrayImage, fine: GrayImage?, settings: OCRSettings) -> GrayImage {
        guard let fine else { return image.cropped(crop) }
        let r = fine.dpiY / image.dpiY
        let box = PixelBox(x0: Int(Double(crop.x0) * r), y0: Int(Double(crop.y0) * r),
                           x1: Int((Double(crop.x1) * r).rounded(.up)), y1: Int((Double(crop.y1) * r).rounded(.up)))
        let cut = fine.cropped(box.clamped(width: fine.width, height: fine.height))
        return settings.eraseLeaders ? cut.erasingLeaders().image : cut
    }

    /// A line read on the scaled-up crop, in the page reading's pixels: scaled
    /// down, moved by the crop's corner, then turned by the page's deskew angle
    /// (the crop was cut from the image as scanned, the page read straightened).
    static func mapped(_ line: RecognizedLine, from crop: PixelBox, scale: Int, page: RecognizedPage) -> RecognizedLine {
        mapped(line, from: crop, scale: Double(scale), page: page)
    }

    static func mapped(_ line: RecognizedLine, from crop: PixelBox, scale: Double, page: RecognizedPage) -> RecognizedLine {
        func map(_ box: PixelBox) -> PixelBox {
            let onScan = PixelBox(x0: crop.x0 + Int(Double(box.x0) / scale), y0: crop.y0 + Int(Double(box.y0) / scale),
                                  x1: crop.x0 + Int((Double(box.x1) / scale).rounded(.up)),
                                  y1: crop.y0 + Int((Double(box.y1) / scale).rounded(.up)))
            return turned(onScan, degrees: -page.deskewAngle, page: page)
        }
        return RecognizedLine(box: map(line.box), words: line.words.map {
            RecognizedWord(text: $0.text, box: map($0.box), confidence: $0.confidence)
        })
    }

    /// Where a box of the straightened reading lies on the image as scanned: the bounds of its turned corners.
    static func onImage(_ box: PixelBox, page: RecognizedPage) -> PixelBox {
        guard page.deskewAngle != 0 else { return box }
        let corners = [PixelBox(x0: box.x0, y0: box.y0, x1: box.x0, y1: box.y0), PixelBox(x0: box.x1, y0: box.y0, x1: box.x1, y1: box.y0),
                       PixelBox(x0: box.x0, y0: box.y1, x1: box.x0, y1: box.y1), PixelBox(x0: box.x1, y0: box.y1, x1: box.x1, y1: box.y1)]
        return corners.map { turned($0, degrees: page.deskewAngle, page: page) }.union ?? box
    }

    /// The box moved as its centre moves when the image turns `degrees` about its own centre.
    static func turned(_ box: PixelBox, degrees: Double, page: RecognizedPage) -> PixelBox {
        guard degrees != 0 else { return box }
        let theta = degrees * .pi / 180
        let cx = Double(page.imageWidth) / 2, cy = Double(page.imageHeight) / 2
        let mx = Double(box.x0 + box.x1) / 2 - cx, my = Double(box.y0 + box.y1) / 2 - cy
        let dx = Int((cx + mx * cos(theta) + my * sin(theta) - (mx + cx)).rounded())
        let dy = Int((cy - mx * sin(theta) + my * cos(theta) - (my + cy)).rounded())
        return PixelBox(x0: box.x0 + dx, y0: box.y0 + dy, x1: box.x1 + dx, y1: box.y1 + dy)
    }

    /// The new lines to keep and the old lines they replace. A new line replaces
    /// the cluster's lines it reads again; a line beside the cluster (the crop's
    /// margin takes in its neighbours) only when the new reading of it is the
    /// more confident, else the new one goes: never both.
    static func merged(_ new: [RecognizedLine], over old: [RecognizedLine], own: Set<Int>) -> ([RecognizedLine], [Int]) {
        var kept: [RecognizedLine] = [], replaced = Set<Int>()
        for line in new {
            let covered = old.indices.filter { readAgain(old[$0].box, by: line.box) }
            let beside = covered.filter { !own.contains($0) }
            if !beside.isEmpty, meanConfidence([line]) <= meanConfidence(beside.map { old[$0] }) { continue }
            kept.append(line)
            replaced.formUnion(covered)
        }
        return (kept, replaced.sorted())
    }

    /// Whether a new line is the old line read again: the two share most of the
    /// smaller one's height and some of its width (the first reading often ran on
    /// over a dot leader the new one left out).
    static func readAgain(_ old: PixelBox, by new: PixelBox) -> Bool {
        let h = min(old.y1, new.y1) - max(old.y0, new.y0), w = min(old.x1, new.x1) - max(old.x0, new.x0)
        let minHeight = min(old.y1 - old.y0, new.y1 - new.y0), minWidth = min(old.x1 - old.x0, new.x1 - new.x0)
        return h > 0 && w > 0 && Double(h) > 0.5 * Double(minHeight) && Double(w) > 0.3 * Double(minWidth)
    }

    static func meanConfidence(_ lines: [RecognizedLine]) -> Double {
        let words = lines.flatMap(\.words)
        return words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

extension PixelBox {
    func padded(by margin: Int) -> PixelBox { PixelBox(x0: x0 - margin, y0: y0 - margin, x1: x1 + margin, y1: y1 + margin) }

    func clamped(width: Int, height: Int) -> PixelBox {
        PixelBox(x0: max(0, x0), y0: max(0, y0), x1: min(width, x1), y1: min(height, y1))
    }
}
