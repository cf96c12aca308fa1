import Foundation
import GRDB
public import OneThingModel
import OneThingWire

extension NodeStore {
    /// Applications, newest first, optionally only those in one state (every one: for a
    /// large database, `applicationPage` reads them a page at a time).
    public func applications(state: ApplicationState? = nil) throws(StoreError) -> [ApplicationSummary] {
        var all: [ApplicationSummary] = []
        var page = try applicationPage(state: state, limit: 5000)
        all += page.applications
        while let next = page.next {
            page = try applicationPage(state: state, limit: 5000, before: next)
            all += page.applications
        }
        return all
    }

    /// At most `limit` applications, newest first, older than `before` (the `next` of the
    /// page before); memory and time grow with the page, not with the database.
    public func applicationPage(state: ApplicationState? = nil, limit: Int, before: Int64? = nil) throws(StoreError)
        -> ApplicationPage
    {
        try read { db in
            // Conditions written only when given, so that SQLite walks the state index (or the
            // table backwards from `before`) instead of testing every row.
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let state {
                conditions.append("state = ?")
                arguments.append(state.rawValue)
            }
            if let before {
                conditions.append("rowid < ?")
                arguments.append(before)
            }
            arguments.append(max(1, limit))
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT rowid, id, bundle, state, revision, province_no, filed_at FROM applications \(filter) ORDER BY rowid DESC LIMIT ?",
                arguments: StatementArguments(arguments))
            let items = try itemsByApplication(db, ids: rows.map { $0["id"] })
            let next: Int64? = rows.count == max(1, limit) ? rows.last?["rowid"] : nil
            return ApplicationPage(applications: try rows.map { row throws(StoreError) in try summary(row, items: items[row["id"]] ?? []) }, next: next)
        }
    }

    /// How many applications there are (in `state`), from the counts kept by triggers.
    public func applicationCount(state: ApplicationState? = nil) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(n), 0) FROM state_counts WHERE kind = 'applications' AND (?1 IS NULL OR state = ?1)",
                arguments: [state?.rawValue]) ?? 0
        }
    }

    /// Applications found by application id, province number, or a name or ID number as
    /// typed (at least two characters), newest first. `keyedBundles`: the bundles whose
    /// duplicate key names a person, looked up by the person index (default: the built-in
    /// catalogue's).
    public func searchApplications(_ query: String, limit: Int = 20, keyedBundles: [String]? = nil) throws(StoreError)
        -> [ApplicationSummary]
    {
        let keyedBundles = keyedBundles ?? CatalogLoader.builtIn?.bundlesWithDuplicateKey ?? []
        let term = query.trimmingCharacters(in: .whitespaces)
        guard term.count >= 2 else { return [] }
        return try read { db in
            let columns = "SELECT id, bundle, state, revision, province_no, filed_at FROM applications"
            // An application id or province number, through their indexes; then a mother's or
            // child's ID number, through the person index; only then (a name, another ID
            // number) a look at every application's fields, newest first.
            var rows = try Row.fetchAll(
                db, sql: "\(columns) WHERE id = ?1 UNION ALL \(columns) WHERE province_no = ?1 LIMIT ?2",
                arguments: [term.uppercased(), limit])
            if rows.isEmpty {
                let persons = try PersonKeys.lookUp(term.uppercased(), bundles: keyedBundles, db)
                let placeholders = Array(repeating: "?", count: persons.count).joined(separator: ", ")
                rows = persons.isEmpty ? [] : try Row.fetchAll(
                    db, sql: "\(columns) WHERE person_key IN (\(placeholders)) ORDER BY rowid DESC LIMIT ?",
                    arguments: StatementArguments(persons) + [limit])
            }
            if rows.isEmpty {
                rows = try Row.fetchAll(
                    db, sql: "\(columns) WHERE instr(fields, ?1) > 0 ORDER BY rowid DESC LIMIT ?2",
                    arguments: [Self.quotedValue(term), limit])
            }
            let items = try itemsByApplication(db, ids: rows.map { $0["id"] })
            return try rows.map { row throws(StoreError) in try summary(row, items: items[row["id"]] ?? []) }
        }
    }

    /// `:"value"`: a whole field value as it appears in a stored field map.
    static func quotedValue(_ term: String) -> String {
        var writer = CanonicalJSON.Writer(capacity: term.utf8.count + 4)
        writer.raw(":")
        writer.string(term)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// One application in full, or `StoreError.noSuchApplication`.
    public func application(id: String) throws(StoreError) -> ApplicationDetail {
        let found: ApplicationDetail? = try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, bundle, state, revision, province_no, filed_at, region, catalog_version, fields,
                               situations, hub_revision, state_reason, operator, updated_at, hub_fields_revision, duplicate,
                               (SELECT COUNT(*) FROM conflicts WHERE application_id = applications.id AND state = 'open') AS open_conflicts
                        FROM applications WHERE id = ?
                        """,
                    arguments: [id])
            else { return nil }
            let items = try itemsByApplication(db, ids: [id])[id] ?? []
            let fields = (try? JSONDecoder().decode([String: String].self, from: Data((row["fields"] as String).utf8))) ?? [:]
            let situations = (try? JSONDecoder().decode([String].self, from: Data((row["situations"] as String).utf8))) ?? []
            let duplicate = (row["duplicate"] as String?).flatMap { try? JSONDecoder().decode(DuplicateMatch.self, from: Data($0.utf8)) }
            return ApplicationDetail(
                summary: try summary(row, items: items), region: row["region"], catalogVersion: row["catalog_version"],
                fields: fields, situations: situations, hubRevision: row["hub_revision"],
                stateReason: row["state_reason"], operatorId: row["operator"],
                updatedAt: try row.timestamp("updated_at", table: "applications", key: id),
                hubFieldsRevision: row["hub_fields_revision"], duplicate: duplicate, openConflicts: row["open_conflicts"])
        }
        guard let found else { throw .noSuchApplication(id: id) }
        return found
    }

    /// Counts by state and the last sync, for `onething status`.
    public func queueStatus() throws(StoreError) -> QueueStatus {
        try read { db in
            // Kept by triggers (schema v5): a few rows, however many applications are stored.
            var applications = Dictionary(uniqueKeysWithValues: ApplicationState.allCases.map { ($0.rawValue, 0) })
            var outbox: [String: Int] = ["queued": 0, "in_flight": 0, "acked": 0, "quarantined": 0]
            for row in try Row.fetchAll(db, sql: "SELECT kind, state, n FROM state_counts") {
                if row["kind"] == "applications" { applications[row["state"]] = row["n"] } else { outbox[row["state"]] = row["n"] }
            }
            let sync = try Row.fetchOne(
                db, sql: "SELECT last_success_at, last_attempt_at, last_error FROM sync_state WHERE id = 1")
            return QueueStatus(
                applications: applications, outbox: outbox,
                lastSuccessAt: try sync?.optionalTimestamp("last_success_at", table: "sync_state", key: "1"),
                lastAttemptAt: try sync?.optionalTimestamp("last_attempt_at", table: "sync_state", key: "1"),
                lastError: sync?["last_error"])
        }
    }

    private func itemsByApplication(_ db: Database, ids: [String]) throws -> [String: [ItemStatus]] {
        var rows: [Row] = []
        // In chunks: older SQLite builds bind at most 999 parameters a statement.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            rows += try Row.fetchAll(
                db,
                sql: "SELECT application_id, item, state, reason, result FROM application_items WHERE application_id IN (\(databaseQuestionMarks(count: chunk.count))) ORDER BY application_id, position",
                arguments: StatementArguments(chunk))
        }
        var out: [String: [ItemStatus]] = [:]
        for row in rows {
            let state = ItemState(rawValue: row["state"]) ?? .pending
            let result: String? = row["result"]
            let documents = result.flatMap { try? WireJSON.stringMap($0) }
            out[row["application_id"], default: []].append(
                ItemStatus(item: row["item"], state: state, reason: row["reason"], documents: documents))
        }
        return out
    }

    private func summary(_ row: Row, items: [ItemStatus]) throws(StoreError) -> ApplicationSummary {
        let id: String = row["id"]
        return ApplicationSummary(
            id: id, bundle: row["bundle"], state: ApplicationState(rawValue: row["state"]) ?? .queued,
            revision: row["revision"], provinceNo: row["province_no"],
            filedAt: try row.timestamp("filed_at", table: "applications", key: id), items: items)
    }
}
