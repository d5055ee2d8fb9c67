import Foundation

/// One issue JSON file read for the archive: the document and the SHA-256 of
/// the file's bytes (which tells a changed output from the same one).
public struct IssueFile: Sendable {
    public var path: String
    public var document: IssueDocument
    public var outputSha256: String

    /// Why a file is not indexed: a code for scripts and a reason for people.
    public struct Rejection: Error, Codable, Hashable, Sendable {
        public var code: String
        public var reason: String
    }

    /// Reads `path` as issue JSON, or says why it is not.
    public static func load(_ path: String) -> Result<IssueFile, Rejection> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Rejection(code: "unreadable", reason: "cannot read the file"))
        }
        let document: IssueDocument
        do {
            document = try JSONDecoder().decode(IssueDocument.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                return .failure(Rejection(code: "not-json", reason: "not JSON"))
            }
            return .failure(Rejection(code: "not-issue-json", reason: "not issue JSON: \(error.readableDescription)"))
        } catch {
            return .failure(Rejection(code: "not-issue-json", reason: "not issue JSON: \(error)"))
        }
        if document.schemaVersion.split(separator: ".").first != "1" {
            return .failure(Rejection(code: "not-issue-json",
                                      reason: "schemaVersion \(document.schemaVersion) is not one this issuepipe reads (1.x)"))
        }
        if document.source.sha256.count != 64 {
            return .failure(Rejection(code: "not-issue-json", reason: "source.sha256 is not a SHA-256"))
        }
        return .success(IssueFile(path: path, document: document, outputSha256: sha256Hex(data)))
    }

    /// The issue JSON files named by `paths`: a file as itself, a folder's
    /// `*.json` recursively (stage dumps, `*.stages/`, left out), sorted.
    public static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                files += FolderFiles.files(under: URL(fileURLWithPath: path), extension: "json", skipSuffix: "stages").map(\.path)
            } else {
                files.append(URL(fileURLWithPath: path).standardizedFileURL.path)
            }
        }
        return files
    }
}
