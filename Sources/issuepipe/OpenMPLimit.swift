import Foundation
import IssuePipe

/// Tesseract's OpenMP threads fight IssuePipe's own page workers for the cores
/// (4–7× slower on 2 cores). libgomp reads OMP_THREAD_LIMIT once, when it is
/// loaded at start-up, so the tool restarts itself with the variable set, but
/// only once it knows a page needs OCR: a born-digital PDF never pays for the
/// restart. Nothing has been written but stage dumps, which the rerun rewrites.
enum OpenMPLimit {
    /// For `ConvertOptions.beforeOCR`: restarts this command with
    /// OMP_THREAD_LIMIT=1 unless the user set it (then it returns).
    static let restartIfNeeded: @Sendable () -> Void = {
        guard ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        // The arguments as given (a file name need not be UTF-8); the rerun makes its own aliases.
        RawPathAlias.removeAll()
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // exec failed: carry on with tesseract's default threading.
        RawPathAlias.restore()
    }
}
