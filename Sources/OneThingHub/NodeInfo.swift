/// A registered node as `nodes list` shows it (never its token).
package struct NodeInfo: Codable, Sendable, Hashable {
    package var nodeId: String
    package var revoked: Bool
    package var lastSeq: Int64

    enum CodingKeys: String, CodingKey {
        case nodeId = "node_id"
        case revoked
        case lastSeq = "last_seq"
    }
}
