import Foundation
import GRDB

/// The archive: one SQLite file (see `ArchiveSchema`) that `index` fills and
/// `search` and `archive check` read. Safe to share between threads (GRDB
/// serialises the accesses), so a batch can index files as its workers finish.
public final class ArchiveDatabase: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating it when `create` allows) and migrates the archive at `path`.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw ArchiveError.databaseNotFound(path: path)
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // WAL without a sync on every commit: a file indexed is one short
            // transaction, and a crash can lose at most the last ones (reindex them).
            // A 64 MB page cache: FTS5 merges its segments by reading them back.
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // An archive a newer issuepipe migrated further would be misread: refused.
            if try queue.read(ArchiveSchema.migrator.hasBeenSuperseded) {
                throw ArchiveError.database(path: path, reason: "made by a newer issuepipe (its schema has migrations this one does not know)")
            }
            try ArchiveSchema.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw ArchiveError.database(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// The numbers a report or a benchmark shows.
    public func counts() throws -> ArchiveCounts {
        try read { db in
            ArchiveCounts(issues: try Int.fetchOne(db, sql: "SELECT count(*) FROM issues") ?? 0,
                          articles: try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0,
                          blocks: try Int.fetchOne(db, sql: "SELECT count(*) FROM blocks WHERE kind != 'title'") ?? 0)
        }
    }

    /// Runs `body` in a read, turning SQLite's errors into `ArchiveError`s that name the file.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as DatabaseError {
            throw ArchiveError.database(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Runs `body` in one transaction, turning SQLite's errors into `ArchiveError`s.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let error as DatabaseError {
            throw ArchiveError.database(path: path, reason: error.message ?? "\(error)")
        }
    }
}

public struct ArchiveCounts: Codable, Hashable, Sendable {
    public var issues: Int
    public var articles: Int
    public var blocks: Int
}

/// What can go wrong with the archive itself (a file that cannot be indexed is
/// not an error of the archive: `IndexOutcome.skipped`).
public enum ArchiveError: Error, CustomStringConvertible, Sendable {
    case databaseNotFound(path: String)
    case database(path: String, reason: String)
    case badArgument(String)

    public var description: String {
        switch self {
        case .databaseNotFound(let path): "\(path): no such archive (make it with 'issuepipe index … --db \(path)')"
        case .database(let path, let reason): "\(path): \(reason)"
        case .badArgument(let message): message
        }
    }
}
