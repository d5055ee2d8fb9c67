import Foundation

/// One problem `issuepipe validate` found in an issue JSON file.
public struct Finding: Codable, Hashable, Sendable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// `invalid-json`, `schema`, `model-mismatch`, `unknown-schema-version`,
    /// `missing-masthead`, `toc-mismatch`, `empty-article`, `page-out-of-range`,
    /// or, for a warning, the code of a warning the document itself carries.
    public var code: String
    public var message: String
    /// JSON Pointer to the value concerned, when there is one.
    public var pointer: String?
    /// 1-based PDF page, when known.
    public var page: Int?

    public init(severity: Severity, code: String, message: String, pointer: String? = nil, page: Int? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.pointer = pointer
        self.page = page
    }
}

/// Schema validation plus the checks that need to know the pipeline:
///
/// - the document is JSON and matches `Schema/issue.schema.json`, and decodes
///   into the Swift contract types (`IssueDocument`);
/// - `schemaVersion` is one this build knows;
/// - a pipeline other than `generic` found the masthead: publication title,
///   issue year and number;
/// - every contents entry has its article (no `toc-mismatch` warning, and a
///   title comparison that ignores spaces and punctuation);
/// - no article without blocks (a warning only for the generic pipeline);
///   page numbers within the source's page count.
///
/// The warnings the document carries are passed on as warnings.
public struct IssueValidator: Sendable {
    public static let knownSchemaVersions: Set<String> = [IssueDocument.currentSchemaVersion]
    /// Codes of document warnings that are errors for `validate`.
    public static let warningsThatAreErrors: Set<String> = ["toc-mismatch"]

    public let schema: SchemaValidator

    public init(schema: SchemaValidator) { self.schema = schema }

    /// With the schema shipped with the tool.
    public static func bundled() throws -> IssueValidator {
        IssueValidator(schema: try IssueSchema.validator())
    }

    /// Checks the schema only (used by `batch` before an output is written).
    public func schemaViolations(_ data: Data) -> [SchemaViolation] {
        do { return schema.validate(try JSONValue.parse(data)) } catch {
            return [SchemaViolation(pointer: "", message: "not JSON: \(error)")]
        }
    }

    /// Every finding for one file's bytes, errors first, then in document order.
    public func validate(_ data: Data, pipelineChecks: Bool = true) -> [Finding] {
        let value: JSONValue
        do { value = try JSONValue.parse(data) } catch {
            return [Finding(severity: .error, code: "invalid-json", message: "not valid JSON: \(error)")]
        }
        let violations = schema.validate(value)
        if !violations.isEmpty {
            return violations.map {
                Finding(severity: .error, code: "schema", message: $0.description, pointer: $0.pointer)
            }
        }
        let document: IssueDocument
        do { document = try JSONDecoder().decode(IssueDocument.self, from: data) } catch {
            return [Finding(severity: .error, code: "model-mismatch",
                            message: "matches the schema but not the contract types (schema and Model/ disagree): \(describeDecodingError(error))")]
        }
        return pipelineChecks ? check(document) : []
    }

    /// The contract checks on a decoded document.
    public func check(_ document: IssueDocument) -> [Finding] {
        let found = schemaVersionFindings(document) + mastheadFindings(document) + contentsFindings(document)
            + articleFindings(document) + pageFindings(document)
        let errors = found.filter { $0.severity == .error }
        let own = documentWarningFindings(document, errors: errors)
        return errors + own.errors + found.filter { $0.severity != .error } + own.warnings
    }

    private func schemaVersionFindings(_ document: IssueDocument) -> [Finding] {
        guard !IssueValidator.knownSchemaVersions.contains(document.schemaVersion) else { return [] }
        return [Finding(severity: .error, code: "unknown-schema-version",
                        message: "schemaVersion \(document.schemaVersion) is not one this issuepipe knows (\(IssueValidator.knownSchemaVersions.sorted().joined(separator: ", ")))",
                        pointer: "/schemaVersion")]
    }

    /// Every pipeline but generic reads a masthead: title, year and number.
    private func mastheadFindings(_ document: IssueDocument) -> [Finding] {
        guard document.pipeline.name != PipelineCatalog.generic.name else { return [] }
        var missing: [String] = []
        if (document.publication.title ?? "").trimmingCharacters(in: .whitespaces).isEmpty { missing.append("publication.title") }
        if document.issue.year == nil { missing.append("issue.year") }
        if document.issue.number == nil { missing.append("issue.number") }
        guard !missing.isEmpty else { return [] }
        return [Finding(severity: .error, code: "missing-masthead",
                        message: "pipeline \(document.pipeline.name) found no masthead: \(missing.joined(separator: ", ")) missing",
                        pointer: "/publication", page: 1)]
    }

    /// Every contents entry names an article.
    private func contentsFindings(_ document: IssueDocument) -> [Finding] {
        let articleKeys = document.articles.map(\.title.titleKey)
        return document.contents.enumerated().compactMap { index, entry in
            let key = entry.title.titleKey
            let matched = !key.isEmpty && articleKeys.contains { !$0.isEmpty && ($0 == key || $0.contains(key) || key.contains($0)) }
            return matched ? nil : Finding(severity: .error, code: "toc-mismatch",
                                           message: "contents entry '\(entry.title)' has no matching article",
                                           pointer: "/contents/\(index)")
        }
    }

    /// Articles with no blocks or on pages the PDF does not have.
    private func articleFindings(_ document: IssueDocument) -> [Finding] {
        let pageRange = 1...max(1, document.source.pageCount)
        var found: [Finding] = []
        for (index, article) in document.articles.enumerated() {
            if article.blocks.isEmpty {
                // A publication's article has text; in an arbitrary document (generic
                // pipeline) a heading with nothing under it is common, so only a warning.
                let generic = document.pipeline.name == PipelineCatalog.generic.name
                found.append(Finding(severity: generic ? .warning : .error, code: "empty-article",
                                     message: "article '\(article.title)' has no blocks",
                                     pointer: "/articles/\(index)/blocks", page: article.pages.first))
            }
            if let bad = article.pages.first(where: { !pageRange.contains($0) }) {
                found.append(Finding(severity: .error, code: "page-out-of-range",
                                     message: "article '\(article.title)' is on page \(bad), the PDF has \(document.source.pageCount)",
                                     pointer: "/articles/\(index)/pages"))
            }
        }
        return found
    }

    private func pageFindings(_ document: IssueDocument) -> [Finding] {
        let pageRange = 1...max(1, document.source.pageCount)
        return document.pages.enumerated().filter { !pageRange.contains($0.element.number) }.map { index, page in
            Finding(severity: .error, code: "page-out-of-range",
                    message: "page \(page.number) listed, the PDF has \(document.source.pageCount)",
                    pointer: "/pages/\(index)/number")
        }
    }

    /// The document's own warnings: those that are errors here as errors (unless
    /// a check above found the same), the rest as warnings unless a check above
    /// made an error of the same code.
    private func documentWarningFindings(_ document: IssueDocument, errors: [Finding]) -> (errors: [Finding], warnings: [Finding]) {
        let errorCodes = Set(errors.map(\.code))
        var added: [Finding] = []
        var warnings: [Finding] = []
        for (index, warning) in document.warnings.enumerated() {
            if IssueValidator.warningsThatAreErrors.contains(warning.code) {
                // The pipeline's own contents matching is fuzzier than ours: trust it when it complains.
                if !(errors + added).contains(where: { $0.code == warning.code && $0.message == warning.message }) {
                    added.append(Finding(severity: .error, code: warning.code, message: warning.message,
                                         pointer: "/warnings/\(index)", page: warning.page))
                }
            } else if !errorCodes.contains(warning.code) {
                warnings.append(Finding(severity: .warning, code: warning.code, message: warning.message,
                                        pointer: "/warnings/\(index)", page: warning.page))
            }
        }
        return (added, warnings)
    }
}

/// A decoding error as "what at where".
public func describeDecodingError(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        "/" + context.codingPath.map { $0.intValue.map(String.init) ?? escapePointer($0.stringValue) }.joined(separator: "/")
    }
    switch error {
    case .keyNotFound(let key, let context): return "\(path(context)): missing key \"\(key.stringValue)\""
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
        return "\(path(context)): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
}
