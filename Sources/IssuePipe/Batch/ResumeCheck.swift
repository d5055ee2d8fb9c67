import Foundation

/// Decides whether a file of a batch can be skipped: its output exists, decodes
/// as issue JSON of this schema version, and records the same input bytes
/// (SHA-256), the same pipeline name and version the batch would use now, and
/// the same libraries and data (`producedWith`: poppler, poppler-data, and for
/// an output with OCR pages tesseract and its language data).
public struct ResumeCheck: Sendable {
    /// Name → version of the pipelines an output may have been made with.
    public let pipelineVersions: [String: String]
    /// Name → the pipeline's `ocr.tessdata` folder setting, to find the language data it reads.
    let tessdataFolders: [String: String]

    /// `pipeline`: the one `--pipeline` names; nil for auto-detection, where any
    /// definition in the catalog is acceptable at its current version. (A file
    /// that fell back to `generic` is not re-examined when a new pipeline is
    /// added that would match it: use `--force` after adding one.)
    public init(pipeline: PipelineDefinition?, catalog: [PipelineDefinition]) {
        if let pipeline {
            pipelineVersions = [pipeline.name: pipeline.version]
        } else {
            var versions: [String: String] = [PipelineCatalog.generic.name: PipelineCatalog.generic.version]
            for definition in catalog { versions[definition.name] = definition.version }
            pipelineVersions = versions
        }
        var folders: [String: String] = [:]
        for definition in catalog + [pipeline].compactMap({ $0 }) { folders[definition.name] = definition.ocr?.tessdata }
        tessdataFolders = folders
    }

    public enum Decision: Sendable {
        case skip(WorkerResult)
        case convert(reason: String)
    }

    public func decide(input: URL, output: URL) -> Decision {
        guard let data = try? Data(contentsOf: output) else { return .convert(reason: "no output yet") }
        guard let existing = try? JSONDecoder().decode(IssueDocument.self, from: data) else {
            return .convert(reason: "the existing output is not readable issue JSON")
        }
        guard existing.schemaVersion == IssueDocument.currentSchemaVersion else {
            return .convert(reason: "the existing output has schema version \(existing.schemaVersion)")
        }
        guard let bytes = try? Data(contentsOf: input, options: .alwaysMapped) else {
            return .convert(reason: "the input cannot be read")
        }
        guard sha256Hex(bytes) == existing.source.sha256 else { return .convert(reason: "the input changed") }
        guard pipelineVersions[existing.pipeline.name] == existing.pipeline.version else {
            return .convert(reason: "made with pipeline \(existing.pipeline.name) \(existing.pipeline.version), which is not the one in use now")
        }
        if let change = RuntimeEnvironment.change(since: existing.producedWith, tessdata: tessdataFolders[existing.pipeline.name]) {
            return .convert(reason: change)
        }
        return .skip(WorkerResult(summarizing: existing))
    }
}
