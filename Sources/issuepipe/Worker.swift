import ArgumentParser
import Foundation
import IssuePipe

/// The process `issuepipe batch` runs for each file (hidden from --help).
/// Protocol: one JSON `WorkerRequest` line on standard input; one JSON
/// `WorkerResult` line on standard output; standard input stays open until the
/// worker is done, and the worker exits at once when it reaches end-of-file
/// (its batch is gone).
///
/// Debug switches, for testing isolation (environment variables; the value is a
/// substring of the input path that triggers them):
/// - `ISSUEPIPE_DEBUG_CRASH`: abort() (SIGABRT) instead of converting
/// - `ISSUEPIPE_DEBUG_SEGV`: a segmentation fault (SIGSEGV)
/// - `ISSUEPIPE_DEBUG_HANG`: sleep forever (for --timeout)
/// - `ISSUEPIPE_DEBUG_ALLOC`: allocate until the --max-memory cap refuses, then abort() as an uncaught std::bad_alloc would
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Convert one file for 'batch' (internal).",
        shouldDisplay: false
    )

    func run() throws {
        // The batch ignores these while it runs; a worker must die of them.
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)

        guard let line = readLineFromStandardInput(),
              let request = try? JSONDecoder().decode(WorkerRequest.self, from: Data(line.utf8)) else {
            printErr("issuepipe worker: expected one JSON request line on standard input")
            throw ExitCode(ExitStatus.usage)
        }
        Thread.detachNewThread {
            // The batch holds our standard input open; end-of-file means it is gone.
            var byte: UInt8 = 0
            while read(STDIN_FILENO, &byte, 1) > 0 {}
            _exit(75)
        }
        if let bytes = request.maxMemoryBytes, !applyMemoryLimit(bytes: bytes) {
            printErr("issuepipe worker: could not set the memory limit (\(bytes) bytes): \(String(cString: strerror(errno)))")
        }
        debugSwitches(request.input)

        let result = runWorkerJob(request, validator: try? IssueValidator.bundled())
        var data = (try? JSONEncoder().encode(result)) ?? Data()
        data.append(0x0A)
        try? FileHandle.standardOutput.write(contentsOf: data)
        // Skip atexit handlers and static destructors (tesseract's, OpenMP's): nothing left to flush.
        _exit(0)
    }

    private func readLineFromStandardInput() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) == 1 {
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
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
