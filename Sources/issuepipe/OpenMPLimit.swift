import Foundation

/// Tesseract's OpenMP threads fight IssuePipe's own page workers for the cores
/// (4–7× slower on 2 cores). libgomp reads OMP_THREAD_LIMIT once, when it is
/// loaded at start-up, so a command that may OCR restarts itself once with the
/// variable set, unless the user set it (or `--ocr never` makes it moot).
enum OpenMPLimit {
    static let commandsThatMayOCR: Set<String> = ["convert", "batch", "inspect", "worker"]

    static func ensure(arguments: [String] = CommandLine.arguments) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OMP_THREAD_LIMIT"] == nil, arguments.count > 1,
              commandsThatMayOCR.contains(arguments[1]) else { return }
        if arguments.contains("--ocr=never") { return }
        if let index = arguments.firstIndex(of: "--ocr"), index + 1 < arguments.count, arguments[index + 1] == "never" {
            return
        }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        var cArguments = arguments.map { strdup($0) }
        cArguments.append(nil)
        execv("/proc/self/exe", cArguments)
        // exec failed: carry on with tesseract's default threading.
        for pointer in cArguments { free(pointer) }
    }
}
