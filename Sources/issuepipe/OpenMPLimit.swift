import Foundation

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
        var arguments = CommandLine.arguments.map { strdup($0) }
        arguments.append(nil)
        execv("/proc/self/exe", arguments)
        // exec failed: carry on with tesseract's default threading.
        for pointer in arguments { free(pointer) }
    }
}
