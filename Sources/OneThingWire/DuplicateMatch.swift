/// How alike two applications of the same person and event are.
public enum DuplicateKind: String, Codable, Sendable, Hashable, JSONStringEnum {
    /// The same person and event (birth: mother, birth date and order; school: child and year).
    case exact
    /// The same person with an event date a few days apart.
    case near
}

/// Another application the hub holds for the same person and event.
public struct DuplicateMatch: Sendable, Hashable {
    public var provinceNo: String
    public var applicationId: String
    public var nodeId: String
    public var kind: DuplicateKind

    public init(provinceNo: String, applicationId: String, nodeId: String, kind: DuplicateKind) {
        self.provinceNo = provinceNo
        self.applicationId = applicationId
        self.nodeId = nodeId
        self.kind = kind
    }
}

extension DuplicateMatch: JSONRecord {
    public static let jsonShape = JSONShape(
        "a duplicate", blank: DuplicateMatch(provinceNo: "", applicationId: "", nodeId: "", kind: .exact))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout DuplicateMatch) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.required("kind", &v.kind)
        try c.required("node_id", &v.nodeId)
        try c.required("province_no", &v.provinceNo)
    }
}
