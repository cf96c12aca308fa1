import GRDB
import OneThingDatabase

/// One row of `catalog_updates`: a catalogue the hub published, its files as stored JSON.
struct CatalogUpdateRow: Sendable, Hashable {
    var version: String
    /// The files as stored JSON (`[{path, text}]`); read by `NodeStore.receivedCatalogs`,
    /// which passes over one that does not read back as it would an unusable catalogue.
    var filesJSON: String
    var receivedSeq: Int64

    enum Columns {
        static let version = Column("version")
        static let files = Column("files")
        static let receivedSeq = Column("received_seq")
    }
}

extension CatalogUpdateRow: StrictRecord {
    static let databaseTableName = "catalog_updates"

    init(decoding row: Row) throws {
        version = try row.value(Columns.version)
        filesJSON = try row.value(Columns.files)
        receivedSeq = try row.value(Columns.receivedSeq)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.version) }
}
