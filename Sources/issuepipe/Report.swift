import ArgumentParser
import Foundation
import IssuePipe

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Work with batch reports.",
        subcommands: [Merge.self]
    )

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge the reports of several batch shards into one.",
            discussion: """
            Files are sorted by input path and the totals recomputed; wallSeconds is the \
            longest of the parts (shards run side by side), interrupted is true when any \
            part was. A file (same input path) in two reports is an error (exit 2), since \
            shards are disjoint; with --last-wins the report given later wins, e.g. to let a \
            retried shard's report replace its first attempt.

            Exit status: 0 merged, every file converted (or partial) or skipped; 1 merged, and a file \
            failed (or had warnings with --fail-on warning), or a part was interrupted; \
            2 usage error, unreadable report, or a file in two reports.

            Example:
              issuepipe report merge report-*.json -o report.json
            """
        )

        @Argument(help: ArgumentHelp("Reports written by 'issuepipe batch --report'.", valueName: "report"), completion: .file(extensions: ["json"]))
        var reports: [String]

        @Option(name: .shortAndLong, help: "Where to write the merged report ('-' or nothing: standard output).")
        var output: String?

        @Flag(help: "A file in several reports takes its record from the last one.")
        var lastWins = false

        @Option(help: "What makes the exit status 1: a failed file, or also a warning.")
        var failOn: FailOn = .error

        @Flag(name: .shortAndLong, help: "No summary on standard error.")
        var quiet = false

        func validate() throws {
            if reports.isEmpty { throw ValidationError("Give the reports to merge.") }
        }

        func run() throws {
            var parts: [BatchReport] = []
            for path in reports {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("cannot read the report \(path)")
                }
                do { parts.append(try JSONDecoder().decode(BatchReport.self, from: data)) } catch {
                    throw ValidationError("\(path) is not a batch report: \(describeDecodingError(error))")
                }
            }
            let merged: BatchReport
            do { merged = try BatchReport.merge(parts, lastWins: lastWins) } catch let error as BatchUsageError {
                throw ValidationError(error.message)
            }
            let data = try encodeJSON(merged)
            if let output, output != "-" {
                do { try writeAtomically(data, to: URL(fileURLWithPath: output)) } catch {
                    printErr("issuepipe: \(error)")
                    throw ExitCode(ExitStatus.failed)
                }
            } else {
                try? FileHandle.standardOutput.write(contentsOf: data)
            }
            if !quiet { printErr(summary(merged, report: output == "-" ? nil : output)) }
            let t = merged.totals
            if t.failed > 0 || merged.interrupted || (failOn == .warning && t.warnings > 0) { throw ExitCode(ExitStatus.failed) }
        }
    }
}
