import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (`flock`) on `<out>/.issuepipe-batch.lock`, held while a
/// batch writes there: one batch per output folder at a time. The file names
/// the holder's process id for the message; the lock, not the file, is what
/// counts, so a killed batch never leaves the folder locked.
public final class OutputLock {
    public struct Busy: Error { public var message: String }
    private let descriptor: Int32

    public init(folder: URL, wait: Bool) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(".issuepipe-batch.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw IssuePipeError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                throw IssuePipeError.writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard wait else {
                close(descriptor)
                throw Busy(message: "another issuepipe batch\(holder.isEmpty ? "" : " (process \(holder))") is writing to this folder; "
                    + "wait for it to finish or give --wait")
            }
            flock(descriptor, LOCK_EX)
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    private var released = false

    /// Lets the next batch in (also done when the lock is freed, or the process ends).
    public func release() {
        guard !released else { return }
        released = true
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    deinit { release() }
}
