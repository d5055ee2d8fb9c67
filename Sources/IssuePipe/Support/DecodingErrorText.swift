extension DecodingError {
    /// One line a user can act on: what is wrong and at which key path.
    public var readableDescription: String {
        switch self {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(Self.path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            // The parser's own error says where (a YAML syntax error gives its line and column).
            let underlying = context.underlyingError.map { " (\(String(describing: $0).split(separator: "\n").joined(separator: " ")))" } ?? ""
            return "\(context.debugDescription)\(underlying) at \(Self.path(context))"
        @unknown default:
            return "\(self)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map(\.stringValue).joined(separator: ".")
        return keys.isEmpty ? "top level" : keys
    }
}
