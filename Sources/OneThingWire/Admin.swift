package import OneThingModel

/// One application as the hub holds it (admin API, `onething-hub show --json`).
package struct HubApplication: Sendable, Hashable {
    package var provinceNo: String
    package var applicationId: String
    package var nodeId: String
    package var bundle: String
    package var revision: Int
    package var hubRevision: Int
    package var items: [ItemDecision]
    package var fields: [String: String]
    /// Another application the hub matched this one with when it was accepted.
    package var duplicate: DuplicateMatch?
    /// Fields changed differently at the node and on the hub, waiting for a person's decision.
    package var conflicts: [FieldConflict]
    /// The citizen's satisfaction rating (1 to 5), once the node has sent it.
    package var rating: Int?
    /// When the hub accepted the application (its revision 1); nil for one accepted before
    /// the hub recorded it.
    package var receivedAt: String?

    package init(
        provinceNo: String, applicationId: String, nodeId: String, bundle: String, revision: Int, hubRevision: Int,
        items: [ItemDecision], fields: [String: String], duplicate: DuplicateMatch? = nil, conflicts: [FieldConflict] = []
    ) {
        self.duplicate = duplicate
        self.conflicts = conflicts
        self.rating = nil
        self.receivedAt = nil
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
    package static let jsonShape = JSONShape(
        "an application",
        blank: HubApplication(
            provinceNo: "", applicationId: "", nodeId: "", bundle: "", revision: 0, hubRevision: 0, items: [], fields: [:]))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout HubApplication) throws(C.Failure) {
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
        try c.optional("received_at", &v.receivedAt)
        try c.defaulted("revision", &v.revision, 0)
    }
}

package struct HubApplicationList: Sendable, Hashable {
    package var applications: [HubApplication]

    package init(applications: [HubApplication]) {
        self.applications = applications
    }
}

extension HubApplicationList: JSONRecord {
    package static let jsonShape = JSONShape("a list of applications", blank: HubApplicationList(applications: []))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout HubApplicationList) throws(C.Failure) {
        try c.required("applications", &v.applications)
    }
}

package struct AmendRequest: Sendable, Hashable {
    package var fields: [String: String]

    /// Who changes them: an officer's id (recorded with the hub revision).
    package var officer: String?

    package init(fields: [String: String], officer: String? = nil) {
        self.fields = fields
        self.officer = officer
    }
}

extension AmendRequest: JSONRecord {
    package static let jsonShape = JSONShape("an amendment", blank: AmendRequest(fields: [:]))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout AmendRequest) throws(C.Failure) {
        try c.required("fields", &v.fields)
        try c.optional("officer", &v.officer)
    }
}

package enum Decision: String, Codable, Sendable, Hashable, CaseIterable, JSONStringEnum {
    case approve, reject, `return`
}

package struct DecisionRequest: Sendable, Hashable {
    package var decision: Decision
    package var reason: String?
    package var documents: [String: String]?
    /// Who decided: an officer's id, recorded with the item.
    package var officer: String?

    package init(decision: Decision, reason: String? = nil, documents: [String: String]? = nil, officer: String? = nil) {
        self.decision = decision
        self.reason = reason
        self.documents = documents
        self.officer = officer
    }
}

extension DecisionRequest: JSONRecord {
    package static let jsonShape = JSONShape("a decision", blank: DecisionRequest(decision: .approve))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout DecisionRequest) throws(C.Failure) {
        try c.required("decision", &v.decision)
        try c.optional("documents", &v.documents)
        try c.optional("officer", &v.officer)
        try c.optional("reason", &v.reason)
    }
}

/// Every error body: a stable code and a sentence without applicant data.
package struct ErrorBody: Sendable, Hashable, Error {
    package var error: String
    package var message: String

    package init(error: String, message: String) {
        self.error = error
        self.message = message
    }
}

extension ErrorBody: JSONRecord {
    package static let jsonShape = JSONShape("an error body", blank: ErrorBody(error: "", message: ""))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ErrorBody) throws(C.Failure) {
        try c.required("error", &v.error)
        try c.required("message", &v.message)
    }
}

package struct Health: Sendable, Hashable {
    package var status: String
    package var `protocol`: Int
    package var catalogVersion: String?

    package init(catalogVersion: String?) {
        status = "ok"
        self.protocol = WireProtocol.version
        self.catalogVersion = catalogVersion
    }
}

extension Health: JSONRecord {
    package static let jsonShape = JSONShape("a health answer", blank: Health(catalogVersion: nil))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout Health) throws(C.Failure) {
        try c.optional("catalog_version", &v.catalogVersion)
        try c.required("protocol", &v.protocol)
        try c.required("status", &v.status)
    }
}
