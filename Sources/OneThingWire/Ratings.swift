/// `POST /v1/nodes/{node_id}/ratings`: citizens' satisfaction ratings (好差评) given at the
/// kiosk, one per application of this node; sending one again replaces it (idempotent).
package struct RatingsRequest: Sendable, Hashable {
    package var ratings: [Rating]

    package init(ratings: [Rating]) {
        self.ratings = ratings
    }

    package static let maxRatings = 500
}

package struct Rating: Sendable, Hashable {
    package var applicationId: String
    /// 1 (very poor) to 5 (very good).
    package var score: Int

    package init(applicationId: String, score: Int) {
        self.applicationId = applicationId
        self.score = score
    }
}

package struct RatingsResponse: Sendable, Hashable {
    /// Ratings stored (new or replaced).
    package var stored: Int
    /// Ratings of applications the hub does not hold for this node (not stored; the node
    /// sends them again once the application is accepted).
    package var unknown: [String]

    package init(stored: Int, unknown: [String]) {
        self.stored = stored
        self.unknown = unknown
    }
}

extension RatingsRequest: JSONRecord {
    package static let jsonShape = JSONShape("a ratings request", blank: RatingsRequest(ratings: []))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout RatingsRequest) throws(C.Failure) {
        try c.required("ratings", &v.ratings)
    }
}

extension Rating: JSONRecord {
    package static let jsonShape = JSONShape("a rating", blank: Rating(applicationId: "", score: 0))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout Rating) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.required("score", &v.score)
    }
}

extension RatingsResponse: JSONRecord {
    package static let jsonShape = JSONShape("a ratings response", blank: RatingsResponse(stored: 0, unknown: []))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout RatingsResponse) throws(C.Failure) {
        try c.required("stored", &v.stored)
        try c.required("unknown", &v.unknown)
    }
}
