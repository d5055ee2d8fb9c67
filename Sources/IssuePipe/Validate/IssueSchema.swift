import Foundation

/// Finds `Schema/issue.schema.json`, the contract's JSON Schema, shipped as a
/// SwiftPM resource. Looked up by hand rather than through `Bundle.module`,
/// whose generated accessor stops the program when the resource bundle was
/// not copied next to the binary; here that is an error the user can read.
public enum IssueSchema {
    public static let resourceBundleName = "IssuePipe_IssuePipe.resources"
    public static let relativePath = "Schema/issue.schema.json"

    /// Places tried, in order: `$ISSUEPIPE_SCHEMA`, the resource bundle next to
    /// the running executable (or test bundle), then the source tree this was built from.
    public static var candidates: [URL] {
        var urls: [URL] = []
        if let env = ProcessInfo.processInfo.environment["ISSUEPIPE_SCHEMA"], !env.isEmpty {
            urls.append(URL(fileURLWithPath: env))
        }
        var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            folders.append(executable.deletingLastPathComponent())
        }
        for folder in folders {
            urls.append(folder.appendingPathComponent(resourceBundleName).appendingPathComponent(relativePath))
        }
        // Sources/IssuePipe/Validate/IssueSchema.swift -> Sources/IssuePipe/Schema/issue.schema.json
        urls.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(relativePath))
        return urls
    }

    /// The schema file's URL, or nil when no candidate exists.
    public static func url() -> URL? {
        candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The schema's bytes.
    public static func data() throws -> Data {
        guard let url = url() else {
            throw IssuePipeError.unreadable(path: relativePath,
                                            reason: "the JSON Schema was not found (looked in: \(candidates.map(\.path).joined(separator: ", ")); set ISSUEPIPE_SCHEMA)")
        }
        do { return try Data(contentsOf: url) } catch {
            throw IssuePipeError.unreadable(path: url.path, reason: error.localizedDescription)
        }
    }

    private static let shared = Result { try SchemaValidator(data: try data()) }

    /// The schema, parsed once per process.
    public static func validator() throws -> SchemaValidator {
        try shared.get()
    }
}
