import ArgumentParser
import Foundation
import IssuePipe

/// `issuepipe archive …`: commands on a whole archive.
struct Archive: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Commands on a whole archive (see 'index' and 'search').",
        subcommands: []
    )
}
