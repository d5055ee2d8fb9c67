import Foundation

/// Text laid out for a terminal, where CJK characters take two columns.
public enum TerminalText {
    /// Columns a string takes in a terminal: East Asian wide and full-width
    /// characters count two, combining marks and zero-width characters none.
    public static func displayWidth(_ text: String) -> Int {
        var width = 0
        for character in text {
            width += characterWidth(character)
        }
        return width
    }

    static func characterWidth(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return scalarWidth(first)
    }

    static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || v == 0x200B || v == 0x200C || v == 0x200D || v == 0xFEFF { return 0 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Pads with spaces to `width` columns (or cuts with `…` when longer).
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let fitted = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - displayWidth(fitted)))
        return alignRight ? padding + fitted : fitted + padding
    }

    /// Cuts a string to at most `width` columns, ending with `…` if it was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        var used = 0
        for character in text {
            let w = characterWidth(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// Breaks text into lines of at most `width` columns (CJK text breaks
    /// anywhere; Latin words are kept whole where they fit).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 4 else { return [text] }
        var lines: [String] = []
        var current = ""
        var used = 0
        var lastSpace: String.Index?
        for character in text {
            if character == "\n" {
                lines.append(current)
                current = ""; used = 0; lastSpace = nil
                continue
            }
            let w = characterWidth(character)
            if used + w > width {
                // Break at the last space only to keep a short Latin word whole; CJK text breaks anywhere.
                let word = lastSpace.map { current[current.index(after: $0)...] } ?? ""
                if let space = lastSpace, character != " ", word.count < 24, displayWidth(String(word)) == word.count,
                   characterWidth(character) == 1 {
                    let head = String(current[..<space])
                    let tail = String(current[current.index(after: space)...])
                    lines.append(head)
                    current = tail
                    used = displayWidth(tail)
                } else {
                    lines.append(current)
                    current = ""
                    used = 0
                }
                lastSpace = nil
                if character == " " { continue }
            }
            if character == " " { lastSpace = current.endIndex }
            current.append(character)
            used += w
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// A table with one header row, columns padded by display width and a rule under the header.
    public static func table(header: [String], rows: [[String]], alignRight: Set<Int> = [], maxWidths: [Int: Int] = [:]) -> String {
        var widths = header.map(displayWidth)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], displayWidth(cell))
            }
        }
        for (i, cap) in maxWidths where i < widths.count { widths[i] = min(widths[i], max(cap, displayWidth(header[i]))) }
        func format(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                i == row.count - 1 && !alignRight.contains(i)
                    ? truncate(cell, to: widths[i])
                    : pad(cell, to: widths[i], alignRight: alignRight.contains(i))
            }.joined(separator: "  ")
        }
        var lines = [format(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        lines += rows.map(format)
        return lines.map { $0.trimmingTrailingWhitespace }.joined(separator: "\n") + "\n"
    }

    /// The terminal's width from `$COLUMNS`, else 100.
    public static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(columns), value >= 40 { return value }
        return 100
    }
}

/// ANSI styles, or none when colour is off.
public struct TerminalStyle: Sendable {
    public var enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }

    func apply(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    public func bold(_ text: String) -> String { apply("1", text) }
    public func dim(_ text: String) -> String { apply("2", text) }
    public func red(_ text: String) -> String { apply("31", text) }
    public func green(_ text: String) -> String { apply("32", text) }
    public func yellow(_ text: String) -> String { apply("33", text) }
    public func cyan(_ text: String) -> String { apply("36", text) }
    public func strike(_ text: String) -> String { apply("9;31", text) }
}
