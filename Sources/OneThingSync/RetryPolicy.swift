/// Retries within one run: exponential backoff with full jitter, bounded by a time budget
/// measured on the engine's elapsed clock (the monotonic clock in a run; never the wall clock).
struct RetryPolicy {
    private let clock: any ElapsedClock
    private let deadline: Duration
    private let base: Double
    private var attempt = 0

    init(options: SyncOptions, clock: any ElapsedClock) {
        self.clock = clock
        deadline = clock.elapsed() + .milliseconds(Int(max(0, options.retryBudgetSeconds) * 1000))
        base = max(0.01, options.retryBaseSeconds)
    }

    /// The wait before the next try, or nil when the budget would be exceeded. `minimum`:
    /// what the hub asked for (`Retry-After`), at most a minute.
    mutating func nextDelay(minimum: Double = 0) -> Double? {
        attempt += 1
        let cap = min(base * Double(1 << min(attempt - 1, 10)), 30)
        // What the hub asked for, plus the usual jitter so that nodes it refused together
        // do not come back together.
        let delay = min(max(0, minimum), 60) + Double.random(in: 0...cap)
        let remaining = deadline - clock.elapsed()
        guard remaining > .milliseconds(Int(delay * 1000)) else { return nil }
        return delay
    }
}
