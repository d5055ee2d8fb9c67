import ArgumentParser
import Foundation
import IssuePipe

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load issue JSON into an archive (SQLite) for search and archive check.",
        discussion: """
        Files are issue JSON; folders are searched recursively for *.json (hidden files \
        and stage dumps, *.stages/, skipped). The archive is created when missing.

        Indexing is incremental, keyed by the source PDF's SHA-256 (source.sha256): \
        the same output again changes nothing (unchanged); a changed output of the \
        same PDF (converted again) replaces its rows (replaced); a new PDF is added. \
        A second file holding the output of an already indexed PDF is skipped \
        (same-source) while the first file exists. A file that is not issue JSON \
        (unreadable, not-json, not-issue-json) is skipped and named, never dropped \
        silently.

        Exit status: 0 every file indexed (or unchanged, or same-source); 3 a file was \
        unreadable or not issue JSON (the others are indexed); 6 the archive cannot be \
        opened or written; 2 usage error.

        Examples:
          issuepipe index json/ --db archive.sqlite
          issuepipe index json/2024/bri-03.json --db archive.sqlite --report index.json
        """
    )

    @Argument(help: ArgumentHelp("Issue JSON files or folders.", valueName: "path"), completion: .file(extensions: ["json"]))
    var paths: [String]

    @Option(help: ArgumentHelp("The archive (SQLite) to fill.", valueName: "file"))
    var db: String

    @Option(help: ArgumentHelp("Write a JSON report of every file here.", valueName: "file"))
    var report: String?

    @Flag(name: .shortAndLong, help: "Print only skipped files, and no summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every file.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose do not go together.") }
    }

    func run() throws {
        let started = Date()
        let indexReport: IndexReport
        do {
            let indexer = ArchiveIndexer(archive: try ArchiveDatabase(path: db))
            indexReport = try indexer.index(paths: paths) { file in
                if file.outcome == .skipped || verbose { printErr(Self.line(file)) }
            }
        } catch let error as ArchiveError {
            printErr("issuepipe: \(error)")
            throw ExitCode(ArchiveExitStatus.archiveUnwritable)
        }
        if let report {
            do { try writeAtomically(try encodeJSON(indexReport), to: URL(fileURLWithPath: report)) } catch {
                printErr("issuepipe: \(IssuePipeError.printable(report)): cannot write the report: \(error)")
                throw ExitCode(ArchiveExitStatus.archiveUnwritable)
            }
        }
        if !quiet {
            let seconds = Date().timeIntervalSince(started)
            printErr(indexReport.summary + String(format: "; %.2f s", seconds) + (report.map { ". Report: \($0)" } ?? ""))
        }
        if !indexReport.rejected.isEmpty { throw ExitCode(ArchiveExitStatus.notIssueJSON) }
    }

    /// `added     json/2024/bri-03.json (2024-3)`, `skipped   x.json: not JSON [not-json]`.
    static func line(_ file: IndexedFile) -> String {
        let name = IssuePipeError.printable(file.path)
        let outcome = file.outcome.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        if file.outcome == .skipped {
            return "\(outcome) \(name): \(file.reason ?? "") [\(file.code ?? "")]"
        }
        return "\(outcome) \(name)" + (file.issue.map { " (\($0))" } ?? "")
    }
}

/// The statuses of index, search and archive check beyond 0/1/2, from the
/// families of README's Exit status table.
enum ArchiveExitStatus {
    /// A file given to `index` (or `archive check`) is unreadable or not issue JSON: the input family.
    static let notIssueJSON: Int32 = 3
    /// The archive cannot be opened, read or written: the output family.
    static let archiveUnwritable: Int32 = 6
}
