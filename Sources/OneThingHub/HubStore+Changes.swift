import GRDB
import OneThingModel
public import OneThingWire

extension HubStore {
    /// The node's changes after `after`, in commit order, each with the application's
    /// current state; an application that appears twice in the page is given once, at its
    /// last cursor.
    public func changes(node: String, after: Int64, limit: Int, catalog: HubCatalog, nodeCatalogVersion: String?)
        async throws(HubError) -> ChangesPage
    {
        let update = catalog.update(forNodeVersion: nodeCatalogVersion)
        return try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT cursor, province_no FROM changes WHERE node_id = ? AND cursor > ? ORDER BY cursor LIMIT ?",
                arguments: [node, after, limit + 1])
            let page = rows.prefix(limit)
            var lastCursor: [String: Int64] = [:]
            for row in page {
                lastCursor[row["province_no"]] = row["cursor"]
            }
            // The page's open conflicts in one query (most applications have none).
            let numbers = Array(Set(lastCursor.keys))
            var openConflicts: [String: [FieldConflict]] = [:]
            if !numbers.isEmpty {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT province_no, field, base, local, hub FROM conflicts
                        WHERE state = 'open' AND province_no IN (\(databaseQuestionMarks(count: numbers.count))) ORDER BY field
                        """,
                    arguments: StatementArguments(numbers))
                {
                    openConflicts[row["province_no"], default: []].append(
                        FieldConflict(field: row["field"], base: row["base"], local: row["local"], hub: row["hub"]))
                }
            }
            var changes: [ApplicationChange] = []
            for row in page {
                let number: String = row["province_no"]
                let cursor: Int64 = row["cursor"]
                guard lastCursor[number] == cursor else { continue }
                guard let record = try ApplicationRecord.fetch(db, provinceNo: number) else {
                    throw HubError.damagedRow(table: "changes", key: "cursor \(cursor)")
                }
                let items = try ItemRecord.fetchAll(db, provinceNo: number)
                changes.append(
                    ApplicationChange(
                        cursor: cursor, applicationId: record.applicationId, provinceNo: number,
                        hubRevision: record.hubRevision, revision: record.revision, items: items.map(\.decision),
                        fields: record.fields, duplicate: try record.duplicateMatch(db),
                        conflicts: openConflicts[number] ?? [], purged: record.purgedAt != nil))
            }
            let next: Int64 = page.last.map { $0["cursor"] } ?? after
            return ChangesPage(changes: changes, nextCursor: next, hasMore: rows.count > limit, catalog: update)
        }
    }
}
