import Foundation

/// One place where a JSON document breaks the schema.
public struct SchemaViolation: Hashable, Sendable, CustomStringConvertible {
    /// JSON Pointer (RFC 6901) to the offending value; "" is the whole document.
    public var pointer: String
    public var message: String
    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
}

/// A small JSON Schema (Draft 2020-12) interpreter for exactly the keywords
/// IssuePipe's own schema uses — no more. It refuses a schema with any other
/// keyword instead of ignoring it, so the schema file cannot silently say
/// more than is checked. Supported:
///
/// - `$ref` to a JSON Pointer inside the same document (`#/$defs/line`), `$defs`
/// - `type` (a name or a list of names; `integer` is a number without fraction)
/// - `properties`, `required`, `additionalProperties` (`false` or a schema)
/// - `items` (one schema for every element), `minItems`
/// - `enum`, `const`, `not`
/// - `pattern` (ICU regular expressions, searched anywhere as JSON Schema says),
///   `minLength` (in Unicode code points)
/// - `minimum`, `maximum`
/// - annotations, which are read and not checked: `$schema`, `$id`, `$comment`,
///   `title`, `description`, `format`, `examples`, `default`
///
/// The tests check every emitted document with python's `jsonschema` as well,
/// a full implementation, so the two cannot drift apart unnoticed.
public final class SchemaValidator: Sendable {
    public let schema: JSONValue
    /// Compiled `pattern`s; matching runs inside the lock too, one thread at a time.
    private let regexes = Locked<[String: NSRegularExpression]>([:])

    public static let supportedKeywords: Set<String> = [
        "$ref", "$defs", "type", "properties", "required", "additionalProperties", "items", "minItems",
        "enum", "const", "not", "pattern", "minLength", "minimum", "maximum",
        "$schema", "$id", "$comment", "title", "description", "format", "examples", "default",
    ]

    public struct SchemaError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { "unsupported schema: \(message)" }
    }

    /// Every `$ref` of the schema, resolved once: a document has thousands of values checked through them.
    private let references: [String: JSONValue]

    public init(schema: JSONValue) throws {
        self.schema = schema
        references = Dictionary(Self.refs(in: schema).compactMap { ref in Self.resolve(ref, in: schema).map { (ref, $0) } },
                                uniquingKeysWith: { first, _ in first })
        try checkKeywords(schema, at: "#")
    }

    /// The `$ref` values anywhere in a schema.
    private static func refs(in schema: JSONValue) -> [String] {
        switch schema {
        case .object(let members):
            return (members["$ref"]?.stringValue.map { [$0] } ?? []) + members.values.flatMap(refs)
        case .array(let elements):
            return elements.flatMap(refs)
        default:
            return []
        }
    }

    public convenience init(data: Data) throws {
        try self.init(schema: try JSONValue.parse(data))
    }

    /// Every violation in `value`, in document order (object keys sorted).
    public func validate(_ value: JSONValue) -> [SchemaViolation] {
        var violations = Violations(quiet: false)
        check(value, against: schema, at: "", into: &violations)
        return violations.found
    }

    /// Where the checks put what they find: each violation with its message, or
    /// (`quiet`, inside `not`, where a violation is the expected outcome) only
    /// that there was one, so no message is built for it.
    private struct Violations {
        let quiet: Bool
        var found: [SchemaViolation] = []
        var any = false

        mutating func add(_ pointer: @autoclosure () -> String, _ message: @autoclosure () -> String) {
            any = true
            if !quiet { found.append(SchemaViolation(pointer: pointer(), message: message())) }
        }
    }

    // MARK: - Checking

    private func check(_ value: JSONValue, against schema: JSONValue, at pointer: String, into out: inout Violations) {
        if case .bool(let allowed) = schema {
            if !allowed { out.add(pointer, "no value is allowed here") }
            return
        }
        guard case .object(let keywords) = schema else { return }
        // Inside `not`, the first violation is the answer.
        if out.quiet && out.any { return }

        if let ref = keywords["$ref"]?.stringValue {
            guard let target = references[ref] else {
                out.add(pointer, "schema reference \(ref) does not resolve")
                return
            }
            check(value, against: target, at: pointer, into: &out)
        }

        if let type = keywords["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !allowed.contains(where: { matches(value, type: $0) }) {
                out.add(pointer, "expected \(allowed.joined(separator: " or ")), found \(describe(value))")
                return // the other keywords would only repeat the same problem
            }
        }

        checkValueKeywords(value, keywords, at: pointer, into: &out)
        switch value {
        case .string(let string): checkString(string, keywords, at: pointer, into: &out)
        case .integer, .number: checkNumber(value, keywords, at: pointer, into: &out)
        case .array(let elements): checkArray(elements, keywords, at: pointer, into: &out)
        case .object(let members): checkObject(members, keywords, at: pointer, into: &out)
        default: break
        }
    }

    /// `enum`, `const` and `not`: keywords that apply to a value of any type.
    private func checkValueKeywords(_ value: JSONValue, _ keywords: [String: JSONValue], at pointer: String,
                                    into out: inout Violations) {
        if let options = keywords["enum"]?.arrayValue, !options.contains(where: { same(value, $0) }) {
            let list = options.map(render).joined(separator: ", ")
            out.add(pointer, "\(render(value)) is not one of \(list)")
        }
        if let constant = keywords["const"], !same(value, constant) {
            out.add(pointer, "\(render(value)) is not \(render(constant))")
        }
        if let negated = keywords["not"] {
            var inner = Violations(quiet: true)
            check(value, against: negated, at: pointer, into: &inner)
            if !inner.any {
                let what = negated["description"]?.stringValue ?? notDescription(negated)
                out.add(pointer, what)
            }
        }
    }

    private func checkString(_ string: String, _ keywords: [String: JSONValue], at pointer: String,
                             into out: inout Violations) {
        if let pattern = keywords["pattern"]?.stringValue, !search(pattern, in: string) {
            out.add(pointer, "\(render(.string(string))) does not match the pattern \(pattern)")
        }
        if let min = keywords["minLength"]?.numberValue, Double(string.unicodeScalars.count) < min {
            out.add(pointer, min == 1 ? "must not be empty" : "shorter than \(Int(min)) characters")
        }
    }

    private func checkNumber(_ value: JSONValue, _ keywords: [String: JSONValue], at pointer: String,
                             into out: inout Violations) {
        let number = value.numberValue ?? 0
        if let min = keywords["minimum"]?.numberValue, number < min {
            out.add(pointer, "\(render(value)) is less than the minimum \(render(keywords["minimum"]!))")
        }
        if let max = keywords["maximum"]?.numberValue, number > max {
            out.add(pointer, "\(render(value)) is more than the maximum \(render(keywords["maximum"]!))")
        }
    }

    private func checkArray(_ elements: [JSONValue], _ keywords: [String: JSONValue], at pointer: String,
                            into out: inout Violations) {
        if let min = keywords["minItems"]?.numberValue, Double(elements.count) < min {
            out.add(pointer, "needs at least \(Int(min)) item\(min == 1 ? "" : "s")")
        }
        if let items = keywords["items"] {
            for (index, element) in elements.enumerated() {
                check(element, against: items, at: pointer + "/\(index)", into: &out)
            }
        }
    }

    /// `required`, then each member (keys sorted) against its property schema or `additionalProperties`.
    private func checkObject(_ members: [String: JSONValue], _ keywords: [String: JSONValue], at pointer: String,
                             into out: inout Violations) {
        let properties = keywords["properties"]?.objectValue ?? [:]
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
            out.add(pointer, "missing required key \"\(name)\"")
        }
        for name in members.keys.sorted() {
            let member = members[name]!
            let childPointer = pointer + "/" + escapePointer(name)
            if let propertySchema = properties[name] {
                check(member, against: propertySchema, at: childPointer, into: &out)
            } else if let additional = keywords["additionalProperties"] {
                if case .bool(false) = additional {
                    let known = properties.keys.sorted().joined(separator: ", ")
                    out.add(childPointer, "unknown key \"\(name)\" (known: \(known))")
                } else {
                    check(member, against: additional, at: childPointer, into: &out)
                }
            }
        }
    }

    private func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
             ("string", .string), ("array", .array), ("object", .object):
            true
        default:
            false
        }
    }

    /// JSON equality, with 1 and 1.0 the same number.
    private func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.numberValue, let y = b.numberValue { return x == y }
        return a == b
    }

    private func search(_ pattern: String, in string: String) -> Bool {
        regexes.withLock { regexes in
            let regex: NSRegularExpression
            if let cached = regexes[pattern] {
                regex = cached
            } else {
                guard let compiled = try? NSRegularExpression(pattern: pattern) else { return false }
                regexes[pattern] = compiled
                regex = compiled
            }
            return regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
        }
    }

    private func notDescription(_ negated: JSONValue) -> String {
        if let pattern = negated["pattern"]?.stringValue { return "must not contain a match of \(pattern)" }
        return "matches a schema it must not match"
    }

    /// `#/$defs/name`-style references into this schema.
    private static func resolve(_ ref: String, in schema: JSONValue) -> JSONValue? {
        guard ref.hasPrefix("#") else { return nil }
        var node = schema
        for token in ref.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members[key] else { return nil }
                node = next
            case .array(let elements):
                guard let index = Int(key), elements.indices.contains(index) else { return nil }
                node = elements[index]
            default:
                return nil
            }
        }
        return node
    }

    // MARK: - The schema itself

    private func checkKeywords(_ schema: JSONValue, at location: String) throws {
        if case .bool = schema { return }
        guard case .object(let keywords) = schema else {
            throw SchemaError(message: "\(location) is neither an object nor a boolean")
        }
        for (keyword, value) in keywords {
            guard SchemaValidator.supportedKeywords.contains(keyword) else {
                throw SchemaError(message: "keyword \"\(keyword)\" at \(location) is not interpreted by issuepipe's validator")
            }
            switch keyword {
            case "properties", "$defs":
                for (name, sub) in value.objectValue ?? [:] { try checkKeywords(sub, at: "\(location)/\(keyword)/\(name)") }
            case "items", "not", "additionalProperties":
                try checkKeywords(value, at: "\(location)/\(keyword)")
            case "pattern":
                guard let pattern = value.stringValue, (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw SchemaError(message: "pattern at \(location) does not compile")
                }
            case "$ref":
                guard let ref = value.stringValue, references[ref] != nil else {
                    throw SchemaError(message: "$ref at \(location) does not resolve")
                }
            default:
                break
            }
        }
    }
}

// MARK: - Rendering values in messages

private func describe(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .array: "an array"
    case .object: "an object"
    default: "\(value.typeName) \(render(value))"
    }
}

private func render(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d): return String(d)
    case .string(let s):
        let short = s.count > 60 ? String(s.prefix(57)) + "…" : s
        let escaped = short.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return "\"\(escaped)\""
    case .array(let a): return "[…\(a.count) items]"
    case .object: return "{…}"
    }
}

func escapePointer(_ key: String) -> String {
    // Nearly every key has neither mark: no Foundation bridging for those.
    guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
    return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}
