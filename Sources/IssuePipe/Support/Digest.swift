import CPoppler
import Foundation

/// SHA-256 of a byte buffer, through GLib's GChecksum (already linked with
/// poppler-glib), so no crypto package is needed for one digest.
public func sha256Hex(_ data: Data) -> String {
    guard let checksum = g_checksum_new(G_CHECKSUM_SHA256) else { return "" }
    defer { g_checksum_free(checksum) }
    data.withUnsafeBytes { raw in
        if let base = raw.bindMemory(to: UInt8.self).baseAddress {
            g_checksum_update(checksum, base, gssize(raw.count))
        }
    }
    return String(cString: g_checksum_get_string(checksum))
}
