import Foundation

/// How a worker process ended, as the parent saw it.
public enum WorkerOutcome: Sendable {
    /// The worker wrote its result (which may itself be a failure the pipeline knows).
    case finished(WorkerResult)
    /// It died without a result: a signal, or an exit status without a result line.
    case crashed(FileFailure)
    /// It ran past `--timeout` and was killed.
    case timedOut(FileFailure)
    /// The batch is stopping (SIGINT/SIGTERM) and the worker was killed or interrupted.
    case interrupted(FileFailure)
}

/// Runs one `issuepipe worker` process: sends the request on standard input,
/// reads the result from standard output, keeps the tail of standard error,
/// and kills the process when it outlives its timeout.
///
/// The worker's standard input stays open while it runs: a worker whose stdin
/// reaches end-of-file exits, so workers do not outlive a batch that was
/// killed with SIGKILL.
public struct WorkerLauncher: Sendable {
    public var executable: URL
    public var arguments: [String]
    public var environment: [String: String]

    public init(executable: URL, arguments: [String] = ["worker"], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["OMP_THREAD_LIMIT"] = "1"
        // Swift's crash backtracer keeps a crashed worker alive while it writes
        // pages of registers (and, seen with poppler, until stdin closes): a
        // crash should end the worker at once with its signal. Set
        // SWIFT_BACKTRACE yourself to get backtraces anyway.
        if env["SWIFT_BACKTRACE"] == nil { env["SWIFT_BACKTRACE"] = "enable=no" }
        for (key, value) in environment { env[key] = value }
        self.environment = env
    }

    /// Launches and waits. `register` gets the pid as soon as the process runs
    /// (so a stopping batch can kill it) and returns false when the batch is
    /// already stopping; `stopping` is asked when the process has ended.
    public func run(_ request: WorkerRequest, timeout: Double?, register: (Int32) -> Bool,
                    unregister: (Int32) -> Void, stopping: () -> Bool, stderrLine: (@Sendable (String) -> Void)? = nil)
        -> WorkerOutcome {
        let path = request.input
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            return .crashed(FileFailure(IssuePipeError.workerCrashed(path: path, reason: "cannot start \(executable.path): \(error.localizedDescription)")))
        }
        let pid = process.processIdentifier
        if !register(pid) { kill(pid, SIGKILL) }
        defer { unregister(pid) }

        let tail = StderrTail()
        let errorHandle = errors.fileHandleForReading
        let stderrDone = drain(errorHandle, into: tail, lineHandler: stderrLine)
        let state = ProcessState()
        let timer = timeout.flatMap { killAfter($0, pid: pid, state: state) }

        var line = (try? JSONEncoder().encode(request)) ?? Data()
        line.append(0x0A)
        try? input.fileHandleForWriting.write(contentsOf: line)

        let resultData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        state.markExited()
        timer?.cancel()
        stderrDone.wait()
        try? input.fileHandleForWriting.close()
        try? output.fileHandleForReading.close()
        try? errorHandle.close()
        return outcome(of: process, result: resultData, state: state, lastLine: tail.lastLine, path: path,
                       timeout: timeout, stopping: stopping)
    }

    /// Reads the worker's standard error on a thread of its own (a full pipe
    /// would block the worker) into `tail`; the semaphore is signalled at its end.
    private func drain(_ handle: FileHandle, into tail: StderrTail, lineHandler: (@Sendable (String) -> Void)?) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                tail.append(chunk, lineHandler: lineHandler)
            }
            done.signal()
        }
        return done
    }

    /// Kills the worker when it outlives `timeout` seconds (0: never); cancel the item when it ended.
    private func killAfter(_ timeout: Double, pid: Int32, state: ProcessState) -> DispatchWorkItem? {
        guard timeout > 0 else { return nil }
        let item = DispatchWorkItem { state.killIfRunning(pid) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
        return item
    }

    /// What the ended process's status and first line of output say.
    private func outcome(of process: Process, result: Data, state: ProcessState, lastLine: String?, path: String,
                         timeout: Double?, stopping: () -> Bool) -> WorkerOutcome {
        let status = process.terminationStatus
        let lastWords = lastLine.map { ": \($0)" } ?? ""
        if process.terminationReason == .uncaughtSignal {
            if state.timedOut, let timeout {
                return .timedOut(FileFailure(IssuePipeError.timeout(path: path, seconds: timeout)))
            }
            if stopping() || status == SIGINT || status == SIGTERM {
                return .interrupted(FileFailure(code: "interrupted", message: "stopped before it finished (the batch was interrupted)"))
            }
            var reason = "killed by \(signalDescription(status))"
            if status == SIGKILL { reason += " (from outside: the kernel's out-of-memory killer?)" }
            return .crashed(FileFailure(IssuePipeError.workerCrashed(path: path, reason: reason + lastWords)))
        }
        let firstLine = result.split(separator: 0x0A).first.map { Data($0) } ?? Data()
        if let result = try? JSONDecoder().decode(WorkerResult.self, from: firstLine) {
            return .finished(result)
        }
        if stopping() { return .interrupted(FileFailure(code: "interrupted", message: "stopped before it finished (the batch was interrupted)")) }
        return .crashed(FileFailure(IssuePipeError.workerCrashed(path: path, reason: "exited with status \(status) without a result\(lastWords)")))
    }
}

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

/// The last few kilobytes a worker wrote to standard error.
final class StderrTail: Sendable {
    private let limit = 8192
    private let state = Locked(State())

    private struct State {
        var buffer = Data()
        var pending = Data() // the start of a line not ended yet
    }

    func append(_ chunk: Data, lineHandler: (@Sendable (String) -> Void)?) {
        let lines = state.withLock { state in
            state.buffer.append(chunk)
            if state.buffer.count > limit { state.buffer = state.buffer.suffix(limit) }
            var lines: [String] = []
            if lineHandler != nil {
                state.pending.append(chunk)
                while let newline = state.pending.firstIndex(of: 0x0A) {
                    lines.append(String(decoding: state.pending[state.pending.startIndex..<newline], as: UTF8.self))
                    state.pending = Data(state.pending[state.pending.index(after: newline)...])
                }
            }
            return lines
        }
        for line in lines where !line.isEmpty { lineHandler?(line) }
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

/// Whether a worker has exited, and whether the timeout killed it.
final class ProcessState: Sendable {
    private let state = Locked((exited: false, killed: false))

    /// Kills the worker unless it has exited (a pid, once reaped, may be another process's).
    func killIfRunning(_ pid: Int32) {
        state.withLock { state in
            guard !state.exited else { return }
            state.killed = true
            kill(pid, SIGKILL)
        }
    }

    func markExited() { state.withLock { $0.exited = true } }
    var timedOut: Bool { state.withLock { $0.killed } }
}
