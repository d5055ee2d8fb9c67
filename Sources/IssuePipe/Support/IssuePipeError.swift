import Foundation

/// Every way a conversion can fail, each with a message a user understands and
/// its own exit status, so scripts can tell "encrypted" from "corrupt".
public enum IssuePipeError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case notAPDF(path: String)
    case truncated(path: String)
    case damaged(path: String, reason: String)
    case encrypted(path: String)
    case wrongPassword(path: String)
    case noPages(path: String)
    case pipelineNotFound(name: String)
    case invalidPipeline(path: String, reason: String)
    case ocrFailed(path: String, page: Int, reason: String)
    /// Tesseract cannot be started (e.g. its language data is not installed).
    case ocrUnavailable(path: String, reason: String)
    case timeout(path: String, seconds: Double)
    case workerCrashed(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case invalidOutput(path: String, reason: String)
    /// `--reuse-stages` names a folder whose dumps cannot be used for this PDF.
    case unusableStages(path: String, reason: String)

    /// A stable machine-readable code, used in reports and annotations.
    public var code: String {
        switch self {
        case .fileNotFound: "file-not-found"
        case .unreadable: "unreadable"
        case .notAPDF: "not-a-pdf"
        case .truncated: "truncated"
        case .damaged: "damaged"
        case .encrypted: "encrypted"
        case .wrongPassword: "wrong-password"
        case .noPages: "no-pages"
        case .pipelineNotFound: "pipeline-not-found"
        case .invalidPipeline: "invalid-pipeline"
        case .ocrFailed: "ocr-failed"
        case .ocrUnavailable: "ocr-unavailable"
        case .timeout: "timeout"
        case .workerCrashed: "worker-crashed"
        case .writeFailed: "write-failed"
        case .invalidOutput: "invalid-output"
        case .unusableStages: "unusable-stages"
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case .fileNotFound(let p), .unreadable(let p, _), .notAPDF(let p), .truncated(let p),
             .damaged(let p, _), .encrypted(let p), .wrongPassword(let p), .noPages(let p),
             .invalidPipeline(let p, _), .ocrFailed(let p, _, _), .ocrUnavailable(let p, _), .timeout(let p, _),
             .workerCrashed(let p, _), .writeFailed(let p, _), .invalidOutput(let p, _), .unusableStages(let p, _):
            p
        case .pipelineNotFound(let name): name
        }
    }

    /// What went wrong, without the file name.
    public var reason: String {
        switch self {
        case .fileNotFound: "no such file"
        case .unreadable(_, let r): "cannot read the file: \(r)"
        case .notAPDF: "not a PDF (no %PDF- header in the first 1024 bytes)"
        case .truncated: "truncated PDF (no end-of-file marker and no readable cross-reference table)"
        case .damaged(_, let r): "damaged PDF: \(r)"
        case .encrypted: "encrypted PDF: a user password is needed (use --password)"
        case .wrongPassword: "encrypted PDF: the password given is wrong"
        case .noPages: "the PDF has no pages"
        case .pipelineNotFound(let n): "no pipeline named '\(n)' (see Pipelines/)"
        case .invalidPipeline(_, let r): "invalid pipeline definition: \(r)"
        case .ocrFailed(_, let page, let r): "OCR failed on page \(page): \(r)"
        case .ocrUnavailable(_, let r): "OCR is not available: \(r)"
        case .timeout(_, let s): "gave up after \(Int(s)) s (--timeout)"
        case .workerCrashed(_, let r): "the worker crashed: \(r)"
        case .writeFailed(_, let r): "cannot write the output: \(r)"
        case .invalidOutput(_, let r): "invalid issue JSON: \(r)"
        case .unusableStages(_, let r): "cannot reuse these stage dumps: \(r)"
        }
    }

    /// One line: the file (control characters escaped, so a newline in a name
    /// cannot start a second line, which CI runners would read as a command) and the reason.
    public var description: String { "\(Self.printable(path)): \(reason)" }

    /// A name as printed on stderr and in logs: control characters as `\n`, `\r`, `\t` or `\u{…}`.
    public static func printable(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The kind of failure, for scripts and batch reports.
    public var family: ExitFamily {
        switch self {
        case .pipelineNotFound, .invalidPipeline, .unusableStages: .usage
        case .fileNotFound, .unreadable, .notAPDF, .truncated, .damaged, .noPages: .input
        case .encrypted, .wrongPassword: .encrypted
        case .ocrUnavailable: .missingDependency
        case .writeFailed: .output
        case .timeout: .limit
        case .ocrFailed, .workerCrashed, .invalidOutput: .failed
        }
    }

    /// Exit status of `convert` and `inspect`: one per family (see `ExitFamily`).
    public var exitCode: Int32 { family.exitCode }
}

/// Exit statuses by what went wrong, in one place (the README's table), in
/// the manner of OCRmyPDF's: a script can tell a bad input from a missing
/// password from a missing package without reading the message. `batch` keeps
/// 0/1/2 and writes each file's family in its report.
public enum ExitFamily: String, Codable, Sendable, CaseIterable {
    /// Something else failed (OCR of a page with `failOnError`, a crashed worker, an invalid output).
    case failed
    /// A usage error, an unknown or invalid pipeline, unusable `--reuse-stages`.
    case usage
    /// The input is missing, unreadable, not a PDF, truncated, damaged or has no pages.
    case input
    /// Encrypted, and no password or a wrong one was given.
    case encrypted
    /// A package the work needs is missing (tesseract language data).
    case missingDependency = "missing-dependency"
    /// The output cannot be written.
    case output
    /// A limit was exceeded (`--timeout`).
    case limit

    public var exitCode: Int32 {
        switch self {
        case .failed: 1
        case .usage: 2
        case .input: 3
        case .encrypted: 4
        case .missingDependency: 5
        case .output: 6
        case .limit: 7
        }
    }
}
