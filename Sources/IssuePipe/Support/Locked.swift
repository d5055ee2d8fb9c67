import Foundation

/// A value that threads share, reachable only inside `withLock`: the one lock
/// of IssuePipe (the batch's workers and progress, the OCR page queue, caches,
/// poppler's message logs). Types holding their mutable state in one are
/// `Sendable` without `@unchecked`; this class is the one place that vouches
/// for it.
///
/// The standard library's `Mutex` (Synchronization) is the same idea, but on
/// macOS it needs macOS 15 and the package supports macOS 13; with that floor
/// raised, `Locked` can become `Mutex` with the call sites unchanged.
public final class Locked<State>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    public init(_ state: State) { self.state = state }

    /// Runs `body` with the state, no other thread inside at the same time.
    public func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
