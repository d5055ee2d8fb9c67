import Foundation

/// What an engine is asked to read: one gray image and how to read it.
public struct OCRRequest: Sendable {
    /// The 1-based page the image shows (for messages; not part of `cacheKey`).
    public var page: Int
    public var image: GrayImage
    public var languages: String
    public var pageSegMode: Int
    public var deskew: Bool
    public var variables: [String: String]
    public var timeout: Double
    /// Also report every symbol (character) with its box: the glyph map aligns them to a text layer's glyphs.
    public var symbols: Bool = false

    public init(page: Int = 0, image: GrayImage, languages: String, pageSegMode: Int = 3, deskew: Bool = false,
                variables: [String: String] = [:], timeout: Double = 300) {
        self.page = page
        self.image = image
        self.languages = languages
        self.pageSegMode = pageSegMode
        self.deskew = deskew
        self.variables = variables
        self.timeout = timeout
    }

    /// The resolution declared to tesseract (the image's own).
    public var sourceDPI: Int { Int(image.dpiY.rounded()) }

    /// Names the recorded output of this request: the image bytes' SHA-256 and
    /// every setting that changes what tesseract returns.
    public var cacheKey: String {
        var bytes = Data("\(image.width)x\(image.height)\n".utf8)
        bytes.append(contentsOf: image.pixels)
        let variables = self.variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        // Symbols change the recorded output, not the reading: without them the key is as it always was.
        let settings = "\(languages)|psm\(pageSegMode)|dpi\(sourceDPI)|deskew\(deskew ? 1 : 0)|\(variables)" + (symbols ? "|symbols" : "")
        return sha256Hex(bytes).prefix(32) + "-" + sha256Hex(Data(settings.utf8)).prefix(12)
    }
}

/// Reads one image. One recognizer per worker thread: implementations need
/// not be thread-safe, and the real one holds a tesseract engine.
public protocol PageRecognizer: AnyObject {
    /// The words and lines on the image, or a `RecognitionFailure`.
    func recognize(_ request: OCRRequest) throws -> RecognizedPage
}

/// Makes one recognizer for each OCR worker.
public typealias RecognizerFactory = @Sendable () throws -> any PageRecognizer

extension PageRecognizer {
    /// `request`'s image read as one line of text (page segmentation 7). Where
    /// that finds nothing it is read raw (13): tesseract's line mode can return
    /// no word for a clean line cut out of a grey scan (`济综合实验区高质量`,
    /// a title's line its page layout left out), which the raw mode reads. The
    /// raw mode also reads a rule or a band's edge as `一一`: that is no line.
    func recognizeLine(_ request: OCRRequest) throws -> RecognizedPage {
        var line = request
        line.pageSegMode = 7
        let read = try recognize(line)
        guard !read.lines.contains(where: { $0.words.contains { !$0.text.isEmpty } }) else { return read }
        return try recognizeRawLine(request) ?? read
    }

    /// `request`'s image read as one raw line (page segmentation 13), or nil
    /// where that reads a rule or a band's edge (`一一`).
    func recognizeRawLine(_ request: OCRRequest) throws -> RecognizedPage? {
        var line = request
        line.pageSegMode = 13
        let raw = try recognize(line)
        return CJKCharacters.isRuleReading(raw.lines.flatMap(\.words).map(\.text).joined(), atLeast: 1) ? nil : raw
    }
}
