import Foundation

/// What a font's name says about its style. poppler-glib reports no weight,
/// so weight is read from the name, as PDF viewers do for fonts without flags;
/// whether text is *bold* is then decided against the document's body font
/// (`FontStyle.markEmphasis`), since a Hei body is not bold throughout.
public enum FontStyle {
    /// Name fragments and the weight they mean. CJK publishing sets bold in
    /// Hei (黑体) faces rather than in a bold weight of the body font.
    static let weightMarkers: [(marker: String, weight: Int)] = [
        ("extrabold", 800), ("ultrabold", 800), ("semibold", 600), ("demibold", 600),
        ("black", 900), ("heavy", 900), ("bold", 700), ("gothic-b", 700), (",b", 700),
        ("medium", 500), ("light", 300), ("thin", 200),
        ("hei", 650), ("黑", 650),
    ]

    /// The name without a subset prefix such as `ABCDEF+`.
    public static func baseName(_ name: String) -> String {
        if let plus = name.firstIndex(of: "+"), name.distance(from: name.startIndex, to: plus) == 6 {
            return String(name[name.index(after: plus)...])
        }
        return name
    }

    /// The weight the name says (400 for none): an explicit weight word wins over a Hei family.
    public static func weight(_ name: String) -> Int {
        let lower = baseName(name).lowercased()
        return weightMarkers.first { lower.contains($0.marker) }?.weight ?? 400
    }

    /// A heavy face by its name alone (a Hei family counts).
    public static func isBold(_ name: String) -> Bool { weight(name) >= 600 }

    /// Fonts that set text bold relative to the body font: a heavier face, or
    /// another face of at least the body's weight that prints Han text (a Hei
    /// heading in a Hei body is set in a second Hei face). A Latin face for the
    /// letters and digits inside Chinese text is not emphasis.
    static func emphasisFonts(characters: [String: Int], han: [String: Int]) -> Set<String> {
        guard let body = characters.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key
        else { return [] }
        let bodyWeight = weight(body)
        return Set(characters.keys.filter { font in
            guard font != body else { return false }
            let w = weight(font)
            return (w >= 600 && w > bodyWeight) || (w >= bodyWeight && han[font, default: 0] > 0)
        })
    }

    /// A line is bold when its Han characters (or, without any, all its
    /// characters) are nearly all bold: a bold lead-in does not make a paragraph's line bold.
    static func isMostlyBold(_ spans: [TextSpan]) -> Bool {
        let counts = spans.map { (characterCounts($0.text), $0.bold) }
        let han = counts.reduce(0) { $0 + $1.0.han }
        let total = han > 0 ? han : counts.reduce(0) { $0 + $1.0.inked }
        let bold = counts.filter(\.1).reduce(0) { $0 + (han > 0 ? $1.0.han : $1.0.inked) }
        return total > 0 && Double(bold) >= 0.8 * Double(total)
    }

    /// A text's Unicode scalars: all of them, the Han ones, and those that
    /// are not white space. One pass: it runs for every span of the document.
    static func characterCounts(_ text: String) -> (all: Int, han: Int, inked: Int) {
        var all = 0, han = 0, inked = 0
        for scalar in text.unicodeScalars {
            all += 1
            if CJKCharacters.isHan(scalar) {
                han += 1; inked += 1
            } else if !isWhitespace(scalar) {
                inked += 1
            }
        }
        return (all, han, inked)
    }

    /// Unicode's White_Space property, answered without a property look-up
    /// for ASCII (tab to carriage return, space), which most scalars here are.
    @inline(__always) static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// Sets `bold` on every span and line against the font most of the document's text is set in.
    static func markEmphasis(_ pages: inout [PageLayout]) {
        var characters: [String: Int] = [:], han: [String: Int] = [:]
        for span in pages.lazy.flatMap(\.lines).flatMap(\.spans) {
            let counts = characterCounts(span.text)
            characters[span.font, default: 0] += counts.all
            han[span.font, default: 0] += counts.han
        }
        let emphasis = emphasisFonts(characters: characters, han: han)
        for p in pages.indices {
            for l in pages[p].lines.indices {
                var line = pages[p].lines[l]
                for s in line.spans.indices { line.spans[s].bold = emphasis.contains(line.spans[s].font) }
                line.bold = isMostlyBold(line.spans)
                pages[p].lines[l] = line
            }
        }
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
