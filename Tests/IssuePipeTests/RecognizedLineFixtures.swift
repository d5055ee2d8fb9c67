@testable import IssuePipe

/// A line as tesseract returns it: single-character Han words `height` px
/// high, `pitch` apart, all read with `confidence` (0…100).
func hanLine(_ text: String, x: Int, y: Int, height: Int = 30, pitch: Int = 32, confidence: Double) -> RecognizedLine {
    let words = text.enumerated().map { i, c in
        RecognizedWord(text: String(c), box: PixelBox(x0: x + i * pitch, y0: y, x1: x + i * pitch + height, y1: y + height),
                       confidence: confidence)
    }
    return RecognizedLine(box: PixelBox(x0: x, y0: y, x1: x + text.count * pitch, y1: y + height), words: words)
}
