import Foundation
@testable import IssuePipe

/// Shared by the batch and validate tests: where things are, and how to run
/// the built `issuepipe` binary.
enum TestEnvironment {
    /// The package root (this file is Tests/IssuePipeTests/BatchTestSupport.swift).
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `<repo>/../shared/corpus`, the team's corpus of real public PDFs; tests that need it are skipped without it.
    static let corpus = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("SOURCES.tsv").path) }

    /// The `issuepipe` built next to the test bundle (`swift build` builds it; `swift test` too).
    static var binary: URL? {
        var candidates: [URL] = []
        if let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: test).deletingLastPathComponent().appendingPathComponent("issuepipe"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("issuepipe"))
        candidates.append(repoRoot.appendingPathComponent(".build/debug/issuepipe"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static var hasBinary: Bool { binary != nil }

    static let schemaURL = repoRoot.appendingPathComponent("Sources/IssuePipe/Schema/issue.schema.json")

    /// python3 with the `jsonschema` package, the reference validator the tests compare against.
    static let hasPythonJSONSchema: Bool = {
        let result = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import jsonschema; jsonschema.Draft202012Validator"])
        return result?.status == 0
    }()

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String = "issuepipe-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var signaled: Bool
}

/// Runs a program to the end, reading its output and error concurrently. A child still running after
/// `timeout` seconds of its own (not of the test, which may wait for a thread in a loaded run) is killed
/// and reported as signalled, so a hang fails its test instead of stalling CI.
func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
         currentDirectory: URL? = nil, timeout: TimeInterval = 600) throws -> RunResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
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
    if let stdin { try input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let errorData = ErrorCollector()
    let done = DispatchSemaphore(value: 0)
    let errHandle = err.fileHandleForReading
    Thread.detachNewThread {
        errorData.set(errHandle.readDataToEndOfFile())
        done.signal()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    done.wait()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errorData.data, as: UTF8.self),
                     signaled: process.terminationReason == .uncaughtSignal)
}

/// Runs the built `issuepipe`.
func issuepipe(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
               currentDirectory: URL? = nil) throws -> RunResult {
    guard let binary = TestEnvironment.binary else { throw TestSetupError("issuepipe is not built: run swift build first") }
    return try run(binary, arguments, environment: environment, stdin: stdin, currentDirectory: currentDirectory)
}

final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Data()
    func set(_ data: Data) { lock.lock(); stored = data; lock.unlock() }
    var data: Data { lock.lock(); defer { lock.unlock() }; return stored }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A small valid one-page PDF with a line of text, written by hand (with a
/// correct xref table), so isolation tests do not depend on ../shared.
func minimalPDF(text: String = "Hello from IssuePipe") -> Data {
    let stream = "BT /F1 24 Tf 72 720 Td (\(text)) Tj ET"
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
    ]
    return pdfFromObjects(objects)
}

/// A PDF of these objects (1 0 obj is the catalog) with a correct xref table.
func pdfFromObjects(_ objects: [String]) -> Data { pdfData(objects: objects) }

/// Validates JSON files with python's `jsonschema` (Draft 2020-12); returns one line per invalid file.
func pythonSchemaErrors(_ files: [URL]) throws -> [String] {
    let script = """
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[1]))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sys.argv[2:]:
        errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.absolute_path))
        for e in errors[:3]:
            print(f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
    """
    let result = try run(URL(fileURLWithPath: "/usr/bin/env"),
                         ["python3", "-c", script, TestEnvironment.schemaURL.path] + files.map(\.path))
    if result.status != 0 { throw TestSetupError("python3 jsonschema failed: \(result.stderr)") }
    return result.stdout.split(separator: "\n").map(String.init)
}

/// Every `*.json` under a folder (not stage dumps).
func jsonFiles(under folder: URL) -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    return enumerator.compactMap { $0 as? URL }
        .filter { $0.pathExtension == "json" && !$0.path.contains(".stages/") }
        .sorted { $0.path < $1.path }
}
