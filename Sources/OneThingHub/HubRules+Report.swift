package import OneThingModel

extension HubRules {
    /// Every item the report for days from `since` on needs: those of applications received
    /// or decided since then, every item not yet decided (for "overdue now"), and those of
    /// applications whose receipt is unknown (counted, not timed). All when `since` is nil.
    package func reportItems(since: Timestamp?) async throws(HubError) -> [ReportItem] {
        let bound = since?.description ?? ""
        return try await reading { db in
            try db.rows(
                """
                SELECT a.province_no, a.bundle, i.item, a.node_id, i.state, a.received_at, i.decided_at, i.returns, r.score
                FROM items i JOIN applications a ON a.province_no = i.province_no
                LEFT JOIN ratings r ON r.province_no = a.province_no
                WHERE a.received_at IS NULL OR a.received_at >= ? OR i.decided_at >= ?
                   OR i.state NOT IN ('approved', 'issued', 'rejected')
                ORDER BY a.province_no, i.position
                """,
                [bound, bound]
            ).map(reportItem)
        }
    }
}

private func reportItem(_ row: HubRow) throws -> ReportItem {
    let number: String = try row.value(ApplicationRecord.Columns.provinceNo, of: "applications", key: "?")
    func moment(_ column: String) throws -> Timestamp? {
        guard let text: String = try row.value(column, of: "items", key: number) else { return nil }
        guard let moment = Timestamp.parse(text) else {
            throw HubError.database(.damagedRow(table: "items", key: number))
        }
        return moment
    }
    return ReportItem(
        provinceNo: number,
        bundle: try row.value(ApplicationRecord.Columns.bundle, of: "applications", key: number),
        item: try row.value(ItemRecord.Columns.item, of: "items", key: number),
        nodeId: try row.value(ApplicationRecord.Columns.nodeId, of: "applications", key: number),
        state: try row.value(ItemRecord.Columns.state, of: "items", key: number),
        receivedAt: try moment("received_at"), decidedAt: try moment("decided_at"),
        returns: try row.value(ItemRecord.Columns.returns, of: "items", key: number),
        rating: try row.value("score", of: "ratings", key: number))
}
