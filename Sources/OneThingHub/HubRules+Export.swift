package import OneThingExport
package import OneThingModel

extension HubRules {
    /// `HubStorage.export`: applications received in the filter's days (all of them, with
    /// those received before the hub recorded times, when no day is given), oldest first.
    /// The state of an application at the hub is `decided` once every item is approved,
    /// issued or rejected, `purged` once retention removed its data, else `in_progress`.
    package func export(_ filter: ExportFilter, format: String, actor: String, at time: Timestamp) async throws(HubError)
        -> [ExportedApplication]
    {
        try await writing { db in
            let condition = filter.sqlCondition(timeColumn: "received_at")
            // Those received before the hub recorded times first, on both databases (PostgreSQL
            // would sort NULL last).
            let records = try db.fetchAll(
                ApplicationRecord.self,
                "SELECT * FROM applications \(condition.sql) ORDER BY received_at IS NOT NULL, received_at, province_no",
                condition.arguments)
            let itemsOf = try ItemRecord.byApplication(db, where: condition.sql, condition.arguments)
            let final: Set<ItemState> = [.approved, .issued, .rejected]
            let rows = records.map { record -> ExportedApplication in
                let items = itemsOf[record.provinceNo] ?? []
                let state = record.purgedAt != nil ? "purged" : items.allSatisfy { final.contains($0.state) } ? "decided" : "in_progress"
                return ExportedApplication(
                    id: record.applicationId, provinceNo: record.provinceNo, bundle: record.bundle, region: record.region,
                    filedAt: record.receivedAt ?? "", state: state,
                    items: items.map { ExportedItem(code: $0.item, state: $0.state.rawValue) }, fields: record.fields,
                    purged: record.purgedAt != nil)
            }
            try db.execute(
                "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, 'exported', ?)",
                [time.description, actor, "format=\(format) \(filter.description) rows=\(rows.count)"])
            return rows
        }
    }
}
