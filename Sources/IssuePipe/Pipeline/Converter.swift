import Foundation

/// Everything `issuepipe convert` can be told.
public struct ConvertOptions: Sendable {
    public var password: String?
    public var stagesFolder: URL?
    public init(password: String? = nil, stagesFolder: URL? = nil) {
        self.password = password
        self.stagesFolder = stagesFolder
    }
}

/// The whole pipeline for one PDF. Reads top to bottom like the stage list
/// in the README: extract → judge → ocr → clean → structure → emit.
public func convert(_ url: URL, options: ConvertOptions = ConvertOptions()) throws -> IssueDocument {
    let dumper = StageDumper(folder: options.stagesFolder)
    let document = try PDFDocument(url: url, password: options.password)
    let extracted = extract(document)
    try dumper.dump(extracted, stage: "extract")
    return IssueDocument(
        source: extracted.source,
        pipeline: PipelineInfo(name: "none", version: "0"),
        pages: extracted.pages.map { PageSummary(number: $0.number, method: $0.method) }
    )
}
