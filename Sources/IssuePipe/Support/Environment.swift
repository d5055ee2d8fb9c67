import Foundation

/// What IssuePipe needs from the machine at run time besides the libraries it
/// links: poppler-data (CMaps), a CJK font for poppler to draw fonts a PDF does
/// not embed, and tesseract's language data. Read by `issuepipe doctor` and
/// recorded in every output (`producedWith`).
public enum RuntimeEnvironment {
    /// Where poppler looks for poppler-data: the `POPPLER_DATADIR` it was
    /// built with, which no API reveals; these are the usual ones.
    static let popplerDataCandidates = ["/usr/share/poppler", "/usr/local/share/poppler",
                                        "/opt/homebrew/share/poppler", "/opt/local/share/poppler"]

    /// The character collections whose CMaps Chinese, Japanese and Korean PDFs name.
    public static let cmapCollections = ["Adobe-GB1", "Adobe-CNS1", "Adobe-Japan1", "Adobe-Korea1"]

    /// The poppler-data folder (the one holding `cMap/`), if installed.
    public static var popplerDataFolder: URL? {
        popplerDataCandidates.map { URL(fileURLWithPath: $0) }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("cMap").path) }
    }

    /// poppler-data's version from the `poppler-data.pc` it installs beside its
    /// folder; `unknown` when the CMaps are there without it; nil when not installed.
    public static var popplerDataVersion: String? { cachedPopplerDataVersion }

    private static let cachedPopplerDataVersion: String? = {
        guard let folder = popplerDataFolder else { return nil }
        let pc = folder.deletingLastPathComponent().appendingPathComponent("pkgconfig/poppler-data.pc")
        guard let text = try? String(contentsOf: pc, encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("Version:") {
            let version = line.dropFirst("Version:".count).trimmingCharacters(in: .whitespaces)
            if !version.isEmpty { return version }
        }
        return "unknown"
    }()

    /// The character collections whose CMap folder and CID-to-Unicode table are installed.
    public static func installedCollections(in folder: URL) -> [String] {
        cmapCollections.filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("cMap/\($0)").path)
                && FileManager.default.fileExists(atPath: folder.appendingPathComponent("cidToUnicode/\($0)").path)
        }
    }

    // MARK: tessdata

    private static let tessdataCache = FileStampCache<TessdataFile?>()

    /// The `.traineddata` file of `language` in tesseract's data folder (the
    /// pipeline's `ocr.tessdata`, `TESSDATA_PREFIX`, or the usual places):
    /// its version string and SHA-256. Nil when it is not there. Cached per
    /// process while the file's size and date stay the same.
    public static func tessdata(language: String, folder tessdata: String? = nil) -> TessdataFile? {
        guard let folder = TesseractRecognizer.dataFolder(tessdata) else { return nil }
        let path = "\(folder)/\(language).traineddata"
        return tessdataCache.value(at: path) {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) else { return nil }
            return TessdataFile(version: traineddataVersion(data), sha256: sha256Hex(data))
        } ?? nil
    }

    /// The version string a `.traineddata` file carries (its `TESSDATA_VERSION`
    /// component, entry 23 of the offset table), up to the network spec
    /// (`4.00.00alpha:chi_sim:synth20170629`).
    static func traineddataVersion(_ data: Data) -> String? {
        let versionEntry = 23
        func int64(at offset: Int) -> Int64? {
            guard offset >= 0, offset + 8 <= data.count else { return nil }
            var value: Int64 = 0
            for i in 0..<8 { value |= Int64(data[data.startIndex + offset + i]) << (8 * Int64(i)) }
            return value
        }
        guard data.count >= 4 else { return nil }
        let entries = Int(data[data.startIndex]) | Int(data[data.startIndex + 1]) << 8
            | Int(data[data.startIndex + 2]) << 16 | Int(data[data.startIndex + 3]) << 24
        guard entries > versionEntry, entries < 1000,
              let start = int64(at: 4 + 8 * versionEntry), start > 0, Int(start) < data.count else { return nil }
        var end = Int64(data.count)
        for entry in (versionEntry + 1)..<entries {
            if let next = int64(at: 4 + 8 * entry), next > start { end = min(end, next) }
        }
        let bytes = data[(data.startIndex + Int(start))..<(data.startIndex + Int(end))]
        guard var text = String(data: bytes, encoding: .utf8)?.trimmingCharacters(in: .controlCharacters.union(.whitespaces)),
              !text.isEmpty else { return nil }
        if let spec = text.range(of: ":[") { text = String(text[..<spec.lowerBound]) }
        return text
    }

    /// What an output made now records: poppler and poppler-data always;
    /// tesseract and the language data of `ocrLanguages` when pages were read by OCR.
    public static func producedWith(ocrLanguages: String? = nil, tessdata: String? = nil) -> ProducedWith {
        var record = ProducedWith(poppler: OCRLibraries.popplerVersion, popplerData: popplerDataVersion)
        if let ocrLanguages {
            record.tesseract = OCRLibraries.tesseractVersion
            var files: [String: TessdataFile] = [:]
            for language in ocrLanguages.split(separator: "+").map(String.init) where !language.isEmpty {
                if let file = Self.tessdata(language: language, folder: tessdata) { files[language] = file }
            }
            record.tessdata = files
        }
        return record
    }

    /// Why an output recorded as made with `recorded` would come out differently
    /// now, or nil when nothing it records has changed. `tessdata` is the folder
    /// setting of the pipeline the output was made with.
    public static func change(since recorded: ProducedWith?, tessdata: String? = nil) -> String? {
        guard let recorded else { return "the existing output does not record what it was made with (producedWith)" }
        let poppler = OCRLibraries.popplerVersion
        if recorded.poppler != poppler { return "made with poppler \(recorded.poppler), now \(poppler)" }
        if recorded.popplerData != popplerDataVersion {
            return "made with poppler-data \(recorded.popplerData ?? "not installed"), now \(popplerDataVersion ?? "not installed")"
        }
        if let made = recorded.tesseract, made != OCRLibraries.tesseractVersion {
            return "made with tesseract \(made), now \(OCRLibraries.tesseractVersion)"
        }
        for (language, file) in (recorded.tessdata ?? [:]).sorted(by: { $0.key < $1.key }) {
            let now = Self.tessdata(language: language, folder: tessdata)
            if now != file {
                return "the tesseract data for \(language) changed since (\(file.version ?? "no version"), now \(now.map { $0.version ?? "no version" } ?? "not installed"))"
            }
        }
        return nil
    }
}

// MARK: - issuepipe doctor

/// One line of `issuepipe doctor`.
public struct EnvironmentCheck: Sendable, Hashable {
    public var name: String
    public var ok: Bool
    /// What was found (or not).
    public var detail: String
    /// How to fix it, when it failed: the Debian package to install.
    public var fix: String?

    public init(name: String, ok: Bool, detail: String, fix: String? = nil) {
        self.name = name
        self.ok = ok
        self.detail = detail
        self.fix = fix
    }
}

extension RuntimeEnvironment {
    /// Every check, in the order `issuepipe doctor` prints them.
    public static func checks(pipelines: [PipelineDefinition]) -> [EnvironmentCheck] {
        var checks = [EnvironmentCheck(name: "libraries", ok: true, detail: "issuepipe \(OCRLibraries.summary)")]
        checks.append(popplerDataCheck())
        let probe = ProbeResult.run()
        checks.append(probe.cmapCheck)
        checks.append(probe.fontCheck)
        checks += tesseractChecks(pipelines: pipelines)
        return checks
    }

    static func popplerDataCheck() -> EnvironmentCheck {
        let fix = "apt-get install poppler-data"
        guard let folder = popplerDataFolder else {
            return EnvironmentCheck(name: "poppler-data", ok: false,
                                    detail: "no CMap folder (looked for \(popplerDataCandidates.map { $0 + "/cMap" }.joined(separator: ", ")))",
                                    fix: fix)
        }
        let found = installedCollections(in: folder)
        let missing = cmapCollections.filter { !found.contains($0) }
        let version = popplerDataVersion.map { " \($0)" } ?? ""
        guard missing.isEmpty else {
            return EnvironmentCheck(name: "poppler-data", ok: false,
                                    detail: "\(folder.path)/cMap lacks \(missing.joined(separator: ", "))", fix: fix)
        }
        return EnvironmentCheck(name: "poppler-data", ok: true,
                                detail: "poppler-data\(version): CMaps in \(folder.path)/cMap (\(found.joined(separator: ", ")))")
    }

    /// One line per distinct language setting of the pipelines, naming the pipelines that use it.
    static func tesseractChecks(pipelines: [PipelineDefinition]) -> [EnvironmentCheck] {
        var groups: [(settings: OCRSettings, names: [String])] = []
        for pipeline in pipelines {
            let settings = pipeline.ocr ?? OCRSettings()
            if let index = groups.firstIndex(where: { $0.settings.languages == settings.languages && $0.settings.tessdata == settings.tessdata }) {
                groups[index].names.append(pipeline.name)
            } else {
                groups.append((settings, [pipeline.name]))
            }
        }
        return groups.map { group in
            let name = "tesseract \(group.settings.languages) (pipeline\(group.names.count == 1 ? "" : "s") \(group.names.joined(separator: ", ")))"
            let languages = group.settings.languages.split(separator: "+").map(String.init).filter { !$0.isEmpty }
            guard let folder = TesseractRecognizer.dataFolder(group.settings.tessdata) else {
                let fixes = languages.map { "apt-get install " + TesseractRecognizer.package(for: $0) }
                return EnvironmentCheck(name: name, ok: false, detail: "no tessdata folder found",
                                        fix: fixes.joined(separator: "; "))
            }
            for language in languages where tessdata(language: language, folder: group.settings.tessdata) == nil {
                return EnvironmentCheck(name: name, ok: false, detail: "tesseract language data '\(language)' not found in \(folder)",
                                        fix: "apt-get install " + TesseractRecognizer.package(for: language))
            }
            // The real proof: tesseract starts with them.
            do {
                _ = try TesseractRecognizer(languages: group.settings.languages, tessdata: group.settings.tessdata)
            } catch {
                return EnvironmentCheck(name: name, ok: false, detail: "\(error)",
                                        fix: languages.map { "apt-get install " + TesseractRecognizer.package(for: $0) }.joined(separator: "; "))
            }
            let versions = languages.map { language in
                "\(language) \(tessdata(language: language, folder: group.settings.tessdata)?.version ?? "(no version)")"
            }
            return EnvironmentCheck(name: name, ok: true, detail: "tesseract \(OCRLibraries.tesseractVersion) starts with \(versions.joined(separator: ", ")) from \(folder)")
        }
    }
}

/// The built-in test PDF of `issuepipe doctor`, read and drawn through the
/// same code as a conversion.
struct ProbeResult {
    var cmapCheck: EnvironmentCheck
    var fontCheck: EnvironmentCheck

    static func run() -> ProbeResult {
        let fixCMap = "apt-get install poppler-data"
        let fixFont = "apt-get install fonts-noto-cjk"
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("issuepipe-doctor-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("probe.pdf")
        let document: PDFDocument
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try ProbePDF.predefinedCMap.write(to: url)
            document = try PDFDocument(url: url)
        } catch {
            let failed = EnvironmentCheck(name: "predefined CMap", ok: false, detail: "the built-in test PDF cannot be opened: \(error)")
            return ProbeResult(cmapCheck: failed, fontCheck: EnvironmentCheck(name: "CJK font", ok: false, detail: "not checked: \(error)"))
        }
        func said() -> String {
            let texts = Array(Set((document.messages.pages[1] ?? []).map(\.text))).sorted()
            return texts.isEmpty ? "" : " (poppler: \(texts.prefix(3).joined(separator: "; ")))"
        }

        let text = extractPage(document, number: 1).text.withoutWhitespace
        let what = "text in \(ProbePDF.encoding) with \(ProbePDF.collection) and a font not embedded"
        let cmapCheck = text == ProbePDF.text
            ? EnvironmentCheck(name: "predefined CMap", ok: true, detail: "a built-in PDF's \(what) extracts as \(ProbePDF.text)")
            : EnvironmentCheck(name: "predefined CMap", ok: false,
                               detail: "a built-in PDF's \(what) extracts as \(text.isEmpty ? "nothing" : text), not \(ProbePDF.text)\(said())",
                               fix: fixCMap)

        guard let page = document.page(1), let image = page.renderGray(dpi: ProbePDF.dpi) else {
            return ProbeResult(cmapCheck: cmapCheck, fontCheck: EnvironmentCheck(name: "CJK font", ok: false, detail: "poppler cannot draw the built-in PDF"))
        }
        let glyphs = ProbePDF.glyphCells(image)
        let inked = glyphs.filter { $0.ink >= 0.02 }.count
        var distinct = true
        for i in glyphs.indices {
            for j in glyphs.indices where j > i && ProbePDF.difference(glyphs[i], glyphs[j]) < 0.2 { distinct = false }
        }
        let fontCheck: EnvironmentCheck
        if inked == glyphs.count, distinct {
            fontCheck = EnvironmentCheck(name: "CJK font", ok: true,
                                         detail: "poppler draws the built-in PDF's \(glyphs.count) Han characters (font not embedded) as \(glyphs.count) different glyphs")
        } else if !cmapCheck.ok {
            fontCheck = EnvironmentCheck(name: "CJK font", ok: false,
                                         detail: "poppler cannot draw the built-in PDF's font without poppler-data\(said())", fix: fixCMap)
        } else {
            let how = inked < glyphs.count ? "draws \(inked) of its \(glyphs.count) Han characters" : "draws its \(glyphs.count) Han characters as the same box"
            fontCheck = EnvironmentCheck(name: "CJK font", ok: false,
                                         detail: "no font for Chinese text a PDF does not embed: poppler \(how)\(said())", fix: fixFont)
        }
        return ProbeResult(cmapCheck: cmapCheck, fontCheck: fontCheck)
    }
}

/// A one-page PDF whose Type0 font uses the predefined CMap UniGB-UCS2-H
/// (Adobe-GB1, CIDFontType0, not embedded), showing 双周决策观察 at 24 pt:
/// extracting it needs poppler-data, drawing it a Chinese font.
enum ProbePDF {
    static let text = "双周决策观察"
    static let encoding = "UniGB-UCS2-H"
    static let collection = "Adobe-GB1"
    static let fontSize = 24.0
    static let origin = (x: 10.0, y: 10.0)
    static let pageSize = (width: 10.0 + 24 * 6 + 10, height: 40.0)
    static let dpi = 144.0

    static var predefinedCMap: Data {
        let hex = text.utf16.map { String(format: "%04X", $0) }.joined()
        let content = "BT /F1 \(Int(fontSize)) Tf \(Int(origin.x)) \(Int(origin.y)) Td <\(hex)> Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Int(pageSize.width)) \(Int(pageSize.height))] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /\(encoding) /DescendantFonts [6 0 R] >>",
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ]
        return pdfData(objects: objects)
    }

    /// One character's cell of the rendered page: which pixels are ink, and what share.
    struct Cell {
        var mask: [Bool]
        var ink: Double
    }

    /// The cells the characters are drawn in (one em each, side by side).
    static func glyphCells(_ image: GrayImage) -> [Cell] {
        let scale = image.dpiX / 72
        let top = Int(((pageSize.height - origin.y - fontSize) * scale).rounded(.down))
        let bottom = min(image.height, Int(((pageSize.height - origin.y + 0.2 * fontSize) * scale).rounded(.up)))
        return (0..<text.count).map { index in
            let x0 = Int(((origin.x + fontSize * Double(index)) * scale).rounded())
            let x1 = min(image.width, Int(((origin.x + fontSize * Double(index + 1)) * scale).rounded()))
            var mask: [Bool] = []
            for y in max(0, top)..<max(top, bottom) {
                for x in x0..<max(x0, x1) { mask.append(image.pixels[y * image.width + x] < 128) }
            }
            return Cell(mask: mask, ink: mask.isEmpty ? 0 : Double(mask.count { $0 }) / Double(mask.count))
        }
    }

    /// Pixels inked in one cell and not the other, over the ink of both.
    static func difference(_ a: Cell, _ b: Cell) -> Double {
        let count = min(a.mask.count, b.mask.count)
        var differ = 0, either = 0
        for i in 0..<count where a.mask[i] || b.mask[i] {
            either += 1
            if a.mask[i] != b.mask[i] { differ += 1 }
        }
        return either == 0 ? 0 : Double(differ) / Double(either)
    }
}

/// A PDF of these objects (1 0 obj is the catalog) with a correct xref table:
/// the small documents `doctor` and the tests build.
public func pdfData(objects: [String]) -> Data {
    var body = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
        offsets.append(body.utf8.count)
        body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
    }
    let xref = body.utf8.count
    body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { body += String(format: "%010d 00000 n \n", offset) }
    body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Data(body.utf8)
}
