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
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let bundle = filter.bundle {
                conditions.append("bundle = ?")
                arguments.append(bundle)
            }
            // Stored times are all written +08:00 and compare as text in time order.
            if let start = filter.filedFrom {
                conditions.append("filed_at >= ?")
                arguments.append(start.description)
            }
            if let end = filter.filedBefore {
                conditions.append("filed_at < ?")
                arguments.append(end.description)
            }
            let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            var rows = try ExportRow.fetchAll(
                db, sql: "SELECT \(ExportRow.selection) FROM applications \(condition) ORDER BY filed_at, rowid",
                arguments: StatementArguments(arguments)
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
