import GRDB
import OneThingDatabase
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

    static func fetch(_ db: Database, id: String) throws -> NodeRecord? {
        try NodeRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM nodes WHERE node_id = ?"), arguments: [id])
    }
}

extension NodeRecord: StrictRecord {
    static let databaseTableName = "nodes"

    enum Columns {
        static let nodeId = Column("node_id")
        static let tokenSHA256 = Column("token_sha256")
        static let revoked = Column("revoked")
        static let lastSeq = Column("last_seq")
        static let lastSeenAt = Column("last_seen_at")
    }

    init(decoding row: Row) throws {
        nodeId = try row.value(Columns.nodeId)
        tokenSHA256 = try row.value(Columns.tokenSHA256)
        revoked = try row.value(Columns.revoked)
        lastSeq = try row.value(Columns.lastSeq)
        lastSeenAt = try row.value(Columns.lastSeenAt)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.nodeId) }
}
