import Foundation
import Testing
@testable import IssuePipe

/// Files and helpers shared by the Judge* and OCR* tests.
enum OCRFixtures {
    /// Recorded tesseract output for the replaying engine.
    static let recordings = TestPaths.repo.appendingPathComponent("Tests/IssuePipeTests/OCRRecordings")

    /// The scanned PDF of the corpus the replay tests read.
    static let scannedCorpusFile = "chinese/mineru_scanned.pdf"

    /// ISSUEPIPE_RECORD_OCR=1 lets replay tests record what is missing with real tesseract.
    static var recording: Bool { ProcessInfo.processInfo.environment["ISSUEPIPE_RECORD_OCR"] == "1" }

    /// A factory of replaying recognizers (recording too only with the switch on).
    static func replay(_ settings: OCRSettings = OCRSettings()) -> RecognizerFactory {
        let languages = settings.languages
        let record = recording
        return {
            ReplayRecognizer(folder: recordings, recorder: record ? try TesseractRecognizer(languages: languages) : nil)
        }
    }

    /// Extract + judge + OCR of a PDF with the engine given.
    static func read(_ url: URL, mode: OCRMode = .auto, settings: OCRSettings = OCRSettings(), jobs: Int = 1,
                     engine: RecognizerFactory? = nil, pages: Set<Int>? = nil) throws -> (JudgeReport, OCRReport) {
        let document = try PDFDocument(url: url)
        var extracted = extract(document)
        if let pages { extracted.pages = extracted.pages.filter { pages.contains($0.number) } }
        let verdicts = judge(extracted, document: document, rules: JudgeRules(), mode: mode)
        let report = try recognize(extracted, verdicts: verdicts, document: document, settings: settings, jobs: jobs,
                                   makeRecognizer: engine ?? replay(settings))
        return (verdicts, report)
    }

    /// The page's text minus furniture: lines whose centre is in the top or bottom 7% of the page.
    static func bodyText(_ page: PageLayout) -> String {
        page.lines.filter { $0.box.midY > page.height * 0.07 && $0.box.midY < page.height * 0.93 }
            .map(\.text).joined()
    }

    /// Character error rate: edit distance / reference length, both as `comparisonKey`
    /// (NFKC, all white space removed).
    static func cer(reference: String, hypothesis: String) -> Double {
        let r = reference.comparisonKey, h = hypothesis.comparisonKey
        guard !r.isEmpty else { return h.isEmpty ? 0 : 1 }
        return Double(EditDistance.distance(r, h)) / Double(r.unicodeScalars.count)
    }

    /// True if two CJK characters (or CJK and CJK punctuation) have white space
    /// between them on one line (the newlines between lines do not count).
    static func hasSpaceBetweenCJK(_ text: String) -> Bool {
        let chars = Array(text)
        func isSpace(_ c: Character) -> Bool { c.isWhitespace && !c.isNewline }
        var i = 0
        while i < chars.count {
            if isSpace(chars[i]), i > 0 {
                var j = i
                while j < chars.count, isSpace(chars[j]) { j += 1 }
                if j < chars.count, CJKCharacters.isCJK(chars[i - 1]), CJKCharacters.isCJK(chars[j]) { return true }
                i = j
            } else { i += 1 }
        }
        return false
    }
}

@Suite struct OCRRecordingSwitchTests {
    @Test func recordingIsOffInCI() {
        // Recordings are regenerated only on purpose, never by a CI run.
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(!OCRFixtures.recording, "ISSUEPIPE_RECORD_OCR must not be set in CI")
        }
    }
}
