package import OneThingModel

/// A registered node as `nodes list` shows it (never its token).
package struct NodeInfo: Codable, Sendable, Hashable {
    package var nodeId: String
    package var revoked: Bool
    package var lastSeq: Int64
    /// When the node last made an authenticated request, as far as the store records it
    /// (nil: never, or not recorded by this store); `GET /metrics` takes the later of this
    /// and what the serving process saw itself.
    package var lastSeen: Timestamp? = nil

    enum CodingKeys: String, CodingKey {
        case nodeId = "node_id"
        case revoked
        case lastSeq = "last_seq"
        case lastSeen = "last_seen"
    }
}
