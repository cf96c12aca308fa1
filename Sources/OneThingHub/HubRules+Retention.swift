import OneThingWire

/// What the hub's retention purge did.
package struct HubPurgeReport: Sendable, Hashable, Codable {
    package var applications = 0
}

extension HubRules {
    /// The hub's own retention: removes the personal data of applications whose items were
    /// all decided before `cutoff` (a stored timestamp, `YYYY-MM-DDTHH:MM+08:00`), keeping
    /// the record a report needs (province number, node, bundle, items and their states,
    /// ratings). Fields, every revision's fields, conflict values, issued documents, return
    /// reasons and the merge fields kept in push answers go; duplicate keys too. One
    /// transaction with `secure_delete`, then the write-ahead log emptied, so that no removed
    /// value stays in either file. Applications with an open conflict are left alone.
    /// A purged application takes no new revision and no amendment; its change is not sent
    /// again, and a node never takes empty fields for its own.
    package func purge(decidedBefore cutoff: String, at time: String) async throws(HubError) -> HubPurgeReport {
        let report = try await writing { db in
            try db.prepareSecureDelete()
            let numbers: [String] = try db.values(
                """
                    SELECT province_no FROM applications a
                    WHERE decided_at IS NOT NULL AND decided_at < ? AND purged_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.province_no = a.province_no AND c.state = 'open')
                    ORDER BY province_no
                    """ + db.forUpdate,
                [cutoff])
            for number in numbers {
                try db.execute(
                    """
                        UPDATE applications SET fields = '{}', person_key = NULL, event_key = NULL, exact_key = NULL,
                            purged_at = ? WHERE province_no = ?
                        """,
                    [time, number])
                try db.execute("UPDATE revisions SET fields = '{}', node_fields = NULL WHERE province_no = ?", [number])
                try db.execute("UPDATE conflicts SET base = NULL, local = NULL, hub = NULL WHERE province_no = ?", [number])
                try db.execute("UPDATE items SET documents = NULL, reason = NULL WHERE province_no = ?", [number])
            }
            try Self.dropMergeFields(of: Set(numbers), db)
            return HubPurgeReport(applications: numbers.count)
        }
        try await afterPurge()
        return report
    }

    /// The merge fields kept in the stored push answers of the purged applications, removed.
    /// Stored answers are read by the codec (one pass over those that hold a merge; the
    /// text match only narrows the pass, the decoded answer decides).
    private static func dropMergeFields(of purged: Set<String>, _ db: some HubSQL) throws {
        guard !purged.isEmpty else { return }
        let entries = try db.fetchAll(EntryRecord.self, #"SELECT * FROM entries WHERE result LIKE '%"merge":%'"#)
        for entry in entries {
            let node = entry.nodeId
            let seq = entry.seq
            var result = try entry.result()
            guard let number = result.provinceNo, purged.contains(number), result.merge != nil else { continue }
            result.merge = nil
            try db.execute("UPDATE entries SET result = ? WHERE node_id = ? AND seq = ?", [StoredJSON.encode(result), node, seq])
        }
    }
}
