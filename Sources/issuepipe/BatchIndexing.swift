import Foundation
import IssuePipe
import Logging

/// `batch --index DB`: each output indexed as soon as its file is done (a
/// skipped, up-to-date output too, so a resumed batch fills a new archive), in
/// its own transaction; a batch that is stopped keeps what it indexed.
final class BatchIndexing: Sendable {
    private let indexer: ArchiveIndexer
    private let logger: Logger
    private let failures = Locked(0)

    /// Opens the archive before any work, so a bad --index fails the batch at once.
    init(path: String, logger: Logger) throws {
        indexer = ArchiveIndexer(archive: try ArchiveDatabase(path: path))
        self.logger = logger
    }

    func handle(_ event: BatchEvent) {
        guard case .finished(_, let record) = event, record.status != .failed else { return }
        do {
            let indexed = try indexer.index(file: record.output)
            if indexed.isRejected {
                failures.withLock { $0 += 1 }
                logger.error("\(record.output): not indexed: \(indexed.reason ?? "") [\(indexed.code ?? "")]")
            } else {
                logger.debug("index     \(record.output): \(indexed.outcome.rawValue)")
            }
        } catch {
            failures.withLock { $0 += 1 }
            logger.error("\(record.output): not indexed: \(error)")
        }
    }

    /// Outputs that could not be indexed (each was logged).
    var failed: Int { failures.withLock { $0 } }
}
