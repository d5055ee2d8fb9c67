import ArgumentParser
import Foundation
import IssuePipe

/// Every subcommand names itself (`commandName`): ArgumentParser would otherwise
/// derive the names from the type names through runtime reflection, which
/// scans every protocol conformance in the binary at each start (about 3 ms).
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
        // The library versions need tesseract, which is loaded only when asked
        // for (`TesseractLoader.c`): a process that does not print them skips it.
        version: CommandLine.arguments.contains("--version") ? OCRLibraries.summary : IssuePipeVersion.string,
        subcommands: [Convert.self, Batch.self, Validate.self, Report.self, Inspect.self, Diff.self, Index.self, Search.self, Archive.self,
                      Doctor.self, Worker.self]
    )
}
