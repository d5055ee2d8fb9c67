import Foundation

/// The mapping keys an encoding of a value writes, each as a dotted path from
/// the root (`articles.titleMinSizeRatio`, list items as `[]`): the key paths
/// of the YAML `YAMLEncoder` would write for it, found without writing and
/// parsing that YAML (which cost more than reading the pipeline itself).
///
/// Values go through their own `encode(to:)`, as with `YAMLEncoder`; only the
/// types Yams writes as one scalar whatever their `Encodable` says (`URL`,
/// `Decimal`) are taken as leaves here too. `nil` optionals are left out
/// (`encodeIfPresent`), explicit nils are keys, as in the YAML.
enum EncodedKeyPaths {
    static func of<T: Encodable>(_ value: T) throws -> Set<String> {
        let paths = Paths()
        try value.encode(to: PathEncoder(paths: paths, path: ""))
        return paths.set
    }

    final class Paths {
        var set: Set<String> = []
    }

    static func isLeaf<T>(_ type: T.Type) -> Bool {
        type == URL.self || type == Decimal.self
    }

    struct PathEncoder: Encoder {
        let paths: Paths
        let path: String
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(paths: paths, path: path))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(paths: paths, path: path + "[]") }
        func singleValueContainer() -> any SingleValueEncodingContainer { Single(paths: paths, path: path) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let paths: Paths
        let path: String
        var codingPath: [any CodingKey] { [] }

        private func child(_ key: Key) -> String {
            let child = path.isEmpty ? key.stringValue : path + "." + key.stringValue
            paths.set.insert(child)
            return child
        }
        mutating func encodeNil(forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: String, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { _ = child(key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let path = child(key)
            if !EncodedKeyPaths.isLeaf(T.self) { try value.encode(to: PathEncoder(paths: paths, path: path)) }
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(paths: paths, path: child(key)))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(paths: paths, path: child(key) + "[]")
        }
        mutating func superEncoder() -> any Encoder {
            let child = path.isEmpty ? "super" : path + ".super"
            paths.set.insert(child)
            return PathEncoder(paths: paths, path: child)
        }
        mutating func superEncoder(forKey key: Key) -> any Encoder { PathEncoder(paths: paths, path: child(key)) }
    }

    /// A list's items: their keys are under `path` (which ends in `[]`).
    struct Unkeyed: UnkeyedEncodingContainer {
        let paths: Paths
        let path: String
        var codingPath: [any CodingKey] { [] }
        var count = 0

        mutating func encodeNil() throws { count += 1 }
        mutating func encode<T: Encodable>(_ value: T) throws {
            count += 1
            if !EncodedKeyPaths.isLeaf(T.self) { try value.encode(to: PathEncoder(paths: paths, path: path)) }
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            count += 1
            return KeyedEncodingContainer(Keyed<NestedKey>(paths: paths, path: path))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            return Unkeyed(paths: paths, path: path + "[]")
        }
        mutating func superEncoder() -> any Encoder {
            count += 1
            return PathEncoder(paths: paths, path: path)
        }
    }

    /// One value: a scalar writes no key; a value encoded through it writes its own at this path.
    struct Single: SingleValueEncodingContainer {
        let paths: Paths
        let path: String
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws {}
        mutating func encode(_ value: Bool) throws {}
        mutating func encode(_ value: String) throws {}
        mutating func encode(_ value: Double) throws {}
        mutating func encode(_ value: Float) throws {}
        mutating func encode(_ value: Int) throws {}
        mutating func encode(_ value: Int8) throws {}
        mutating func encode(_ value: Int16) throws {}
        mutating func encode(_ value: Int32) throws {}
        mutating func encode(_ value: Int64) throws {}
        mutating func encode(_ value: UInt) throws {}
        mutating func encode(_ value: UInt8) throws {}
        mutating func encode(_ value: UInt16) throws {}
        mutating func encode(_ value: UInt32) throws {}
        mutating func encode(_ value: UInt64) throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {
            if !EncodedKeyPaths.isLeaf(T.self) { try value.encode(to: PathEncoder(paths: paths, path: path)) }
        }
    }
}
