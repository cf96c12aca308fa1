import GRDB
import OneThingDatabase
import OneThingWire

/// One row of `ratings`: the citizen's rating of an application (好差评), sent once the hub
/// holds the application.
struct RatingRow: Sendable {
    var rating: Rating

    enum Columns {
        static let applicationId = Column("application_id")
        static let score = Column("score")
    }
}

extension RatingRow: StrictRecord {
    static let databaseTableName = "ratings"

    init(decoding row: Row) throws {
        rating = Rating(applicationId: try row.value(Columns.applicationId), score: try row.value(Columns.score))
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.applicationId) }
}
