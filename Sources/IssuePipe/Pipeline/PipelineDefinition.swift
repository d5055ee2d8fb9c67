import Foundation
import Yams

/// A publication's rules, read from `Pipelines/<name>.yaml`. Every field but
/// `name` and `version` may be left out; a new periodical needs only a new file.
public struct PipelineDefinition: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
    public var description: String?
    /// Patterns that recognise this publication on a PDF's first page.
    public var match: MatchRules?
    /// Known names (title, publisher, sections, roles): used to recognise and to correct OCR.
    public var lexicon: Lexicon?
    public var masthead: MastheadRules?
    public var staff: StaffRules?
    public var contacts: [ContactRule]?
    public var contents: ContentsRules?
    public var articles: ArticleRules?
    public var sources: SourceRules?
    public var furniture: FurnitureRules?
    public var text: TextRules?
    public var blocks: BlockRules?
    public var judge: JudgeRules?
    public var ocr: OCRSettings?
    /// How broken text layers are decoded with glyph maps learned from OCR.
    public var glyphMap: GlyphMapRules?
    /// The words `--format markdown` prints around the fields.
    public var markdown: MarkdownLabels?
    /// How the issues follow each other (numbering, cadence): `archive check`'s rules.
    public var series: SeriesRules?

    public var info: PipelineInfo { PipelineInfo(name: name, version: version) }
}

/// How a publication is recognised: evidence found on its first pages, each
/// item with a weight; the pipeline is chosen when the weights found reach
/// `minScore`. Known names are found fuzzily, so an OCR'd cover still counts.
public struct MatchRules: Codable, Hashable, Sendable {
    /// How many leading pages are searched (default 2).
    public var pages: Int?
    public var minScore: Double
    public var evidence: [MatchEvidence]
}

public struct MatchEvidence: Codable, Hashable, Sendable {
    /// A regular expression on the pages' text, white space removed.
    public var pattern: String?
    /// A lexicon field (`title`, `subtitle`, `publisher`, `publisherEn`), found
    /// when some stretch of the text is at least `minSimilarity` like it.
    public var lexicon: String?
    public var minSimilarity: Double?
    public var weight: Double
}

/// One regular expression or several alternatives (a YAML string or list).
public struct PatternList: Codable, Hashable, Sendable {
    public var patterns: [String]

    public init(_ patterns: [String]) { self.patterns = patterns }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let one = try? container.decode(String.self) { patterns = [one] } else { patterns = try container.decode([String].self) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if patterns.count == 1 { try container.encode(patterns[0]) } else { try container.encode(patterns) }
    }
}

/// What every issue of the publication prints the same way: the names OCR
/// readings are corrected to, and evidence for recognising the publication.
public struct Lexicon: Codable, Hashable, Sendable {
    public var title: String?
    public var subtitle: String?
    public var publisher: String?
    public var publisherEn: String?
    /// The host institutions (主办).
    public var hosts: [String]?
    public var sections: [String]?
    /// Staff names seen in past issues: a run of names printed without separators is split at them.
    public var staff: [String]?
    /// News outlets cited in the sources: an OCR reading one or two characters off one is taken as it.
    public var outlets: [String]?
    /// Places each section's articles are about (a province's cities, a
    /// municipality's districts), by section: evidence for a section label OCR lost.
    public var places: [String: [String]]?
    public var words: [String]?
    /// The publication's own phone and fax numbers: an OCR reading one digit off one is taken as it.
    public var numbers: [String]?

    /// A single-valued field by its YAML key.
    public func value(_ field: String) -> String? {
        switch field {
        case "title": title
        case "subtitle": subtitle
        case "publisher": publisher
        case "publisherEn": publisherEn
        default: nil
        }
    }
}

public struct MastheadRules: Codable, Hashable, Sendable {
    /// Named groups `year` and `number`; several forms may be listed
    /// (`2024 年第 3 期`, `第 3 期 2024 年`).
    public var issueLabel: PatternList?
    /// Named group `number`.
    public var cumulative: PatternList?
    /// Named groups `month` and `day` (the year comes from the issue label) or `year` too.
    public var printDate: PatternList?
    /// A line naming the publisher in Chinese.
    public var publisher: String?
    /// A line naming the publisher in English.
    public var publisherEn: String?
    /// The title is the largest text on the cover; the subtitle the next largest line below it.
    public var subtitleFromCover: Bool?
    /// The issue label as the running heads print it, `{year}` and `{number}`
    /// filled in from the cover (`{year}年第{number}期`): a piece of it OCR read
    /// inside an article (`-23年第`) is the running head, not text.
    public var printedLabel: String?
}

public struct StaffRules: Codable, Hashable, Sendable {
    /// Roles as printed at the start of a line, e.g. 主办, 编辑, 统筹.
    public var roles: [String]
    /// The role whose names are the publication's hosts (`publication.hosts`), not staff.
    public var hostsRole: String?
    /// Pages the staff box may be on (default: any page).
    public var pages: [Int]?
    /// Family names, one character each: names printed without separators are cut before them.
    public var surnames: String?
    /// Two-character family names (欧阳, 司马).
    public var compoundSurnames: [String]?
    /// Marks printed between names, each one character; nil: `、，,；;/／·|` (white space always parts names).
    public var separators: String?
    /// Characters no name holds that OCR reads specks as (了): left out of names,
    /// where they stood a likely cut between two.
    public var strayCharacters: String?

    static let defaultSeparators = "、，,；;/／·|"
}

public struct ContactRule: Codable, Hashable, Sendable {
    /// `phone` or `fax`.
    public var field: String
    /// Named group `value`.
    public var pattern: String
    /// The label as printed (电话), which may stand apart from its value.
    public var label: String?
}

/// Where the table of contents is printed and how its entries are decorated.
/// Entries are recognised by the headlines they repeat; the decorations are
/// taken off before the two are compared.
public struct ContentsRules: Codable, Hashable, Sendable {
    /// The pages the contents may be printed on.
    public var pages: [Int]
    /// Characters set before an entry (◆ ● ■ …).
    public var bullets: String?
    /// An entry's number at its start (一、 1. （一）).
    public var numbering: String?
    /// On a scan, an entry's number whose mark OCR lost (`二3上海…` for `★ 3. 上海…`):
    /// tried only after a bullet read as a character or two.
    public var ocrNumbering: String?
    /// Dot leaders and the page number at an entry's end.
    public var pageNumber: String?
    /// The contents' own heading (目录, 本期要目): not an entry, not article text.
    public var labels: [String]?
    /// The articles listed start on pages after the contents' own (false: an
    /// article may start below the contents on the same page).
    public var headlinesOnLaterPages: Bool?
}

public struct ArticleRules: Codable, Hashable, Sendable {
    /// A section marker, named group `name`: 【上海】. Alone on a line it opens a
    /// section; before a title it opens a section and an article.
    public var sectionMarker: String
    /// A title is at least this many times the body font size.
    public var titleMinSizeRatio: Double?
    /// Titles are bold.
    public var titleBold: Bool?
    /// Sub-headings: bold lines at body size up to this many characters.
    public var headingMaxLength: Int?
    /// No sub-heading holds fewer letters and digits than this: a rule or a
    /// speck on a scan read as a line of its own (`一`, `也一`) is none. Nil: 1.
    public var headingMinLetters: Int?
    /// Sub-heading patterns at body size, e.g. a 【地区】 prefix.
    public var headingPatterns: [String]?
    /// Headings that open an article instead: the top level of a numbered
    /// outline (一、), for documents whose articles are their chapters.
    public var titlePatterns: [String]?
    /// Marks a sentence ends with: a block ending in one is no title; nil: `。！？；，、`.
    public var sentenceEnds: String?
    /// More marks a sub-heading never ends with (a colon before a list, the
    /// bracket of a citation); nil: `：）)`. A closing quote is looked through:
    /// `关键词“智慧好办”` may be one, `…。”` not.
    public var headingNeverEnds: String?
    /// Marks a sub-heading never starts with (a clause's: the block is the rest
    /// of a sentence OCR parted from its paragraph); nil: `，、；：。,;:`.
    public var headingNeverStarts: String?
    /// Marks a sub-heading known by its shape alone (not bold, of no pattern:
    /// OCR) never holds after its second character: `据测算，上述措施…40亿元`
    /// is a one-line paragraph whose closing mark OCR lost (`三，` for `三、` is
    /// an outline number's). Nil: none.
    public var headingNeverContains: String?
    /// Marks an outline number ends with (一、): OCR may lose the numeral and
    /// keep the mark (`、破除…`, read before a scanned one-line block), which
    /// then does not count against its being a sub-heading. Nil: none.
    public var headingNumberMarks: String?

    static let defaultSentenceEnds = "。！？；，、"
    var sentenceEndMarks: String { sentenceEnds ?? Self.defaultSentenceEnds }
    var headingNeverEndMarks: String { headingNeverEnds ?? "：）)" }
    var headingNeverStartMarks: String { headingNeverStarts ?? "，、；：。,;:" }
}

public struct SourceRules: Codable, Hashable, Sendable {
    /// The closing citation at the end of a paragraph; named group `body` holds the pairs.
    public var citation: String
    /// One outlet/date pair inside `body`; named groups `name` and `date` (YYYYMMDD).
    public var pair: String
    /// How many days before its print date an issue cites papers from: an OCR
    /// reading of a date outside them is taken as the one date inside them one
    /// digit away (`CitationDates`). Nil: dates as read.
    public var daysBeforeIssue: Int?
}

public struct FurnitureRules: Codable, Hashable, Sendable {
    /// Lines dropped anywhere as decorations (QR captions, slogans).
    public var decorations: [String]?
    /// Top and bottom bands (fraction of page height) where running headers, footers and page numbers live.
    public var marginBand: Double?
    /// A line repeated at the same place on at least this many pages is a running header/footer.
    public var minRepeats: Int?
    /// Trailing pages without body text (slogans, QR code) are a back cover, not content.
    public var backCover: Bool?
    /// Page-number shapes, each matched against a whole line in the margin bands;
    /// nil: `defaultPageNumbers` (`3`, `— 3 —`, `第 3 页`, `Page 3`, `3 / 10`; `一了一`,
    /// one digit between dashes misread).
    public var pageNumbers: [String]?
    /// On scanned pages a running header may sit this share of the page height
    /// higher or lower than on the others (a sheet lies differently on the glass); nil: 0.03.
    public var scanShift: Double?
    /// OCR readings of one running header this alike (0…1, after digits and
    /// marks are left out) are the same line; nil: 0.7 (a few misread characters in a dozen).
    public var scanSimilarity: Double?
    /// On scanned pages tesseract passes over a small running header on many
    /// pages: a reading of at least `scanMinKeyLetters` letters (longer than a
    /// section label) repeated on this many OCR pages is one too; nil: 3 and 8.
    public var scanMinRepeats: Int?
    public var scanMinKeyLetters: Int?
    /// Without `minRepeats`: a line repeated on this share of the pages with
    /// text (and on at least 2) is a running header/footer; nil: 0.3.
    public var repeatShare: Double?
    /// On text pages a running header may sit this share of the page height
    /// higher or lower than on the others, and at least `minShiftPoints`; nil: 0.012 and 6.
    public var textShift: Double?
    public var minShiftPoints: Double?
    /// Parts of a running header printed apart (left and right) whose middles
    /// fall in one band this many points high are one row, compared as one line
    /// with an OCR page's header; nil: 6.
    public var headerRowPoints: Double?
    /// An OCR page's band line where running furniture sits on this many other
    /// pages, and at most `scanPositionMaxSize` of its page's median line size,
    /// is furniture whatever OCR read; nil: 2 and 0.85.
    public var scanPositionMinPages: Int?
    public var scanPositionMaxSize: Double?
    /// An OCR page's top-most or bottom-most line in the margin band (or up to
    /// `scanShift` past it) read at a mean word confidence below this is
    /// furniture (`unreadable-margin`): a
    /// header OCR could not read, like no other page's; nil: 0.3.
    public var scanUnreadableConfidence: Double?

    public static let defaultPageNumbers = [
        // OCR reads the dashes around a page number as 一, _ or = at times, and a speck beside them as a colon (`：一4一`).
        #"^[\s—–\-－·•|一_~=＝：:]*\d{1,4}[\s—–\-－·•|一_~=＝：:]*$"#,
        // Or the digit between the dashes as another character (`一了一` for — 7 —, v10404).
        #"^[\s—–\-－_~=＝]*[—–\-－一_~=＝]\s*(?:\d?[^\s\d]|[^\s\d]\d)\s*[—–\-－一_~=＝][\s—–\-－_~=＝]*$"#,
        // (OCR may lose the 页 at a page's edge, 第5, or read a speck by the number as a dash, 第-3页.)
        #"^第[\s—–\-－·_]*\d{1,4}\s*(页(\s*[/／]?\s*共\s*\d{1,4}\s*页)?)?$"#,
        #"^(?i:page|p\.)\s*\d{1,4}(\s*(?i:of)\s*\d{1,4})?$"#,
        // OCR reads the slash of 7/11 as V, l, I or | at times (7V/11, 9V11).
        #"^\d{1,4}\s*[/／|VvIl]{1,2}\s*\d{1,4}$"#,
    ]
}

extension PipelineDefinition {
    /// Reads one YAML file, naming the file and the problem when it is wrong.
    public static func load(_ url: URL) throws -> PipelineDefinition {
        // Parsed and checked once per process while the file stays the same
        // (a conversion looks the pipelines up several times; a batch worker, for every file).
        guard let definition = try loaded.value(at: url.path, make: { try parse(url) }) else { return try parse(url) }
        return definition
    }

    private static let loaded = FileStampCache<PipelineDefinition>()

    private static func parse(_ url: URL) throws -> PipelineDefinition {
        let definition: PipelineDefinition, text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
            definition = try YAMLDecoder().decode(PipelineDefinition.self, from: text)
        } catch let error as DecodingError {
            throw IssuePipeError.invalidPipeline(path: url.path, reason: error.readableDescription)
        } catch {
            throw IssuePipeError.invalidPipeline(path: url.path, reason: "\(error)")
        }
        let problems = problems(in: definition, yaml: text)
        guard problems.isEmpty else { throw IssuePipeError.invalidPipeline(path: url.path, reason: problems.joined(separator: "; ")) }
        return definition
    }
}

/// How the clean stage writes a block's text (`text:`).
public struct TextRules: Codable, Hashable, Sendable {
    /// Full-width Latin letters and digits (２０２３) as ASCII; CJK punctuation stays full-width.
    public var foldFullWidth: Bool = true
    public init(foldFullWidth: Bool = true) { self.foldFullWidth = foldFullWidth }
}
