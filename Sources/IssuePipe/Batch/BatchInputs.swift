import Foundation

/// One file of a batch and where its outputs go.
public struct BatchItem: Hashable, Sendable {
    /// The path as the user wrote it, or as found under a folder they named
    /// (a relative path stays relative to the working directory). Used in
    /// messages and as the report's key.
    public var input: String
    /// The same file, absolute and standardized.
    public var url: URL
    /// The path that is mirrored under `--out` and hashed for `--shard`,
    /// `/`-separated (see `BatchInputs`).
    public var relativePath: String
    /// The file's absolute path as bytes when its name is not UTF-8 (`input`,
    /// `url` and `relativePath` then show it with `\xNN` escapes): it is read
    /// through a `RawPathAlias`.
    public var rawPath: [UInt8]?

    public init(input: String, url: URL, relativePath: String, rawPath: [UInt8]? = nil) {
        self.input = input
        self.url = url
        self.relativePath = relativePath
        self.rawPath = rawPath
    }

    /// `relativePath` without its `.pdf` (any case): `2024/bri-03.pdf` → `2024/bri-03`.
    public var stem: String {
        relativePath.lowercased().hasSuffix(".pdf") ? String(relativePath.dropLast(4)) : relativePath
    }

    /// `<out>/<stem>.json`
    public func outputURL(in out: URL) -> URL { out.appendingPathComponent(stem + ".json") }

    /// `<out>/<stem>.stages/`
    public func stagesURL(in out: URL) -> URL { out.appendingPathComponent(stem + ".stages", isDirectory: true) }
}

/// A batch's inputs could not be turned into a list of files (a usage error, exit 2).
public struct BatchUsageError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Turns the paths a user gives `issuepipe batch` into the files to convert and
/// the relative path each one keeps under `--out`:
///
/// - With `--relative-to BASE`, every input's relative path is its path under
///   BASE (an input outside BASE is a usage error). Use this when the same
///   archive is converted in pieces (a list of changed files in CI, shards), so
///   a file always lands at the same output path.
/// - Without it, a folder's PDFs are relative to that folder
///   (`batch archive/ --out json/`: `archive/2024/a.pdf` → `json/2024/a.json`),
///   and a file named directly or in a list is relative to the working
///   directory when it is inside it, else just its file name.
///
/// Folders are searched recursively for `*.pdf` (any case), skipping hidden
/// files and folders (names starting with `.`) and not following symbolic
/// links to folders. A file named directly is taken whatever its name. Two
/// inputs that would write the same output are a usage error; the same file
/// named twice is taken once. The result is sorted by relative path.
public enum BatchInputs {
    public static func collect(_ paths: [String], relativeTo base: String? = nil,
                               currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        throws -> [BatchItem] {
        let fm = FileManager.default
        let baseURL = base.map { absolute($0, in: currentDirectory) }
        var items: [BatchItem] = []
        var seen: Set<String> = []

        func add(input: String, url: URL, defaultRelative: String) throws {
            guard seen.insert(url.path).inserted else { return }
            var relative = defaultRelative
            if let baseURL {
                guard let under = relativePath(of: url, under: baseURL) else {
                    throw BatchUsageError("\(input) is not inside --relative-to \(base!)")
                }
                relative = under
            }
            items.append(BatchItem(input: input, url: url, relativePath: relative))
        }

        for path in paths {
            let url = absolute(path, in: currentDirectory)
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                for found in FolderFiles.files(under: url, extension: "pdf") {
                    let inFolder = relativePath(of: found, under: url) ?? found.lastPathComponent
                    let shown = path.hasSuffix("/") ? path + inFolder : path + "/" + inFolder
                    try add(input: shown, url: found, defaultRelative: inFolder)
                }
                // Names that are not UTF-8 are converted too, shown with \xNN escapes.
                for (name, raw) in nonUTF8PDFs(under: url.path) {
                    let shown = path.hasSuffix("/") ? path + name : path + "/" + name
                    items.append(BatchItem(input: shown, url: url.appendingPathComponent(name), relativePath: name, rawPath: raw))
                }
            } else {
                // A missing file is kept: it is reported as that file's failure (file-not-found).
                let relative = relativePath(of: url, under: currentDirectory.standardizedFileURL) ?? url.lastPathComponent
                try add(input: path, url: url, defaultRelative: relative)
            }
        }

        var byOutput: [String: BatchItem] = [:]
        for item in items {
            if let other = byOutput[item.stem] {
                throw BatchUsageError("\(other.input) and \(item.input) would both be written to \(item.stem).json; "
                                      + "use --relative-to to keep their folders apart")
            }
            byOutput[item.stem] = item
        }
        return items.sorted { $0.relativePath < $1.relativePath }
    }

    /// The entries of a list file (`--from`): one path a line; blank lines and
    /// lines starting with `#` are skipped, surrounding spaces trimmed.
    public static func parseList(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Paths below `folder` (relative, `/`-separated, invalid bytes as `\xNN`)
    /// of `*.pdf` files whose names are not UTF-8, found by a walk over the raw
    /// names (Foundation cannot name them). Hidden entries are skipped and
    /// symbolic links not followed, as for the other files.
    static func nonUTF8PDFs(under folder: String) -> [(shown: String, raw: [UInt8])] {
        var found: [(shown: String, raw: [UInt8])] = []
        func walk(_ path: [UInt8], _ shown: String, _ invalid: Bool) {
            guard let directory = opendir(path.map { CChar(bitPattern: $0) } + [0]) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                guard let first = name.first, first != UInt8(ascii: ".") else { continue }
                let child = path + [UInt8(ascii: "/")] + name
                let childShown = shown.isEmpty ? escapedName(name) : shown + "/" + escapedName(name)
                let childInvalid = invalid || String(validating: name, as: UTF8.self) == nil
                var info = stat()
                guard lstat(child.map { CChar(bitPattern: $0) } + [0], &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    // A folder whose own name is not UTF-8 hides its files from Foundation too.
                    walk(child, childShown, childInvalid)
                } else if info.st_mode & S_IFMT == S_IFREG, name.count > 4,
                          String(decoding: name.suffix(4), as: UTF8.self).lowercased() == ".pdf",
                          childInvalid {
                    found.append((childShown, child))
                }
            }
        }
        walk(Array(folder.utf8), "", false)
        return found.sorted { $0.shown < $1.shown }
    }

    /// A raw file name with each byte that is not part of valid UTF-8 as `\xNN`.
    public static func escapedName(_ bytes: [UInt8]) -> String {
        var out = "", i = 0
        while i < bytes.count {
            let length = bytes[i] < 0x80 ? 1 : bytes[i] >> 5 == 0b110 ? 2 : bytes[i] >> 4 == 0b1110 ? 3 : bytes[i] >> 3 == 0b11110 ? 4 : 0
            if length > 0, i + length <= bytes.count, let text = String(validating: bytes[i..<(i + length)], as: UTF8.self) {
                out += text
                i += length
            } else {
                out += String(format: "\\x%02x", bytes[i])
                i += 1
            }
        }
        return out
    }

    static func absolute(_ path: String, in folder: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        return url.standardizedFileURL
    }

    /// `url`'s path below `base`, `/`-separated, or nil when it is not below it.
    public static func relativePath(of url: URL, under base: URL) -> String? {
        let path = url.standardizedFileURL.pathComponents
        let root = base.standardizedFileURL.pathComponents
        guard path.count > root.count, Array(path.prefix(root.count)) == root else { return nil }
        return path.dropFirst(root.count).joined(separator: "/")
    }
}

/// `--shard K/N`: the K-th of N disjoint, stable subsets of a batch's files
/// (K from 1). A file belongs to shard `fnv1a64(relativePath) % N + 1`, so the
/// split depends only on the relative paths, not on the machine, the order of
/// the inputs or Swift's per-process hash seed.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw BatchUsageError("--shard takes K/N, e.g. 1/4 (got '\(text)')")
        }
        guard n >= 1 else { throw BatchUsageError("--shard \(text): N must be at least 1") }
        guard k >= 1, k <= n else {
            throw BatchUsageError("--shard \(text): K counts from 1 to N (a 0-based index such as JOB_COMPLETION_INDEX needs +1)")
        }
        self.init(index: k, count: n)
    }

    public func contains(_ relativePath: String) -> Bool {
        Int(fnv1a64(relativePath) % UInt64(count)) == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}

/// 64-bit FNV-1a of a string's UTF-8 bytes: a fixed, documented hash that any
/// language can reproduce (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
public func fnv1a64(_ string: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in string.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}
