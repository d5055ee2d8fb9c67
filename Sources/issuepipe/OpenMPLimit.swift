import Foundation
import IssuePipe

/// Tesseract's OpenMP threads fight IssuePipe's own page workers for the cores
/// (4–7× slower on 2 cores). libgomp reads OMP_THREAD_LIMIT once, when it is
/// loaded. Tesseract (and libgomp with it) is loaded when OCR first runs
/// (`TesseractLoader.c`), so setting the variable before that is enough; only
/// when libgomp is already in the process does the tool restart itself with the
/// variable set. Nothing has been written then but stage dumps, which the rerun
/// rewrites.
enum OpenMPLimit {
    /// For `ConvertOptions.beforeOCR`: sets OMP_THREAD_LIMIT=1 unless the user
    /// set it, restarting this command when libgomp has read the environment already.
    static let restartIfNeeded: @Sendable () -> Void = {
        guard ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        guard dlopen("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD) != nil else { return }
        // The arguments as given (a file name need not be UTF-8); the rerun makes its own aliases.
        RawPathAlias.removeAll()
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // exec failed: carry on with tesseract's default threading.
        RawPathAlias.restore()
    }
}
