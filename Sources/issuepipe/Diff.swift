import ArgumentParser
import Foundation
import IssuePipe

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two issue JSONs field by field.",
        discussion: """
        Fields of publication, issue, staff and contacts; contents entries; articles \
        matched by title (similar titles after NFKC and white space removal are the same \
        article, so renamed and moved articles show as such); paragraphs matched by text, \
        changed characters marked [-old-]{+new+} (red and green on a terminal).

        Examples:
          issuepipe diff before/2024-03.json after/2024-03.json
          issuepipe diff a.json b.json --provenance --context 40

        Exit status: 0 the same, 1 they differ, 2 usage error or a file that is not issue JSON.
        """
    )

    @Argument(help: "The issue JSON before.") var old: String
    @Argument(help: "The issue JSON after.") var new: String

    @Flag(help: "Compare each block's provenance (pages and boxes) too.")
    var provenance = false

    @Option(help: "Characters of unchanged text shown around a change.")
    var context: Int = 24

    @Option(help: "Colour: auto, always, never.")
    var color: ColorChoice = .auto

    func validate() throws {
        guard context >= 0 else { throw ValidationError("--context must be 0 or more") }
    }

    func run() throws {
        let differences: [Difference]
        do {
            let a = try IssueComparison.load(URL(fileURLWithPath: old))
            let b = try IssueComparison.load(URL(fileURLWithPath: new))
            differences = IssueComparison(a, b, options: IssueComparison.Options(provenance: provenance)).differences()
        } catch let error as InspectError {
            FileHandle.standardError.write(Data("issuepipe: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let renderer = DiffRenderer(context: context, color: color.enabled)
        FileHandle.standardOutput.write(Data(renderer.render(differences, oldName: old, newName: new).utf8))
        if !differences.isEmpty { throw ExitCode(1) }
    }
}
