/// Tuning of one sync run.
package struct SyncOptions: Sendable {
    /// Entries per push request (at most `PushRequest.maxEntries`).
    package var batchSize = 250
    /// Changes per pull page.
    package var pageSize = 500
    /// How long one run may keep retrying temporary failures before giving up (exit 75).
    package var retryBudgetSeconds: Double = 20
    /// The first retry waits up to this long; each next one up to twice as long (full jitter).
    package var retryBaseSeconds: Double = 0.5
    /// Rounds of push-then-pull when pulling made new work.
    package var maxRounds = 3

    package init() {}
}
