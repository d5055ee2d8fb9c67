import ArgumentParser
import Foundation
import IssuePipe

@main
struct IssuePipeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuepipe",
        abstract: "Turn PDFs of periodical issues into structured issue JSON.",
        discussion: """
        Exit status: 0 success, 1 a file failed (or had warnings with --fail-on warning), \
        2 usage error.
        """,
        version: OCRLibraries.summary,
        subcommands: [Convert.self, Batch.self, Validate.self, Report.self, Inspect.self, Diff.self, Doctor.self, Worker.self]
    )
}
