import Foundation
import Testing
@testable import IssuePipe

// Shared by the batch and validate tests: PDFs written by the tests, and the
// reference schema validator.

/// A small valid one-page PDF with a line of text, written by hand (with a
/// correct xref table), so isolation tests do not depend on ../shared.
func minimalPDF(text: String = "Hello from IssuePipe") -> Data {
    let stream = "BT /F1 24 Tf 72 720 Td (\(text)) Tj ET"
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
    ]
    return pdfFromObjects(objects)
}

/// A PDF of these objects (1 0 obj is the catalog) with a correct xref table.
func pdfFromObjects(_ objects: [String]) -> Data { pdfData(objects: objects) }

/// python3 with the `jsonschema` package, the reference validator the tests compare against.
enum PythonJSONSchema {
    static let isInstalled: Bool = {
        let result = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import jsonschema; jsonschema.Draft202012Validator"])
        return result?.status == 0
    }()
    static let missing: Comment = "python3 with jsonschema is not installed (pip install jsonschema)"

    /// Validates JSON files (Draft 2020-12); returns one line per invalid file.
    static func errors(_ files: [URL]) throws -> [String] {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.absolute_path))
            for e in errors[:3]:
                print(f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
        """
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"),
                             ["python3", "-c", script, TestPaths.schema.path] + files.map(\.path))
        if result.status != 0 { throw TestSetupError("python3 jsonschema failed: \(result.stderr)") }
        return result.stdout.split(separator: "\n").map(String.init)
    }
}

/// Every `*.json` under a folder (not stage dumps).
func jsonFiles(under folder: URL) -> [URL] {
    FolderFiles.files(under: folder, extension: "json", skipSuffix: "stages")
}
