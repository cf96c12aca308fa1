import Foundation
import GRDB
import OneThingDatabase
package import OneThingModel
import OneThingWire

extension NodeStore {
    /// Applications, newest first, optionally only those in one state (every one: for a
    /// large database, `applicationPage` reads them a page at a time).
    package func applications(state: ApplicationState? = nil) throws(StoreError) -> [ApplicationSummary] {
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
    package func applicationPage(state: ApplicationState? = nil, limit: Int, before: Int64? = nil) throws(StoreError)
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
            let rows = try ApplicationRow.fetchAll(
                db,
                sql: "SELECT \(ApplicationRow.summaryColumns) FROM applications \(filter) ORDER BY rowid DESC LIMIT ?",
                arguments: StatementArguments(arguments))
            let next: Int64? = rows.count == max(1, limit) ? rows.last?.rowid : nil
            return ApplicationPage(applications: try withItems(rows.map(\.summary), db), next: next)
        }
    }

    /// How many applications there are (in `state`), from the counts kept by triggers.
    package func applicationCount(state: ApplicationState? = nil) throws(StoreError) -> Int {
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
    package func searchApplications(_ query: String, limit: Int = 20, keyedBundles: [String]? = nil) throws(StoreError)
        -> [ApplicationSummary]
    {
        let keyedBundles = keyedBundles ?? CatalogLoader.builtIn?.bundlesWithDuplicateKey ?? []
        let term = query.trimmingCharacters(in: .whitespaces)
        guard term.count >= 2 else { return [] }
        return try read { db in
            let columns = "SELECT \(ApplicationRow.summaryColumns) FROM applications"
            // An application id or province number, through their indexes; then a mother's or
            // child's ID number, through the person index; only then (a name, another ID
            // number) a look at every application's fields, newest first.
            var rows = try ApplicationRow.fetchAll(
                db, sql: "\(columns) WHERE id = ?1 UNION ALL \(columns) WHERE province_no = ?1 LIMIT ?2",
                arguments: [term.uppercased(), limit])
            if rows.isEmpty {
                let persons = try PersonKeys.lookUp(term.uppercased(), bundles: keyedBundles, db)
                let placeholders = Array(repeating: "?", count: persons.count).joined(separator: ", ")
                rows = persons.isEmpty ? [] : try ApplicationRow.fetchAll(
                    db, sql: "\(columns) WHERE person_key IN (\(placeholders)) ORDER BY rowid DESC LIMIT ?",
                    arguments: StatementArguments(persons) + [limit])
            }
            if rows.isEmpty {
                rows = try ApplicationRow.fetchAll(
                    db, sql: "\(columns) WHERE instr(fields, ?1) > 0 ORDER BY rowid DESC LIMIT ?2",
                    arguments: [Self.quotedValue(term), limit])
            }
            return try withItems(rows.map(\.summary), db)
        }
    }

    /// `:"value"`: a whole field value as it appears in a stored field map.
    static func quotedValue(_ term: String) -> String {
        ":" + JSONCodec.text(term)
    }

    /// One application in full, or `StoreError.noSuchApplication`.
    package func application(id: String) throws(StoreError) -> ApplicationDetail {
        let found: ApplicationDetail? = try read { db in
            guard
                var detail = try ApplicationRow.Detail.fetchOne(
                    db,
                    sql: """
                        SELECT rowid, *,
                               (SELECT COUNT(*) FROM conflicts WHERE application_id = applications.id AND state = 'open') AS open_conflicts
                        FROM applications WHERE id = ?
                        """,
                    arguments: [id])?.detail
            else { return nil }
            detail.summary.items = try itemsByApplication(db, ids: [id])[id] ?? []
            return detail
        }
        guard let found else { throw .noSuchApplication(id: id) }
        return found
    }

    /// Counts by state and the last sync, for `onething status`.
    package func queueStatus() throws(StoreError) -> QueueStatus {
        try read { db in
            // Kept by triggers (schema v5): a few rows, however many applications are stored.
            var applications = Dictionary(uniqueKeysWithValues: ApplicationState.allCases.map { ($0.rawValue, 0) })
            var outbox: [String: Int] = ["queued": 0, "in_flight": 0, "acked": 0, "quarantined": 0]
            for count in try StateCountRow.fetchAll(db, sql: "SELECT * FROM state_counts") {
                if count.kind == "applications" { applications[count.state] = count.n } else { outbox[count.state] = count.n }
            }
            let sync = try SyncStateRow.fetch(db)
            return QueueStatus(
                applications: applications, outbox: outbox, lastSuccessAt: sync?.lastSuccessAt, lastAttemptAt: sync?.lastAttemptAt,
                lastError: sync?.lastError)
        }
    }

    /// The summaries with their items, read in chunks.
    private func withItems(_ summaries: [ApplicationSummary], _ db: Database) throws -> [ApplicationSummary] {
        let items = try itemsByApplication(db, ids: summaries.map(\.id))
        return summaries.map { summary in
            var summary = summary
            summary.items = items[summary.id] ?? []
            return summary
        }
    }

    func itemsByApplication(_ db: Database, ids: [String]) throws -> [String: [ItemStatus]] {
        var out: [String: [ItemStatus]] = [:]
        // In chunks: older SQLite builds bind at most 999 parameters a statement.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            for row in try ItemRow.fetchAll(
                db,
                sql: "SELECT * FROM application_items WHERE application_id IN (\(databaseQuestionMarks(count: chunk.count))) ORDER BY application_id, position",
                arguments: StatementArguments(chunk))
            {
                out[row.applicationId, default: []].append(row.status)
            }
        }
        return out
    }
}
