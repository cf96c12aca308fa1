/// A registered node as `nodes list` shows it (never its token).
public struct NodeInfo: Codable, Sendable, Hashable {
    public var nodeId: String
    public var revoked: Bool
    public var lastSeq: Int64

    enum CodingKeys: String, CodingKey {
        case nodeId = "node_id"
        case revoked
        case lastSeq = "last_seq"
    }
}
