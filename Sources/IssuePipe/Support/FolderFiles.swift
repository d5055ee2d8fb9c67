import Foundation

/// The one walk over a folder's files, for `batch` (its PDFs) and `validate`
/// (its issue JSON).
public enum FolderFiles {
    /// Every regular file below `folder` whose extension is `ext` (any case),
    /// standardized and sorted by path. Hidden files and folders (names
    /// starting with `.`) are skipped, symbolic links to folders are not
    /// followed, and a folder named `*.<skipSuffix>` (stage dumps: `.stages`)
    /// is not entered.
    public static func files(under folder: URL, extension ext: String, skipSuffix: String? = nil) -> [URL] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey],
                                             options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name.hasPrefix(".") || skipSuffix.map({ name.hasSuffix("." + $0) }) == true {
                enumerator.skipDescendants()
                continue
            }
            guard url.pathExtension.lowercased() == ext else { continue }
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                found.append(url.standardizedFileURL)
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
