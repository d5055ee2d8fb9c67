import Foundation

/// How `issuepipe diff` prints differences: one line (or a few) each, changed
/// characters as `[-old-]{+new+}`, or in red and green on a colour terminal.
public struct DiffRenderer: Sendable {
    /// Characters of unchanged text kept on each side of a change.
    public var context: Int
    public var style: TerminalStyle
    /// Longest added or removed text printed in full.
    public var maxText: Int

    public init(context: Int = 24, color: Bool = false, maxText: Int = 240) {
        self.context = context
        self.style = TerminalStyle(enabled: color)
        self.maxText = maxText
    }

    public func render(_ differences: [Difference], oldName: String, newName: String) -> String {
        var out = style.bold("--- \(oldName)") + "\n" + style.bold("+++ \(newName)") + "\n"
        for difference in differences { out += line(difference) + "\n" }
        out += differences.isEmpty ? "no differences\n" : "\(differences.count) difference\(differences.count == 1 ? "" : "s")\n"
        return out
    }

    public func line(_ d: Difference) -> String {
        switch d.kind {
        case .added:
            return style.green("+ \(d.path): \(clip(d.new ?? ""))")
        case .removed:
            return style.red("- \(d.path): \(clip(d.old ?? ""))")
        case .moved:
            return style.cyan("↕ \(d.path): moved from \(d.old ?? "?") to \(d.new ?? "?")")
        case .changed:
            if let segments = d.segments { return style.yellow("~") + " \(d.path): " + marked(segments) }
            return style.yellow("~") + " \(d.path): \(d.old ?? "") → \(d.new ?? "")"
        }
    }

    /// The segments with changes marked and long unchanged runs cut to `context` characters.
    public func marked(_ segments: [TextDiff.Segment]) -> String {
        var out = ""
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .same(let text):
                let characters = Array(text)
                let first = index == 0, last = index == segments.count - 1
                if first && characters.count > context {
                    out += "…" + String(characters.suffix(context))
                } else if last && characters.count > context {
                    out += String(characters.prefix(context)) + "…"
                } else if !first && !last && characters.count > 2 * context + 1 {
                    out += String(characters.prefix(context)) + " … " + String(characters.suffix(context))
                } else {
                    out += text
                }
            case .removed(let text):
                out += style.enabled ? style.apply("31;9", text) : "[-\(text)-]"
            case .added(let text):
                out += style.enabled ? style.apply("32;4", text) : "{+\(text)+}"
            }
        }
        return out
    }

    func clip(_ text: String) -> String { text.count > maxText ? String(text.prefix(maxText)) + "…" : text }
}
