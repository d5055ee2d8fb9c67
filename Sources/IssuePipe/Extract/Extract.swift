import Foundation

/// Options of the extract stage.
public struct ExtractOptions: Sendable {
    public var password: String?
    public init(password: String? = nil) { self.password = password }
}

/// How the extract stage reads private-use glyphs: an OCR engine made on
/// first need (nil: they are left as they are) and its languages.
public struct GlyphReading {
    public var languages: String
    public var makeRecognizer: () throws -> any PageRecognizer

    public init(languages: String, makeRecognizer: @escaping () throws -> any PageRecognizer) {
        self.languages = languages
        self.makeRecognizer = makeRecognizer
    }
}

/// The extract stage: the PDF's text layer, page by page, with geometry;
/// private-use glyphs read by `glyphReading` where given. Every page is read
/// on the calling thread, one after another: the OCR stage's parallel workers
/// rely on poppler's lazy process-wide set-up having happened here (see `recognize`).
public func extract(_ document: PDFDocument, glyphReading: GlyphReading? = nil) -> ExtractedDocument {
    var pages: [PageLayout] = []
    pages.reserveCapacity(document.pageCount)
    // Only pages with private-use glyphs keep their glyphs, to be read and laid out again.
    var marked: [Int: PageGlyphs] = [:]
    for number in 1...document.pageCount {
        let glyphs = document.page(number)?.glyphs()
        if glyphReading != nil, let glyphs, glyphs.scalars.contains(where: { GlyphRepairer.isPrivateUse($0.value) }) {
            marked[number] = glyphs
        }
        pages.append(layout(document, number: number, glyphs: glyphs))
    }
    var repairs: [GlyphRepair] = []
    if let glyphReading, !marked.isEmpty {
        repairs = GlyphRepairer(document: document, makeRecognizer: glyphReading.makeRecognizer, languages: glyphReading.languages)
            .repair(&marked)
        for (number, glyphs) in marked where repairs.contains(where: { $0.reading != nil && $0.pages.contains { $0.page == number } }) {
            pages[number - 1] = layout(document, number: number, glyphs: glyphs)
        }
    }
    FontStyle.markEmphasis(&pages)
    return ExtractedDocument(source: document.sourceInfo, metadata: document.metadata, pages: pages,
                             glyphRepairs: repairs.isEmpty ? nil : repairs)
}

/// One page's text layer. A page poppler cannot load gives an empty page,
/// which the judge stage then sends to OCR or reports.
public func extractPage(_ document: PDFDocument, number: Int) -> PageLayout {
    layout(document, number: number, glyphs: document.page(number)?.glyphs())
}

func layout(_ document: PDFDocument, number: Int, glyphs: PageGlyphs?) -> PageLayout {
    guard let glyphs, let page = document.page(number) else {
        return PageLayout(number: number, width: 0, height: 0, method: .text, lines: [], text: "")
    }
    let size = page.size
    let lines = LineBuilder.lines(from: WidePunctuation.widening(glyphs))
    return PageLayout(number: number, width: size.width, height: size.height, method: .text,
                      lines: lines, text: lines.map(\.text).joined(separator: "\n"))
}
