import ArgumentParser
import Foundation

extension IssuePipeCommand {
    /// As the README says, a usage error exits with 2 (swift-argument-parser's
    /// default is 64, EX_USAGE); everything else is as the parser does it.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
