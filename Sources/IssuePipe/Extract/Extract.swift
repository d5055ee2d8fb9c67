import Foundation

/// Options of the extract stage.
public struct ExtractOptions: Sendable {
    public var password: String?
    public init(password: String? = nil) { self.password = password }
}

/// The extract stage: the PDF's text layer, page by page, with geometry.
public func extract(_ document: PDFDocument) -> ExtractedDocument {
    var pages: [PageLayout] = []
    pages.reserveCapacity(document.pageCount)
    for number in 1...document.pageCount {
        pages.append(extractPage(document, number: number))
    }
    FontStyle.markEmphasis(&pages)
    return ExtractedDocument(source: document.sourceInfo, metadata: document.metadata, pages: pages)
}

/// One page's text layer. A page poppler cannot load gives an empty page,
/// which the judge stage then sends to OCR or reports.
public func extractPage(_ document: PDFDocument, number: Int) -> PageLayout {
    guard let page = document.page(number) else {
        return PageLayout(number: number, width: 0, height: 0, method: .text, lines: [], text: "")
    }
    let size = page.size
    let lines = LineBuilder.lines(from: page.glyphs())
    return PageLayout(number: number, width: size.width, height: size.height, method: .text,
                      lines: lines, text: lines.map(\.text).joined(separator: "\n"))
}
