import Foundation

/// A file whose name is not UTF-8 cannot be named by Foundation (it decodes
/// paths as UTF-8, replacing what is not), nor handed to poppler by URL. It is
/// read through a symbolic link with a UTF-8 name, the original name with its
/// invalid bytes as `\xNN`, in a private temporary folder removed afterwards.
public enum RawPathAlias {
    /// The links this process made and their targets, so a restart or an exit can remove them.
    private static let made = Locked<[(link: URL, target: [UInt8])]>([])

    /// A link named `name` to the file at `raw` (absolute path bytes).
    public static func make(to raw: [UInt8], name: String) throws(IssuePipeError) -> URL {
        var template = Array((NSTemporaryDirectory() + "/issuepipe-alias-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw IssuePipeError.unreadable(path: BatchInputs.escapedName(raw), reason: "cannot make a temporary folder for its alias")
        }
        let folder = URL(fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                         isDirectory: true)
        let link = folder.appendingPathComponent(name.replacingOccurrences(of: "/", with: "_"))
        guard Self.link(link, to: raw) else {
            try? FileManager.default.removeItem(at: folder)
            throw IssuePipeError.unreadable(path: BatchInputs.escapedName(raw), reason: "cannot link it under a UTF-8 name")
        }
        made.withLock { $0.append((link, raw)) }
        return link
    }

    /// Removes the link and its folder.
    public static func remove(_ link: URL) {
        try? FileManager.default.removeItem(at: link.deletingLastPathComponent())
        made.withLock { $0.removeAll { $0.link == link } }
    }

    /// Before this process is replaced (exec) or exits: every link goes; `restore` makes them again.
    public static func removeAll() {
        for (link, _) in made.withLock({ $0 }) { try? FileManager.default.removeItem(at: link.deletingLastPathComponent()) }
    }

    /// The links `removeAll` took away, made again (an exec that failed).
    public static func restore() {
        for (link, target) in made.withLock({ $0 }) {
            try? FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = Self.link(link, to: target)
        }
    }

    private static func link(_ link: URL, to raw: [UInt8]) -> Bool {
        symlink(raw.map { CChar(bitPattern: $0) } + [0], link.path) == 0
    }

    /// `raw` made absolute against the working directory (as bytes: it may not be UTF-8 either).
    public static func absolute(_ raw: [UInt8]) -> [UInt8] {
        guard raw.first != UInt8(ascii: "/") else { return raw }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return raw }
        return buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) } + [UInt8(ascii: "/")] + raw
    }
}
