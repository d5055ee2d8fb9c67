import ArgumentParser
import Foundation
import IssuePipe

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert one PDF into issue JSON.",
        discussion: """
        Examples:
          issuepipe convert issue.pdf -o issue.json
          issuepipe convert issue.pdf -o issue.json --stages debug/

        Exit status: 0 converted; 1 the file could not be converted (or, with \
        --fail-on warning, the output has warnings); 2 usage error.
        """
    )

    @Argument(help: "The PDF to convert.", completion: .file(extensions: ["pdf"]))
    var input: String

    @Option(name: .shortAndLong, help: "Where to write the JSON ('-' or nothing: standard output).")
    var output: String?

    @Option(help: ArgumentHelp("Write each stage's output into this folder.", valueName: "dir"))
    var stages: String?

    @Option(help: "User password of an encrypted PDF.")
    var password: String?

    @Option(help: "Pipeline name or YAML path (default: detected from page 1).")
    var pipeline: String?

    @Option(help: ArgumentHelp("Folder of pipeline definitions.", valueName: "dir"))
    var pipelines: String?

    @Option(help: "When to OCR pages: auto (pages without a usable text layer), force, never.")
    var ocr: OCRMode = .auto

    @Option(help: "What makes the exit status 1: a failure (error), or also a warning in the output (warning).")
    var failOn: FailOn = .error

    func run() throws {
        let options = ConvertOptions(password: password, stagesFolder: stages.map { URL(fileURLWithPath: $0) },
                                     pipeline: pipeline, pipelinesFolder: pipelines.map { URL(fileURLWithPath: $0) },
                                     ocrMode: ocr)
        do {
            let issue = try IssuePipe.convert(URL(fileURLWithPath: input), options: options)
            let data = try encodeJSON(issue)
            if let output, output != "-" {
                try writeAtomically(data, to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(data)
            }
            if failOn == .warning, !issue.warnings.isEmpty {
                FileHandle.standardError.write(Data("issuepipe: \(input): \(issue.warnings.count) warning(s) (--fail-on warning)\n".utf8))
                throw ExitCode(ExitStatus.failed)
            }
        } catch let error as IssuePipeError {
            FileHandle.standardError.write(Data("issuepipe: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}
