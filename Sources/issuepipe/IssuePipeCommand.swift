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
        2 usage error; batch also 130/143 when stopped by SIGINT/SIGTERM.
        """,
        version: IssuePipeVersion.string,
        subcommands: [Convert.self, Batch.self, Validate.self, Report.self, Worker.self]
    )

    /// ArgumentParser exits with 64 (EX_USAGE) on a usage error; issuepipe
    /// promises 2, like most Unix tools, for every command.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                if !message.isEmpty { printErr(message) }
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}
