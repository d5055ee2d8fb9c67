import Foundation

/// Replays recorded tesseract output: a folder of `<cacheKey>.json` files,
/// each a `RecognizedPage`, keyed by the image's SHA-256, the languages and
/// the settings (`OCRRequest.cacheKey`). Tests read pages without running
/// tesseract: fast and exact. With a `recorder`, a request not yet recorded
/// is read by it and written to the folder; only an explicit switch
/// (ISSUEPIPE_RECORD_OCR=1 in the tests) should pass one.
public final class ReplayRecognizer: PageRecognizer {
    public let folder: URL
    private let recorder: (any PageRecognizer)?

    public init(folder: URL, recorder: (any PageRecognizer)? = nil) {
        self.folder = folder
        self.recorder = recorder
    }

    public func file(for request: OCRRequest) -> URL { folder.appendingPathComponent(request.cacheKey + ".json") }

    public func recognize(_ request: OCRRequest) throws -> RecognizedPage {
        let url = file(for: request)
        if let data = try? Data(contentsOf: url) {
            do { return try JSONDecoder().decode(RecognizedPage.self, from: data) } catch {
                throw RecognitionFailure.engineFailed("unreadable recording \(url.lastPathComponent): \(error)")
            }
        }
        guard let recorder else { throw RecognitionFailure.missingRecording(key: request.cacheKey, folder: folder.path) }
        let page = try recorder.recognize(request)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try writeAtomically(try encoder.encode(page), to: url)
        return page
    }
}
