import Foundation

/// What a font's name says about its style. poppler-glib reports no weight,
/// so bold is read from the name, as PDF viewers do for fonts without flags.
public enum FontStyle {
    /// Name fragments that mark a heavy face; CJK publishing sets bold in Hei
    /// (黑体) faces rather than in a bold weight of the body font.
    public static let boldMarkers = ["bold", "black", "heavy", "semibold", "demibold", "hei", "黑", "gothic-b", ",b"]

    /// The name without a subset prefix such as `ABCDEF+`.
    public static func baseName(_ name: String) -> String {
        if let plus = name.firstIndex(of: "+"), name.distance(from: name.startIndex, to: plus) == 6 {
            return String(name[name.index(after: plus)...])
        }
        return name
    }

    public static func isBold(_ name: String) -> Bool {
        let lower = baseName(name).lowercased()
        return boldMarkers.contains { lower.contains($0) }
    }
}

/// Font facts by PDF font name, worked out once per name: a page has a handful
/// of fonts but thousands of spans.
struct FontFacts {
    private var cache: [String: (name: String, bold: Bool)] = [:]

    mutating func facts(_ pdfName: String) -> (name: String, bold: Bool) {
        if let known = cache[pdfName] { return known }
        let facts = (FontStyle.baseName(pdfName), FontStyle.isBold(pdfName))
        cache[pdfName] = facts
        return facts
    }
}
