import CTesseract

/// Versions of the OCR libraries linked in, for `--version`-style reports and
/// to prove the C libraries load.
public enum OCRLibraries {
    /// Tesseract's version string, e.g. `5.3.0`.
    public static var tesseractVersion: String {
        TessVersion().map { String(cString: $0) } ?? "unknown"
    }

    /// Leptonica's version string, e.g. `leptonica-1.82.0`.
    public static var leptonicaVersion: String {
        guard let pointer = getLeptonicaVersion() else { return "unknown" }
        defer { lept_free(pointer) }
        return String(cString: pointer)
    }
}

import CPoppler

extension OCRLibraries {
    /// poppler's version string, e.g. `22.12.0`.
    public static var popplerVersion: String {
        poppler_get_version().map { String(cString: $0) } ?? "unknown"
    }

    /// One line for `issuepipe --version`.
    public static var summary: String {
        "\(IssuePipeVersion.string) (poppler \(popplerVersion), tesseract \(tesseractVersion), \(leptonicaVersion))"
    }
}
