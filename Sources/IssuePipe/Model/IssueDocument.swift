/// The issue JSON: the product's public contract (see README, "The JSON contract",
/// and `Schema/issue.schema.json`). Field names must not change without a
/// `schemaVersion` bump.
public struct IssueDocument: Codable, Hashable, Sendable {
    public static let currentSchemaVersion = "1.0"

    public var schemaVersion: String = IssueDocument.currentSchemaVersion
    public var source: SourceInfo
    public var pipeline: PipelineInfo
    public var publication: Publication
    public var issue: IssueInfo
    public var staff: [StaffEntry]?
    public var contacts: Contacts?
    public var contents: [ContentsEntry]
    public var articles: [Article]
    public var pages: [PageSummary]
    public var warnings: [Warning]
    /// Only with `--keep-furniture`: the lines the clean stage dropped.
    public var furniture: [FurnitureLine]?
    /// The libraries and data the output was made with (batch resume redoes a
    /// file when one of them changed).
    public var producedWith: ProducedWith?

    public init(source: SourceInfo, pipeline: PipelineInfo, publication: Publication = Publication(),
                issue: IssueInfo = IssueInfo(), staff: [StaffEntry]? = nil, contacts: Contacts? = nil,
                contents: [ContentsEntry] = [], articles: [Article] = [], pages: [PageSummary] = [],
                warnings: [Warning] = [], furniture: [FurnitureLine]? = nil, producedWith: ProducedWith? = nil) {
        self.source = source
        self.pipeline = pipeline
        self.publication = publication
        self.issue = issue
        self.staff = staff
        self.contacts = contacts
        self.contents = contents
        self.articles = articles
        self.pages = pages
        self.warnings = warnings
        self.furniture = furniture
        self.producedWith = producedWith
    }
}

/// What an output was made with, beyond the pipeline: the versions of the
/// libraries and data files whose change can change the result.
public struct ProducedWith: Codable, Hashable, Sendable {
    /// poppler's version (`22.12.0`).
    public var poppler: String
    /// poppler-data's version (`0.4.12`), `unknown` when its CMaps are there
    /// without a version; absent when it is not installed.
    public var popplerData: String?
    /// Tesseract's version, when a page was read by OCR.
    public var tesseract: String?
    /// The language data tesseract read, by language, when a page was read by OCR.
    public var tessdata: [String: TessdataFile]?

    public init(poppler: String, popplerData: String?, tesseract: String? = nil, tessdata: [String: TessdataFile]? = nil) {
        self.poppler = poppler
        self.popplerData = popplerData
        self.tesseract = tesseract
        self.tessdata = tessdata
    }
}

/// One `.traineddata` file: the version string written in it and its SHA-256.
public struct TessdataFile: Codable, Hashable, Sendable {
    /// E.g. `4.00.00alpha:chi_sim:synth20170629` (nil when the file has none).
    public var version: String?
    public var sha256: String

    public init(version: String?, sha256: String) {
        self.version = version
        self.sha256 = sha256
    }
}

public struct PipelineInfo: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
    public init(name: String, version: String) { self.name = name; self.version = version }
}

public struct Publication: Codable, Hashable, Sendable {
    public var title: String?
    public var subtitle: String?
    public var publisher: String?
    public var publisherEn: String?
    public var hosts: [String]?
    public init(title: String? = nil, subtitle: String? = nil, publisher: String? = nil,
                publisherEn: String? = nil, hosts: [String]? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.publisher = publisher
        self.publisherEn = publisherEn
        self.hosts = hosts
    }
}

public struct IssueInfo: Codable, Hashable, Sendable {
    public var year: Int?
    public var number: Int?
    public var cumulativeNumber: Int?
    /// ISO 8601 date, the year taken from `year`.
    public var printDate: String?
    public init(year: Int? = nil, number: Int? = nil, cumulativeNumber: Int? = nil, printDate: String? = nil) {
        self.year = year
        self.number = number
        self.cumulativeNumber = cumulativeNumber
        self.printDate = printDate
    }
}

public struct StaffEntry: Codable, Hashable, Sendable {
    public var role: String
    public var names: [String]
    public init(role: String, names: [String]) { self.role = role; self.names = names }
}

public struct Contacts: Codable, Hashable, Sendable {
    public var phone: String?
    public var fax: String?
    public init(phone: String? = nil, fax: String? = nil) { self.phone = phone; self.fax = fax }
}

public struct ContentsEntry: Codable, Hashable, Sendable {
    public var section: String?
    public var title: String
    public init(section: String?, title: String) { self.section = section; self.title = title }
}

public struct Article: Codable, Hashable, Sendable {
    public var section: String?
    public var title: String
    public var pages: [Int]
    public var blocks: [ArticleBlock]
    public var sources: [Citation]
    public init(section: String?, title: String, pages: [Int], blocks: [ArticleBlock], sources: [Citation]) {
        self.section = section
        self.title = title
        self.pages = pages
        self.blocks = blocks
        self.sources = sources
    }
}

public struct ArticleBlock: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable { case paragraph, heading }
    public var kind: Kind
    public var text: String
    /// Provenance: the pages and boxes the text was read from.
    public var provenance: [Provenance]?
    public init(kind: Kind, text: String, provenance: [Provenance]? = nil) {
        self.kind = kind
        self.text = text
        self.provenance = provenance
    }
}

public struct Provenance: Codable, Hashable, Sendable {
    public var page: Int
    public var box: Box
    public init(page: Int, box: Box) { self.page = page; self.box = box }
}

public struct Citation: Codable, Hashable, Sendable {
    public var name: String
    /// ISO 8601 date.
    public var date: String
    public init(name: String, date: String) { self.name = name; self.date = date }
}

public struct PageSummary: Codable, Hashable, Sendable {
    public var number: Int
    public var method: TextMethod
    public var confidence: Double?
    public init(number: Int, method: TextMethod, confidence: Double? = nil) {
        self.number = number
        self.method = method
        self.confidence = confidence
    }
}

public struct Warning: Codable, Hashable, Sendable {
    public var code: String
    public var message: String
    public var page: Int?
    public init(code: String, message: String, page: Int? = nil) {
        self.code = code
        self.message = message
        self.page = page
    }
}

/// A line the clean stage took out of the body text, and why.
public struct FurnitureLine: Codable, Hashable, Sendable {
    public var page: Int
    public var text: String
    public var box: Box
    public var reason: String
    /// The line it was, as `page:index` into that page's extract/OCR lines.
    public var line: String?
    public init(page: Int, text: String, box: Box, reason: String, line: String? = nil) {
        self.page = page
        self.text = text
        self.box = box
        self.reason = reason
        self.line = line
    }

    /// The index of the line it was in its page's lines (from `line`).
    public var lineIndex: Int? { line?.split(separator: ":").last.flatMap { Int($0) } }
}
