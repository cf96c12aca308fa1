import OneThingSync
import Synchronization

/// Test double for the engine's `ElapsedClock`: time passes only when the engine waits, and
/// a wait returns at once. A retry budget is then spent by the engine's own backoff, the
/// same on an idle machine and on one running the whole suite at once.
final class VirtualElapsedClock: ElapsedClock {
    private let now = Mutex(Duration.zero)

    /// Everything the engine has waited so far.
    var waited: Duration { now.withLock { $0 } }

    func elapsed() -> Duration { now.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        now.withLock { $0 += duration }
        await Task.yield()
    }
}
