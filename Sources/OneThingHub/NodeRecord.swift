import OneThingModel

/// One row of `nodes`: a registered node, the SHA-256 of its token, and the last outbox seq
/// of it the hub applied.
struct NodeRecord: Sendable, Hashable {
    var nodeId: String
    var tokenSHA256: String
    var revoked: Bool
    var lastSeq: Int64
    /// When the node last began a sync (nil: never, or before schema v9).
    var lastSeenAt: String?

    var info: NodeInfo { NodeInfo(nodeId: nodeId, revoked: revoked, lastSeq: lastSeq, lastSeen: lastSeenAt.flatMap(Timestamp.parse)) }

    static func fetch(_ db: some HubSQL, id: String) throws -> NodeRecord? {
        try db.fetchOne(NodeRecord.self, "SELECT * FROM nodes WHERE node_id = ?", [id])
    }

    /// The node's last applied seq, its row locked until the transaction ends (PostgreSQL):
    /// one node's pushes apply one after the other, whichever process takes them.
    static func lockedLastSeq(_ db: some HubSQL, node: String) throws -> Int64? {
        try db.value("SELECT last_seq FROM nodes WHERE node_id = ?" + db.forUpdate, [node])
    }
}

extension NodeRecord: HubRecord {
    static let tableName = "nodes"

    enum Columns {
        static let nodeId = "node_id"
        static let tokenSHA256 = "token_sha256"
        static let revoked = "revoked"
        static let lastSeq = "last_seq"
        static let lastSeenAt = "last_seen_at"
    }

    init(decoding row: HubRow) throws {
        nodeId = try row.value(Columns.nodeId)
        tokenSHA256 = try row.value(Columns.tokenSHA256)
        revoked = try row.value(Columns.revoked)
        lastSeq = try row.value(Columns.lastSeq)
        lastSeenAt = try row.value(Columns.lastSeenAt)
    }

    static func rowKey(_ row: HubRow) -> String { row.keyText(Columns.nodeId) }
}
