import GRDB
package import OneThingExport
package import OneThingModel

extension NodeStore {
    /// The applications `filter` takes, oldest filed first, each with its items' states and
    /// its fields (none once purged), read in the transaction that appends the export to the
    /// audit log: who, the format, the filter and how many rows (never a value). An export
    /// that cannot be audited is not made.
    package func export(_ filter: ExportFilter, format: String, actor: String, at time: Timestamp) throws(StoreError)
        -> [ExportedApplication]
    {
        try write { db in
            let condition = filter.sqlCondition(timeColumn: "filed_at")
            var rows = try ExportRow.fetchAll(
                db, sql: "SELECT \(ExportRow.selection) FROM applications \(condition.sql) ORDER BY filed_at, rowid",
                arguments: StatementArguments(condition.arguments)
            ).map(\.application)
            let items = try itemsByApplication(db, ids: rows.map(\.id))
            for index in rows.indices {
                rows[index].items = (items[rows[index].id] ?? []).map { ExportedItem(code: $0.item, state: $0.state.rawValue) }
            }
            try Self.audit(
                "exported", actor: actor, applicationId: nil, detail: "format=\(format) \(filter.description) rows=\(rows.count)",
                at: time, db)
            return rows
        }
    }
}
