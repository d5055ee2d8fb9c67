import Foundation

/// The batch's one queue of OCR pages across files. A worker whose file
/// reaches the OCR stage posts the file's pages; a worker between files takes
/// the front page of the queue (files in the order they posted, pages in
/// order), the owner takes its own file's pages, and when all are read the
/// results go back to the owner, which assembles them as a serial run would.
/// Each worker reads one page at a time, so at most `--jobs` page images exist.
///
/// A file falls back to being read by its owner alone, as without the
/// scheduler, when a helper could not take a page on or saw poppler report
/// something; and for the rest of the batch when a helper died on one of its
/// pages (quarantined), so a bad file kills at most one helper.
///
/// All state is behind `condition`, hence `@unchecked Sendable`.
final class PageScheduler: @unchecked Sendable {
    private let condition = NSCondition()
    private var postings: [Posting] = []
    private var nextID = 0
    private var quarantined: Set<String> = []
    private var helped = 0

    private struct Posting {
        let id: Int
        let pages: OCRPageBatch
        var queued: [OCRTarget]
        var inFlight = 0
        var results: [Int: PageJobResult] = [:]
        var fallback = false
    }

    /// A page taken by a helper.
    struct HelperJob: Sendable {
        var posting: Int
        var pages: OCRPageBatch
        var target: OCRTarget
    }

    /// What an owner does next: read one of its pages, or take the reply.
    enum OwnerStep: Sendable {
        case read(OCRTarget)
        case done(PagesReply)
    }

    /// Pages read by a worker for another worker's file, so far.
    var pagesHelped: Int { locked { helped } }

    /// Queues a file's pages; nil when the file is quarantined (its owner reads them itself).
    func post(_ pages: OCRPageBatch) -> Int? {
        locked {
            guard !quarantined.contains(pages.file) else { return nil }
            nextID += 1
            postings.append(Posting(id: nextID, pages: pages, queued: pages.targets))
            condition.broadcast()
            return nextID
        }
    }

    /// The owner's next step, waiting while helpers read its last pages; nil
    /// once `cancelled` (its worker timed out, the batch is stopping).
    func ownerStep(_ id: Int, cancelled: () -> Bool) -> OwnerStep? {
        locked {
            while true {
                guard let index = postings.firstIndex(where: { $0.id == id }) else { return .done(PagesReply(results: nil)) }
                let posting = postings[index]
                if posting.fallback {
                    postings.remove(at: index)
                    return .done(PagesReply(results: nil))
                }
                if !posting.queued.isEmpty {
                    postings[index].inFlight += 1
                    return .read(postings[index].queued.removeFirst())
                }
                if posting.inFlight == 0 {
                    postings.remove(at: index)
                    return .done(PagesReply(results: posting.results.values.sorted { $0.page < $1.page }))
                }
                if cancelled() { return nil }
                _ = condition.wait(until: Date().addingTimeInterval(0.2))
            }
        }
    }

    /// The front page of the queue for a worker between files, if any.
    func helperJob() -> HelperJob? {
        locked {
            guard let index = postings.firstIndex(where: { !$0.fallback && !$0.queued.isEmpty }) else { return nil }
            postings[index].inFlight += 1
            let target = postings[index].queued.removeFirst()
            return HelperJob(posting: postings[index].id, pages: postings[index].pages, target: target)
        }
    }

    /// A page's outcome. A posting whose owner is gone ignores it.
    func deliver(_ id: Int, _ result: PageJobResult, byHelper: Bool) {
        locked {
            defer { condition.broadcast() }
            guard let index = postings.firstIndex(where: { $0.id == id }) else { return }
            postings[index].inFlight -= 1
            if result.usable {
                postings[index].results[result.page] = result
                if byHelper { helped += 1 }
            } else {
                postings[index].fallback = true
            }
        }
    }

    /// A helper died (crash, timeout) on one of this posting's pages.
    func helperDied(_ id: Int) {
        locked {
            defer { condition.broadcast() }
            guard let index = postings.firstIndex(where: { $0.id == id }) else { return }
            postings[index].inFlight -= 1
            postings[index].fallback = true
            quarantined.insert(postings[index].pages.file)
        }
    }

    /// The owner is gone (crashed, timed out, stopped): its pages are dropped.
    func abandon(_ id: Int) {
        locked {
            postings.removeAll { $0.id == id }
            condition.broadcast()
        }
    }

    /// Waits a little for pages to be posted or something else to change.
    func waitForChange() {
        locked { _ = condition.wait(until: Date().addingTimeInterval(0.2)) }
    }

    /// Wakes every waiting thread (a file finished, the batch is stopping).
    func wakeAll() { locked { condition.broadcast() } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }
}
