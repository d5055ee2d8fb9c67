/// GitHub Actions workflow commands (`::error file=…,title=…::message`), which
/// the runner turns into annotations on the run and on pull requests.
public enum GitHubAnnotation {
    public enum Level: String, Sendable { case error, warning, notice }

    /// One workflow command line, escaped as the Actions toolkit does.
    public static func line(_ level: Level, file: String? = nil, title: String? = nil, message: String) -> String {
        var properties: [String] = []
        if let file { properties.append("file=\(escapeProperty(file))") }
        if let title { properties.append("title=\(escapeProperty(title))") }
        let head = properties.isEmpty ? "::\(level.rawValue)" : "::\(level.rawValue) \(properties.joined(separator: ","))"
        return "\(head)::\(escapeData(message))"
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
