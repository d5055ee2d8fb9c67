import Foundation
import Testing
@testable import IssuePipe

/// Which pages the judge draws: only those whose ink can change the verdict
/// (`inkDecides`). A usable text layer of enough characters on a page with
/// no image is not drawn; a page that draws an image, or has next to no text,
/// still is.
@Suite struct JudgeRenderTests {
    /// A one-page PDF: `text` set invisibly (render mode 3, as an OCR layer)
    /// or visibly in Helvetica at the top, over a full-page 1-bit "scan" of
    /// text-like strokes when `scan` is set.
    private func page(_ text: String, invisible: Bool = false, scan: Bool = false) throws -> URL {
        let width = 600, height = 848
        var objects = [
            HandMadePDF.object("<< /Type /Catalog /Pages 2 0 R >>"),
            HandMadePDF.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            HandMadePDF.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >>"
                + (scan ? " /XObject << /Im1 6 0 R >>" : "") + " >> /Contents 4 0 R >>"),
        ]
        let draw = (scan ? "q 595 0 0 842 0 0 cm /Im1 Do Q\n" : "")
            + "BT \(invisible ? 3 : 0) Tr /F1 10 Tf 40 800 Td (\(text)) Tj ET"
        objects.append(HandMadePDF.stream(Data(draw.utf8)))
        objects.append(HandMadePDF.object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
        if scan {
            // Bands of 1-pixel vertical strokes 3 pixels apart: thin ink, like a page of print.
            let rowBytes = width / 8
            var bits = Data(repeating: 0xFF, count: rowBytes * height)
            for y in 100..<(height - 60) where y % 16 >= 4 && y % 16 < 12 {
                for x in stride(from: 40, to: width - 40, by: 4) { bits[y * rowBytes + x / 8] &= ~UInt8(0x80 >> (x % 8)) }
            }
            objects.append(HandMadePDF.stream(bits, entries: "/Type /XObject /Subtype /Image /Width \(width) /Height \(height) "
                + "/ColorSpace /DeviceGray /BitsPerComponent 1"))
        }
        return try HandMadePDF.write(HandMadePDF.build(objects), name: "judge-render.pdf")
    }

    private func judged(_ url: URL) throws -> (JudgeReport, renders: Int) {
        let document = try PDFDocument(url: url)
        let measures = InkMeasures()
        let report = judge(extract(document), document: document, rules: JudgeRules(), mode: .auto, measured: measures)
        return (report, measures.renders)
    }

    private let sentence = "Regional policy notes for the second quarter"

    @Test func aUsableLayerWithoutAnImageIsNotDrawn() throws {
        let (report, renders) = try judged(try page(sentence))
        #expect(renders == 0)
        #expect(report.pages.map(\.verdict) == [.text])
        #expect(report.pages[0].ink == nil)
        #expect(report.pages[0].reasons.map(\.code) == ["text-layer-usable"])
        #expect(report.pages[0].reasons[0].message.hasSuffix("not drawn: no image on the page, no page's text layer broken"))
    }

    @Test func aScanUnderAThinInvisibleLayerIsDrawnAndRead() throws {
        let (report, renders) = try judged(try page(sentence, invisible: true, scan: true))
        #expect(renders == 1)
        #expect(report.pages.map(\.verdict) == [.ocr])
        #expect(report.pages[0].reasons.map(\.code) == ["too-little-text"])
        #expect((report.pages[0].ink?.uncoveredInk ?? 0) > JudgeRules().maxUncoveredInk)
    }

    @Test func aFewCharactersAreDrawnEvenWithoutAnImage() throws {
        let (report, renders) = try judged(try page("No. 7"))
        #expect(renders == 1)
        #expect(report.pages[0].ink != nil)
        // Nor is a page without text: only its ink tells blank from drawn.
        let (empty, emptyRenders) = try judged(try page(""))
        #expect(emptyRenders == 1)
        #expect(empty.pages[0].reasons.map(\.code) == ["blank-page"])
    }

    @Test func brokenCharactersDecideWithoutTheInk() throws {
        let rules = JudgeRules()
        let soup = judgePage(PageLayout(number: 1, width: 595, height: 842, method: .text, lines: [],
                                        text: "ÚÛÜÝÞß à šáâãäåæ »¼€±²¬-œ®½¾¿ÀÁœ® ÄÅÆÇÈÉ"), ink: nil, rules: rules)
        #expect(soup.verdict == .ocr)
        #expect(!inkDecides(soup, rules: rules, drawsImage: { Issue.record("asked for images"); return true }))
        let usable = judgePage(PageLayout(number: 1, width: 595, height: 842, method: .text, lines: [], text: sentence),
                               ink: nil, rules: rules)
        #expect(inkDecides(usable, rules: rules, drawsImage: { true }))
        #expect(!inkDecides(usable, rules: rules, drawsImage: { false }))
        // A font without a Unicode map elsewhere in the document: the page's intact words may not be all it prints.
        #expect(inkDecides(usable, rules: rules, brokenLayerInDocument: { true }, drawsImage: { Issue.record("asked for images"); return false }))
        var drawAll = rules
        drawAll.inkSkipMinCharacters = rules.inkCheckMaxCharacters
        #expect(inkDecides(usable, rules: drawAll, drawsImage: { Issue.record("asked for images"); return false }))
    }

    /// A cover whose Han title and masthead are set in a font without a Unicode
    /// map extracts as its Latin subtitle and digits alone; the next page's
    /// characters show the broken font, so the cover is drawn (and its ink,
    /// far more than its few words, sends it to OCR).
    @Test func aPageOfIntactLatinIsDrawnWhenAnotherPagesLayerIsBroken() throws {
        let soup = "\\332\\333\\334\\335\\336\\337 \\340 \\341\\342\\343\\344\\345\\346 \\273\\274\\200\\261\\262\\254 \\304\\305\\306\\307\\310\\311"
        let url = try HandMadePDF.write(HandMadePDF.build([
            HandMadePDF.object("<< /Type /Catalog /Pages 2 0 R >>"),
            HandMadePDF.object("<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>"),
            HandMadePDF.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> /Contents 5 0 R >>"),
            HandMadePDF.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> /Contents 6 0 R >>"),
            HandMadePDF.stream(Data("BT /F1 10 Tf 40 800 Td (\(sentence)) Tj ET".utf8)),
            HandMadePDF.stream(Data("BT /F1 10 Tf 40 800 Td (\(soup)) Tj 0 -14 Td (\(soup)) Tj ET".utf8)),
            HandMadePDF.object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        ]), name: "judge-broken-elsewhere.pdf")
        let (report, renders) = try judged(url)
        #expect(report.pages.count == 2 && report.pages[1].textLayerBroken)
        #expect(renders == 1 && report.pages[0].ink != nil)
        // Without the broken page, the same cover is not drawn.
        let (alone, aloneRenders) = try judged(try page(sentence))
        #expect(aloneRenders == 0 && alone.pages[0].ink == nil)
    }

    @Test(arguments: ["bri-2024-03.pdf", "bri-2025-21.pdf", "bri-2025-21-alt.pdf"])
    func bornDigitalSamplesAreNotDrawn(name: String) throws {
        let url = try #require(TestPaths.existingSample(name))
        let (report, renders) = try judged(url)
        #expect(renders == 0)
        #expect(report.pages.allSatisfy { $0.verdict == .text })
    }
}
