import Foundation

/// A parsed JSON document that keeps what the schema checks need and
/// Foundation's `Any` tree blurs: integers apart from other numbers, booleans
/// apart from numbers.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON bytes; throws `JSONValue.ParseError` naming what is wrong.
    /// `JSONSerialization` reads a document about three times faster than
    /// decoding this enum through `Codable`, which finds each value's type by
    /// trying one type after another (a batch checks every issue it writes);
    /// the decoder is kept to word the error for bytes that are not JSON.
    public static func parse(_ data: Data) throws -> JSONValue {
        if let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            return JSONValue(foundation: parsed)
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let context):
                let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                throw ParseError(message: underlying ?? context.debugDescription)
            default:
                throw ParseError(message: "\(error)")
            }
        }
    }

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// The JSON Schema type name of this value (`integer` for whole numbers).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Integers and other numbers alike, as a Double.
    public var numberValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
}

extension JSONValue {
    /// A value of `JSONSerialization`'s tree. Its numbers are `NSNumber`s whose
    /// type code tells them apart: `c` a boolean, `d` (or `f`) a number with a
    /// fraction or exponent, `Q` an integer past Int64; the rule for a number
    /// that is whole is the decoder's below.
    init(foundation value: Any) {
        switch value {
        case let string as String:
            self = .string(string)
        case let members as [String: Any]:
            self = .object(members.mapValues(JSONValue.init(foundation:)))
        case let elements as [Any]:
            self = .array(elements.map(JSONValue.init(foundation:)))
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "d", "f", "Q": self = .init(whole: number.doubleValue)
            default: self = .integer(number.int64Value)
            }
        default:
            self = .null
        }
    }

    /// JSON Schema: a number with no fractional part is an integer.
    init(whole value: Double) {
        self = value.rounded() == value && abs(value) < 9e15 ? .integer(Int64(value)) : .number(value)
    }
}

extension JSONValue: Decodable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .init(whole: value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
