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
        2 usage error or invalid pipeline; convert and inspect also 3 bad input, \
        4 encrypted, 5 missing dependency, 6 output not writable, 7 limit exceeded; \
        index also 3 a file that is not issue JSON; index, search and archive check 6 the archive unreadable.
        """,
        version: OCRLibraries.summary,
        subcommands: [Convert.self, Batch.self, Validate.self, Report.self, Inspect.self, Diff.self, Index.self, Search.self, Archive.self,
                      Doctor.self, Worker.self]
    )
}
