/// A rectangle in image pixels (top-left origin), as tesseract reports it.
public struct PixelBox: Codable, Hashable, Sendable {
    public var x0: Int, y0: Int, x1: Int, y1: Int
    public init(x0: Int, y0: Int, x1: Int, y1: Int) { self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1 }

    /// The smallest box holding both.
    public func union(_ other: PixelBox) -> PixelBox {
        PixelBox(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// Width × height, in pixels (0 for an empty box).
    public var area: Int { max(0, x1 - x0) * max(0, y1 - y0) }

    /// The area the two boxes share.
    public func intersection(_ other: PixelBox) -> Int {
        max(0, min(x1, other.x1) - max(x0, other.x0)) * max(0, min(y1, other.y1) - max(y0, other.y0))
    }
}

extension Sequence where Element == PixelBox {
    /// The union of all boxes, or nil for none.
    public var union: PixelBox? { reduce(nil) { $0?.union($1) ?? $1 } }
}

/// One word as tesseract read it.
public struct RecognizedWord: Codable, Hashable, Sendable {
    public var text: String
    public var box: PixelBox
    /// Tesseract's confidence, 0…100.
    public var confidence: Double

    public init(text: String, box: PixelBox, confidence: Double) {
        self.text = text
        self.box = box
        self.confidence = confidence
    }

    /// A word from the bytes an engine returned: they must be valid UTF-8.
    public init(utf8 bytes: [UInt8], box: PixelBox, confidence: Double) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw RecognitionFailure.invalidUTF8 }
        self.init(text: text, box: box, confidence: confidence)
    }
}

/// One text line as tesseract segmented it, with its words in reading order.
public struct RecognizedLine: Codable, Hashable, Sendable {
    public var box: PixelBox
    public var words: [RecognizedWord]
    public init(box: PixelBox, words: [RecognizedWord]) { self.box = box; self.words = words }
}

/// What an engine read on one image: the raw output, before it becomes a
/// `PageLayout`. This is also what the replay cache records.
public struct RecognizedPage: Codable, Hashable, Sendable {
    public var imageWidth: Int
    public var imageHeight: Int
    /// Degrees the image was rotated (clockwise, about its centre) before
    /// recognition to deskew it; boxes are in the rotated image.
    public var deskewAngle: Double
    public var lines: [RecognizedLine]
    /// Every symbol in reading order, when the request asked for them (`OCRRequest.symbols`).
    public var symbols: [RecognizedSymbol]?

    public init(imageWidth: Int, imageHeight: Int, deskewAngle: Double = 0, lines: [RecognizedLine],
                symbols: [RecognizedSymbol]? = nil) {
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.deskewAngle = deskewAngle
        self.lines = lines
        self.symbols = symbols
    }
}

/// One symbol (a character, as tesseract segments them) with its box and
/// confidence: read as a word is, one character long.
public typealias RecognizedSymbol = RecognizedWord

/// Why an engine could not read a page.
public enum RecognitionFailure: Error, Hashable, Sendable, CustomStringConvertible {
    case engineFailed(String)
    case invalidUTF8
    case timedOut(seconds: Double)
    case missingRecording(key: String, folder: String)

    public var description: String {
        switch self {
        case .engineFailed(let reason): "tesseract failed: \(reason)"
        case .invalidUTF8: "tesseract returned text that is not valid UTF-8"
        case .timedOut(let s): "tesseract took longer than \(Int(s)) s"
        case .missingRecording(let key, let folder):
            "no recorded OCR output \(key).json in \(folder) (record it with ISSUEPIPE_RECORD_OCR=1)"
        }
    }
}
