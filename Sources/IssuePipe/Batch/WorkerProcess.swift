import Foundation

/// How a file sent to a worker process ended, as the parent saw it.
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

/// How `issuepipe batch` starts its worker processes (`issuepipe worker`).
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

    /// Starts a worker; it waits for requests on its standard input.
    public func start() throws -> WorkerProcess { try WorkerProcess(self) }
}

/// One running `issuepipe worker`, converting file after file: a request line
/// on its standard input, a result line back on its standard output. Its
/// standard input stays open while it lives: a worker whose stdin reaches
/// end-of-file exits at once, so workers do not outlive a batch killed with
/// SIGKILL, and `close` ends one the same way.
///
/// One thread uses a worker at a time; only `pid` is read from others.
public final class WorkerProcess: @unchecked Sendable {
    public let pid: Int32
    /// Files this worker has been sent.
    public private(set) var filesSent = 0
    /// Pages of other workers' files it has been sent (the page scheduler).
    public private(set) var pagesHelped = 0
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private let tail = StderrTail()
    private let stderrDone: DispatchSemaphore
    private var pending = Data()  // standard output read past the last result line
    private var alive = true

    init(_ launcher: WorkerLauncher) throws {
        process = Process()
        process.executableURL = launcher.executable
        process.arguments = launcher.arguments
        process.environment = launcher.environment
        let inputPipe = Pipe(), outputPipe = Pipe(), errors = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errors
        try process.run()
        pid = process.processIdentifier
        input = inputPipe.fileHandleForWriting
        output = outputPipe.fileHandleForReading
        stderrDone = Self.drain(errors.fileHandleForReading, into: tail)
    }

    /// Converts one file. `stopping` is asked when the worker died without a
    /// result; `stderrLine` gets what the worker writes to standard error meanwhile.
    /// When the file's OCR pages are shared (`request.sharePages`), `servePages`
    /// gets them and the file's timer, and returns the batch's reply, or nil
    /// when the worker ended or must end meanwhile.
    /// After any outcome but `.finished` the worker is gone: start another.
    public func convert(_ request: WorkerRequest, timeout: Double?, stopping: () -> Bool,
                        stderrLine: (@Sendable (String) -> Void)? = nil,
                        servePages: ((OCRPageBatch, JobState) -> PagesReply?)? = nil) -> WorkerOutcome {
        precondition(alive, "a worker that ended takes no more files")
        filesSent += 1
        let (job, timer) = startJob(timeout: timeout, stderrLine: stderrLine)
        defer { timer?.cancel() }
        send(request)

        while let line = readLine() {
            if let message = WorkerOutbound.decode(line) {
                // The file's OCR pages, asked for (once or twice: a scanned cover is read first).
                if let pages = message.ocrPages, let servePages, let reply = servePages(pages, job) {
                    send(WorkerInbound(pagesRead: reply))
                    continue
                }
            } else if job.finish() {
                if let result = try? JSONDecoder().decode(WorkerResult.self, from: line) { return .finished(result) }
            } else {
                break   // the timeout killed it
            }
            // Not the protocol, or the pages could not be served: this worker cannot be trusted with another file.
            if !job.timedOut { kill(pid, SIGKILL) }
            break
        }
        job.finishIfNeeded()
        return ended(path: request.input, timedOut: job.timedOut, timeout: timeout, stopping: stopping)
    }

    /// One of its own file's pages, for a worker waiting in `convert`'s
    /// `servePages`; nil when the worker ended (the file's outcome tells how).
    public func readOwnPage(_ job: PageJob) -> PageJobResult? {
        send(WorkerInbound(readPage: job))
        guard let line = readLine(), let answer = WorkerOutbound.decode(line)?.pageRead else { return nil }
        return answer
    }

    /// How a page read for another worker's file ended.
    public enum HelpOutcome: Sendable {
        case read(PageJobResult)
        /// The worker is gone: start another.
        case ended(WorkerOutcome)
    }

    /// Reads a page of another worker's file, between files of its own, within
    /// `timeout` seconds (the file's `--timeout`).
    public func help(_ job: PageJob, timeout: Double?, stopping: () -> Bool) -> HelpOutcome {
        precondition(alive, "a worker that ended takes no more pages")
        pagesHelped += 1
        let (state, timer) = startJob(timeout: timeout, stderrLine: nil)
        defer { timer?.cancel() }
        send(WorkerInbound(readPage: job))
        if let line = readLine(), state.finish() {
            if let answer = WorkerOutbound.decode(line)?.pageRead { return .read(answer) }
            kill(pid, SIGKILL)
        }
        state.finishIfNeeded()
        return .ended(ended(path: job.file, timedOut: state.timedOut, timeout: timeout, stopping: stopping))
    }

    /// Writes one protocol line to the worker (a dead worker's pipe just fails).
    private func send(_ message: some Encodable) {
        guard let line = protocolLine(message) else { return }
        try? input.write(contentsOf: line)
    }

    /// Ends a worker between files (its standard input closes) and waits for it.
    public func close() {
        guard alive else { return }
        try? input.close()
        _ = ended(path: "", timedOut: false, timeout: nil, stopping: { true })
    }

    /// The next line of standard output, nil at end-of-file.
    private func readLine() -> Data? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = Data(pending[pending.startIndex..<newline])
                pending = Data(pending[pending.index(after: newline)...])
                return line
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            pending.append(chunk)
        }
    }

    /// Waits for the process to end and tells how it did.
    private func ended(path: String, timedOut: Bool, timeout: Double?, stopping: () -> Bool) -> WorkerOutcome {
        alive = false
        process.waitUntilExit()
        stderrDone.wait()
        try? input.close()
        try? output.close()
        let status = process.terminationStatus
        let lastWords = tail.lastLine.map { ": \($0)" } ?? ""
        if process.terminationReason == .uncaughtSignal {
            if timedOut, let timeout { return .timedOut(FileFailure(IssuePipeError.timeout(path: path, seconds: timeout))) }
            if stopping() || status == SIGINT || status == SIGTERM { return .interrupted(Self.interruption) }
            var reason = "killed by \(signalDescription(status))"
            if status == SIGKILL { reason += " (from outside: the kernel's out-of-memory killer?)" }
            return .crashed(FileFailure(IssuePipeError.workerCrashed(path: path, reason: reason + lastWords)))
        }
        if stopping() { return .interrupted(Self.interruption) }
        return .crashed(FileFailure(IssuePipeError.workerCrashed(path: path, reason: "exited with status \(status) without a result\(lastWords)")))
    }

    private static let interruption = FileFailure(code: "interrupted", message: "stopped before it finished (the batch was interrupted)")

    /// Reads the worker's standard error on a thread of its own (a full pipe
    /// would block the worker) into `tail`; the semaphore is signalled at its end.
    private static func drain(_ handle: FileHandle, into tail: StderrTail) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                tail.append(chunk)
            }
            try? handle.close()
            done.signal()
        }
        return done
    }

    /// Kills the worker when the file outlives `timeout` seconds (0: never).
    /// A new job's state and the timer that kills the worker when it runs over,
    /// the standard error tail started afresh for it.
    private func startJob(timeout: Double?, stderrLine: (@Sendable (String) -> Void)?) -> (JobState, DispatchWorkItem?) {
        tail.startFile(lineHandler: stderrLine)
        let job = JobState()
        return (job, timeout.flatMap { killAfter($0, job: job) })
    }

    private func killAfter(_ timeout: Double, job: JobState) -> DispatchWorkItem? {
        guard timeout > 0 else { return nil }
        let item = DispatchWorkItem { [pid] in job.killIfUnfinished(pid) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
        return item
    }
}

/// One file's state in a worker: done (a result, or the worker ended), and
/// whether the timeout killed it. The lock keeps the timer from killing a
/// worker that has moved on to the next file, or a pid already reaped.
public final class JobState: Sendable {
    private let state = Locked((finished: false, killed: false))

    func killIfUnfinished(_ pid: Int32) {
        state.withLock { state in
            guard !state.finished else { return }
            state.killed = true
            kill(pid, SIGKILL)
        }
    }

    /// Marks the file done; false when the timeout killed the worker first.
    func finish() -> Bool {
        state.withLock { state in
            state.finished = true
            return !state.killed
        }
    }

    func finishIfNeeded() { state.withLock { $0.finished = true } }
    /// True once the timeout killed the worker.
    public var timedOut: Bool { state.withLock { $0.killed } }
}
