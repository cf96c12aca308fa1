/// `POST /v1/nodes/{node_id}/ratings`: citizens' satisfaction ratings (好差评) given at the
/// kiosk, one per application of this node; sending one again replaces it (idempotent).
public struct RatingsRequest: Sendable, Hashable {
    public var ratings: [Rating]

    public init(ratings: [Rating]) {
        self.ratings = ratings
    }

    public static let maxRatings = 500
}

public struct Rating: Sendable, Hashable {
    public var applicationId: String
    /// 1 (very poor) to 5 (very good).
    public var score: Int

    public init(applicationId: String, score: Int) {
        self.applicationId = applicationId
        self.score = score
    }
}

public struct RatingsResponse: Sendable, Hashable {
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

extension RatingsRequest: JSONRecord {
    public static let jsonShape = JSONShape("a ratings request", blank: RatingsRequest(ratings: []))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout RatingsRequest) throws(C.Failure) {
        try c.required("ratings", &v.ratings)
    }
}

extension Rating: JSONRecord {
    public static let jsonShape = JSONShape("a rating", blank: Rating(applicationId: "", score: 0))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout Rating) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.required("score", &v.score)
    }
}

extension RatingsResponse: JSONRecord {
    public static let jsonShape = JSONShape("a ratings response", blank: RatingsResponse(stored: 0, unknown: []))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout RatingsResponse) throws(C.Failure) {
        try c.required("stored", &v.stored)
        try c.required("unknown", &v.unknown)
    }
}
