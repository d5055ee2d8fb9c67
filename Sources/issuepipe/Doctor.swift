import ArgumentParser
import Foundation
import IssuePipe

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that this machine has what conversions need, and say how to fix what it lacks.",
        discussion: """
        One line per check, 'ok' or 'MISSING' and, when missing, the Debian \
        package that fixes it:

        - libraries: the poppler, tesseract and leptonica linked in (as --version).
        - poppler-data: poppler's CMap folder with the Adobe-GB1, -CNS1, -Japan1 \
        and -Korea1 CMaps and CID-to-Unicode tables (poppler-data).
        - predefined CMap: a built-in PDF whose font uses the predefined CMap \
        UniGB-UCS2-H (Adobe-GB1, not embedded) extracts as 双周决策观察; without \
        poppler-data such PDFs extract as nothing.
        - CJK font: poppler draws that PDF's six characters as six different \
        glyphs, so there is a font for Chinese text a PDF does not embed, used \
        for OCR and inspect images (fonts-noto-cjk).
        - tesseract LANGUAGES: each pipeline's ocr.languages; the .traineddata \
        files are there and tesseract starts with them (tesseract-ocr-chi-sim).

        The probes go through the same code as a conversion (extract, render).

        Exit status: 0 every check passed, 1 something is missing.

        Examples:
          issuepipe doctor
          issuepipe doctor --pipelines my-pipelines/
        """
    )

    @Option(help: ArgumentHelp("Folder of pipeline YAML files (default: ./Pipelines, $ISSUEPIPE_PIPELINES).", valueName: "dir"))
    var pipelines: String?

    func run() throws {
        var definitions: [PipelineDefinition]
        do {
            definitions = try PipelineCatalog(folder: pipelines.map { URL(fileURLWithPath: $0) }).all()
        } catch {
            printErr("issuepipe: \(error)")
            throw ExitCode(ExitStatus.failed)
        }
        if !definitions.contains(where: { $0.name == PipelineCatalog.generic.name }) { definitions.append(PipelineCatalog.generic) }

        let checks = RuntimeEnvironment.checks(pipelines: definitions)
        let width = (checks.map(\.name.count).max() ?? 0)
        for check in checks {
            let status = check.ok ? "ok     " : "MISSING"
            let name = check.name.padding(toLength: width, withPad: " ", startingAt: 0)
            var line = "\(status)  \(name)  \(check.detail)"
            if !check.ok, let fix = check.fix { line += " — fix: \(fix)" }
            printOut(line)
        }
        let failed = checks.filter { !$0.ok }.count
        printErr(failed == 0 ? "issuepipe doctor: all \(checks.count) checks passed"
                             : "issuepipe doctor: \(failed) of \(checks.count) checks failed")
        if failed > 0 { throw ExitCode(ExitStatus.failed) }
    }
}
