import Foundation

/// Values made from files, kept per process for as long as each file's size
/// and modification date (and inode) stay the same: a batch worker converts many files
/// with the same pipelines and language data, and reads each only once.
final class FileStampCache<Value>: @unchecked Sendable {
    private struct Stamp: Equatable {
        var size: Int
        var modified: Date?
        var inode: Int
    }
    private let entries = Locked<[String: (stamp: Stamp, value: Value)]>([:])

    /// The value for the file at `path`, made by `make` when the file is new or
    /// has changed; nil when the file cannot be read (`make` is not called).
    func value(at path: String, make: () throws -> Value) rethrows -> Value? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let stamp = Stamp(size: (attributes[.size] as? NSNumber)?.intValue ?? -1, modified: attributes[.modificationDate] as? Date,
                          inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? -1)
        if let cached = entries.withLock({ $0[path] }), cached.stamp == stamp { return cached.value }
        let value = try make()
        entries.withLock { $0[path] = (stamp, value) }
        return value
    }
}
