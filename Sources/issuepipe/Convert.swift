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

    @Option(help: "OCR: 'auto' lets the judge decide per page; 'force' reads every page by OCR; 'never' none.")
    var ocr: OCRMode = .auto

    @Option(help: "Pages read by OCR in parallel.")
    var jobs: Int = 1

    func run() throws {
        let options = ConvertOptions(password: password, stagesFolder: stages.map { URL(fileURLWithPath: $0) },
                                     ocrMode: ocr, jobs: max(1, jobs))
        do {
            let issue = try IssuePipe.convert(URL(fileURLWithPath: input), options: options)
            let data = try encodeJSON(issue)
            if let output, output != "-" {
                try writeAtomically(data, to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(data)
            }
        } catch let error as IssuePipeError {
            FileHandle.standardError.write(Data("issuepipe: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}

extension OCRMode: ExpressibleByArgument {}
