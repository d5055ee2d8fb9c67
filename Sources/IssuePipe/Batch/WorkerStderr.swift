import Foundation

/// `SIGSEGV (segmentation fault)` for a signal number.
public func signalDescription(_ signal: Int32) -> String {
    let names: [Int32: (String, String)] = [
        SIGSEGV: ("SIGSEGV", "segmentation fault"), SIGABRT: ("SIGABRT", "abort"), SIGBUS: ("SIGBUS", "bus error"),
        SIGILL: ("SIGILL", "illegal instruction; Swift runtime traps end this way"), SIGTRAP: ("SIGTRAP", "trace trap"),
        SIGFPE: ("SIGFPE", "arithmetic error"), SIGKILL: ("SIGKILL", "killed"), SIGTERM: ("SIGTERM", "terminated"),
        SIGINT: ("SIGINT", "interrupted"), SIGXCPU: ("SIGXCPU", "CPU time limit"), SIGPIPE: ("SIGPIPE", "broken pipe"),
        SIGSYS: ("SIGSYS", "bad system call"), SIGHUP: ("SIGHUP", "hang-up"),
    ]
    if let (name, meaning) = names[signal] { return "\(name) (\(meaning))" }
    return "signal \(signal)"
}

/// The last few kilobytes a worker wrote to standard error about its current
/// file, passed on line by line to that file's handler.
final class StderrTail: Sendable {
    private let limit = 8192
    private let state = Locked(State())

    private struct State {
        var buffer = Data()
        var pending = Data() // the start of a line not ended yet
        var lineHandler: (@Sendable (String) -> Void)?
    }

    /// A new file: what the worker said before is forgotten; its lines now go to `lineHandler`.
    func startFile(lineHandler: (@Sendable (String) -> Void)?) {
        state.withLock { state in
            state.buffer = Data()
            state.lineHandler = lineHandler
        }
    }

    func append(_ chunk: Data) {
        let (lines, handler) = state.withLock { state in
            state.buffer.append(chunk)
            if state.buffer.count > limit { state.buffer = state.buffer.suffix(limit) }
            var lines: [String] = []
            state.pending.append(chunk)
            while let newline = state.pending.firstIndex(of: 0x0A) {
                lines.append(String(decoding: state.pending[state.pending.startIndex..<newline], as: UTF8.self))
                state.pending = Data(state.pending[state.pending.index(after: newline)...])
            }
            return (lines, state.lineHandler)
        }
        for line in lines where !line.isEmpty { handler?(line) }
    }

    /// The last non-empty line, shortened to 200 characters.
    var lastLine: String? {
        let text = state.withLock { String(decoding: $0.buffer, as: UTF8.self) }
        guard let last = text.split(whereSeparator: \.isNewline).last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return nil
        }
        let line = last.trimmingCharacters(in: .whitespaces)
        return line.count > 200 ? String(line.prefix(197)) + "…" : line
    }
}

