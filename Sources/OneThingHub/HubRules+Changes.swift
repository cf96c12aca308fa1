import OneThingModel
package import OneThingWire

extension HubRules {
    /// The node's changes after `after`, in commit order, each with the application's
    /// current state; an application that appears twice in the page is given once, at its
    /// last cursor.
    package func changes(node: String, after: Int64, limit: Int, catalog: HubCatalog, nodeCatalogVersion: String?)
        async throws(HubError) -> ChangesPage
    {
        let update = catalog.update(forNodeVersion: nodeCatalogVersion)
        return try await reading { db in
            let rows = try ChangeRecord.page(db, node: node, after: after, limit: limit + 1)
            let page = rows.prefix(limit)
            var lastCursor: [String: Int64] = [:]
            for change in page {
                lastCursor[change.provinceNo] = change.cursor
            }
            // The page's open conflicts in one query (most applications have none).
            let numbers = Array(Set(lastCursor.keys))
            var openConflicts: [String: [FieldConflict]] = [:]
            if !numbers.isEmpty {
                for conflict in try db.fetchAll(
                    ConflictRecord.self,
                    "SELECT * FROM conflicts WHERE state = 'open' AND province_no IN (\(db.placeholders(numbers.count))) ORDER BY field",
                    numbers)
                {
                    openConflicts[conflict.provinceNo, default: []].append(conflict.fieldConflict)
                }
            }
            var changes: [ApplicationChange] = []
            for change in page {
                let number = change.provinceNo
                let cursor = change.cursor
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
            let next = page.last?.cursor ?? after
            return ChangesPage(changes: changes, nextCursor: next, hasMore: rows.count > limit, catalog: update)
        }
    }
}
