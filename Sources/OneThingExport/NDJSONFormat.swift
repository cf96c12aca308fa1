package import OneThingWire

/// NDJSON: one JSON object per application and line (LF), written by the project's one JSON
/// codec (`JSONWriter`: keys sorted, no space, minimal escapes), so that a line reads back
/// with the same strict reader the sync protocol uses.
///
///     {"bundle":"birth","fields":{...},"filed_at":"...","id":"OT-...","items":{"birth-certificate":"approved"},
///      "province_no":"FJ...","purged":false,"region":"350102","state":"accepted"}
package enum NDJSONFormat {
    package static func line(_ row: ExportedApplication) -> String {
        JSONCodec.text(ExportLine(row)) + "\n"
    }
}

/// The JSON object of one exported application (`NDJSONFormat`).
package struct ExportLine: Sendable, Hashable {
    package var bundle: String
    package var fields: [String: String]
    package var filedAt: String
    package var id: String
    /// Item code -> state.
    package var items: [String: String]
    package var provinceNo: String?
    package var purged: Bool
    package var region: String
    package var state: String

    package init(_ row: ExportedApplication) {
        bundle = row.bundle
        fields = row.fields
        filedAt = row.filedAt
        id = row.id
        items = Dictionary(row.items.map { ($0.code, $0.state) }, uniquingKeysWith: { first, _ in first })
        provinceNo = row.provinceNo
        purged = row.purged
        region = row.region
        state = row.state
    }
}

extension ExportLine: JSONRecord {
    package static let jsonShape = JSONShape(
        "an exported application",
        blank: ExportLine(
            ExportedApplication(
                id: "", provinceNo: nil, bundle: "", region: "", filedAt: "", state: "", items: [], fields: [:], purged: false)))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ExportLine) throws(C.Failure) {
        try c.required("bundle", &v.bundle)
        try c.required("fields", &v.fields)
        try c.required("filed_at", &v.filedAt)
        try c.required("id", &v.id)
        try c.required("items", &v.items)
        try c.nullable("province_no", &v.provinceNo)
        try c.required("purged", &v.purged)
        try c.required("region", &v.region)
        try c.required("state", &v.state)
    }
}
