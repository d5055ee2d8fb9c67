import ArgumentParser
import Foundation
import IssuePipe

extension InspectStage: ExpressibleByArgument {}

/// `--color`: when to colour terminal output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto`: only on a terminal, and not when `NO_COLOR` is set or `TERM=dumb`.
    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            return isatty(STDOUT_FILENO) != 0 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
        }
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what each stage did, page by page: in the terminal, or as one HTML file.",
        discussion: """
        The input is a PDF (the pipeline runs as with convert, with the same options) \
        or a folder written by `convert --stages` (nothing is rerun).

        Examples:
          issuepipe inspect issue.pdf                         # a table of every page
          issuepipe inspect issue.pdf --page 3 --stage clean  # clean's blocks, page 3
          issuepipe inspect issue.pdf --page 3                # every stage, page 3
          issuepipe inspect debug/ --stage judge              # from stage dumps
          issuepipe inspect issue.pdf --html report.html      # page images and boxes

        Stages: extract, judge, ocr, clean, structure.
        In the HTML report, `report.html?select=N` opens with article N chosen.
        """
    )

    @Argument(help: ArgumentHelp("A PDF, or a folder of stage dumps (convert --stages).", valueName: "pdf|dir"),
              completion: .file())
    var input: String?

    @Option(name: .customLong("from-stages"), help: ArgumentHelp("Read the stage dumps in this folder instead of running the pipeline.", valueName: "dir"))
    var fromStages: String?

    @Option(help: "Show this page only (1-based).")
    var page: Int?

    @Option(help: ArgumentHelp("Show this stage's output: extract, judge, ocr, clean, structure.", valueName: "name"))
    var stage: InspectStage?

    @Option(help: ArgumentHelp("Write a self-contained HTML report to this file.", valueName: "file"))
    var html: String?

    @Option(help: "Resolution of the page images in the HTML report.")
    var dpi: Double = 80

    @Flag(help: "Page images in colour (default: gray, a third of the size).")
    var colorPages = false

    @Option(help: ArgumentHelp("With stage dumps: the PDF to draw the pages from (default: the file named in the dumps, if found).", valueName: "file"))
    var pdf: String?

    @Option(help: "Colour terminal output: auto, always, never.")
    var color: ColorChoice = .auto

    @Option(help: "Pages OCR'd in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        if input == nil && fromStages == nil { throw ValidationError("give a PDF, or a stage dumps folder (--from-stages DIR)") }
        if input != nil && fromStages != nil { throw ValidationError("give either a PDF or --from-stages, not both") }
        if let page, page < 1 { throw ValidationError("--page must be at least 1") }
        if !(24...600).contains(dpi) { throw ValidationError("--dpi must be between 24 and 600") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        do {
            let (dumps, pdfURL) = try load()
            let inspection = Inspection(dumps)
            if let html {
                let started = Date()
                let images = pdfURL.map { renderPages(of: $0, dpi: dpi, grayscale: !colorPages, password: pipelineOptions.userPassword) } ?? [:]
                if pdfURL == nil {
                    note("no PDF with the recorded checksum found for \(dumps.extract.source.file): pages are drawn blank (use --pdf)")
                }
                let report = HTMLReport(inspection, images: images, dpi: dpi).render()
                let data = Data(report.utf8)
                try writeAtomically(data, to: URL(fileURLWithPath: html))
                let seconds = Date().timeIntervalSince(started)
                note(String(format: "wrote %@: %d pages, %.0f KB (%.0f KB a page), %.1f s", html, inspection.pages.count,
                            Double(data.count) / 1024, Double(data.count) / 1024 / Double(max(1, inspection.pages.count)), seconds))
                if page == nil && stage == nil { return }
            }
            let view = TerminalView(inspection, color: color.enabled)
            var text = ""
            switch (page, stage) {
            case (nil, nil):
                text = view.summary()
            case (let page?, let stage?):
                text = try view.stage(stage, page: page)
            case (let page?, nil):
                text = try InspectStage.allCases.map { try view.stage($0, page: page) }.joined(separator: "\n")
            case (nil, let stage?):
                text = try inspection.pages.map { try view.stage(stage, page: $0.number) }.joined(separator: "\n")
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch let error as IssuePipeError {
            FileHandle.standardError.write(Data("issuepipe: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        } catch let error as InspectError {
            FileHandle.standardError.write(Data("issuepipe: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }

    /// The stage dumps, and the PDF to draw pages from when there is one.
    func load() throws -> (StageDumps, URL?) {
        let path = fromStages ?? input!
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if fromStages != nil || (exists && isFolder.boolValue) {
            let dumps = try StageDumps.load(from: URL(fileURLWithPath: path))
            return (dumps, dumps.locatePDF(explicit: pdf.map { URL(fileURLWithPath: $0) }))
        }
        let url = URL(fileURLWithPath: path)
        let dumps = try StageDumps.run(url, options: pipelineOptions.convertOptions(stages: nil, jobs: jobs))
        return (dumps, url)
    }

    func note(_ message: String) {
        FileHandle.standardError.write(Data("issuepipe: \(message)\n".utf8))
    }
}

/// Every page of a PDF as PNG, by page number; pages poppler cannot draw are left out.
func renderPages(of url: URL, dpi: Double, grayscale: Bool, password: String?) -> [Int: Data] {
    guard let document = try? PDFDocument(url: url, password: password) else { return [:] }
    var images: [Int: Data] = [:]
    for number in 1...document.pageCount {
        if let png = document.page(number)?.renderPNG(dpi: dpi, grayscale: grayscale) { images[number] = png }
    }
    return images
}
