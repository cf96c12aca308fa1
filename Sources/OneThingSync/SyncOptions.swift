/// Tuning of one sync run.
public struct SyncOptions: Sendable {
    /// Entries per push request (at most `PushRequest.maxEntries`).
    public var batchSize = 250
    /// Changes per pull page.
    public var pageSize = 500
    /// How long one run may keep retrying temporary failures before giving up (exit 75).
    public var retryBudgetSeconds: Double = 20
    /// The first retry waits up to this long; each next one up to twice as long (full jitter).
    public var retryBaseSeconds: Double = 0.5
    /// Rounds of push-then-pull when pulling made new work.
    public var maxRounds = 3

    public init() {}
}
