import Foundation

/// Everything a batch needs to run, decided before it starts.
public struct BatchConfiguration: Sendable {
    public var items: [BatchItem]
    public var outputFolder: URL
    /// Write each file's stage dumps to `<out>/<stem>.stages/`.
    public var writeStages: Bool
    /// Worker processes at most at once.
    public var jobs: Int
    /// Seconds per file; nil or 0 for no limit.
    public var timeout: Double?
    public var maxMemoryBytes: UInt64?
    /// Convert even files whose output is up to date.
    public var force: Bool
    /// The password for a file (`--password`, `--passwords FILE`).
    public var passwords: PasswordBook
    public var pipeline: String?
    public var pipelinesFolder: String?
    public var ocrMode: OCRMode
    public var keepFurniture: Bool
    public var resume: ResumeCheck
    public var launcher: WorkerLauncher

    public init(items: [BatchItem], outputFolder: URL, writeStages: Bool = false, jobs: Int, timeout: Double?,
                maxMemoryBytes: UInt64?, force: Bool = false, passwords: PasswordBook = PasswordBook(),
                pipeline: String? = nil, pipelinesFolder: String? = nil, ocrMode: OCRMode = .auto,
                keepFurniture: Bool = false, resume: ResumeCheck, launcher: WorkerLauncher) {
        self.items = items
        self.outputFolder = outputFolder
        self.writeStages = writeStages
        self.jobs = jobs
        self.timeout = timeout
        self.maxMemoryBytes = maxMemoryBytes
        self.force = force
        self.passwords = passwords
        self.pipeline = pipeline
        self.pipelinesFolder = pipelinesFolder
        self.ocrMode = ocrMode
        self.keepFurniture = keepFurniture
        self.resume = resume
        self.launcher = launcher
    }
}

/// What a batch reports while it runs.
public enum BatchEvent: Sendable {
    case started(BatchItem)
    case finished(BatchItem, BatchFileRecord)
    /// A line a worker wrote to standard error (poppler's complaints, mostly).
    case workerSaid(BatchItem, String)
    case skipReason(BatchItem, String)
}

/// Runs a batch: files in parallel, each in its own worker process, never more
/// than `jobs` at once, largest files first (so a big file does not start last
/// and leave the other workers idle at the end).
public final class BatchRunner: Sendable {
    public let configuration: BatchConfiguration
    private let onEvent: @Sendable (BatchEvent) -> Void
    private let state = Locked(State())

    /// What the worker threads and `stop` share.
    private struct State {
        var queue: [BatchItem] = []
        var records: [BatchFileRecord] = []
        var running: Set<Int32> = []
        var stopSignal: Int32?
    }

    public init(_ configuration: BatchConfiguration, onEvent: @escaping @Sendable (BatchEvent) -> Void = { _ in }) {
        self.configuration = configuration
        self.onEvent = onEvent
    }

    public struct Outcome: Sendable {
        public var records: [BatchFileRecord]
        /// Files never started because the batch was stopped.
        public var notStarted: Int
        /// The signal that stopped the batch, if one did.
        public var stoppedBy: Int32?
    }

    /// Runs every file and returns when all are done or the batch was stopped.
    public func run() -> Outcome {
        let sizes = Dictionary(configuration.items.map { item in
            (item.url, ((try? FileManager.default.attributesOfItem(atPath: item.url.path))?[.size] as? NSNumber)?.int64Value ?? 0)
        }, uniquingKeysWith: { a, _ in a })
        // Popped from the end: smallest last.
        let queue = configuration.items.sorted { (sizes[$0.url] ?? 0, $1.relativePath) < (sizes[$1.url] ?? 0, $0.relativePath) }
        state.withLock { $0.queue = queue }

        let group = DispatchGroup()
        for _ in 0..<max(1, min(configuration.jobs, configuration.items.count)) {
            group.enter()
            Thread.detachNewThread { [self] in
                while let item = next() { finish(item, process(item)) }
                group.leave()
            }
        }
        group.wait()
        return state.withLock { Outcome(records: $0.records, notStarted: $0.queue.count, stoppedBy: $0.stopSignal) }
    }

    /// Stops launching files and kills the running workers (SIGKILL). Safe to
    /// call from a signal handler's queue, more than once.
    public func stop(signal: Int32) {
        let pids = state.withLock { state in
            if state.stopSignal == nil { state.stopSignal = signal }
            return state.running
        }
        for pid in pids { kill(pid, SIGKILL) }
    }

    private func next() -> BatchItem? {
        state.withLock { $0.stopSignal == nil ? $0.queue.popLast() : nil }
    }

    private func finish(_ item: BatchItem, _ record: BatchFileRecord) {
        state.withLock { $0.records.append(record) }
        onEvent(.finished(item, record))
    }

    private var isStopping: Bool { state.withLock { $0.stopSignal != nil } }

    private func process(_ item: BatchItem) -> BatchFileRecord {
        let started = Date()
        let output = item.outputURL(in: configuration.outputFolder)
        func record(_ status: BatchStatus, _ result: WorkerResult? = nil, error: FileFailure? = nil) -> BatchFileRecord {
            BatchFileRecord(input: item.input, relativePath: item.relativePath, output: output.path, status: status,
                            error: error ?? result?.error, pageCount: result?.pageCount, pages: result?.pages,
                            warnings: result?.warnings ?? [], pipeline: result?.pipeline, sha256: result?.sha256,
                            seconds: Date().timeIntervalSince(started))
        }

        // A name that is not UTF-8 is read through an alias with its escaped name.
        var source = item.url
        if let raw = item.rawPath {
            do { source = try RawPathAlias.make(to: raw, name: item.url.lastPathComponent) } catch {
                return record(.failed, error: FileFailure(error))
            }
        }
        defer { if item.rawPath != nil { RawPathAlias.remove(source) } }
        // A link planted inside --out would send the output (and resume's read) elsewhere.
        let written = [output] + (configuration.writeStages ? [item.stagesURL(in: configuration.outputFolder)] : [])
        if let link = written.lazy.compactMap({ Self.symbolicLink(inside: self.configuration.outputFolder, on: $0) }).first {
            return record(.failed, error: FileFailure(IssuePipeError.writeFailed(
                path: output.path, reason: "\(link) is a symbolic link inside --out; refusing to write through it")))
        }
        if !configuration.force {
            switch configuration.resume.decide(input: source, output: output) {
            case .skip(let existing):
                return record(.skipped, existing)
            case .convert(let reason):
                onEvent(.skipReason(item, reason))
            }
        }
        onEvent(.started(item))
        removeStaleTemporaries(of: output)
        if configuration.writeStages { removeLeftovers(in: item.stagesURL(in: configuration.outputFolder)) }

        let outcome = runWorker(for: item, reading: source, writing: output)
        switch outcome {
        case .finished(let result):
            return record(BatchStatus(finished: result), result)
        case .crashed(let failure), .timedOut(let failure), .interrupted(let failure):
            removeStaleTemporaries(of: output)
            return record(.failed, error: failure)
        }
    }

    /// Converts one file in a worker process, which the batch can kill when it stops.
    private func runWorker(for item: BatchItem, reading source: URL, writing output: URL) -> WorkerOutcome {
        let request = WorkerRequest(
            input: source.path, output: output.path,
            stagesFolder: configuration.writeStages ? item.stagesURL(in: configuration.outputFolder).path : nil,
            password: configuration.passwords.password(for: item), pipeline: configuration.pipeline,
            pipelinesFolder: configuration.pipelinesFolder, ocrMode: configuration.ocrMode,
            keepFurniture: configuration.keepFurniture, maxMemoryBytes: configuration.maxMemoryBytes)
        let onEvent = self.onEvent
        return configuration.launcher.run(
            request, timeout: configuration.timeout,
            register: { pid in
                state.withLock { state in
                    state.running.insert(pid)
                    return state.stopSignal == nil
                }
            },
            unregister: { pid in state.withLock { _ = $0.running.remove(pid) } },
            stopping: { isStopping },
            stderrLine: { line in onEvent(.workerSaid(item, line)) })
    }

    /// A killed worker's temporary stage dumps (`.1-extract.json.<pid>.tmp`).
    private func removeLeftovers(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where isAtomicWriteLeftover(name) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
    }

    /// The first path from below `folder` down to `file` (itself included) that is a symbolic link.
    static func symbolicLink(inside folder: URL, on file: URL) -> String? {
        let base = folder.standardizedFileURL.pathComponents, parts = file.standardizedFileURL.pathComponents
        guard parts.count > base.count, Array(parts.prefix(base.count)) == base else { return nil }
        var path = folder.standardizedFileURL.path
        for part in parts.dropFirst(base.count) {
            path = (path as NSString).appendingPathComponent(part)
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return path }
        }
        return nil
    }

    /// `writeAtomically` leaves `.<name>.<pid>.tmp` behind when its process is
    /// killed mid-write; such a file is garbage once we (re)write that output.
    private func removeStaleTemporaries(of output: URL) {
        let folder = output.deletingLastPathComponent()
        let prefix = "." + output.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4)
            if !middle.isEmpty, middle.allSatisfy(\.isNumber) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}

/// Passwords for encrypted PDFs: one for every file (`--password`) and one a
/// file name (`--passwords FILE`, a TSV of `name<TAB>password` lines; a header
/// line whose first field is `local_name` or `file`, blank lines and `#`
/// comments are skipped; the name is matched against the file name, then
/// against the relative path). A file's own entry wins over `--password`.
public struct PasswordBook: Sendable {
    public var fallback: String?
    public var byName: [String: String]

    public init(fallback: String? = nil, byName: [String: String] = [:]) {
        self.fallback = fallback
        self.byName = byName
    }

    public func password(for item: BatchItem) -> String? {
        byName[item.relativePath] ?? byName[item.url.lastPathComponent] ?? fallback
    }

    /// Reads the TSV; the password is the second column (the rest is ignored,
    /// so the corpus's PASSWORDS.tsv with its owner-password and note columns works).
    public static func parseTSV(_ text: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if index == 0, ["local_name", "file", "name"].contains(fields[0].lowercased()) { continue }
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw BatchUsageError("--passwords line \(index + 1): expected name<TAB>password")
            }
            result[fields[0]] = fields[1]
        }
        return result
    }
}
