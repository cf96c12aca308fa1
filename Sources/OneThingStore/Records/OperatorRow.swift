import Foundation
import GRDB
import OneThingDatabase

/// One row of `operators`: a kiosk operator, the salted hash of the PIN, and the lock.
struct OperatorRow: Sendable {
    var info: OperatorInfo
    var pinSalt: Data
    var pinHash: Data
    var pinRounds: Int

    enum Columns {
        static let id = Column("id")
        static let name = Column("name")
        static let pinSalt = Column("pin_salt")
        static let pinHash = Column("pin_hash")
        static let pinRounds = Column("pin_rounds")
        static let failedAttempts = Column("failed_attempts")
        static let locked = Column("locked")
        static let active = Column("active")
    }
}

extension OperatorRow: StrictRecord {
    static let databaseTableName = "operators"

    init(decoding row: Row) throws {
        info = OperatorInfo(
            id: try row.value(Columns.id), name: try row.value(Columns.name), locked: try row.value(Columns.locked),
            failedAttempts: try row.value(Columns.failedAttempts), active: try row.value(Columns.active))
        pinSalt = try row.value(Columns.pinSalt)
        pinHash = try row.value(Columns.pinHash)
        pinRounds = try row.value(Columns.pinRounds)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
}
