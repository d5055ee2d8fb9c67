import ArgumentParser
import Foundation
import IssuePipe

/// The process `issuepipe batch` keeps running to convert files (hidden from --help).
/// Protocol: a JSON `WorkerRequest` line on standard input for each file, a JSON
/// `WorkerResult` line on standard output when it is done, then the next
/// request. Standard input stays open while the batch needs the worker; the
/// worker exits at once when it reaches end-of-file, even in the middle of a
/// file (its batch is gone, or is done with it).
///
/// What a conversion needs once (the schema validator, the pipelines, the
/// tesseract engine) is loaded on first use and kept for the next files.
///
/// With the batch's page scheduler (`PageJobs.swift`), a request with
/// `sharePages` sends its OCR pages to the batch and reads what it is handed
/// back; between files the worker reads pages of other workers' files.
///
/// Debug switches, for testing isolation (environment variables; the value is a
/// substring of the input path that triggers them):
/// - `ISSUEPIPE_DEBUG_CRASH`: abort() (SIGABRT) instead of converting
/// - `ISSUEPIPE_DEBUG_SEGV`: a segmentation fault (SIGSEGV)
/// - `ISSUEPIPE_DEBUG_HANG`: sleep forever (for --timeout)
/// - `ISSUEPIPE_DEBUG_ALLOC`: allocate until the --max-memory cap refuses, then abort() as an uncaught std::bad_alloc would
/// - `ISSUEPIPE_DEBUG_PAGE_CRASH`: abort() when asked to read a page of that file for another worker
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Convert files for 'batch' (internal).",
        shouldDisplay: false
    )

    func run() throws {
        // The batch ignores these while it runs; a worker must die of them.
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        let requests = RequestLines()
        let pages = PageJobReader()
        var validator: IssueValidator??
        var limited = false
        // Every request of a batch has the same limit; it is set once, before the first file or page.
        func limitMemory(_ bytes: UInt64?) {
            if !limited, let bytes, !applyMemoryLimit(bytes: bytes) {
                printErr("issuepipe worker: could not set the memory limit (\(bytes) bytes): \(String(cString: strerror(errno)))")
            }
            limited = true
        }
        while true {
            let line = requests.next()
            if let job = (try? JSONDecoder().decode(WorkerInbound.self, from: Data(line.utf8)))?.readPage {
                limitMemory(job.maxMemoryBytes)
                debugPageSwitch(job.file)
                write(WorkerOutbound(pageRead: pages.read(job)))
                continue
            }
            guard let request = try? JSONDecoder().decode(WorkerRequest.self, from: Data(line.utf8)) else {
                printErr("issuepipe worker: expected a JSON request line on standard input")
                throw ExitCode(ExitStatus.usage)
            }
            limitMemory(request.maxMemoryBytes)
            debugSwitches(request.input)
            if validator == nil { validator = .some(try? IssueValidator.bundled()) }
            let dispatcher: (any OCRPageDispatcher)? = request.sharePages == true
                ? SharedPageDispatcher(reader: pages, nextLine: requests.next, send: { try? FileHandle.standardOutput.write(contentsOf: $0) })
                : nil
            var result = OCRPageSharing.$dispatcher.withValue(dispatcher) { runWorkerJob(request, validator: validator ?? nil) }
            result.residentBytes = residentMemoryBytes()
            write(result)
        }
    }

    /// One protocol line on standard output.
    private func write(_ message: some Encodable) {
        var data = (try? JSONEncoder().encode(message)) ?? Data()
        data.append(0x0A)
        try? FileHandle.standardOutput.write(contentsOf: data)
    }

    private func debugPageSwitch(_ file: String) {
        guard let value = ProcessInfo.processInfo.environment["ISSUEPIPE_DEBUG_PAGE_CRASH"], !value.isEmpty, file.contains(value) else { return }
        printErr("issuepipe worker: ISSUEPIPE_DEBUG_PAGE_CRASH: aborting on a page of \(file)")
        abort()
    }

    private func debugSwitches(_ input: String) {
        let env = ProcessInfo.processInfo.environment
        func triggered(_ name: String) -> Bool {
            guard let value = env[name], !value.isEmpty else { return false }
            return input.contains(value)
        }
        if triggered("ISSUEPIPE_DEBUG_CRASH") {
            printErr("issuepipe worker: ISSUEPIPE_DEBUG_CRASH: aborting on \(input)")
            abort()
        }
        if triggered("ISSUEPIPE_DEBUG_SEGV") {
            printErr("issuepipe worker: ISSUEPIPE_DEBUG_SEGV: segmentation fault on \(input)")
            raise(SIGSEGV)
        }
        if triggered("ISSUEPIPE_DEBUG_HANG") {
            while true { sleep(3600) }
        }
        if triggered("ISSUEPIPE_DEBUG_ALLOC") {
            var blocks: [UnsafeMutableRawPointer] = []
            for _ in 0..<256 { // at most 64 GiB of untouched address space
                guard let block = malloc(256 << 20) else {
                    printErr("issuepipe worker: ISSUEPIPE_DEBUG_ALLOC: out of memory after \(blocks.count * 256) MiB")
                    abort()
                }
                blocks.append(block)
            }
            printErr("issuepipe worker: ISSUEPIPE_DEBUG_ALLOC: no memory limit stopped 64 GiB")
            blocks.forEach { free($0) }
        }
    }
}

/// The request lines on standard input, read on a thread of their own so that
/// end-of-file is seen at once, also while a file is being converted: the
/// worker then exits (status 75) without finishing it.
final class RequestLines: Sendable {
    private let lines = Locked<[String]>([])
    private let available = DispatchSemaphore(value: 0)

    init() {
        Thread.detachNewThread { [lines, available] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count <= 0 { break }
                for byte in buffer[0..<count] {
                    if byte != 0x0A { pending.append(byte); continue }
                    let line = String(decoding: pending, as: UTF8.self)
                    pending.removeAll(keepingCapacity: true)
                    lines.withLock { $0.append(line) }
                    available.signal()
                }
            }
            // Skip atexit handlers and static destructors (tesseract's, OpenMP's): nothing left to flush.
            _exit(75)
        }
    }

    /// The next line; waits for it.
    func next() -> String {
        available.wait()
        return lines.withLock { $0.removeFirst() }
    }
}
