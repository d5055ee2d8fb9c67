import Foundation
@testable import IssuePipe

/// Paths the tests read: the repo's own Samples/ and, when present, the
/// shared corpus beside the repo (`../shared`).
enum TestPaths {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repo.appendingPathComponent("Samples")
    static let pipelines = repo.appendingPathComponent("Pipelines")
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
    static var corpus: URL? {
        let url = shared.appendingPathComponent("corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
    static var seed: URL? {
        let url = shared.appendingPathComponent("seed/bri-biweekly-2024-03.txt")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
    static func sample(_ name: String) -> URL { samples.appendingPathComponent(name) }

    /// The built command-line tool (built by `swift build --build-tests`).
    static var binary: URL {
        for config in ["debug", "release"] {
            let url = repo.appendingPathComponent(".build/\(config)/issuepipe")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repo.appendingPathComponent(".build/debug/issuepipe")
    }

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("issuepipe-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The born-digital samples and how many pages each was typeset on.
enum BornDigitalSamples {
    static let all = ["bri-2024-03", "bri-2025-21", "bri-2025-21-alt"]
}

/// Runs the built binary and collects its exit status and output.
struct ToolRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ToolRun {
        let result = try IssuePipeTests.run(TestPaths.binary, arguments, environment: environment,
                                            currentDirectory: TestPaths.repo)
        return ToolRun(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}

/// Convenience: the issue JSON of a sample through the library.
func convertSample(_ name: String, options: ConvertOptions = ConvertOptions()) throws -> IssueDocument {
    var options = options
    if options.pipelinesFolder == nil { options.pipelinesFolder = TestPaths.pipelines }
    return try convert(TestPaths.sample("\(name).pdf"), options: options)
}
