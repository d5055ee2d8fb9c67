import Foundation
import Testing
@testable import IssuePipe

/// Where the tests' inputs and tools are: the repo's own Samples/ (committed:
/// tests `#require` them), the shared corpus and seed beside the repo
/// (`../shared`, only on the team's machines: tests that need them are
/// `.enabled(if:)` with a reason the run prints), and the built `issuepipe`.
enum TestPaths {
    /// The package root (this file is Tests/IssuePipeTests/TestSupport.swift).
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repo.appendingPathComponent("Samples")
    static let pipelines = repo.appendingPathComponent("Pipelines")
    static let schema = repo.appendingPathComponent("Sources/IssuePipe/Schema/issue.schema.json")

    /// `Samples/<name>`.
    static func sample(_ name: String) -> URL { samples.appendingPathComponent(name) }

    /// `Samples/<name>`, or nil when it is not there: for `try #require`, as
    /// the samples are committed and a missing one is a failure.
    static func existingSample(_ name: String) -> URL? {
        let url = sample(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    // MARK: ../shared

    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")

    /// `../shared/corpus`, the team's corpus of real public PDFs.
    static let corpus = shared.appendingPathComponent("corpus")
    static let hasCorpus = FileManager.default.fileExists(atPath: corpus.appendingPathComponent("SOURCES.tsv").path)
    static let noCorpus: Comment = "../shared/corpus is not there (it sits next to the repository on the team's machines)"

    /// `../shared/corpus/<path>`.
    static func corpusFile(_ path: String) -> URL { corpus.appendingPathComponent(path) }
    static func hasCorpusFile(_ path: String) -> Bool { FileManager.default.fileExists(atPath: corpusFile(path).path) }

    /// The seed text of bri-2024-03 as the newsletter's editors published it.
    static let seed = shared.appendingPathComponent("seed/bri-biweekly-2024-03.txt")
    static let hasSeed = FileManager.default.fileExists(atPath: seed.path)

    // MARK: The built tool

    /// The `issuepipe` built next to the test bundle (`swift build` builds it; `swift test` too).
    static let binary: URL? = {
        var candidates: [URL] = []
        if let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: test).deletingLastPathComponent().appendingPathComponent("issuepipe"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("issuepipe"))
        candidates += ["debug", "release"].map { repo.appendingPathComponent(".build/\($0)/issuepipe") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
    static var hasBinary: Bool { binary != nil }
    static let noBinary: Comment = "issuepipe is not built next to the tests: run swift build first"

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryFolder(_ name: String = "issuepipe-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The born-digital samples.
enum BornDigitalSamples {
    static let all = ["bri-2024-03", "bri-2025-21", "bri-2025-21-alt"]
}

/// Convenience: the issue JSON of a sample through the library.
func convertSample(_ name: String, options: ConvertOptions = ConvertOptions()) throws -> IssueDocument {
    var options = options
    if options.pipelinesFolder == nil { options.pipelinesFolder = TestPaths.pipelines }
    return try convert(TestPaths.sample("\(name).pdf"), options: options)
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: Running programs

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var signaled: Bool
}

/// Runs a program to the end. Its output and error are read on threads of
/// their own while the caller writes its input, so a child that fills one pipe
/// while nobody reads it cannot stall the run. A child still running after
/// `timeout` seconds of its own (not of the test, which may wait for a thread in
/// a loaded run) is killed and reported as signalled, so a hang fails its test
/// instead of stalling CI.
func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
         currentDirectory: URL? = nil, timeout: TimeInterval = 600) throws -> RunResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    let pid = process.processIdentifier
    let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    defer { watchdog.cancel() }
    let output = readToEnd(out.fileHandleForReading), errors = readToEnd(err.fileHandleForReading)
    if let stdin { try input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: output(), as: UTF8.self),
                     stderr: String(decoding: errors(), as: UTF8.self),
                     signaled: process.terminationReason == .uncaughtSignal)
}

/// Starts reading `handle` to its end on a thread of its own (not the shared
/// dispatch pool, which a loaded run may have busy); the function returned
/// waits for the end and gives the bytes.
private func readToEnd(_ handle: FileHandle) -> () -> Data {
    let bytes = Locked(Data())
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        let data = handle.readDataToEndOfFile()
        bytes.withLock { $0 = data }
        done.signal()
    }
    return {
        done.wait()
        return bytes.withLock { $0 }
    }
}

/// Runs the built `issuepipe` in the repository (sample paths are relative to it).
func issuepipe(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
               currentDirectory: URL = TestPaths.repo) throws -> RunResult {
    try run(try builtBinary(), arguments, environment: environment, stdin: stdin, currentDirectory: currentDirectory)
}

/// Starts the built `issuepipe` in the repository without waiting for it, its
/// input and output on /dev/null.
func startIssuepipe(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
    let process = Process()
    process.executableURL = try builtBinary()
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.currentDirectoryURL = TestPaths.repo
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
}

/// The built `issuepipe`, or an error saying to build it.
func builtBinary() throws -> URL {
    guard let binary = TestPaths.binary else { throw TestSetupError("issuepipe is not built: run swift build first") }
    return binary
}
