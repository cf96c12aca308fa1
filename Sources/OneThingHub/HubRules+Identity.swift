import OneThingModel
package import OneThingWire

/// The hub database's identity. Nodes keep the `database_id` they last saw and the hub names
/// it in every answer; a new one means "this is not the database you synced with" (restored
/// from an older backup, or replaced), and each node then sends again what the hub lacks and
/// pulls again from the start (sync/openapi.yaml, "Restores").
enum HubIdentity {
    /// Province numbers issued after a new identity start in a fresh block of this size, so
    /// that a number issued before the database went back in time is never issued again for
    /// another application (unless more than this many were issued after the backup).
    static let provinceNumberBlock: Int64 = 10_000_000

    /// How fresh `nodes.last_seen_at` is kept: a sync rewrites it when it is this old.
    static let lastSeenResolutionSeconds: Int64 = 300

    /// 128 random bits as 32 lower-case hexadecimal digits.
    static func newDatabaseId() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func databaseId(_ db: some HubSQL) throws -> String {
        guard let id: String = try db.value("SELECT value FROM meta WHERE key = 'database_id'") else {
            throw HubError.damagedRow(table: "meta", key: "database_id")
        }
        return id
    }

    /// Draws a new identity and moves the province-number counter to the next block; part of
    /// the caller's transaction.
    static func renew(reason: String, at time: String, _ db: some HubSQL) throws -> String {
        let id = newDatabaseId()
        try db.execute("UPDATE meta SET value = ? WHERE key = 'database_id'", [id])
        for (key, value) in [("restored_at", time), ("restore_reason", reason)] {
            try db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
        }
        try db.execute(
            "UPDATE counters SET value = (value / ? + 1) * ? WHERE name = 'province_no'", [provinceNumberBlock, provinceNumberBlock])
        return id
    }
}

extension HubRules {
    /// The database's identity, named in every answer to a node.
    package func databaseId() async throws(HubError) -> String {
        try await reading { db in try HubIdentity.databaseId(db) }
    }

    /// What the hub holds for `node`, for the start of a sync. The node tells what it last
    /// saw: the `database_id`, its highest acknowledged seq and its pull cursor. When it saw
    /// THIS database and yet knows more than it holds (an acknowledged seq beyond the node's
    /// last applied seq, or a cursor beyond the newest change), the database went back in
    /// time (a file restored from a backup): the hub draws a new identity, so that every
    /// node, not only this one, recovers. A node that saw another identity learns the
    /// current one and recovers by itself; it triggers nothing.
    package func state(node: String, seenDatabaseId: String?, ackedSeq: Int64?, cursor: Int64?, at time: String)
        async throws(HubError) -> (state: HubState, renewed: Bool)
    {
        try await writing { db in
            guard let lastSeq: Int64 = try db.value("SELECT last_seq FROM nodes WHERE node_id = ?", [node]) else {
                throw HubError.noSuchNode(node)
            }
            let newest = try ChangeRecord.newest(db)
            if let now = Timestamp.parse(time) {
                // Seen now; written only when the record is older than the resolution, so
                // that most syncs write nothing here.
                let stale = Timestamp(epochSeconds: now.epochSeconds - HubIdentity.lastSeenResolutionSeconds).description
                try db.execute(
                    "UPDATE nodes SET last_seen_at = ? WHERE node_id = ? AND (last_seen_at IS NULL OR last_seen_at <= ?)",
                    [time, node, stale])
            }
            var id = try HubIdentity.databaseId(db)
            var renewed = false
            if seenDatabaseId == id {
                var lost: [String] = []
                if let ackedSeq, ackedSeq > lastSeq { lost.append("node \(node) holds seq \(ackedSeq) acknowledged, the hub only \(lastSeq)") }
                if let cursor, cursor > newest { lost.append("node \(node) pulled to cursor \(cursor), the hub's newest is \(newest)") }
                if !lost.isEmpty {
                    id = try HubIdentity.renew(reason: "went back in time: " + lost.joined(separator: "; "), at: time, db)
                    renewed = true
                }
            }
            return (HubState(databaseId: id, lastSeq: lastSeq, newestCursor: newest), renewed)
        }
    }

    /// After the database file was restored from a backup by `onething-hub restore`: a new
    /// identity and a fresh block of province numbers.
    package func renewIdentity(reason: String, at time: String) async throws(HubError) -> String {
        try await writing { db in try HubIdentity.renew(reason: reason, at: time, db) }
    }
}
