package import OneThingWire

extension HubRules {
    /// Stores a node's ratings of its own applications in one transaction; a rating of an
    /// application the hub does not hold for that node is reported, not stored.
    package func rate(node: String, _ ratings: [Rating]) async throws(HubError) -> RatingsResponse {
        try await writing { db in
            var stored = 0
            var unknown: [String] = []
            for rating in ratings {
                guard
                    let number: String = try db.value(
                        "SELECT province_no FROM applications WHERE application_id = ? AND node_id = ?", [rating.applicationId, node])
                else {
                    unknown.append(rating.applicationId)
                    continue
                }
                try db.execute(
                    "INSERT INTO ratings (province_no, score) VALUES (?, ?) ON CONFLICT (province_no) DO UPDATE SET score = excluded.score",
                    [number, rating.score])
                stored += 1
            }
            return RatingsResponse(stored: stored, unknown: unknown)
        }
    }

    /// The rating of an application, if the citizen gave one.
    package func rating(provinceNo: String) async throws(HubError) -> Int? {
        try await reading { db in
            try db.value("SELECT score FROM ratings WHERE province_no = ?", [provinceNo])
        }
    }
}
