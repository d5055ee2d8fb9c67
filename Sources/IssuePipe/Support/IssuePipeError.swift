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

    public var description: String { "\(path): \(reason)" }

    /// Exit status of the CLI: 1 for a file that failed, 2 for a usage error.
    public var exitCode: Int32 {
        switch self {
        case .pipelineNotFound, .invalidPipeline, .unusableStages: 2
        default: 1
        }
    }
}
