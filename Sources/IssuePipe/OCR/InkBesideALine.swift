import Foundation

/// Ink just beside a line on its row that reads as nothing alone: tesseract's
/// page layout can leave a role label (`编辑` before `：宋佳 冯文博`) out of
/// its line, and two glyphs cut out alone give no reading. Read with the line
/// they belong to, they do; the longer confident reading takes the line's place.
extension UnreadInk {
    /// The index of the line `patch` stands beside and that line read again
    /// with it, or nil when there is no such line or no better reading.
    static func readWithItsLine(_ patch: PixelBox, on page: RecognizedPage, image: GrayImage, glyph: Double, scale: Int,
                                request: OCRRequest, settings: OCRSettings,
                                recognizer: any PageRecognizer) -> (index: Int, line: RecognizedLine)? {
        guard let index = page.lines.indices.first(where: {
            !isStray(page.lines[$0]) && beside(patch, SmallTextReread.onImage(page.lines[$0].box, page: page), glyph: glyph)
        }) else { return nil }
        let old = page.lines[index]
        let whole = patch.union(SmallTextReread.onImage(old.box, page: page))
        let crop = whole.padded(by: Int(0.5 * glyph)).clamped(width: image.width, height: image.height)
        var again = request
        again.image = image.cropped(crop).upscaled(by: scale)
        again.deskew = false
        guard let read = try? recognizer.recognizeLine(again), read.lines.count == 1 else { return nil }
        let band = SmallTextReread.turned(whole, degrees: -page.deskewAngle, page: page)
        let line = fitted(SmallTextReread.mapped(read.lines[0], from: crop, scale: scale, page: page), to: band)
        let (oldText, newText) = (old.words.map(\.text).joined(), line.words.map(\.text).joined())
        guard isText(line, glyph: glyph, minConfidence: settings.unreadInkMinConfidence),
              letters(newText) > letters(oldText),
              EditDistance.substringSimilarity(oldText, in: newText) >= 0.7 else { return nil }
        return (index, line)
    }

    /// On one row (sharing half the shorter one's height) and at most 1.5 glyphs apart side by side.
    static func beside(_ patch: PixelBox, _ line: PixelBox, glyph: Double) -> Bool {
        let gap = max(patch.x0, line.x0) - min(patch.x1, line.x1)
        let shared = min(patch.y1, line.y1) - max(patch.y0, line.y0)
        return gap >= 0 && Double(gap) <= 1.5 * glyph && 2 * shared >= min(patch.y1 - patch.y0, line.y1 - line.y0)
    }

    static func letters(_ text: String) -> Int { text.filter { CJKCharacters.isLetter($0) || $0.isNumber }.count }
}
