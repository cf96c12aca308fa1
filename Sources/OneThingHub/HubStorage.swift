package import OneThingExport
package import OneThingModel
package import OneThingWire

/// What the hub's server and its commands need of a store: every operation, each one
/// transaction, in the sync protocol's and the admin API's terms. No database type appears
/// here: `HubStore` (SQLite, the embedded default) and `PostgresHubStore` (PostgreSQL, for
/// several hub processes) implement it, both through the one copy of the rules in
/// `HubRules`, and one contract test suite runs against both (`HubBackend` in the tests).
/// Failures are `HubError`s (`.database` for the store's own: its code says what).
package protocol HubStorage: Sendable {
    /// Where the data lives, for logs: a file path, or a database URL without its password.
    var location: String { get }

    // MARK: nodes
    /// Registers a node and returns its token (only its SHA-256 is kept).
    func addNode(_ id: String) async throws(HubError) -> String
    func nodes() async throws(HubError) -> [NodeInfo]
    /// Refuses the node's token from now on; its applications stay.
    func revokeNode(_ id: String) async throws(HubError)
    /// A new token replaces the old one at once; everything the node sent stays.
    func rotateNode(_ id: String) async throws(HubError) -> String
    /// Whether `token` belongs to the registered, not revoked node `id`.
    func authenticate(node id: String, token: String) async throws(HubError) -> Bool

    // MARK: sync
    /// The database's identity, named in every answer to a node.
    func databaseId() async throws(HubError) -> String
    /// What the hub holds for `node` at the start of a sync; draws a new identity when the
    /// node knows more than the database holds (it went back in time).
    func state(node: String, seenDatabaseId: String?, ackedSeq: Int64?, cursor: Int64?, at time: String)
        async throws(HubError) -> (state: HubState, renewed: Bool)
    /// A new identity and a fresh block of province numbers (after a restore).
    func renewIdentity(reason: String, at time: String) async throws(HubError) -> String
    /// Applies a batch of a node's outbox entries, each at most once, and answers each.
    func push(
        node: String, entries: [PushEntry], catalog: HubCatalog, nearDuplicates: NearDuplicateRule, at now: Timestamp
    ) async throws(HubError) -> PushResponse
    /// The node's changes after `after`, in commit order.
    func changes(node: String, after: Int64, limit: Int, catalog: HubCatalog, nodeCatalogVersion: String?)
        async throws(HubError) -> ChangesPage
    /// Stores a node's ratings of its own applications.
    func rate(node: String, _ ratings: [Rating]) async throws(HubError) -> RatingsResponse

    // MARK: applications and decisions
    func applications() async throws(HubError) -> [HubApplication]
    func application(_ provinceNo: String) async throws(HubError) -> HubApplication
    /// The rating of an application, if the citizen gave one.
    func rating(provinceNo: String) async throws(HubError) -> Int?
    /// A department's decision on one item, recorded with `request.officer` (nil: `admin-api`)
    /// and `time`.
    func decide(provinceNo: String, item: String, _ request: DecisionRequest, at time: String) async throws(HubError)
        -> HubApplication
    /// An officer's change of citizen fields, checked under the catalogue it was filed under.
    /// `officer`: who (nil over the admin API without one: recorded as `admin-api`).
    func amend(provinceNo: String, fields: [String: String], officer: String?, catalog: HubCatalog, now: CivilDateTime)
        async throws(HubError) -> HubApplication
    /// Items a department could decide now, in province-number order (`AutoDecider`).
    func itemsInProgress() async throws(HubError) -> [ItemInProgress]
    /// The items the reform's figures for days from `since` on are computed from
    /// (`ReformReport`); all when `since` is nil.
    func reportItems(since: Timestamp?) async throws(HubError) -> [ReportItem]
    /// The applications `filter` takes (by the day the hub received them), with their items
    /// and fields (none once purged), oldest first; the export is recorded in the audit log
    /// (`actor`, `format`, the filter and the row count) in the same transaction.
    func export(_ filter: ExportFilter, format: String, actor: String, at time: Timestamp) async throws(HubError)
        -> [ExportedApplication]
    /// The hub's retention: removes the personal data of applications decided before `cutoff`.
    func purge(decidedBefore cutoff: String, at time: String) async throws(HubError) -> HubPurgeReport
}

extension HubStorage {
    package func push(node: String, entries: [PushEntry], catalog: HubCatalog, at now: Timestamp) async throws(HubError)
        -> PushResponse
    {
        try await push(node: node, entries: entries, catalog: catalog, nearDuplicates: .default, at: now)
    }
}

/// An item waiting for its department, with what an automatic decision needs to know of
/// its application.
package struct ItemInProgress: Sendable, Hashable {
    package var provinceNo: String
    package var item: String
    package var bundle: String
    package var region: String
    package var fields: [String: String]
    /// Its bundle as the catalogue it was filed under defines it: the documents the item
    /// issues and their `autoIssue` rules.
    package var filedBundle: BundleDefinition?
}
