
/// One row of `revisions`: the fields of a hub revision, the base of three-way merges, and
/// for a revision a node pushed, the fields as that node sent them.
struct RevisionRecord: Sendable, Hashable {
    var provinceNo: String
    var hubRevision: Int
    var fields: [String: String]
    /// `node`, `merge`, `officer`, `issued` or `migrated`.
    var source: String
    var nodeRevision: Int
    /// The fields as the node sent them; nil when the same as `fields`.
    var nodeFields: [String: String]?
}

extension RevisionRecord: HubRecord {
    static let tableName = "revisions"

    enum Columns {
        static let provinceNo = "province_no"
        static let hubRevision = "hub_revision"
        static let fields = "fields"
        static let source = "source"
        static let nodeRevision = "node_revision"
        static let nodeFields = "node_fields"
    }

    init(decoding row: HubRow) throws {
        provinceNo = try row.value(Columns.provinceNo)
        hubRevision = try row.value(Columns.hubRevision)
        let key = Self.rowKey(row)
        fields = try StoredJSON.decode([String: String].self, from: row.value(Columns.fields), table: Self.tableName, key: key)
        source = try row.value(Columns.source)
        nodeRevision = try row.value(Columns.nodeRevision)
        nodeFields = try (row.value(Columns.nodeFields) as String?).map {
            try StoredJSON.decode([String: String].self, from: $0, table: Self.tableName, key: key)
        }
    }

    static func rowKey(_ row: HubRow) -> String { row.keyText(Columns.provinceNo, Columns.hubRevision) }
}
