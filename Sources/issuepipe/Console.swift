import Foundation
import IssuePipe
import Logging

/// Standard error, shared by log lines and the progress line: on a terminal
/// the progress line is cleared before a log line and drawn again after it.
final class Console: Sendable {
    static let shared = Console()

    let isTerminal = isatty(STDERR_FILENO) != 0
    /// The updating line shown, if any. Writes happen inside its lock, so lines never interleave.
    private let status = Locked<String?>(nil)

    /// Terminal columns: `$COLUMNS`, else 80.
    private let columns = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "").flatMap { $0 > 20 ? $0 : nil } ?? 80

    func line(_ text: String) {
        status.withLock { status in
            var out = ""
            if isTerminal, status != nil { out += "\r\u{1B}[K" }
            out += text + "\n"
            if isTerminal, let status { out += fit(status) }
            write(out)
        }
    }

    /// Shows (or with nil, removes) the one updating line. Only on a terminal.
    func setStatus(_ text: String?) {
        guard isTerminal else { return }
        status.withLock { status in
            status = text
            write("\r\u{1B}[K" + (text.map(fit) ?? ""))
        }
    }

    private func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// Cuts a line to the terminal width (by `TerminalText`'s display widths:
    /// CJK characters take two columns) so it never wraps.
    private func fit(_ text: String) -> String { TerminalText.truncate(text, to: columns - 1) }
}

/// swift-log to standard error through `Console`: plain lines, prefixed with
/// the level for warnings and errors.
struct ConsoleLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix: String
        switch event.level {
        case .warning: prefix = "warning: "
        case .error, .critical: prefix = "error: "
        default: prefix = ""
        }
        Console.shared.line(prefix + event.message.description)
    }

    /// Sets up swift-log once per process.
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { _ in ConsoleLogHandler(logLevel: level) }
    }
}
