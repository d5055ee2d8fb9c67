import CTesseract
import Foundation

/// Tesseract through its C API: one `TessBaseAPI`, created once and reused for
/// every page this worker reads. The only place (with PDF/) that holds C pointers.
public final class TesseractRecognizer: PageRecognizer {
    private let handle: OpaquePointer
    public let languages: String

    /// Why tesseract cannot be started: a message naming what to install.
    public struct SetupError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Starts tesseract with `languages` (e.g. `chi_sim`), from `tessdata` or
    /// tesseract's default folder.
    ///
    /// OpenMP's thread limit (pages run in parallel instead) is not set here:
    /// libgomp reads OMP_THREAD_LIMIT once, when it is loaded with libtesseract
    /// (at the first tesseract call, `TesseractLoader.c`), and a `setenv` here
    /// would race with the other workers starting their engines. The tool sets
    /// it before that: `convert` and `inspect` before their first OCR
    /// (`OpenMPLimit`), and batch workers are started with it (`WorkerLauncher`).
    public init(languages: String, tessdata: String? = nil) throws {
        let wanted = languages.split(separator: "+").map(String.init).filter { !$0.isEmpty }
        guard !wanted.isEmpty else { throw SetupError(description: "no OCR language given (ocr.languages)") }
        if let folder = Self.dataFolder(tessdata),
           let missing = wanted.first(where: { !FileManager.default.fileExists(atPath: "\(folder)/\($0).traineddata") }) {
            throw SetupError(description: Self.missingMessage(missing, folder: folder))
        }
        guard let api = TessBaseAPICreate() else { throw SetupError(description: "tesseract could not be started") }
        // Engines are created one at a time: tesseract's loading of shared
        // data is not documented as thread-safe.
        let status = Self.engineLoading.withLock { _ in TessBaseAPIInit3(api, tessdata, languages) }
        guard status == 0 else {
            TessBaseAPIDelete(api)
            throw SetupError(description: Self.missingMessage(wanted.joined(separator: "+"), folder: Self.dataFolder(tessdata) ?? "tesseract's data folder"))
        }
        handle = api
        self.languages = languages
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    private static let engineLoading = Locked(())

    static func missingMessage(_ language: String, folder: String) -> String {
        "tesseract language data '\(language)' not found in \(folder): apt-get install \(package(for: language))"
    }

    /// The Debian package of a language's data: a script's model (`HanS`,
    /// capitalised) is `tesseract-ocr-script-hans`, a language's `tesseract-ocr-chi-sim`.
    static func package(for language: String) -> String {
        let name = language.replacingOccurrences(of: "_", with: "-").lowercased()
        return language.first?.isUppercase == true ? "tesseract-ocr-script-" + name : "tesseract-ocr-" + name
    }

    /// The folder tesseract will read `.traineddata` from, if it can be found.
    static func dataFolder(_ tessdata: String?) -> String? {
        if let tessdata { return tessdata }
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            return prefix.hasSuffix("tessdata") || prefix.hasSuffix("tessdata/") ? prefix : prefix + "/tessdata"
        }
        for candidate in ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                          "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata"]
        where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        return nil
    }

    public func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        guard request.languages == languages else {
            throw RecognitionFailure.engineFailed("engine started for \(languages), asked for \(request.languages)")
        }
        let image = request.image
        var owned: UnsafeMutablePointer<PIX>? = makePix(image)
        guard let pix = owned else { throw RecognitionFailure.engineFailed("cannot allocate a \(image.width)×\(image.height) image") }
        defer { pixDestroy(&owned) }

        var (deskewed, angle) = request.deskew ? deskew(pix) : (nil, 0)
        defer { if deskewed != nil { pixDestroy(&deskewed) } }

        TessBaseAPIClear(handle)
        // The next page starts clean whether this one is read or throws part-way.
        defer { TessBaseAPIClear(handle) }
        try configure(for: request)
        TessBaseAPISetImage2(handle, deskewed ?? pix)
        TessBaseAPISetSourceResolution(handle, Int32(request.sourceDPI))
        try runRecognition(timeout: request.timeout)
        return RecognizedPage(imageWidth: image.width, imageHeight: image.height, deskewAngle: angle,
                              lines: try recognizedLines().filter { !$0.words.isEmpty },
                              symbols: request.symbols ? try symbols() : nil)
    }

    /// leptonica's deskewed copy of `pix` (the caller destroys it) and the angle it
    /// turned by; nil and 0 when it found no skew worth correcting.
    private func deskew(_ pix: UnsafeMutablePointer<PIX>) -> (UnsafeMutablePointer<PIX>?, Double) {
        var found: Float = 0, confidence: Float = 0
        guard let result = pixDeskewGeneral(pix, 0, 0, 0, 0, 0, &found, &confidence) else { return (nil, 0) }
        if result == pix {
            var clone: UnsafeMutablePointer<PIX>? = result
            pixDestroy(&clone)   // a clone: leptonica found no skew worth correcting
            return (nil, 0)
        }
        return (result, Double(found))
    }

    /// Page segmentation and variables for this request.
    private func configure(for request: OCRRequest) throws {
        TessBaseAPISetPageSegMode(handle, TessPageSegMode(UInt32(request.pageSegMode)))
        _ = TessBaseAPISetVariable(handle, "preserve_interword_spaces", "1")
        // tesseract's progress chatter ("Detected 236 diacritics") is not for users.
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        for (name, value) in request.variables.sorted(by: { $0.key < $1.key }) {
            guard TessBaseAPISetVariable(handle, name, value) != 0 else {
                throw RecognitionFailure.engineFailed("unknown tesseract variable '\(name)'")
            }
        }
    }

    /// Recognises the image set, within `timeout` seconds (tesseract's monitor stops it there).
    private func runRecognition(timeout: Double) throws {
        guard let monitor = TessMonitorCreate() else { throw RecognitionFailure.engineFailed("cannot create a monitor") }
        defer { TessMonitorDelete(monitor) }
        TessMonitorSetDeadlineMSecs(monitor, Int32(min(Double(Int32.max), timeout * 1000)))
        let started = Date()
        let status = TessBaseAPIRecognize(handle, monitor)
        if Date().timeIntervalSince(started) >= timeout { throw RecognitionFailure.timedOut(seconds: timeout) }
        guard status == 0 else { throw RecognitionFailure.engineFailed("recognition returned \(status)") }
    }

    /// The recognised words, line by line, with their boxes and confidences.
    private func recognizedLines() throws -> [RecognizedLine] {
        var lines: [RecognizedLine] = []
        guard let iterator = TessBaseAPIGetIterator(handle) else { return lines }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        repeat {
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 || lines.isEmpty {
                lines.append(RecognizedLine(box: box(page, RIL_TEXTLINE), words: []))
            }
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: cText, count: strlen(cText)))
            TessDeleteText(cText)
            let word = try RecognizedWord(utf8: bytes, box: box(page, RIL_WORD),
                                          confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD)))
            guard !word.text.allSatisfy(\.isWhitespace) else { continue }
            lines[lines.count - 1].words.append(word)
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return lines
    }

    /// Every symbol of the last recognition, in reading order (for the glyph map).
    private func symbols() throws -> [RecognizedSymbol] {
        guard let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        var found: [RecognizedSymbol] = []
        repeat {
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL) else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: cText, count: strlen(cText)))
            TessDeleteText(cText)
            let symbol = try RecognizedSymbol(utf8: bytes, box: box(page, RIL_SYMBOL),
                                              confidence: Double(TessResultIteratorConfidence(iterator, RIL_SYMBOL)))
            guard !symbol.text.allSatisfy(\.isWhitespace) else { continue }
            found.append(symbol)
        } while TessResultIteratorNext(iterator, RIL_SYMBOL) != 0
        return found
    }

    private func box(_ page: OpaquePointer?, _ level: TessPageIteratorLevel) -> PixelBox {
        var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
        _ = TessPageIteratorBoundingBox(page, level, &left, &top, &right, &bottom)
        return PixelBox(x0: Int(left), y0: Int(top), x1: Int(right), y1: Int(bottom))
    }

    /// An 8 bpp leptonica image holding the gray pixels (leptonica keeps bytes
    /// in big-endian order inside 32-bit words).
    private func makePix(_ image: GrayImage) -> UnsafeMutablePointer<PIX>? {
        guard let pix = pixCreate(Int32(image.width), Int32(image.height), 8), let data = pixGetData(pix) else { return nil }
        let wpl = Int(pixGetWpl(pix))
        image.pixels.withUnsafeBufferPointer { source in
            for y in 0..<image.height {
                let row = UnsafeMutableRawPointer(data + y * wpl).assumingMemoryBound(to: UInt8.self)
                let offset = y * image.width
                for x in 0..<image.width {
                    #if _endian(little)
                    row[x ^ 3] = source[offset + x]
                    #else
                    row[x] = source[offset + x]
                    #endif
                }
            }
        }
        _ = pixSetResolution(pix, Int32(image.dpiX.rounded()), Int32(image.dpiY.rounded()))
        return pix
    }
}
