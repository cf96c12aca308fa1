import Foundation

/// Set by a cancelled task, read by libcurl's progress callback on the transport's queue.
final class CancellationFlag: @unchecked Sendable {
    // @unchecked: the only state is a Bool guarded by `lock`.
    private let lock = NSLock()
    private var cancelled = false

    var isCancelled: Bool {
        lock.withLock { cancelled }
    }

    func cancel() {
        lock.withLock { cancelled = true }
    }
}
