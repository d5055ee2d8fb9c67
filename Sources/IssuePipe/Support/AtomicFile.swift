import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see either the old file or the whole new one:
/// the bytes go to a temporary file in the same folder, which is then renamed.
public func writeAtomically(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write(data, to: temporary.path, reportedAs: url.path)
        if rename(temporary.path, url.path) != 0 {
            throw IssuePipeError.writeFailed(path: url.path, reason: String(cString: strerror(errno)))
        }
    } catch {
        // A full disk leaves a temporary file as big as the space there was: it goes, whatever failed.
        try? FileManager.default.removeItem(at: temporary)
        if let error = error as? IssuePipeError { throw error }
        throw IssuePipeError.writeFailed(path: url.path, reason: error.localizedDescription)
    }
}

/// Whether a file name is one `writeAtomically` gives its temporary files
/// (`.<name>.<pid>.tmp`): what a killed process leaves behind.
public func isAtomicWriteLeftover(_ name: String) -> Bool {
    guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
    let pid = name.dropLast(4).split(separator: ".").last ?? ""
    return !pid.isEmpty && pid.allSatisfy(\.isNumber) && name.dropLast(4).count > pid.count + 2
}

/// The bytes written through POSIX calls, so a failure says why in the
/// system's words ("No space left on device", "File too large").
private func write(_ data: Data, to path: String, reportedAs name: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else { throw IssuePipeError.writeFailed(path: name, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw IssuePipeError.writeFailed(path: name, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }
    guard fsync(descriptor) == 0 || errno == EINVAL else { throw IssuePipeError.writeFailed(path: name, reason: String(cString: strerror(errno))) }
}
