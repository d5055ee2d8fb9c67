import Foundation

/// Writes a file so that readers see either the old file or the whole new one:
/// the bytes go to a temporary file in the same folder, which is then renamed.
public func writeAtomically(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try data.write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw IssuePipeError.writeFailed(path: url.path, reason: reason)
        }
    } catch let error as IssuePipeError {
        throw error
    } catch {
        throw IssuePipeError.writeFailed(path: url.path, reason: error.localizedDescription)
    }
}
