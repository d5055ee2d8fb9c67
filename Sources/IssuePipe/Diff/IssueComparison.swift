import Foundation

/// One difference between two issue JSONs.
public struct Difference: Equatable, Sendable {
    public enum Kind: String, Sendable { case changed, added, removed, moved }

    public var kind: Kind
    /// Where: `issue.number`, `contents[3]`, `articles[2] 「title」.blocks[4]`…
    public var path: String
    public var old: String?
    public var new: String?
    /// For text that changed: the characters that differ.
    public var segments: [TextDiff.Segment]?

    public init(_ kind: Kind, _ path: String, old: String? = nil, new: String? = nil, segments: [TextDiff.Segment]? = nil) {
        self.kind = kind
        self.path = path
        self.old = old
        self.new = new
        self.segments = segments
    }
}

/// `issuepipe diff`: the field-level differences between two issue JSONs (for
/// example one archive converted before and after a change to a pipeline YAML).
/// Articles are paired by title, so a renamed or moved article shows as that,
/// not as one removed and one added; paragraphs are paired by text, and a
/// changed paragraph shows the characters that changed.
public struct IssueComparison: Sendable {
    public struct Options: Sendable {
        /// Compare each block's provenance (page and boxes) too.
        public var provenance = false
        /// Titles at least this similar (0…1, after NFKC and white space removal) are the same article.
        public var titleSimilarity = 0.5
        /// Paragraphs at least this similar are one changed paragraph rather than one removed and one added.
        public var blockSimilarity = 0.4
        public init(provenance: Bool = false) { self.provenance = provenance }
    }

    public let old: IssueDocument
    public let new: IssueDocument
    public var options: Options

    public init(_ old: IssueDocument, _ new: IssueDocument, options: Options = Options()) {
        self.old = old
        self.new = new
        self.options = options
    }

    /// Every difference, in the order of the JSON's fields.
    public func differences() -> [Difference] {
        var out: [Difference] = []
        field(&out, "schemaVersion", old.schemaVersion, new.schemaVersion)
        field(&out, "source.file", old.source.file, new.source.file)
        field(&out, "source.sha256", old.source.sha256, new.source.sha256)
        field(&out, "source.pageCount", "\(old.source.pageCount)", "\(new.source.pageCount)")
        field(&out, "pipeline.name", old.pipeline.name, new.pipeline.name)
        field(&out, "pipeline.version", old.pipeline.version, new.pipeline.version)
        let a = old.publication, b = new.publication
        text(&out, "publication.title", a.title, b.title)
        text(&out, "publication.subtitle", a.subtitle, b.subtitle)
        text(&out, "publication.publisher", a.publisher, b.publisher)
        text(&out, "publication.publisherEn", a.publisherEn, b.publisherEn)
        field(&out, "publication.hosts", a.hosts?.joined(separator: "、"), b.hosts?.joined(separator: "、"))
        let i = old.issue, j = new.issue
        field(&out, "issue.year", i.year.map(String.init), j.year.map(String.init))
        field(&out, "issue.number", i.number.map(String.init), j.number.map(String.init))
        field(&out, "issue.cumulativeNumber", i.cumulativeNumber.map(String.init), j.cumulativeNumber.map(String.init))
        field(&out, "issue.printDate", i.printDate, j.printDate)
        staff(&out)
        field(&out, "contacts.phone", old.contacts?.phone, new.contacts?.phone)
        field(&out, "contacts.fax", old.contacts?.fax, new.contacts?.fax)
        contents(&out)
        articles(&out)
        pages(&out)
        warnings(&out)
        return out
    }

    // MARK: - Fields

    func field(_ out: inout [Difference], _ path: String, _ a: String?, _ b: String?) {
        guard a != b else { return }
        switch (a, b) {
        case (nil, let b?): out.append(Difference(.added, path, new: b))
        case (let a?, nil): out.append(Difference(.removed, path, old: a))
        default: out.append(Difference(.changed, path, old: a, new: b))
        }
    }

    /// A text field: changed characters marked.
    func text(_ out: inout [Difference], _ path: String, _ a: String?, _ b: String?) {
        guard let a, let b, a != b else { return field(&out, path, a, b) }
        out.append(Difference(.changed, path, old: a, new: b, segments: TextDiff.segments(a, b)))
    }

    func staff(_ out: inout [Difference]) {
        let a = old.staff ?? [], b = new.staff ?? []
        let roles = (a.map(\.role) + b.map(\.role)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for role in roles {
            field(&out, "staff[\(role)]", a.first { $0.role == role }?.names.joined(separator: "、"),
                  b.first { $0.role == role }?.names.joined(separator: "、"))
        }
    }

    static func entryText(_ entry: ContentsEntry) -> String { (entry.section.map { "【\($0)】" } ?? "") + entry.title }

    func contents(_ out: inout [Difference]) {
        let a = old.contents, b = new.contents
        let anchors = TextDiff.commonSubsequence(a, b, equal: ==)
        walk(a.count, b.count, anchors) { removed, added in
            var added = added
            for r in removed {
                // A removed entry and an added one with a similar title: one changed entry.
                if let pick = added.first(where: {
                    EditDistance.similarity(a[r].title.comparisonKey, b[$0].title.comparisonKey) >= options.titleSimilarity
                }) {
                    added.removeAll { $0 == pick }
                    let x = Self.entryText(a[r]), y = Self.entryText(b[pick])
                    out.append(Difference(.changed, "contents[\(pick + 1)]", old: x, new: y, segments: TextDiff.segments(x, y)))
                } else {
                    out.append(Difference(.removed, "contents[\(r + 1)]", old: Self.entryText(a[r])))
                }
            }
            for p in added { out.append(Difference(.added, "contents[\(p + 1)]", new: Self.entryText(b[p]))) }
        }
    }

    /// Calls `gap` with the indices between consecutive anchors (and before the first and after the last).
    func walk(_ n: Int, _ m: Int, _ anchors: [(Int, Int)], gap: ([Int], [Int]) -> Void) {
        var i = 0, j = 0
        for (x, y) in anchors + [(n, m)] {
            let removed = Array(i..<x), added = Array(j..<y)
            if !removed.isEmpty || !added.isEmpty { gap(removed, added) }
            i = x + 1; j = y + 1
        }
    }

    // MARK: - Articles

    /// Pairs of (old index, new index): equal titles first, then the most similar titles.
    public func matchArticles() -> [(Int, Int)] {
        let a = old.articles.map(\.title.comparisonKey)
        let b = new.articles.map(\.title.comparisonKey)
        var usedA = Set<Int>(), usedB = Set<Int>()
        var pairs: [(Int, Int)] = []
        for (i, title) in a.enumerated() {
            if let j = b.indices.first(where: { !usedB.contains($0) && b[$0] == title }) {
                pairs.append((i, j)); usedA.insert(i); usedB.insert(j)
            }
        }
        var candidates: [(Double, Int, Int)] = []
        for i in a.indices where !usedA.contains(i) {
            for j in b.indices where !usedB.contains(j) {
                let score = EditDistance.similarity(a[i], b[j])
                if score >= options.titleSimilarity { candidates.append((score, i, j)) }
            }
        }
        for (_, i, j) in candidates.sorted(by: { ($0.0, -$0.1, -$0.2) > ($1.0, -$1.1, -$1.2) })
        where !usedA.contains(i) && !usedB.contains(j) {
            pairs.append((i, j)); usedA.insert(i); usedB.insert(j)
        }
        return pairs.sorted { $0.0 < $1.0 }
    }

    static func label(_ index: Int, _ article: Article) -> String { "articles[\(index + 1)] 「\(article.title)」" }

    func articles(_ out: inout [Difference]) {
        let pairs = matchArticles()
        let matchedOld = Set(pairs.map(\.0)), matchedNew = Set(pairs.map(\.1))
        for (i, article) in old.articles.enumerated() where !matchedOld.contains(i) {
            out.append(Difference(.removed, Self.label(i, article), old: Self.summary(article)))
        }
        for (j, article) in new.articles.enumerated() where !matchedNew.contains(j) {
            out.append(Difference(.added, Self.label(j, article), new: Self.summary(article)))
        }
        // Moved: the pairs outside the longest run that keeps its order.
        let inOrder = TextDiff.longestIncreasing(pairs.map(\.1))
        for (k, (i, j)) in pairs.enumerated() where !inOrder.contains(k) {
            out.append(Difference(.moved, Self.label(j, new.articles[j]), old: "position \(i + 1)", new: "position \(j + 1)"))
        }
        for (i, j) in pairs { article(&out, old.articles[i], new.articles[j], label: Self.label(j, new.articles[j])) }
    }

    /// A list as one string; nil for an empty list, so emptying it shows as removed.
    static func list(_ items: [String], _ separator: String) -> String? {
        items.isEmpty ? nil : items.joined(separator: separator)
    }

    static func summary(_ article: Article) -> String {
        let section = article.section.map { "【\($0)】" } ?? ""
        return "\(section)\(article.title) (pages \(article.pages.map(String.init).joined(separator: ", ")), \(article.blocks.count) blocks)"
    }

    func article(_ out: inout [Difference], _ a: Article, _ b: Article, label: String) {
        text(&out, "\(label).title", a.title, b.title)
        field(&out, "\(label).section", a.section, b.section)
        field(&out, "\(label).pages", Self.list(a.pages.map(String.init), ", "), Self.list(b.pages.map(String.init), ", "))
        field(&out, "\(label).sources", Self.list(a.sources.map { "\($0.name) \($0.date)" }, "；"),
              Self.list(b.sources.map { "\($0.name) \($0.date)" }, "；"))
        blocks(&out, a.blocks, b.blocks, label: label)
    }

    func blocks(_ out: inout [Difference], _ a: [ArticleBlock], _ b: [ArticleBlock], label: String) {
        let anchors = TextDiff.commonSubsequence(a, b) { $0.kind == $1.kind && $0.text == $1.text }
        func path(_ index: Int, _ block: ArticleBlock) -> String { "\(label).blocks[\(index + 1)] \(block.kind.rawValue)" }
        walk(a.count, b.count, anchors) { removed, added in
            // In the order of the new blocks; a removed block where it stood among them.
            var entries: [(position: Double, difference: Difference)] = []
            var added = added
            let start = Double(added.first ?? (anchors.first { $0.0 > (removed.last ?? -1) }?.1 ?? b.count))
            for r in removed {
                let scored = added.map { ($0, EditDistance.similarity(a[r].text, b[$0].text)) }
                if let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= options.blockSimilarity {
                    let p = best.0
                    added.removeAll { $0 == p }
                    var where_ = path(p, b[p])
                    if a[r].kind != b[p].kind { where_ += " (was \(a[r].kind.rawValue))" }
                    entries.append((Double(p), Difference(.changed, where_, old: a[r].text, new: b[p].text,
                                                          segments: TextDiff.segments(a[r].text, b[p].text))))
                } else {
                    entries.append((start - 0.5 + Double(r) * 1e-6, Difference(.removed, path(r, a[r]), old: a[r].text)))
                }
            }
            for p in added { entries.append((Double(p), Difference(.added, path(p, b[p]), new: b[p].text))) }
            out += entries.sorted { $0.position < $1.position }.map(\.difference)
        }
        guard options.provenance else { return }
        for (i, j) in anchors where a[i].provenance != b[j].provenance {
            field(&out, "\(path(j, b[j])).provenance", Self.describe(a[i].provenance), Self.describe(b[j].provenance))
        }
    }

    static func describe(_ provenance: [Provenance]?) -> String? {
        provenance.map { items in
            items.map { "p.\($0.page) \(TerminalView.box($0.box))" }.joined(separator: "; ")
        }
    }

    // MARK: - Pages and warnings

    func pages(_ out: inout [Difference]) {
        let a = Dictionary(old.pages.map { ($0.number, $0) }, uniquingKeysWith: { x, _ in x })
        let b = Dictionary(new.pages.map { ($0.number, $0) }, uniquingKeysWith: { x, _ in x })
        for number in Set(a.keys).union(b.keys).sorted() {
            field(&out, "pages[\(number)].method", a[number]?.method.rawValue, b[number]?.method.rawValue)
            let x = a[number]?.confidence.map { String(format: "%.2f", $0) }
            let y = b[number]?.confidence.map { String(format: "%.2f", $0) }
            field(&out, "pages[\(number)].confidence", x, y)
        }
    }

    static func warningText(_ warning: Warning) -> String {
        "\(warning.code)\(warning.page.map { " (p. \($0))" } ?? ""): \(warning.message)"
    }

    func warnings(_ out: inout [Difference]) {
        var remaining = new.warnings.map(Self.warningText)
        for warning in old.warnings.map(Self.warningText) {
            if let index = remaining.firstIndex(of: warning) { remaining.remove(at: index) }
            else { out.append(Difference(.removed, "warnings", old: warning)) }
        }
        for warning in remaining { out.append(Difference(.added, "warnings", new: warning)) }
    }
}

extension IssueComparison {
    /// Reads an issue JSON, naming the file and the problem when it is not one.
    public static func load(_ url: URL) throws -> IssueDocument {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InspectError.unreadableIssue(path: url.path, reason: FileManager.default.fileExists(atPath: url.path)
                                                ? "cannot read the file" : "no such file")
        }
        let issue: IssueDocument
        do {
            issue = try JSONDecoder().decode(IssueDocument.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InspectError.unreadableIssue(path: url.path, reason: "missing key '\(key.stringValue)'\(location(context))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw InspectError.unreadableIssue(path: url.path, reason: "wrong type\(location(context)): \(lowercasedFirst(context.debugDescription))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw InspectError.unreadableIssue(path: url.path, reason: "null value\(location(context))")
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            let depth = JSONNesting.depth(of: data)
            throw InspectError.unreadableIssue(path: url.path, reason: depth > JSONNesting.limit
                ? "nested \(depth) levels deep, past the limit of \(JSONNesting.limit)" : "not valid JSON")
        } catch let DecodingError.dataCorrupted(context) {
            throw InspectError.unreadableIssue(path: url.path, reason: "invalid value\(location(context)): \(lowercasedFirst(context.debugDescription))")
        } catch {
            throw InspectError.unreadableIssue(path: url.path, reason: "\(error)")
        }
        // A later major version may mean other things by the same keys: comparing it would mislead.
        let major = issue.schemaVersion.split(separator: ".").first.map(String.init)
        let ours = IssueDocument.currentSchemaVersion.split(separator: ".").first.map(String.init)
        guard major == ours else {
            throw InspectError.unreadableIssue(path: url.path, reason: "schemaVersion \(issue.schemaVersion) is not one this issuepipe reads (\(ours ?? "?").x)")
        }
        return issue
    }

    private static func location(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
    }

    private static func lowercasedFirst(_ text: String) -> String {
        (text.first.map { $0.lowercased() } ?? "") + text.dropFirst()
    }
}

/// How deeply a JSON text nests arrays and objects (Foundation's decoder stops at `limit`).
enum JSONNesting {
    static let limit = 512

    static func depth(of data: Data) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
