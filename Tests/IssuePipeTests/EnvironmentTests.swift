import Foundation
import Testing
@testable import IssuePipe

/// What `make deps` installs for run time (poppler-data, a CJK font, tessdata),
/// `issuepipe doctor`, and `producedWith` in every output with batch resume on it.
@Suite("the install: poppler-data, CJK font, tessdata; issuepipe doctor; producedWith")
struct EnvironmentTests {
    static let title = "双周决策观察"

    private func options(_ mode: OCRMode = .never) -> ConvertOptions {
        ConvertOptions(pipelinesFolder: TestPaths.pipelines, ocrMode: mode)
    }

    @Test("a Type0 font with the predefined CMap UniGB-UCS2-H (Adobe-GB1, not embedded) extracts its Chinese text: fails without poppler-data")
    func predefinedCMapExtracts() throws {
        let url = try HandMadePDF.write(HandMadePDF.predefinedCMap(text: Self.title), name: "unigb-ucs2.pdf")
        let document = try PDFDocument(url: url)
        let text = extractPage(document, number: 1).text
        #expect(text == Self.title,
                "poppler read \(text.isEmpty ? "nothing" : text) from a UniGB-UCS2-H font: poppler-data is not installed (make deps; issuepipe doctor). poppler said: \(document.messages.pages[1] ?? [])")
        let issue = try convert(url, options: options())
        #expect(!issue.warnings.contains { ["cmap-missing", "damaged-content", "font-missing"].contains($0.code) }, "\(issue.warnings)")
    }

    @Test("a CMap poppler lacks gives cmap-missing with the page number, not a blank page without a word")
    func missingCMapWarns() throws {
        // No such predefined CMap exists, in poppler-data or anywhere: what a
        // machine without poppler-data sees for UniGB-UCS2-H.
        let url = try HandMadePDF.write(HandMadePDF.predefinedCMap(text: Self.title, encoding: "UniGB-UCS2-Q"), name: "unknown-cmap.pdf")
        let issue = try convert(url, options: options(.auto))
        let warnings = issue.warnings.filter { ["cmap-missing", "damaged-content", "font-missing"].contains($0.code) }
        #expect(warnings.map(\.code) == ["cmap-missing"], "\(issue.warnings)")
        #expect(warnings.first?.page == 1)
        #expect(warnings.first?.message.contains("UniGB-UCS2-Q") == true)
        #expect(warnings.first?.message.contains("poppler-data") == true)
        #expect(BatchStatus(finished: WorkerResult(summarizing: issue)) == .partial)
    }

    @Test("a font no installed font can stand in for gives font-missing (rendering for the judge and OCR)",
          .enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
    func missingFontWarns() throws {
        let folder = TestPaths.temporaryFolder()
        let url = folder.appendingPathComponent("cjk.pdf")
        try HandMadePDF.predefinedCMap(text: Self.title).write(to: url)
        let config = try Self.fontconfigWithoutFonts(in: folder)
        let result = try issuepipe(["convert", url.path, "--pipelines", TestPaths.pipelines.path, "--ocr", "force"],
                                   environment: ["FONTCONFIG_FILE": config.path])
        #expect(result.status == 0, "\(result.stderr)")
        let issue = try JSONDecoder().decode(IssueDocument.self, from: Data(result.stdout.utf8))
        let warning = issue.warnings.first { $0.code == "font-missing" }
        #expect(warning?.page == 1, "\(issue.warnings)")
        #expect(warning?.message.contains("STSong-Light") == true)
        #expect(warning?.message.contains("fonts-noto-cjk") == true)
    }

    /// A fontconfig setup that knows no font at all (an empty font folder).
    static func fontconfigWithoutFonts(in folder: URL) throws -> URL {
        let fonts = folder.appendingPathComponent("no-fonts"), cache = folder.appendingPathComponent("fc-cache")
        try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("fonts.conf")
        try """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
        <fontconfig><dir>\(fonts.path)</dir><cachedir>\(cache.path)</cachedir></fontconfig>
        """.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    // MARK: doctor

    @Test("issuepipe doctor passes on a machine set up by make deps: one ok line per check, exit 0",
          .enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
    func doctorPasses() throws {
        let result = try issuepipe(["doctor", "--pipelines", TestPaths.pipelines.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for name in ["libraries", "poppler-data", "predefined CMap", "CJK font", "tesseract chi_sim"] {
            #expect(lines.contains { $0.hasPrefix("ok") && $0.contains(name) }, "no ok line for \(name):\n\(result.stdout)")
        }
        #expect(lines.allSatisfy { $0.hasPrefix("ok ") }, "\(result.stdout)")
        #expect(result.stdout.contains(OCRLibraries.popplerVersion) && result.stdout.contains(OCRLibraries.tesseractVersion))
        #expect(result.stdout.contains("bri-biweekly") && result.stdout.contains("generic"))
    }

    @Test("issuepipe doctor names the package that fixes a missing piece, and exits 1",
          .enabled(if: TestPaths.hasBinary, TestPaths.noBinary))
    func doctorReportsWhatIsMissing() throws {
        let folder = TestPaths.temporaryFolder()
        let noTessdata = try issuepipe(["doctor", "--pipelines", TestPaths.pipelines.path],
                                       environment: ["TESSDATA_PREFIX": folder.path])
        #expect(noTessdata.status == 1)
        let tesseractLine = noTessdata.stdout.split(separator: "\n").first { $0.contains("tesseract chi_sim") } ?? ""
        #expect(tesseractLine.hasPrefix("MISSING") && tesseractLine.contains("apt-get install tesseract-ocr-chi-sim"), "\(noTessdata.stdout)")
        // A script's model comes in a package of its own.
        #expect(TesseractRecognizer.package(for: "HanS") == "tesseract-ocr-script-hans")
        #expect(TesseractRecognizer.package(for: "chi_sim_vert") == "tesseract-ocr-chi-sim-vert")

        let noFonts = try issuepipe(["doctor", "--pipelines", TestPaths.pipelines.path],
                                    environment: ["FONTCONFIG_FILE": try Self.fontconfigWithoutFonts(in: folder).path])
        #expect(noFonts.status == 1)
        let fontLine = noFonts.stdout.split(separator: "\n").first { $0.contains("CJK font") } ?? ""
        #expect(fontLine.hasPrefix("MISSING") && fontLine.contains("apt-get install fonts-noto-cjk"), "\(noFonts.stdout)")
        // The CMap check does not depend on fonts.
        #expect(noFonts.stdout.split(separator: "\n").contains { $0.hasPrefix("ok") && $0.contains("predefined CMap") })
    }

    @Test("the doctor's glyph check tells distinct glyphs from one repeated box")
    func glyphCellsDiffer() throws {
        let url = try HandMadePDF.write(ProbePDF.predefinedCMap, name: "probe.pdf")
        let document = try PDFDocument(url: url)
        let image = try #require(document.page(1)?.renderGray(dpi: ProbePDF.dpi))
        let cells = ProbePDF.glyphCells(image)
        #expect(cells.count == 6)
        #expect(cells.allSatisfy { $0.ink > 0.02 })
        #expect(ProbePDF.difference(cells[0], cells[1]) > 0.2)
        #expect(ProbePDF.difference(cells[2], cells[2]) == 0)
    }

    // MARK: producedWith and resume

    @Test("every output records poppler and poppler-data; an OCR'd one also tesseract and the tessdata it read; valid and deterministic")
    func producedWithIsRecorded() throws {
        let url = try HandMadePDF.write(HandMadePDF.predefinedCMap(text: Self.title), name: "record.pdf")
        let text = try convert(url, options: options())
        let record = try #require(text.producedWith)
        #expect(record.poppler == OCRLibraries.popplerVersion)
        #expect(record.popplerData != nil && record.popplerData == RuntimeEnvironment.popplerDataVersion)
        #expect(record.tesseract == nil && record.tessdata == nil, "no page was OCR'd")
        #expect(try encodeJSON(text) == encodeJSON(try convert(url, options: options())))

        let ocr = try convert(url, options: options(.force))
        let withOCR = try #require(ocr.producedWith)
        #expect(withOCR.tesseract == OCRLibraries.tesseractVersion)
        let chi = try #require(withOCR.tessdata?["chi_sim"])
        let folder = try #require(TesseractRecognizer.dataFolder(nil))
        #expect(chi.sha256 == sha256Hex(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/chi_sim.traineddata"))))
        #expect(chi.version?.contains("chi_sim") == true)

        let validator = try IssueValidator.bundled()
        for issue in [text, ocr] { #expect(validator.schemaViolations(try encodeJSON(issue)) == []) }
    }

    @Test("batch resume redoes a file when poppler, poppler-data, tesseract or the tessdata it used changed")
    func resumeRedoesOnEnvironmentChange() throws {
        let folder = TestPaths.temporaryFolder()
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.json")
        try HandMadePDF.predefinedCMap(text: Self.title).write(to: input)
        let made = try convert(input, options: options())
        let check = ResumeCheck(pipeline: nil, catalog: try PipelineCatalog(folder: TestPaths.pipelines).all())

        func decide(_ change: (inout IssueDocument) -> Void) throws -> String? {
            var issue = made
            change(&issue)
            try encodeJSON(issue).write(to: output)
            switch check.decide(input: input, output: output) {
            case .skip: return nil
            case .convert(let reason): return reason
            }
        }
        #expect(try decide { _ in } == nil, "nothing changed: skipped")
        #expect(try decide { $0.producedWith?.poppler = "21.02.0" }?.contains("poppler 21.02.0") == true)
        #expect(try decide { $0.producedWith?.popplerData = "0.4.11" }?.contains("poppler-data 0.4.11") == true)
        #expect(try decide { $0.producedWith?.popplerData = nil }?.contains("poppler-data not installed") == true)
        #expect(try decide { $0.producedWith = nil }?.contains("producedWith") == true)

        let current = try #require(RuntimeEnvironment.tessdata(language: "chi_sim"))
        #expect(try decide {
            $0.producedWith?.tesseract = OCRLibraries.tesseractVersion
            $0.producedWith?.tessdata = ["chi_sim": current]
        } == nil, "an OCR'd output made with today's tesseract and tessdata is up to date")
        #expect(try decide {
            $0.producedWith?.tesseract = "4.1.1"
            $0.producedWith?.tessdata = ["chi_sim": current]
        }?.contains("tesseract 4.1.1") == true)
        #expect(try decide {
            $0.producedWith?.tesseract = OCRLibraries.tesseractVersion
            $0.producedWith?.tessdata = ["chi_sim": TessdataFile(version: current.version, sha256: String(repeating: "0", count: 64))]
        }?.contains("chi_sim") == true)
    }

    @Test("the version string inside a .traineddata file is read from its offset table")
    func traineddataVersion() throws {
        let folder = try #require(TesseractRecognizer.dataFolder(nil))
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/chi_sim.traineddata"))
        let version = try #require(RuntimeEnvironment.traineddataVersion(data))
        #expect(version.contains(":chi_sim:") && !version.contains("["), "\(version)")
        #expect(RuntimeEnvironment.traineddataVersion(Data([1, 2, 3])) == nil)
    }
}
