package import OneThingModel

/// Which applications an export takes: one bundle or all, filed from one China Standard
/// Time (Asia/Shanghai) civil date to another, both days included. A day is the 24 hours
/// from 00:00+08:00, whatever the machine's time zone.
package struct ExportFilter: Sendable, Hashable {
    package var bundle: String?
    package var from: CivilDate?
    package var to: CivilDate?

    package init(bundle: String? = nil, from: CivilDate? = nil, to: CivilDate? = nil) {
        self.bundle = bundle
        self.from = from
        self.to = to
    }

    /// The first moment included: `from` at 00:00+08:00.
    package var filedFrom: Timestamp? {
        from.map { Timestamp(CivilDateTime(date: $0, hour: 0, minute: 0)) }
    }

    /// The first moment no longer included: the day after `to` at 00:00+08:00.
    package var filedBefore: Timestamp? {
        to.map { Timestamp(CivilDateTime(date: $0.adding(days: 1), hour: 0, minute: 0)) }
    }

    /// Whether an application filed at `filedAt` is in the range.
    package func includes(filedAt: Timestamp) -> Bool {
        if let start = filedFrom, filedAt < start { return false }
        if let end = filedBefore, filedAt >= end { return false }
        return true
    }

    /// The filter as an SQL condition (`WHERE ...`, or "" for everything) on the table's
    /// `bundle` column and `timeColumn`, with its `?` arguments in order. Stored times are all
    /// written `+08:00` and so compare as text in time order.
    package func sqlCondition(timeColumn: String) -> (sql: String, arguments: [String]) {
        var conditions: [String] = []
        var arguments: [String] = []
        if let bundle {
            conditions.append("bundle = ?")
            arguments.append(bundle)
        }
        if let start = filedFrom {
            conditions.append("\(timeColumn) >= ?")
            arguments.append(start.description)
        }
        if let end = filedBefore {
            conditions.append("\(timeColumn) < ?")
            arguments.append(end.description)
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// For the audit log: the filter, never a value of an application.
    package var description: String {
        "bundle=\(bundle ?? "all") from=\(from?.description ?? "-") to=\(to?.description ?? "-")"
    }
}
