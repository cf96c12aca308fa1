import GRDB
package import OneThingWire

extension HubStore {
    /// Stores a node's ratings of its own applications in one transaction; a rating of an
    /// application the hub does not hold for that node is reported, not stored.
    package func rate(node: String, _ ratings: [Rating]) async throws(HubError) -> RatingsResponse {
        try await write { db in
            var stored = 0
            var unknown: [String] = []
            for rating in ratings {
                guard
                    let number = try String.fetchOne(
                        db.cachedStatement(sql: "SELECT province_no FROM applications WHERE application_id = ? AND node_id = ?"),
                        arguments: [rating.applicationId, node])
                else {
                    unknown.append(rating.applicationId)
                    continue
                }
                try db.cachedStatement(sql: """
                        INSERT INTO ratings (province_no, score) VALUES (?, ?)
                        ON CONFLICT (province_no) DO UPDATE SET score = excluded.score
                        """).execute(arguments: [number, rating.score])
                stored += 1
            }
            return RatingsResponse(stored: stored, unknown: unknown)
        }
    }

    /// The rating of an application, if the citizen gave one.
    package func rating(provinceNo: String) async throws(HubError) -> Int? {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT score FROM ratings WHERE province_no = ?", arguments: [provinceNo])
        }
    }
}
