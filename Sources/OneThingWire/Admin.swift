public import OneThingModel

/// One application as the hub holds it (admin API, `onething-hub show --json`).
public struct HubApplication: Sendable, Hashable {
    public var provinceNo: String
    public var applicationId: String
    public var nodeId: String
    public var bundle: String
    public var revision: Int
    public var hubRevision: Int
    public var items: [ItemDecision]
    public var fields: [String: String]
    /// Another application the hub matched this one with when it was accepted.
    public var duplicate: DuplicateMatch?
    /// Fields changed differently at the node and on the hub, waiting for a person's decision.
    public var conflicts: [FieldConflict]
    /// The citizen's satisfaction rating (1 to 5), once the node has sent it.
    public var rating: Int?

    public init(
        provinceNo: String, applicationId: String, nodeId: String, bundle: String, revision: Int, hubRevision: Int,
        items: [ItemDecision], fields: [String: String], duplicate: DuplicateMatch? = nil, conflicts: [FieldConflict] = []
    ) {
        self.duplicate = duplicate
        self.conflicts = conflicts
        self.rating = nil
        self.provinceNo = provinceNo
        self.applicationId = applicationId
        self.nodeId = nodeId
        self.bundle = bundle
        self.revision = revision
        self.hubRevision = hubRevision
        self.items = items
        self.fields = fields
    }
}

extension HubApplication: JSONRecord {
    public static let jsonShape = JSONShape(
        "an application",
        blank: HubApplication(
            provinceNo: "", applicationId: "", nodeId: "", bundle: "", revision: 0, hubRevision: 0, items: [], fields: [:]))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout HubApplication) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.required("bundle", &v.bundle)
        try c.defaulted("conflicts", &v.conflicts, [])
        try c.optional("duplicate", &v.duplicate)
        try c.required("fields", &v.fields)
        try c.required("hub_revision", &v.hubRevision)
        try c.required("items", &v.items)
        try c.required("node_id", &v.nodeId)
        try c.required("province_no", &v.provinceNo)
        try c.optional("rating", &v.rating)
        try c.defaulted("revision", &v.revision, 0)
    }
}

public struct HubApplicationList: Sendable, Hashable {
    public var applications: [HubApplication]

    public init(applications: [HubApplication]) {
        self.applications = applications
    }
}

extension HubApplicationList: JSONRecord {
    public static let jsonShape = JSONShape("a list of applications", blank: HubApplicationList(applications: []))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout HubApplicationList) throws(C.Failure) {
        try c.required("applications", &v.applications)
    }
}

public struct AmendRequest: Sendable, Hashable {
    public var fields: [String: String]

    public init(fields: [String: String]) {
        self.fields = fields
    }
}

extension AmendRequest: JSONRecord {
    public static let jsonShape = JSONShape("an amendment", blank: AmendRequest(fields: [:]))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout AmendRequest) throws(C.Failure) {
        try c.required("fields", &v.fields)
    }
}

public enum Decision: String, Codable, Sendable, Hashable, CaseIterable, JSONStringEnum {
    case approve, reject, `return`
}

public struct DecisionRequest: Sendable, Hashable {
    public var decision: Decision
    public var reason: String?
    public var documents: [String: String]?

    public init(decision: Decision, reason: String? = nil, documents: [String: String]? = nil) {
        self.decision = decision
        self.reason = reason
        self.documents = documents
    }
}

extension DecisionRequest: JSONRecord {
    public static let jsonShape = JSONShape("a decision", blank: DecisionRequest(decision: .approve))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout DecisionRequest) throws(C.Failure) {
        try c.required("decision", &v.decision)
        try c.optional("documents", &v.documents)
        try c.optional("reason", &v.reason)
    }
}

/// Every error body: a stable code and a sentence without applicant data.
public struct ErrorBody: Sendable, Hashable, Error {
    public var error: String
    public var message: String

    public init(error: String, message: String) {
        self.error = error
        self.message = message
    }
}

extension ErrorBody: JSONRecord {
    public static let jsonShape = JSONShape("an error body", blank: ErrorBody(error: "", message: ""))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ErrorBody) throws(C.Failure) {
        try c.required("error", &v.error)
        try c.required("message", &v.message)
    }
}

public struct Health: Sendable, Hashable {
    public var status: String
    public var `protocol`: Int
    public var catalogVersion: String?

    public init(catalogVersion: String?) {
        status = "ok"
        self.protocol = WireProtocol.version
        self.catalogVersion = catalogVersion
    }
}

extension Health: JSONRecord {
    public static let jsonShape = JSONShape("a health answer", blank: Health(catalogVersion: nil))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout Health) throws(C.Failure) {
        try c.optional("catalog_version", &v.catalogVersion)
        try c.required("protocol", &v.protocol)
        try c.required("status", &v.status)
    }
}
