/// `POST /v1/nodes/{node_id}/ratings`: citizens' satisfaction ratings (好差评) given at the
/// kiosk, one per application of this node; sending one again replaces it (idempotent).
public struct RatingsRequest: Codable, Sendable, Hashable {
    public var ratings: [Rating]

    public init(ratings: [Rating]) {
        self.ratings = ratings
    }

    public static let maxRatings = 500
}

public struct Rating: Codable, Sendable, Hashable {
    public var applicationId: String
    /// 1 (very poor) to 5 (very good).
    public var score: Int

    public init(applicationId: String, score: Int) {
        self.applicationId = applicationId
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case applicationId = "application_id"
        case score
    }
}

public struct RatingsResponse: Codable, Sendable, Hashable {
    /// Ratings stored (new or replaced).
    public var stored: Int
    /// Ratings of applications the hub does not hold for this node (not stored; the node
    /// sends them again once the application is accepted).
    public var unknown: [String]

    public init(stored: Int, unknown: [String]) {
        self.stored = stored
        self.unknown = unknown
    }
}
