/// A store on which the hub's rules run: every `HubStorage` operation is written once, in
/// `HubRules+*.swift`, as a transaction on a `HubSQL`, and each database gives its
/// transactions. `HubStore` (SQLite) runs them on GRDB's writer or a reader;
/// `PostgresHubStore` on one pooled connection, retrying a transaction PostgreSQL aborted
/// for a serialization failure or a deadlock. Nothing of the rules (idempotency, sequence
/// checks, merges, held revisions, item flow, decisions, amendments, purge) exists twice.
package protocol HubRules: HubStorage {
    /// One write transaction: committed when `body` returns, rolled back when it throws. A
    /// `HubError` thrown by `body` comes out as it is; a failure of the database as
    /// `HubError.database`. `body` may run more than once (PostgreSQL retries), so it
    /// does nothing but work on the database.
    func writing<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) throws -> T) async throws(HubError) -> T
    /// One read-only transaction on a consistent snapshot.
    func reading<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) throws -> T) async throws(HubError) -> T
    /// After the retention purge committed: whatever the database needs so that removed
    /// values leave its files too.
    func afterPurge() async throws(HubError)
}
