import Foundation
import IssuePipe

/// `convert`'s `--timeout` and `--max-memory`, with batch's defaults, applied
/// to the converting process itself (batch puts each file in a worker process).
///
/// - The memory limit is RLIMIT_AS. A page image that does not fit is left
///   empty with a `page-over-limit` warning (the output is written, exit 7);
///   an engine that aborts because an allocation failed ends the run with a
///   message naming the limit (exit 7, nothing written).
/// - The time limit is a watchdog: when it fires, a temporary file this run
///   was writing is removed and the process exits 7; nothing is half-written,
///   as every output is written to a temporary name and renamed.
enum ConvertLimits {
    /// The address-space limit for `jobs` OCR threads: the base, plus 1 GiB per
    /// thread past the first (each holds its own engine and malloc arena).
    static func memoryBytes(base: UInt64?, jobs: Int) -> UInt64? {
        base.map { $0 + UInt64(max(0, jobs - 1)) << 30 }
    }

    /// Applies RLIMIT_AS and reports an abort under it as the limit's doing.
    static func limitMemory(_ bytes: UInt64, input: String) {
        guard applyMemoryLimit(bytes: bytes) else {
            printErr("issuepipe: warning: could not set the memory limit (--max-memory): \(String(cString: strerror(errno)))")
            return
        }
        abortMessage = Array("issuepipe: \(IssuePipeError.printable(input)): aborted under the memory limit (--max-memory \(bytes >> 20) MiB); raise it or give 0 for none\n".utf8)
        signal(SIGABRT) { _ in
            ConvertLimits.abortMessage.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count) }
            _exit(ExitFamily.limit.exitCode)
        }
    }

    /// Exits 7 after `seconds`, removing the temporary files of `outputs` this process was writing.
    static func startWatchdog(seconds: Double, input: String, outputs: [URL], stagesFolder: URL?) {
        let message = "issuepipe: \(IssuePipeError.timeout(path: input, seconds: seconds)); nothing was written\n"
        let pid = ProcessInfo.processInfo.processIdentifier
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + seconds)
        timer.setEventHandler {
            var temporaries = outputs.map { $0.deletingLastPathComponent().appendingPathComponent(".\($0.lastPathComponent).\(pid).tmp") }
            if let stagesFolder, let names = try? FileManager.default.contentsOfDirectory(atPath: stagesFolder.path) {
                temporaries += names.filter { isAtomicWriteLeftover($0) && $0.hasSuffix(".\(pid).tmp") }
                    .map { stagesFolder.appendingPathComponent($0) }
            }
            for url in temporaries { unlink(url.path) }
            FileHandle.standardError.write(Data(message.utf8))
            _exit(ExitFamily.limit.exitCode)
        }
        timer.resume()
        watchdog = timer
    }

    nonisolated(unsafe) private static var abortMessage: [UInt8] = []
    nonisolated(unsafe) private static var watchdog: DispatchSourceTimer?
}
