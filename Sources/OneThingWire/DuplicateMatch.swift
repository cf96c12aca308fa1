/// How alike two applications of the same person and event are.
package enum DuplicateKind: String, Codable, Sendable, Hashable, JSONStringEnum {
    /// The same person and event (birth: mother, birth date and order; school: child and year).
    case exact
    /// The same person with an event date a few days apart.
    case near
}

/// Another application the hub holds for the same person and event.
package struct DuplicateMatch: Sendable, Hashable {
    package var provinceNo: String
    package var applicationId: String
    package var nodeId: String
    package var kind: DuplicateKind

    package init(provinceNo: String, applicationId: String, nodeId: String, kind: DuplicateKind) {
        self.provinceNo = provinceNo
        self.applicationId = applicationId
        self.nodeId = nodeId
        self.kind = kind
    }
}

extension DuplicateMatch: JSONRecord {
    package static let jsonShape = JSONShape(
        "a duplicate", blank: DuplicateMatch(provinceNo: "", applicationId: "", nodeId: "", kind: .exact))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout DuplicateMatch) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.required("kind", &v.kind)
        try c.required("node_id", &v.nodeId)
        try c.required("province_no", &v.provinceNo)
    }
}
