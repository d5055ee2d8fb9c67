import Foundation
import GRDB

/// What became of one file given to `index`.
public enum IndexOutcome: String, Codable, Sendable, CaseIterable {
    /// A source PDF not in the archive before.
    case added
    /// The same source PDF, its output changed (converted again): the old rows were replaced.
    case replaced
    /// The same output as indexed before (or moved, same bytes: its path was updated).
    case unchanged
    /// Not indexed; `code` and `reason` say why.
    case skipped
}

public struct IndexedFile: Codable, Hashable, Sendable {
    public var path: String
    public var outcome: IndexOutcome
    /// `unreadable`, `not-json`, `not-issue-json`: not an issue JSON at all;
    /// `same-source`: the same PDF's output is indexed from another file that still exists.
    public var code: String?
    public var reason: String?
    /// `2024-3`, when the file is an issue.
    public var issue: String?

    /// A file that is not issue JSON (unlike a second output of an indexed PDF).
    public var isRejected: Bool { outcome == .skipped && code != "same-source" }
}

/// Files in, rows out: each file in its own transaction, so a file that fails
/// leaves the others indexed and a killed run keeps what it finished.
public struct ArchiveIndexer: Sendable {
    public let archive: ArchiveDatabase

    public init(archive: ArchiveDatabase) { self.archive = archive }

    /// Indexes every issue JSON under `paths` (files and folders), in path order.
    public func index(paths: [String], progress: (IndexedFile) -> Void = { _ in }) throws -> IndexReport {
        var files: [IndexedFile] = []
        for path in IssueFile.expand(paths) {
            let result = try index(file: path)
            progress(result)
            files.append(result)
        }
        return IndexReport(files: files)
    }

    /// Indexes one file; throws only when the archive itself fails.
    public func index(file path: String) throws -> IndexedFile {
        switch IssueFile.load(path) {
        case .failure(let rejection):
            return IndexedFile(path: path, outcome: .skipped, code: rejection.code, reason: rejection.reason)
        case .success(let file):
            let label = IssueLabel(file.document.issue).short
            var result = try archive.write { db in try store(file, db) }
            result.issue = label
            return result
        }
    }

    private func store(_ file: IssueFile, _ db: Database) throws -> IndexedFile {
        let sha = file.document.source.sha256
        guard let row = try Row.fetchOne(db, sql: "SELECT id, outputSha256, path FROM issues WHERE sourceSha256 = ?", arguments: [sha]) else {
            try IssueRows.insert(file, into: db)
            return IndexedFile(path: file.path, outcome: .added)
        }
        let id: Int64 = row["id"], storedOutput: String = row["outputSha256"], storedPath: String = row["path"]
        if storedPath != file.path && FileManager.default.fileExists(atPath: storedPath) {
            return IndexedFile(path: file.path, outcome: .skipped, code: "same-source",
                               reason: "the same PDF (sha256 \(sha.prefix(12))…) is indexed from \(storedPath)")
        }
        if storedOutput == file.outputSha256 {
            if storedPath != file.path {
                try db.execute(sql: "UPDATE issues SET path = ? WHERE id = ?", arguments: [file.path, id])
            }
            return IndexedFile(path: file.path, outcome: .unchanged)
        }
        try IssueRows.delete(issueId: id, from: db)
        try IssueRows.insert(file, into: db)
        return IndexedFile(path: file.path, outcome: .replaced)
    }
}

/// `index`'s account of a run: every file's outcome, and the totals.
public struct IndexReport: Codable, Hashable, Sendable {
    public var files: [IndexedFile]

    public init(files: [IndexedFile]) { self.files = files }

    public func count(_ outcome: IndexOutcome) -> Int { files.filter { $0.outcome == outcome }.count }

    /// Files that are not issue JSON (unreadable, not JSON, not the contract).
    public var rejected: [IndexedFile] { files.filter(\.isRejected) }

    /// `12 files: 9 added, 1 replaced, 1 unchanged, 1 skipped (not-issue-json 1)`
    public var summary: String {
        var text = "\(files.count) file\(files.count == 1 ? "" : "s"): "
            + [IndexOutcome.added, .replaced, .unchanged, .skipped].map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
        let codes = Dictionary(grouping: files.compactMap(\.code), by: { $0 }).map { ($0.key, $0.value.count) }
        if !codes.isEmpty {
            text += " (" + codes.sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")"
        }
        return text
    }
}
