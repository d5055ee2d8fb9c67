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

    /// Indexes every issue JSON under `paths` (files and folders), in path
    /// order: files are read and decoded on every core, and written a chunk
    /// per transaction (FTS5 writes a segment per transaction: one per file
    /// would make it merge all the time).
    public func index(paths: [String], chunkSize: Int = 256, progress: (IndexedFile) -> Void = { _ in }) throws -> IndexReport {
        var files: [IndexedFile] = []
        let all = IssueFile.expand(paths)
        for start in stride(from: 0, to: all.count, by: chunkSize) {
            let loaded = Self.load(Array(all[start..<min(start + chunkSize, all.count)]))
            let results = try archive.write { db in try loaded.map { try record($0.path, $0.result, db) } }
            results.forEach(progress)
            files += results
        }
        return IndexReport(files: files)
    }

    /// Indexes one file in its own transaction (`batch --index`, as each file is
    /// converted); throws only when the archive itself fails.
    public func index(file path: String) throws -> IndexedFile {
        let result = IssueFile.load(path)
        return try archive.write { db in try record(path, result, db) }
    }

    /// The files read and decoded in parallel, in the order given.
    static func load(_ paths: [String]) -> [(path: String, result: Result<IssueFile, IssueFile.Rejection>)] {
        let results = Locked([Result<IssueFile, IssueFile.Rejection>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let result = IssueFile.load(paths[i])
            results.withLock { $0[i] = result }
        }
        return results.withLock { loaded in paths.indices.map { (paths[$0], loaded[$0]!) } }
    }

    private func record(_ path: String, _ result: Result<IssueFile, IssueFile.Rejection>, _ db: Database) throws -> IndexedFile {
        switch result {
        case .failure(let rejection):
            return IndexedFile(path: path, outcome: .skipped, code: rejection.code, reason: rejection.reason)
        case .success(let file):
            var stored = try store(file, db)
            stored.issue = IssueLabel(file.document.issue).short
            return stored
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
