import ArgumentParser
import Foundation
import IssuePipe

/// `--fail-on`: what makes the exit status 1.
enum FailOn: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// A file that could not be converted (or, for `validate`, an error).
    case error
    /// That, or any warning.
    case warning
}

/// `--format` of batch and validate: how results are printed.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Lines for people.
    case text
    /// GitHub Actions workflow commands (`::error file=…::…`), shown as annotations.
    case github
}

/// Exit statuses shared by every command (see `issuepipe --help`).
enum ExitStatus {
    static let success: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
    static let interrupted: Int32 = 130 // 128 + SIGINT
    static let terminated: Int32 = 143  // 128 + SIGTERM
}

/// Parses `4G`, `512M`, `1.5GiB`, `800000000` (bytes); `0` or `none` is no limit (nil).
func parseByteSize(_ text: String) -> UInt64?? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if trimmed == "0" || trimmed == "none" || trimmed == "unlimited" { return .some(nil) }
    let (k, m, g): (Double, Double, Double) = (1024, 1024 * 1024, 1024 * 1024 * 1024)
    let units: [(String, Double)] = [("gib", g), ("mib", m), ("kib", k), ("gb", g), ("mb", m), ("kb", k),
                                     ("g", g), ("m", m), ("k", k), ("b", 1)]
    for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
        guard let number = Double(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), number > 0 else { return nil }
        return .some(UInt64(number * factor))
    }
    guard let bytes = UInt64(trimmed), bytes > 0 else { return nil }
    return .some(bytes)
}

/// The running executable, for spawning workers of the same build.
func currentExecutable() -> URL {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return URL(fileURLWithPath: path)
    }
    if let url = Bundle.main.executableURL { return url }
    return URL(fileURLWithPath: CommandLine.arguments[0])
}

/// Writes a line to standard output (results; messages go to standard error).
func printOut(_ text: String) {
    try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8))
}

/// Writes a line to standard error.
func printErr(_ text: String) {
    Console.shared.line(text)
}
