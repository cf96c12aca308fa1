import Synchronization

/// Set by a cancelled task, read by libcurl's progress callback on the transport's queue.
final class CancellationFlag: Sendable {
    private let cancelled = Mutex(false)

    var isCancelled: Bool {
        cancelled.withLock { $0 }
    }

    func cancel() {
        cancelled.withLock { $0 = true }
    }
}
