public import OneThingModel

/// One application as the hub holds it (admin API, `onething-hub show --json`).
public struct HubApplication: Codable, Sendable, Hashable {
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

    enum CodingKeys: String, CodingKey {
        case provinceNo = "province_no"
        case applicationId = "application_id"
        case nodeId = "node_id"
        case bundle, revision
        case hubRevision = "hub_revision"
        case items, fields, duplicate, conflicts, rating
    }
}

public struct HubApplicationList: Codable, Sendable, Hashable {
    public var applications: [HubApplication]

    public init(applications: [HubApplication]) {
        self.applications = applications
    }
}

public struct AmendRequest: Codable, Sendable, Hashable {
    public var fields: [String: String]

    public init(fields: [String: String]) {
        self.fields = fields
    }
}

public enum Decision: String, Codable, Sendable, Hashable, CaseIterable {
    case approve, reject, `return`
}

public struct DecisionRequest: Codable, Sendable, Hashable {
    public var decision: Decision
    public var reason: String?
    public var documents: [String: String]?

    public init(decision: Decision, reason: String? = nil, documents: [String: String]? = nil) {
        self.decision = decision
        self.reason = reason
        self.documents = documents
    }
}

/// Every error body: a stable code and a sentence without applicant data.
public struct ErrorBody: Codable, Sendable, Hashable, Error {
    public var error: String
    public var message: String

    public init(error: String, message: String) {
        self.error = error
        self.message = message
    }
}

public struct Health: Codable, Sendable, Hashable {
    public var status: String
    public var `protocol`: Int
    public var catalogVersion: String?

    public init(catalogVersion: String?) {
        status = "ok"
        self.protocol = WireProtocol.version
        self.catalogVersion = catalogVersion
    }

    enum CodingKeys: String, CodingKey {
        case status, `protocol`
        case catalogVersion = "catalog_version"
    }
}

public enum WireProtocol {
    public static let version = 1

    /// Paths of the protocol, shared by the hub's router and the node's client.
    public static let healthPath = "/v1/health"
    public static func pushPath(node: String) -> String { "/v1/nodes/\(node)/push" }
    public static func changesPath(node: String) -> String { "/v1/nodes/\(node)/changes" }
    public static func ratingsPath(node: String) -> String { "/v1/nodes/\(node)/ratings" }
    public static func statePath(node: String) -> String { "/v1/nodes/\(node)/state" }
    public static let adminApplicationsPath = "/v1/admin/applications"
}
