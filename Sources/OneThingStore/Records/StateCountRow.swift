import GRDB
import OneThingDatabase

/// One row of `state_counts`: how many applications or outbox entries are in a state, kept
/// by triggers (schema v5).
struct StateCountRow: Sendable, Hashable {
    /// `applications` or `outbox`.
    var kind: String
    var state: String
    var n: Int

    enum Columns {
        static let kind = Column("kind")
        static let state = Column("state")
        static let n = Column("n")
    }
}

extension StateCountRow: StrictRecord {
    static let databaseTableName = "state_counts"

    init(decoding row: Row) throws {
        kind = try row.value(Columns.kind)
        state = try row.value(Columns.state)
        n = try row.value(Columns.n)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.kind, Columns.state) }
}
