
extension HubRules {
    /// Registers a node and returns its token; only the token's SHA-256 is stored, so the
    /// token can be shown this once.
    package func addNode(_ id: String) async throws(HubError) -> String {
        guard NodeID.isValid(id) else { throw .invalidNodeId(id) }
        let token = NodeToken.generate()
        let hash = Digest.sha256Hex(token)
        try await writing { db in
            // One statement, so that two processes adding the same node cannot both succeed.
            let added = try db.execute(
                "INSERT INTO nodes (node_id, token_sha256) VALUES (?, ?) ON CONFLICT (node_id) DO NOTHING", [id, hash])
            if added == 0 { throw HubError.nodeExists(id) }
        }
        return token
    }

    package func nodes() async throws(HubError) -> [NodeInfo] {
        try await reading { db in
            try db.fetchAll(NodeRecord.self, "SELECT * FROM nodes ORDER BY node_id").map(\.info)
        }
    }

    /// Refuses the node's token from now on; its applications stay.
    package func revokeNode(_ id: String) async throws(HubError) {
        try await writing { db in
            if try db.execute("UPDATE nodes SET revoked = 1 WHERE node_id = ?", [id]) == 0 { throw HubError.noSuchNode(id) }
        }
    }

    /// Re-keys a node: a new token replaces the old one, which is refused from this moment
    /// (the next request with it is a 401), and a revoked node is active again. Everything
    /// the node holds or has sent stays: its sequence numbers, applications and changes are
    /// the node's, not the token's, so the node carries on with the new token file.
    package func rotateNode(_ id: String) async throws(HubError) -> String {
        let token = NodeToken.generate()
        let hash = Digest.sha256Hex(token)
        try await writing { db in
            if try db.execute("UPDATE nodes SET token_sha256 = ?, revoked = 0 WHERE node_id = ?", [hash, id]) == 0 {
                throw HubError.noSuchNode(id)
            }
        }
        return token
    }

    /// Whether `token` belongs to the registered, not revoked node `id`.
    package func authenticate(node id: String, token: String) async throws(HubError) -> Bool {
        guard NodeID.isValid(id) else { return false }
        let presented = Digest.sha256Hex(token)
        guard let node = try await reading({ db in try NodeRecord.fetch(db, id: id) }) else { return false }
        return Digest.constantTimeEqual(node.tokenSHA256, presented) && !node.revoked
    }
}
