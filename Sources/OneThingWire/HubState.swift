/// `GET /v1/nodes/{node_id}/state`: what the hub's database holds for a node, asked at the
/// start of every sync so that a hub restored from an older backup, or replaced, is noticed
/// before anything is sent (see sync/openapi.yaml, "Restores").
///
/// `database_id` names the hub's database: it changes when the database is restored
/// (`onething-hub restore`), replaced, or found to have gone back in time, which the hub
/// learns from the node's own query: the `database_id` the node last saw, with an
/// `acked_seq` beyond the hub's `last_seq` for the node or a `cursor` beyond its newest
/// change, means the database lost what it once answered.
package struct HubState: Sendable, Hashable {
    package var databaseId: String
    /// The last sequence number of this node the hub applied (0: none).
    package var lastSeq: Int64
    /// The hub's newest change cursor (0: none).
    package var newestCursor: Int64

    package init(databaseId: String, lastSeq: Int64, newestCursor: Int64) {
        self.databaseId = databaseId
        self.lastSeq = lastSeq
        self.newestCursor = newestCursor
    }

    /// The response header naming the hub's database on every answer to a node.
    package static let databaseHeader = "X-OneThing-Hub-Database"

    /// A database id: 32 lower-case hexadecimal digits.
    package static func isDatabaseId(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

extension HubState: JSONRecord {
    package static let jsonShape = JSONShape("a hub state", blank: HubState(databaseId: "", lastSeq: 0, newestCursor: 0))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout HubState) throws(C.Failure) {
        try c.required("database_id", &v.databaseId)
        try c.required("last_seq", &v.lastSeq)
        try c.required("newest_cursor", &v.newestCursor)
    }
}
