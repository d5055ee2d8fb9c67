import Dispatch
import Foundation

/// Output of the OCR stage: the pages as the rest of the pipeline will read them.
public struct OCRReport: Codable, Hashable, Sendable {
    /// Every page: the extract stage's for `text` verdicts, tesseract's for `ocr`.
    public var pages: [PageLayout]
    /// `low-ocr-confidence` for a page below the pipeline's floor, `ocr-failed`
    /// for a page the engine could not read (it stays in `pages`, empty).
    public var warnings: [Warning] = []
    /// How each OCR'd page was read: which image, at what resolution, how long.
    public var reads: [PageRead] = []
    /// The lexicon's characters the OCR model cannot write at all (tesseract's
    /// `chi_sim` has no 湃): structure matches a lexicon name holding one with
    /// whatever was read in its place. Nil when there are none or nothing was read.
    public var unwritable: [String]?
}

extension OCRReport {
    /// This report with the pages another run read put in (pages read before the pipeline was known).
    func merging(_ other: OCRReport) -> OCRReport {
        let read = Set(other.reads.map(\.page))
        guard !read.isEmpty else { return self }
        var merged = self
        for (index, page) in merged.pages.enumerated() where read.contains(page.number) {
            if let theirs = other.pages.first(where: { $0.number == page.number }) { merged.pages[index] = theirs }
        }
        merged.reads = (reads + other.reads).sorted { $0.page < $1.page }
        merged.warnings = (other.warnings + warnings).sorted { ($0.page ?? 0) < ($1.page ?? 0) }
        return merged
    }
}

/// How one page was read by OCR.
public struct PageRead: Codable, Hashable, Sendable {
    public var page: Int
    /// `native-image` (a scan's own image) or `render` (poppler at `ocr.dpi`).
    public var source: String
    public var dpi: Double
    public var deskewAngle: Double?
    /// 180 when the page was read turned over (scanned upside down).
    public var rotation: Int?
    /// True when the page was read again with its background flattened (dim paper, uneven light).
    public var backgroundFlattened: Bool?
    /// True when the page was read again with a threshold taken locally (much of its ink left unread: uneven light).
    public var thresholdedLocally: Bool?
    /// How many dot leaders were painted out of the image before it was read.
    public var leadersErased: Int?
    /// How many weak lines took the reading of their line read again alone (`ocr.weakLineConfidence`).
    public var weakLinesReread: Int?
    /// How many full stops tesseract left out were put back (`ocr.restoreFullStops`).
    public var fullStopsRestored: Int?
    /// The engine's failure, for a page that could not be read.
    public var error: String?
    /// The memory limit (bytes) the page's image did not fit in, when that was why.
    public var overLimit: UInt64?

    /// How boxes in the page's straight reading frame are drawn over the page
    /// as scanned (an SVG transform about the page centre), nil if they need none.
    public func transformOntoScan(width: Double, height: Double) -> String? {
        var parts: [String] = []
        let cx = ((width / 2) * 100).rounded() / 100, cy = ((height / 2) * 100).rounded() / 100
        if let angle = deskewAngle, angle != 0 { parts.append("rotate(\(-angle) \(cx) \(cy))") }
        if rotation == 180 { parts.append("rotate(180 \(cx) \(cy))") }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

/// The OCR stage: pages judged `ocr` are rendered (or their scanned image
/// taken) and read by tesseract, `jobs` pages at a time.
public func recognize(_ extracted: ExtractedDocument, verdicts: JudgeReport, document: PDFDocument,
                      settings: OCRSettings, jobs: Int) throws -> OCRReport {
    // In a batch worker the pages may be read by other workers (`OCRPageSharing`).
    if let shared = try readShared(extracted, verdicts: verdicts, document: document, settings: settings) { return shared }
    return try recognize(extracted, verdicts: verdicts, document: document, settings: settings, jobs: jobs) {
        try makeRecognizer(for: settings)
    }
}

/// The engine the OCR stage reads with: tesseract for the settings' languages.
/// A developer's cache (ISSUEPIPE_OCR_CACHE=dir) puts a replay in front: each
/// page image is read by tesseract once, then replayed, so that later stages
/// can be tuned quickly.
func makeRecognizer(for settings: OCRSettings) throws -> any PageRecognizer {
    let engine = try TesseractRecognizer(languages: settings.languages, tessdata: settings.tessdata)
    let cache = ProcessInfo.processInfo.environment["ISSUEPIPE_OCR_CACHE"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
    return cache.map { ReplayRecognizer(folder: $0, recorder: engine) } ?? engine
}

/// The OCR stage's pages read by the dispatcher in `OCRPageSharing`, if one is
/// set and takes them; nil to read them here.
private func readShared(_ extracted: ExtractedDocument, verdicts: JudgeReport, document: PDFDocument,
                        settings: OCRSettings) throws -> OCRReport? {
    guard let dispatcher = OCRPageSharing.dispatcher else { return nil }
    let wanted = Set(verdicts.ocrPages)
    let targets = extracted.pages.filter { wanted.contains($0.number) }
        .map { OCRTarget(number: $0.number, width: $0.width, height: $0.height) }
    guard !targets.isEmpty else { return nil }
    let pages = OCRPageBatch(file: document.url.path, password: document.password, sha256: extracted.source.sha256,
                             settings: settings, targets: targets)
    guard let results = dispatcher.read(pages), Set(results.keys) == Set(targets.map(\.number)) else { return nil }
    return try assemble(extracted, results: results, settings: settings, path: document.url.path)
}

/// The OCR stage with the engine given: each worker calls `makeRecognizer`
/// once and keeps its recognizer for all its pages. A page the engine fails
/// on becomes an empty `ocr` page with an `ocr-failed` warning and the other
/// pages go on, unless `settings.failOnError` makes it `IssuePipeError.ocrFailed`.
/// Parallel and serial runs give the same report.
public func recognize(_ extracted: ExtractedDocument, verdicts: JudgeReport, document: PDFDocument,
                      settings: OCRSettings, jobs: Int, makeRecognizer: @escaping RecognizerFactory) throws -> OCRReport {
    let wanted = Set(verdicts.ocrPages)
    let targets = extracted.pages.filter { wanted.contains($0.number) }
    guard !targets.isEmpty else { return OCRReport(pages: extracted.pages) }

    let work = OCRWork(targets: targets.map { OCRTarget(number: $0.number, width: $0.width, height: $0.height) })
    let workers = max(1, min(jobs, targets.count))
    let path = document.url.path
    if workers == 1 {
        runWorker(work, document: document, settings: settings, makeRecognizer: makeRecognizer)
    } else {
        // Ordering this relies on: poppler sets up some process-wide state
        // lazily, on first use (its global parameters when the first document
        // is opened; CMaps, font look-ups and font engines on the first text
        // read or render), and not all of that set-up is guarded against two
        // threads doing it at once. The workers below start only after the
        // document was opened and `extract` read every page, one after another,
        // on this thread (and the judge drew pages for its ink measure), so that
        // state exists before any two threads use poppler. Keep extract before
        // the OCR stage, and each worker on its own `PDFDocument`.
        let source = SendableDocumentSource(url: document.url, data: document.data, password: document.password)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            do {
                let own = try source.open()
                runWorker(work, document: own, settings: settings, makeRecognizer: makeRecognizer)
            } catch {
                work.setupFailed(error)
            }
        }
    }
    if let failure = work.setupError {
        if let error = failure as? IssuePipeError { throw error }
        throw IssuePipeError.ocrUnavailable(path: path, reason: "\(failure)")
    }
    return try assemble(extracted, results: work.results, settings: settings, path: path)
}

/// The report of the pages read, in page order, with their warnings: the same
/// whichever worker, thread or process read each page.
private func assemble(_ extracted: ExtractedDocument, results: [Int: OCRPageResult], settings: OCRSettings,
                      path: String) throws -> OCRReport {
    var report = OCRReport(pages: extracted.pages)
    for (index, page) in report.pages.enumerated() {
        guard let result = results[page.number] else { continue }
        report.pages[index] = result.layout
        report.reads.append(result.read)
        if let error = result.read.error {
            if settings.failOnError { throw IssuePipeError.ocrFailed(path: path, page: page.number, reason: error) }
            report.warnings.append(Warning(code: result.read.overLimit == nil ? "ocr-failed" : "page-over-limit",
                                           message: "page \(page.number): OCR failed (\(error)); the page is left empty",
                                           page: page.number))
        } else if let confidence = result.layout.confidence, confidence < settings.minConfidence {
            let what = result.layout.lines.isEmpty ? "no text found" : String(format: "mean word confidence %.2f", confidence)
            report.warnings.append(Warning(code: "low-ocr-confidence",
                                           message: String(format: "page %d: %@, below the pipeline's floor %.2f", page.number, what, settings.minConfidence),
                                           page: page.number))
        }
    }
    return report
}

/// Reads pages off the shared queue until it is empty, with one recognizer.
private func runWorker(_ work: OCRWork, document: PDFDocument, settings: OCRSettings, makeRecognizer: RecognizerFactory) {
    let recognizer: any PageRecognizer
    do { recognizer = try makeRecognizer() } catch {
        work.setupFailed(error)
        return
    }
    while let target = work.next() {
        work.store(readPage(target, document: document, settings: settings, recognizer: recognizer), for: target.number)
    }
}

/// One page: choose the image, read it, turn the words into a layout.
func readPage(_ target: OCRTarget, document: PDFDocument, settings: OCRSettings,
              recognizer: any PageRecognizer) -> OCRPageResult {
    let empty = PageLayout(number: target.number, width: target.width, height: target.height, method: .ocr,
                           confidence: 0, lines: [], text: "")
    guard let page = document.page(target.number), let choice = ocrImage(of: page, settings: settings) else {
        // Under an address-space limit (batch --max-memory) a render that cannot allocate is the limit's doing.
        let limit = currentMemoryLimit()
        var read = PageRead(page: target.number, source: "render", dpi: settings.dpi,
                            error: limit.map { "the page's image did not fit in the memory limit (\($0 / 1_048_576) MiB, --max-memory)" }
                                ?? "poppler could not render the page")
        read.overLimit = limit
        return OCRPageResult(layout: empty, read: read)
    }
    let deskew = settings.deskew == .always || (settings.deskew == .auto && choice.isScan)
    // Flattening the background is a page-sized pass: done once here and reused while the image read is this one.
    let choiceFlattened = choice.image.normalizingBackground()
    let (erased, leaders) = settings.eraseLeaders ? choice.image.erasingLeaders(flattened: choiceFlattened) : (choice.image, 0)
    // Leaders are found at the scan's own resolution (their dots' sizes and pitch are measured there), then enlarged.
    let pageImage = choice.enlargeToDPI.map { erased.upscaled(toDPI: $0) } ?? erased
    let request = OCRRequest(page: target.number, image: pageImage, languages: settings.languages, pageSegMode: settings.pageSegMode,
                             deskew: deskew, variables: settings.variables, timeout: settings.pageTimeout)
    var read = PageRead(page: target.number, source: choice.source, dpi: (pageImage.dpiY * 10).rounded() / 10)
    read.leadersErased = leaders > 0 ? leaders : nil
    do {
        var recognized = try recognizer.recognize(request)
        var image = pageImage
        var imageFlattened: GrayImage? = leaders == 0 && choice.enlargeToDPI == nil ? choiceFlattened : nil
        var layout = OCRLayout.page(recognized, image: image, number: target.number, width: target.width, height: target.height)
        // A page read as noise or as nothing is read again: with its background
        // flattened (dim paper, uneven light), then turned over (scanned upside
        // down). The best reading is kept.
        if (layout.confidence ?? 0) < settings.retryBelowConfidence {
            let flat = imageFlattened ?? image.normalizingBackground()
            for (candidate, turned) in [(flat, false), (flat.rotated180(), true)] {
                var again = request
                again.image = candidate
                guard let other = try? recognizer.recognize(again) else { continue }
                let otherLayout = OCRLayout.page(other, image: candidate, number: target.number, width: target.width, height: target.height)
                if (otherLayout.confidence ?? 0) > (layout.confidence ?? 0) + 0.1,
                   !turned || TurnedReading.isTheRightWayUp(other, over: recognized) {
                    (recognized, image, layout) = (other, candidate, otherLayout)
                    imageFlattened = nil
                    read.rotation = turned ? 180 : nil
                    read.backgroundFlattened = true
                }
                if (layout.confidence ?? 0) >= settings.retryBelowConfidence { break }
            }
        }
        // A page read turned over no longer lies as the scan does: its small type is cut from what was read.
        // A page the PDF draws has its small type cut from a finer render of it (`smallTextRenderDPI`).
        var fine = read.rotation == nil ? choice.fine : nil
        if fine == nil, read.rotation == nil, !choice.isScan, settings.smallTextRenderDPI > image.dpiY,
           settings.smallTextPixels > 0,
           SmallTextReread.smallLines(recognized.lines.map(SmallTextReread.glyphHeight), settings: settings).count >= settings.smallTextMinLines {
            fine = page.renderGray(dpi: settings.smallTextRenderDPI)
        }
        // The rereads below look for ink no line covers on the page with its background flattened: flattened once.
        let flattened = imageFlattened ?? image.normalizingBackground()
        if let local = UnreadShare.rereadLocally(recognized, image: image, flattened: flattened, request: request,
                                                 settings: settings, recognizer: recognizer) {
            recognized = local
            layout = OCRLayout.page(recognized, image: image, number: target.number, width: target.width, height: target.height)
            read.thresholdedLocally = true
        }
        var reread = SmallTextReread.reread(recognized, image: image, fine: fine, request: request, settings: settings,
                                            recognizer: recognizer)
        reread = UnreadBlocks.reread(reread, image: image, flattened: flattened, fine: fine, request: request, settings: settings,
                                     recognizer: recognizer)
        reread = UnreadInk.reread(reread, image: image, flattened: flattened, request: request, settings: settings, recognizer: recognizer)
        let weak = WeakLineReread.reread(reread, image: image, request: request, settings: settings, recognizer: recognizer)
        read.weakLinesReread = weak.replaced > 0 ? weak.replaced : nil
        let stops = LostFullStops.restored(weak.page, image: image, mark: settings.fullStopMark)
        reread = stops.page
        read.fullStopsRestored = stops.restored > 0 ? stops.restored : nil
        if reread != recognized {
            recognized = reread
            layout = OCRLayout.page(recognized, image: image, number: target.number, width: target.width, height: target.height)
        }
        // What leptonica left slanted, the words' own lines measure: their boxes are turned straight.
        let (straight, residual) = OCRStraightening.straightened(recognized)
        if residual != 0 {
            layout = OCRLayout.page(straight, image: image, number: target.number, width: target.width, height: target.height)
        }
        let total = (deskew ? recognized.deskewAngle : 0) + residual
        read.deskewAngle = deskew || residual != 0 ? (total * 100).rounded() / 100 : nil
        return OCRPageResult(layout: layout, read: read)
    } catch {
        read.error = "\(error)"
        return OCRPageResult(layout: empty, read: read)
    }
}

/// The image OCR reads for a page: a scan's own image at its native
/// resolution when the page is one image (and the image is upright and of a
/// sensible resolution), else the page rendered at `settings.dpi`.
func ocrImage(of page: PDFPage, settings: OCRSettings) -> OCRImageChoice? {
    let (width, height) = page.size
    let pageArea = max(1, width * height)
    let images = page.placedImages()
    func coverage(_ box: Box) -> Double {
        let w = max(0, min(box.x1, width) - max(box.x0, 0)), h = max(0, min(box.y1, height) - max(box.y0, 0))
        return w * h / pageArea
    }
    let imageCoverage = images.map { coverage($0.box) }.reduce(0, +)
    let isScan = imageCoverage >= 0.5
    if settings.nativeImages, images.count == 1, let only = images.first, coverage(only.box) >= 0.85,
       let native = page.nativeImage(only),
       abs(native.dpiX - native.dpiY) / native.dpiY < 0.03,
       native.dpiY >= settings.nativeDPIRange[0], native.dpiY <= settings.nativeDPIRange[1] {
        // Tesseract's LSTM reads body text best at about 200 dpi: a finer scan is scaled down to it.
        // The scan as it is stays at hand for small type, which it holds more of.
        if native.dpiY > settings.nativeMaxDPI {
            return OCRImageChoice(image: native.scaled(toDPI: settings.dpi), source: "native-image", isScan: true, fine: native)
        }
        // Small type is cut from the scan as it was: thickened, its strokes fill its counters.
        if let thickened = native.hairlinesThickened(belowDPI: settings.thickenHairlinesBelowDPI,
                                                     thinStrokesBelowDPI: settings.thinStrokesBelowDPI,
                                                     thinStrokeShare: settings.thinStrokeShare) {
            return OCRImageChoice(image: thickened, source: "native-image", isScan: true, fine: native)
        }
        // A coarser grey or colour scan is enlarged to it (`nativeMinDPI`); a black-and-white one reads better as it is.
        let enlarge = native.dpiY < settings.nativeMinDPI && !native.isBitonal && settings.dpi > native.dpiY
        return OCRImageChoice(image: native, source: "native-image", isScan: true, enlargeToDPI: enlarge ? settings.dpi : nil)
    }
    guard let rendered = page.renderGray(dpi: settings.dpi) else { return nil }
    return OCRImageChoice(image: rendered, source: "render", isScan: isScan)
}

/// The image OCR reads for a page, and where it came from.
struct OCRImageChoice {
    var image: GrayImage
    /// `native-image` (the scan's own image) or `render`.
    var source: String
    var isScan: Bool
    /// The scan at a finer resolution than `image`, small type is cut from.
    var fine: GrayImage? = nil
    /// The resolution the image is read at once its leaders are erased (`ocr.nativeMinDPI`).
    var enlargeToDPI: Double? = nil
}

/// A page to read: its number and size in points.
public struct OCRTarget: Codable, Hashable, Sendable {
    public var number: Int
    public var width: Double
    public var height: Double
}

/// One page as read: what `readPage` returns.
public struct OCRPageResult: Codable, Hashable, Sendable {
    public var layout: PageLayout
    public var read: PageRead
}

/// The pages of one file the OCR stage wants read, with everything needed to
/// read them in another process: the file (and the bytes it must have), its
/// password and the pipeline's OCR settings.
public struct OCRPageBatch: Codable, Hashable, Sendable {
    public var file: String
    public var password: String?
    public var sha256: String
    public var settings: OCRSettings
    public var targets: [OCRTarget]
}

/// Reads a file's OCR pages elsewhere: a batch worker hands them to the
/// batch's page scheduler, so idle workers read pages of other workers' files.
/// Called on the converting thread; it blocks until the pages are read.
public protocol OCRPageDispatcher: Sendable {
    /// Every target's result by page number, or nil when the pages are to be
    /// read here as usual (the output is then the same, only slower).
    func read(_ pages: OCRPageBatch) -> [Int: OCRPageResult]?
}

/// Where the OCR stage finds a dispatcher: set around one conversion (a task
/// local, so a conversion elsewhere in the process is not affected).
public enum OCRPageSharing {
    @TaskLocal public static var dispatcher: (any OCRPageDispatcher)?
}

/// What a worker needs to open its own `PDFDocument` on the same bytes.
struct SendableDocumentSource: Sendable {
    let url: URL
    let data: Data
    let password: String?
    func open() throws -> PDFDocument { try PDFDocument(url: url, bytes: data, password: password) }
}

/// The shared page queue and results, behind one lock.
final class OCRWork: Sendable {
    private let targets: [OCRTarget]
    private let state = Locked(State())

    private struct State {
        var cursor = 0
        var stored: [Int: OCRPageResult] = [:]
        var firstSetupError: (any Error)?
    }

    init(targets: [OCRTarget]) { self.targets = targets }

    func next() -> OCRTarget? {
        state.withLock { state in
            guard state.firstSetupError == nil, state.cursor < targets.count else { return nil }
            defer { state.cursor += 1 }
            return targets[state.cursor]
        }
    }

    func store(_ result: OCRPageResult, for page: Int) { state.withLock { $0.stored[page] = result } }
    func setupFailed(_ error: any Error) { state.withLock { if $0.firstSetupError == nil { $0.firstSetupError = error } } }
    var results: [Int: OCRPageResult] { state.withLock { $0.stored } }
    var setupError: (any Error)? { state.withLock { $0.firstSetupError } }
}
