/// Where the sync engine measures elapsed time and waits: the retry budget and the backoff
/// between tries. The monotonic clock in a run (`.system`, never the wall clock); a test
/// gives a virtual one, so that a budget is spent by the engine's own waits and not by how
/// loaded the machine running the tests is.
package protocol ElapsedClock: Sendable {
    /// Time elapsed since a fixed point of this clock (for a run, its start).
    func elapsed() -> Duration
    /// Waits `duration`; throws when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The monotonic clock (`ContinuousClock`): what `onething sync` runs on.
package struct SystemElapsedClock: ElapsedClock {
    private let start = ContinuousClock.now

    package init() {}

    package func elapsed() -> Duration { start.duration(to: .now) }

    package func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

extension ElapsedClock where Self == SystemElapsedClock {
    package static var system: SystemElapsedClock { SystemElapsedClock() }
}
