import GRDB
import OneThingDatabase

/// One row of `node_config`: a setting of this node (its id, hub, token file, region, the
/// secret of its person keys).
struct SettingRow: Sendable, Hashable {
    var key: String
    var value: String

    enum Columns {
        static let key = Column("key")
        static let value = Column("value")
    }
}

extension SettingRow: StrictRecord {
    static let databaseTableName = "node_config"

    init(decoding row: Row) throws {
        key = try row.value(Columns.key)
        value = try row.value(Columns.value)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.key) }
}
