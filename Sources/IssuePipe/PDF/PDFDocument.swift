import CPoppler
import Foundation

/// An open PDF, owned by this object: the only place that holds a
/// `PopplerDocument`. Not thread-safe; use one per worker.
public final class PDFDocument {
    public let url: URL
    public let data: Data
    let password: String?
    let handle: OpaquePointer
    /// What poppler reported about each page while it was read or drawn
    /// (shared with the other handles on the same bytes).
    public let messages: PopplerMessageLog

    /// Opens a PDF, telling apart the ways it can fail before and inside poppler.
    public convenience init(url: URL, password: String? = nil) throws {
        let path = url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw IssuePipeError.fileNotFound(path: path)
        }
        if isFolder.boolValue { throw IssuePipeError.unreadable(path: path, reason: "it is a folder") }
        let bytes: Data
        do { bytes = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw IssuePipeError.unreadable(path: path, reason: (error as NSError).localizedFailureReason ?? "\(error)")
        }
        try self.init(url: url, bytes: bytes, password: password)
    }

    /// Opens PDF bytes already read (e.g. a second handle on the same file for
    /// another thread: poppler objects must not be shared between threads).
    init(url: URL, bytes: Data, password: String?) throws {
        let path = url.path
        guard PDFSniffer.hasHeader(bytes) else { throw IssuePipeError.notAPDF(path: path) }

        _ = PopplerLog.install
        var error: UnsafeMutablePointer<GError>?
        // From the file, not from bytes: poppler 22.12 crashes in
        // poppler_document_new_from_bytes when a wrong password is given.
        let absolute = url.standardizedFileURL.path
        guard let uri = g_filename_to_uri(absolute, nil, nil) else {
            throw IssuePipeError.unreadable(path: path, reason: "cannot form a file URI")
        }
        defer { g_free(uri) }
        let document = poppler_document_new_from_file(uri, password, &error)
        guard let document else {
            let code = error.map { Int($0.pointee.code) } ?? -1
            let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            if code == Int(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw password == nil ? IssuePipeError.encrypted(path: path) : IssuePipeError.wrongPassword(path: path)
            }
            if !PDFSniffer.hasEndOfFile(bytes) { throw IssuePipeError.truncated(path: path) }
            throw IssuePipeError.damaged(path: path, reason: message)
        }
        self.url = url
        self.data = bytes
        self.password = password
        self.handle = document
        self.messages = PopplerMessageLog.shared(for: bytes)
        if pageCount <= 0 { throw IssuePipeError.noPages(path: path) }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

    public var pageCount: Int { Int(poppler_document_get_n_pages(handle)) }

    public var metadata: PDFMetadata {
        PDFMetadata(
            title: takeString(poppler_document_get_title(handle)),
            author: takeString(poppler_document_get_author(handle)),
            subject: takeString(poppler_document_get_subject(handle)),
            creator: takeString(poppler_document_get_creator(handle)),
            producer: takeString(poppler_document_get_producer(handle))
        )
    }

    public var sourceInfo: SourceInfo {
        SourceInfo(file: url.lastPathComponent, sha256: sha256Hex(data), pageCount: pageCount)
    }

    /// The page at a 1-based index.
    public func page(_ number: Int) -> PDFPage? {
        guard number >= 1, number <= pageCount,
              let page = PopplerLog.during(messages, page: number, { poppler_document_get_page(handle, Int32(number - 1)) })
        else { return nil }
        return PDFPage(handle: page, number: number, owner: self)
    }
}

/// Takes ownership of a g_malloc'd C string; nil for NULL or blank.
func takeString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
    guard let pointer else { return nil }
    defer { g_free(pointer) }
    let value = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    return value.isEmpty ? nil : value
}

/// Cheap byte checks made before poppler sees a file.
enum PDFSniffer {
    /// PDF readers accept a header anywhere in the first 1024 bytes.
    static func hasHeader(_ data: Data) -> Bool {
        data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil
    }

    /// A complete PDF ends with %%EOF (give or take trailing junk).
    static func hasEndOfFile(_ data: Data) -> Bool {
        data.suffix(2048).range(of: Data("%%EOF".utf8)) != nil
    }
}
