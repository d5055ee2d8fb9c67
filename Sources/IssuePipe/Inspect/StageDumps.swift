import Foundation

/// Everything the pipeline's stages produced for one PDF: what `inspect` shows.
/// Read from a `--stages` folder written earlier, or the values a conversion
/// returns (`Conversion.stages`), the same that `convert --stages` writes.
public struct StageDumps: Sendable {
    /// 1-extract.json: the text layer, page by page.
    public var extract: ExtractedDocument
    /// 2-judge.json: text or OCR for each page, and why. Nil if the file is missing.
    public var judge: JudgeReport?
    /// 3-ocr.json: the pages as the later stages read them. Nil if the file is missing.
    public var ocr: OCRReport?
    /// 4-clean.json: blocks and furniture. Nil if the file is missing.
    public var clean: CleanedDocument?
    /// 5-structure.json: the issue model. Nil if the file is missing.
    public var structure: IssueDocument?
    /// 5-structure.json's `lineage`: the clean blocks each article was made from.
    /// Nil for dumps written before it was kept.
    public var lineage: [ArticleLineage]?
    /// 5-structure.json's `contentsArticles`: the article each contents entry names.
    /// Nil for dumps written before it was kept.
    public var contentsArticles: [Int?]?
    /// Where the dumps were read from (nil when the pipeline was run for inspect).
    public var folder: URL?

    public init(extract: ExtractedDocument, judge: JudgeReport? = nil, ocr: OCRReport? = nil,
                clean: CleanedDocument? = nil, structure: IssueDocument? = nil, lineage: [ArticleLineage]? = nil,
                contentsArticles: [Int?]? = nil, folder: URL? = nil) {
        self.extract = extract
        self.judge = judge
        self.ocr = ocr
        self.clean = clean
        self.structure = structure
        self.lineage = lineage
        self.contentsArticles = contentsArticles
        self.folder = folder
    }

    /// Reads a `--stages` folder. `1-extract.json` is required; any other stage
    /// may be missing (a run that stopped early), and is then shown as absent.
    public static func load(from folder: URL) throws -> StageDumps {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            throw InspectError.stagesNotFound(path: folder.path)
        }
        guard isFolder.boolValue else { throw InspectError.notAStagesFolder(path: folder.path, reason: "it is not a folder") }
        let dumper = StageDumper(folder: folder)
        func read<T: Decodable>(_ type: T.Type, _ stage: String, required: Bool = false) throws -> T? {
            let url = folder.appendingPathComponent(dumper.fileName(for: stage))
            guard FileManager.default.fileExists(atPath: url.path) else {
                if required {
                    throw InspectError.notAStagesFolder(path: folder.path, reason: "no \(url.lastPathComponent) in it")
                }
                return nil
            }
            do {
                return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
            } catch let error as DecodingError {
                throw InspectError.badDump(path: url.path, reason: error.readableDescription)
            } catch {
                throw InspectError.badDump(path: url.path, reason: error.localizedDescription)
            }
        }
        guard let extract = try read(ExtractedDocument.self, "extract", required: true) else {
            throw InspectError.notAStagesFolder(path: folder.path, reason: "no 1-extract.json in it")
        }
        let structureLineage = try read(StructuredIssue.LineageOnly.self, "structure")
        return StageDumps(extract: extract,
                          judge: try read(JudgeReport.self, "judge"),
                          ocr: try read(OCRReport.self, "ocr"),
                          clean: try read(CleanedDocument.self, "clean"),
                          structure: try read(IssueDocument.self, "structure"),
                          lineage: structureLineage?.lineage, contentsArticles: structureLineage?.contentsArticles,
                          folder: folder)
    }

    /// An earlier run's dumps of this same PDF (its SHA-256 must match), for `--reuse-stages`.
    static func reused(from folder: URL, for document: PDFDocument) throws -> StageDumps {
        let dumps: StageDumps
        do { dumps = try load(from: folder) } catch {
            throw IssuePipeError.unusableStages(path: folder.path, reason: "\(error)")
        }
        guard dumps.extract.source.sha256 == document.sourceInfo.sha256 else {
            throw IssuePipeError.unusableStages(path: folder.path,
                                                reason: "its dumps are of another file (\(dumps.extract.source.file)) or another version of it")
        }
        return dumps
    }

    /// Runs the pipeline on a PDF as `convert` does (same composition, same
    /// options) and takes every stage's value.
    public static func run(_ url: URL, options: ConvertOptions) throws -> StageDumps {
        try convertTimed(url, options: options).stages
    }

    /// Pages as the later stages read them: the OCR stage's when present, else extract's.
    public var readPages: [PageLayout] { ocr?.pages ?? extract.pages }

    public var pageNumbers: [Int] { extract.pages.map(\.number) }

    /// Every warning of the run: the judge's, the OCR stage's and the structure stage's,
    /// in the order `convert` puts them in the issue JSON.
    public var warnings: [Warning] {
        (judge?.warnings ?? []) + (ocr?.warnings ?? []) + (structure?.warnings ?? [])
    }

    /// Looks for the PDF the dumps were made from: `explicit` if given, else a file
    /// with the recorded name beside the folder, in it, or in the working folder.
    /// Only a file with the recorded SHA-256 counts, so boxes never land on another PDF.
    public func locatePDF(explicit: URL? = nil) -> URL? {
        var candidates: [URL] = []
        if let explicit { candidates.append(explicit) }
        let name = extract.source.file
        if let folder {
            candidates.append(folder.deletingLastPathComponent().appendingPathComponent(name))
            candidates.append(folder.appendingPathComponent(name))
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(name))
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.path) {
            guard let data = try? Data(contentsOf: candidate, options: .mappedIfSafe) else { continue }
            if sha256Hex(data) == extract.source.sha256 { return candidate }
        }
        return nil
    }
}

/// What can go wrong in `inspect` and `diff` beyond converting a PDF.
public enum InspectError: Error, Equatable, Sendable, CustomStringConvertible {
    case stagesNotFound(path: String)
    case notAStagesFolder(path: String, reason: String)
    case badDump(path: String, reason: String)
    case noSuchPage(page: Int, pageCount: Int)
    case unreadableIssue(path: String, reason: String)

    public var description: String {
        switch self {
        case .stagesNotFound(let p): "\(p): no such folder"
        case .notAStagesFolder(let p, let r): "\(p): not a --stages folder: \(r)"
        case .badDump(let p, let r): "\(p): cannot read this stage dump: \(r)"
        case .noSuchPage(let page, let count): "no page \(page): the PDF has \(count) page\(count == 1 ? "" : "s")"
        case .unreadableIssue(let p, let r): "\(p): not an issue JSON: \(r)"
        }
    }

    /// 1: the input is there but unusable; 2: the command line asks for something that is not there.
    public var exitCode: Int32 {
        switch self {
        case .noSuchPage, .stagesNotFound, .unreadableIssue: 2
        case .notAStagesFolder, .badDump: 1
        }
    }
}
