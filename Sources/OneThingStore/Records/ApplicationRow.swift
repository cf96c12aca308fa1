import Foundation
import GRDB
import OneThingDatabase
import OneThingModel
import OneThingWire

/// One row of `applications` as `list` and `show` read it (`ApplicationRow.summaryColumns`,
/// or every column with `open_conflicts` for `show`), read strictly: a state, time or JSON
/// column that does not read back is a damaged row, never a default.
struct ApplicationRow: Sendable {
    var rowid: Int64
    var summary: ApplicationSummary

    /// The columns of a summary (`list`, look-up).
    static let summaryColumns = "rowid, id, bundle, state, revision, province_no, filed_at"

    enum Columns {
        static let rowid = Column("rowid")
        static let id = Column("id")
        static let bundle = Column("bundle")
        static let state = Column("state")
        static let revision = Column("revision")
        static let provinceNo = Column("province_no")
        static let filedAt = Column("filed_at")
        static let region = Column("region")
        static let catalogVersion = Column("catalog_version")
        static let fields = Column("fields")
        static let situations = Column("situations")
        static let hubRevision = Column("hub_revision")
        static let stateReason = Column("state_reason")
        static let operatorId = Column("operator")
        static let updatedAt = Column("updated_at")
        static let hubFieldsRevision = Column("hub_fields_revision")
        static let duplicate = Column("duplicate")
        static let personKey = Column("person_key")
        static let eventKey = Column("event_key")
        static let exactKey = Column("exact_key")
        /// Not a column of the table: the count `show` selects beside them.
        static let openConflicts = Column("open_conflicts")
    }
}

extension ApplicationRow: StrictRecord {
    static let databaseTableName = "applications"

    init(decoding row: Row) throws {
        rowid = try row.value(Columns.rowid)
        summary = ApplicationSummary(
            id: try row.value(Columns.id), bundle: try row.value(Columns.bundle), state: try row.value(Columns.state),
            revision: try row.value(Columns.revision), provinceNo: try row.value(Columns.provinceNo),
            filedAt: try row.value(Columns.filedAt), items: [])
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }

    /// The application in full, for `show` (every column and `open_conflicts`).
    struct Detail: StrictRecord {
        static let databaseTableName = "applications"
        typealias Columns = ApplicationRow.Columns
        var detail: ApplicationDetail

        init(decoding row: Row) throws {
            let summary = try ApplicationRow(decoding: row).summary
            let key = summary.id
            detail = ApplicationDetail(
                summary: summary, region: try row.value(Columns.region), catalogVersion: try row.value(Columns.catalogVersion),
                fields: try StoredFields.decode(row.value(Columns.fields) as String, table: Self.databaseTableName, key: key),
                situations: try StoredFields.decodeList(row.value(Columns.situations) as String, table: Self.databaseTableName, key: key),
                hubRevision: try row.value(Columns.hubRevision), stateReason: try row.value(Columns.stateReason),
                operatorId: try row.value(Columns.operatorId), updatedAt: try row.value(Columns.updatedAt),
                hubFieldsRevision: try row.value(Columns.hubFieldsRevision),
                duplicate: try (row.value(Columns.duplicate) as String?).map {
                    try StoredFields.decode(DuplicateMatch.self, from: $0, table: Self.databaseTableName, key: key)
                },
                openConflicts: try row.value(Columns.openConflicts))
        }

        static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
    }

    /// What duplicate keys are made of: the id, the bundle and the field map. Its columns
    /// are there since the first schema, so the migrations that key persons read it too.
    struct Person: StrictRecord {
        static let databaseTableName = "applications"
        static let selection = "id, bundle, catalog_version, fields"
        typealias Columns = ApplicationRow.Columns
        var id: String
        var bundle: String
        /// The catalogue it was filed under, whose bundle declares the duplicate key.
        var catalogVersion: String
        var fields: [String: String]

        init(decoding row: Row) throws {
            id = try row.value(Columns.id)
            bundle = try row.value(Columns.bundle)
            catalogVersion = try row.value(Columns.catalogVersion)
            fields = try StoredFields.decode(row.value(Columns.fields) as String, table: Self.databaseTableName, key: id)
        }

        static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
    }

    /// The working copy an amendment starts from.
    struct Working: StrictRecord {
        static let databaseTableName = "applications"
        static let selection = "id, bundle, catalog_version, fields, revision, hub_fields_revision, filed_at"
        typealias Columns = ApplicationRow.Columns
        var bundle: String
        /// The catalogue it was filed under, whose bundle declares its system fields.
        var catalogVersion: String
        var fields: [String: String]
        var revision: Int
        /// The hub revision the working copy was last merged with (0: none yet).
        var hubFieldsRevision: Int
        /// As stored, the text a payload carries.
        var filedAt: String

        init(decoding row: Row) throws {
            bundle = try row.value(Columns.bundle)
            catalogVersion = try row.value(Columns.catalogVersion)
            fields = try StoredFields.decode(row.value(Columns.fields) as String, table: Self.databaseTableName, key: Self.rowKey(row))
            revision = try row.value(Columns.revision)
            hubFieldsRevision = try row.value(Columns.hubFieldsRevision)
            filedAt = try row.value(Columns.filedAt)
        }

        static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
    }

    /// What a pulled change meets here: the application's state, the hub revision of its
    /// merge base, and what of it is still on the way (computed columns of the pull's query).
    struct Local: StrictRecord {
        static let databaseTableName = "applications"
        typealias Columns = ApplicationRow.Columns
        var application: SyncMachine.LocalApplication

        init(decoding row: Row) throws {
            application = SyncMachine.LocalApplication(
                state: try row.value(Columns.state), knownHubRevision: try row.value(Columns.hubFieldsRevision),
                purged: try row.value(Column("purged")), pending: try row.value(Column("pending")),
                unsent: try row.value(Column("unsent")), openConflicts: try row.value(Columns.openConflicts))
        }

        static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
    }

    /// What a push answer meets once its entry is acknowledged: the hub revision of the
    /// application's merge base and how many of its entries are still unanswered.
    struct Answered: StrictRecord {
        static let databaseTableName = "applications"
        typealias Columns = ApplicationRow.Columns
        var hubFieldsRevision: Int
        /// Outbox entries queued or in flight.
        var pending: Int

        init(decoding row: Row) throws {
            hubFieldsRevision = try row.value(Columns.hubFieldsRevision)
            pending = try row.value(Column("pending"))
        }

        static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
    }
}
