import Foundation

/// PDFs written byte by byte in the tests (no PDF library): objects numbered
/// from 1, object 1 the catalog, a classic cross-reference table with the
/// right offsets.
enum HandMadePDF {
    /// A whole PDF from its objects' bodies (what goes between `n 0 obj` and `endobj`).
    static func build(_ objects: [Data], info: Int? = nil) -> Data {
        var out = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.count)
            out.append(Data("\(index + 1) 0 obj\n".utf8))
            out.append(body)
            out.append(Data("\nendobj\n".utf8))
        }
        out.append(crossReference(offsets: offsets, at: out.count, root: 1, info: info))
        return out
    }

    /// `xref`, `trailer` and `startxref` for objects 1… at `offsets`, the table starting at byte `at`.
    static func crossReference(offsets: [Int?], at: Int, root: Int, info: Int?) -> Data {
        var text = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            text += offset.map { String(format: "%010d 00000 n \n", $0) } ?? "0000000000 65535 f \n"
        }
        text += "trailer\n<< /Size \(offsets.count + 1) /Root \(root) 0 R\(info.map { " /Info \($0) 0 R" } ?? "") >>\nstartxref\n\(at)\n%%EOF\n"
        return Data(text.utf8)
    }

    static func object(_ text: String) -> Data { Data(text.utf8) }

    /// A stream object: its dictionary entries (without /Length) and its bytes.
    static func stream(_ content: Data, entries: String = "") -> Data {
        var body = Data("<< \(entries)\(entries.isEmpty ? "" : " ")/Length \(content.count) >>\nstream\n".utf8)
        body.append(content)
        body.append(Data("\nendstream".utf8))
        return body
    }

    /// Pages of text in Helvetica (a standard font: text extraction needs no font file).
    static func helvetica(pages contents: [String]) -> Data {
        let pageCount = contents.count
        // 1 catalog, 2 pages, 3 font, then page i at 4 + 2i and its content at 5 + 2i.
        var objects = [
            object("<< /Type /Catalog /Pages 2 0 R >>"),
            object("<< /Type /Pages /Kids [\((0..<pageCount).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pageCount) >>"),
            object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        ]
        for (index, content) in contents.enumerated() {
            objects.append(object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * index) 0 R >>"))
            objects.append(stream(Data(content.utf8)))
        }
        return build(objects)
    }

    /// One page showing `text` (BMP characters) in a Type0 font with the
    /// predefined CMap `encoding` (UCS-2 codes), a CIDFontType0 of the
    /// Adobe-GB1 collection, not embedded: poppler needs poppler-data's
    /// UniGB-UCS2-H CMap to read it.
    static func predefinedCMap(text: String, encoding: String = "UniGB-UCS2-H", font: String = "STSong-Light") -> Data {
        let hex = text.utf16.map { String(format: "%04X", $0) }.joined()
        let content = "BT /F1 24 Tf 40 760 Td <\(hex)> Tj ET"
        return build([
            object("<< /Type /Catalog /Pages 2 0 R >>"),
            object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
            stream(Data(content.utf8)),
            object("<< /Type /Font /Subtype /Type0 /BaseFont /\(font) /Encoding /\(encoding) /DescendantFonts [6 0 R] >>"),
            object("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /\(font) /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>"),
            object("<< /Type /FontDescriptor /FontName /\(font) /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"),
        ])
    }

    /// Writes `data` to a new file in a fresh temporary folder.
    static func write(_ data: Data, name: String) throws -> URL {
        let url = TestPaths.temporaryFolder().appendingPathComponent(name)
        try data.write(to: url)
        return url
    }
}

/// A seeded random number generator (SplitMix64): the same seed, the same copies.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
