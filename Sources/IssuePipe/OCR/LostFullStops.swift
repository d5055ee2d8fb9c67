import Foundation

/// Tesseract leaves out a full stop now and then: a small ring, thin or
/// blurred on a scan (`…补贴。三是…` read `…补贴三是…`, a paragraph's last
/// line read without its `。`), about one edit in thirty of the tuning scans'
/// text. Where a line stops with room after its last word and that room
/// holds one small ring of ink below the top of the line's glyph band, the
/// mark (`ocr.fullStop`, by default the languages' own) is put there
/// as a word of its own.
enum LostFullStops {
    /// The confidence (0…100) a restored mark is given: seen, not read.
    static let confidence = 60.0

    /// The page with its lost full stops put back, and how many were.
    static func restored(_ page: RecognizedPage, image: GrayImage, mark: String?) -> (page: RecognizedPage, restored: Int) {
        guard let mark, !mark.isEmpty else { return (page, 0) }
        let taken = page.lines.flatMap(\.words).map(\.box)
        var out = page, restored = 0
        for index in page.lines.indices {
            guard let band = WeakLineReread.glyphBand(of: page.lines[index]) else { continue }
            var line = page.lines[index]
            line.words.sort { $0.box.x0 < $1.box.x0 }
            for room in rooms(in: line, band: band, taken: taken, width: page.imageWidth) {
                guard let ring = ring(in: room, band: band, page: page, image: image) else { continue }
                let at = line.words.firstIndex { $0.box.x0 >= ring.x1 } ?? line.words.endIndex
                line.words.insert(RecognizedWord(text: mark, box: ring, confidence: confidence), at: at)
                restored += 1
            }
            if line.words.count != page.lines[index].words.count {
                line.box = line.box.union(line.words.map(\.box).union ?? line.box)
                out.lines[index] = line
            }
        }
        return (restored == 0 ? page : out, restored)
    }

    /// Room a mark could stand in: after the line's last word, when it ends in
    /// a letter or digit and no other word is within a glyph of it. (Between
    /// two words of a line, tesseract's boxes of single glyphs stand too far
    /// off their ink: a piece of the next glyph looks like a ring.)
    static func rooms(in line: RecognizedLine, band: PixelBox, taken: [PixelBox], width: Int) -> [PixelBox] {
        let glyph = band.y1 - band.y0
        func plain(_ c: Character?) -> Bool { c.map { CJKCharacters.isLetter($0) || $0.isNumber } ?? false }
        var out: [PixelBox] = []
        if let last = line.words.last, plain(last.text.last) {
            let after = PixelBox(x0: last.box.x1 + 1, y0: band.y0, x1: min(width, last.box.x1 + Int(1.1 * Double(glyph))), y1: band.y1)
            let clear = !taken.contains { $0 != last.box && $0.x1 > after.x0 && $0.x0 < after.x1 && $0.y1 > after.y0 && $0.y0 < after.y1 }
            if clear, after.x1 - after.x0 >= glyph / 2 { out.append(after) }
        }
        return out
    }

    /// The box of the one ring of ink in `room` (in the straightened page's
    /// pixels): about a third of a glyph across, round, below the band's
    /// upper part, paper in its middle; nil when the room holds anything else.
    static func ring(in room: PixelBox, band: PixelBox, page: RecognizedPage, image: GrayImage) -> PixelBox? {
        let glyph = Double(band.y1 - band.y0)
        let cut = image.cutStraight(room, degrees: page.deskewAngle)
        guard cut.width > 2, cut.height > 2 else { return nil }
        let paper = Double(GrayHistogram(cut.pixels).value(atRank: cut.pixels.count * 9 / 10))
        let dark = cut.pixels.map { Double($0) < 0.8 * paper }
        let blobs = InkBlobs(dark, width: cut.width, height: cut.height).boxes.filter { $0.area >= 3 }
        guard let main = blobs.max(by: { $0.area < $1.area }),
              blobs.allSatisfy({ $0 == main || $0.area * 10 < main.area }) else { return nil }
        let w = Double(main.box.x1 - main.box.x0), h = Double(main.box.y1 - main.box.y0)
        let middleY = Double(main.box.y0 + main.box.y1) / 2
        guard (0.15 * glyph...0.55 * glyph).contains(w), (0.15 * glyph...0.55 * glyph).contains(h),
              (0.6...1.7).contains(w / h), middleY >= 0.4 * glyph else { return nil }
        // A ring, not a dot or a stroke: paper in its middle.
        let cx = (main.box.x0 + main.box.x1 - 1) / 2, cy = (main.box.y0 + main.box.y1 - 1) / 2
        guard [(0, 0), (1, 0), (0, 1), (1, 1)].contains(where: { !dark[(cy + $0.1) * cut.width + cx + $0.0] }) else { return nil }
        return PixelBox(x0: room.x0 + main.box.x0, y0: room.y0 + main.box.y0, x1: room.x0 + main.box.x1, y1: room.y0 + main.box.y1)
    }
}

/// The 8-connected blobs of a mask, each with its box and its pixel count.
struct InkBlobs {
    struct Blob: Equatable { var box: PixelBox, area: Int }
    let boxes: [Blob]

    init(_ mask: [Bool], width: Int, height: Int) {
        var seen = [Bool](repeating: false, count: mask.count)
        var found: [Blob] = []
        for start in mask.indices where mask[start] && !seen[start] {
            var stack = [start], area = 0
            var box = PixelBox(x0: start % width, y0: start / width, x1: start % width + 1, y1: start / width + 1)
            seen[start] = true
            while let index = stack.popLast() {
                area += 1
                let x = index % width, y = index / width
                box = PixelBox(x0: min(box.x0, x), y0: min(box.y0, y), x1: max(box.x1, x + 1), y1: max(box.y1, y + 1))
                for dy in -1...1 { for dx in -1...1 where dx != 0 || dy != 0 {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                    let next = ny * width + nx
                    if mask[next] && !seen[next] { seen[next] = true; stack.append(next) }
                } }
            }
            found.append(Blob(box: box, area: area))
        }
        boxes = found
    }
}
