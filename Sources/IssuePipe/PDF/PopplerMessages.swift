import CPoppler
import Foundation

/// One thing poppler reported while it read or drew a page: `Syntax error`,
/// `Syntax warning`, `IO error`, `Internal error` or `Unimplemented feature`
/// (poppler-glib's names for poppler's error categories) and the message.
///
/// poppler-glib has no public error callback. It installs its own with
/// poppler's `GlobalParamsIniter` and passes every report on to `g_log` in the
/// `Poppler` domain at `G_LOG_LEVEL_INFO` (`"<category> at position <n>:
/// <message>"`), which GLib's default handler drops. IssuePipe installs a log
/// handler for that domain (`PopplerLog`) and keeps what arrives while a page
/// is being read or drawn, per page.
public struct PopplerMessage: Codable, Hashable, Sendable {
    public var category: String
    public var text: String

    public init(category: String, text: String) {
        self.category = category
        self.text = text
    }

    /// What a message means for the output.
    public enum Kind: Sendable, Hashable {
        /// A CMap or CID-to-Unicode table poppler needs is not installed (poppler-data):
        /// the text drawn in that font is lost.
        case cmapMissing
        /// No font to draw a font the PDF does not embed: rendering (OCR input,
        /// inspect images) lacks that text.
        case fontMissing
        /// A font operator failed because the font could not be loaded; a
        /// consequence of `cmapMissing`/`fontMissing` when one is on the page too.
        case fontUnusable
        /// An error in the page's content or the objects it draws: text or
        /// drawing after it may be missing.
        case damagedContent
        /// Warnings and unimplemented features: nothing lost that we know of.
        case harmless
    }

    public var kind: Kind {
        let t = text
        if t.hasPrefix("Missing language pack for") || t.contains("CMap file for")
            || t.hasPrefix("Unknown CMap") || t.hasPrefix("Couldn't open cidToUnicode file")
            || t.hasPrefix("Unknown character collection") || t.hasPrefix("Couldn't find ToUnicode CMap file") {
            return .cmapMissing
        }
        if t.hasPrefix("Couldn't find a font") || t.hasPrefix("Couldn't create a font")
            || t.hasPrefix("Couldn't find font file") || t.hasPrefix("Couldn't open external font file")
            || t.contains("couldn't find a font for character") {
            return .fontMissing
        }
        if t.hasPrefix("Unknown font tag") || t.hasPrefix("No font in ") { return .fontUnusable }
        switch category {
        case "Syntax error", "IO error", "Internal error": return .damagedContent
        default: return .harmless
        }
    }

    /// Parses poppler-glib's `"<category> at position <n>: <message>"`.
    init(logLine: String) {
        if let at = logLine.range(of: " at position "), let colon = logLine[at.upperBound...].range(of: ": ") {
            self.init(category: String(logLine[..<at.lowerBound]), text: String(logLine[colon.upperBound...]))
        } else {
            self.init(category: "", text: logLine)
        }
    }
}

/// What poppler said about each page of one PDF, shared by every handle opened
/// on the same bytes (the OCR stage's workers open their own). Thread-safe.
public final class PopplerMessageLog: Sendable {
    private let state = Locked(State())
    /// Distinct messages kept per page; a badly broken page can report tens of thousands.
    static let limitPerPage = 50

    private struct State {
        var byPage: [Int: [PopplerMessage]] = [:]
        var seen: Set<PageMessage> = []
        var dropped: [Int: Int] = [:]
    }

    private struct PageMessage: Hashable {
        var page: Int
        var message: PopplerMessage
    }

    init() {}

    func add(_ message: PopplerMessage, page: Int) {
        state.withLock { state in
            guard state.seen.insert(PageMessage(page: page, message: message)).inserted else { return }
            if state.byPage[page, default: []].count < Self.limitPerPage {
                state.byPage[page, default: []].append(message)
            } else {
                state.dropped[page, default: 0] += 1
            }
        }
    }

    /// The distinct messages of each page, in the order poppler first said them.
    public var pages: [Int: [PopplerMessage]] { state.withLock { $0.byPage } }

    /// Distinct messages of a page beyond `limitPerPage`, not kept.
    func droppedCount(page: Int) -> Int { state.withLock { $0.dropped[page] ?? 0 } }

    // MARK: one log per byte buffer

    private static let registry = Locked<[BufferKey: WeakLog]>([:])

    private struct BufferKey: Hashable {
        var address: UInt
        var count: Int
    }

    private final class WeakLog {
        weak var log: PopplerMessageLog?
        init(_ log: PopplerMessageLog) { self.log = log }
    }

    /// The log of the documents open on `data`'s bytes. A copy of a `Data`
    /// shares its buffer, so the OCR workers' handles (opened from the first
    /// handle's `data`) find the first handle's log; a file read again is
    /// another buffer and gets its own. An entry lives as long as a document
    /// holding its log (and so the buffer) does.
    static func shared(for data: Data) -> PopplerMessageLog {
        let address = data.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        guard address != 0 else { return PopplerMessageLog() }
        let key = BufferKey(address: address, count: data.count)
        return registry.withLock { registry in
            if let existing = registry[key]?.log { return existing }
            registry = registry.filter { $0.value.log != nil }
            let log = PopplerMessageLog()
            registry[key] = WeakLog(log)
            return log
        }
    }
}

/// Routes poppler-glib's `g_log` reports to the page being read or drawn on
/// the calling thread (`PopplerLog.during`). Reports made outside any page
/// (opening a file, reconstructing a cross-reference table) go to GLib's
/// default handler as before.
enum PopplerLog {
    private final class Sink {
        let log: PopplerMessageLog
        let page: Int
        init(log: PopplerMessageLog, page: Int) { self.log = log; self.page = page }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Installs the handler once per process; call before poppler is used.
    static let install: Void = {
        let levels = G_LOG_LEVEL_CRITICAL.rawValue | G_LOG_LEVEL_WARNING.rawValue | G_LOG_LEVEL_MESSAGE.rawValue
            | G_LOG_LEVEL_INFO.rawValue | G_LOG_LEVEL_DEBUG.rawValue
        _ = g_log_set_handler("Poppler", GLogLevelFlags(rawValue: levels), { domain, level, message, _ in
            guard let raw = pthread_getspecific(PopplerLog.key), let message else {
                g_log_default_handler(domain, level, message, nil)
                return
            }
            let sink = Unmanaged<Sink>.fromOpaque(raw).takeUnretainedValue()
            sink.log.add(PopplerMessage(logLine: String(cString: message)), page: sink.page)
        }, nil)
    }()

    /// Runs `body` (poppler calls for one page) with poppler's reports going to `log` under `page`.
    static func during<T>(_ log: PopplerMessageLog, page: Int, _ body: () throws -> T) rethrows -> T {
        _ = install
        let sink = Sink(log: log, page: page)
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(sink).toOpaque())
        defer { pthread_setspecific(key, previous) }
        return try withExtendedLifetime(sink) { try body() }
    }
}

extension PopplerMessageLog {
    /// Warning codes that say text of the page may be missing from the output
    /// (a batch counts such a file as `partial`).
    public static let lossCodes: Set<String> = ["damaged-content", "cmap-missing"]

    /// What poppler reported, as warnings for the issue JSON: per page, one
    /// `cmap-missing`, one `font-missing` and one `damaged-content` at most,
    /// each quoting poppler's first few distinct messages. Pages in order.
    public var warnings: [Warning] {
        var result: [Warning] = []
        for (page, messages) in pages.sorted(by: { $0.key < $1.key }) {
            var byKind: [PopplerMessage.Kind: [String]] = [:]
            for message in messages { byKind[message.kind, default: []].append(message.text) }
            let missing = byKind[.cmapMissing] != nil || byKind[.fontMissing] != nil
            if !missing, let unusable = byKind[.fontUnusable] { byKind[.damagedContent, default: []] += unusable }
            // Messages beyond the per-page limit are counted with the damage (what floods a page).
            func quoted(_ texts: [String], dropped: Int = 0) -> String {
                let more = max(0, texts.count - 3) + dropped
                let shown = texts.prefix(3).joined(separator: "; ")
                return more > 0 ? "\(shown); and \(more) more" : shown
            }
            if let texts = byKind[.cmapMissing] {
                result.append(Warning(code: "cmap-missing",
                                      message: "page \(page): poppler lacks the CMap data of a font (\(quoted(texts))); the text drawn in it is missing: install poppler-data (see issuepipe doctor)",
                                      page: page))
            }
            if let texts = byKind[.fontMissing] {
                result.append(Warning(code: "font-missing",
                                      message: "page \(page): no installed font can stand in for a font the PDF does not embed (\(quoted(texts))); images of the page (OCR, inspect) lack that text: install fonts-noto-cjk (see issuepipe doctor)",
                                      page: page))
            }
            if let texts = byKind[.damagedContent] {
                result.append(Warning(code: "damaged-content",
                                      message: "page \(page): poppler reported errors in the page's content (\(quoted(texts, dropped: droppedCount(page: page)))); text after the damage may be missing",
                                      page: page))
            }
        }
        return result
    }
}
