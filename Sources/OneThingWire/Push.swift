public import Foundation
public import OneThingModel

/// `POST /v1/nodes/{node_id}/push` (see sync/openapi.yaml).
public struct PushRequest: Sendable, Hashable {
    public var entries: [PushEntry]

    public init(entries: [PushEntry]) {
        self.entries = entries
    }

    /// The most entries one request may carry.
    public static let maxEntries = 500
}

extension PushRequest: JSONRecord {
    public static let jsonShape = JSONShape("a push request", blank: PushRequest(entries: []))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout PushRequest) throws(C.Failure) {
        try c.required("entries", &v.entries)
    }

    /// The request body as the node sends it. A batch of 250 entries is ~300 KB of payloads
    /// (sent as they were frozen, not copied into strings); this is on the sync hot path.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(capacity: entries.reduce(64) { $0 + $1.payload.bytes.count + 256 })
        writeJSON(&w)
        return w.bytes
    }

    /// A push request body as the hub reads it, every entry's payload kept as the bytes sent.
    public static func decode(json data: Data) throws(WireDecodingError) -> PushRequest {
        try JSONCodec.decode(PushRequest.self, from: data)
    }
}

/// One frozen outbox entry as it travels.
public struct PushEntry: Sendable, Hashable {
    public var seq: Int64
    public var idempotencyKey: String
    public var applicationId: String
    public var revision: Int
    public var baseRevision: Int?
    public var payloadSHA256: String
    /// The frozen payload: the exact canonical JSON of an `ApplicationPayload`.
    public var payload: PushPayload

    public init(
        seq: Int64, idempotencyKey: String, applicationId: String, revision: Int, baseRevision: Int?,
        payloadSHA256: String, payload: PushPayload
    ) {
        self.seq = seq
        self.idempotencyKey = idempotencyKey
        self.applicationId = applicationId
        self.revision = revision
        self.baseRevision = baseRevision
        self.payloadSHA256 = payloadSHA256
        self.payload = payload
    }
}

extension PushEntry: JSONRecord {
    public static let jsonShape = JSONShape(
        "a push entry",
        blank: PushEntry(seq: 0, idempotencyKey: "", applicationId: "", revision: 0, baseRevision: nil, payloadSHA256: "", payload: .text("")))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout PushEntry) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.optional("base_revision", &v.baseRevision)
        try c.required("idempotency_key", &v.idempotencyKey)
        try c.required("payload", &v.payload)
        try c.required("payload_sha256", &v.payloadSHA256)
        try c.required("revision", &v.revision)
        try c.required("seq", &v.seq)
    }
}

public struct PushResponse: Sendable, Hashable {
    public var results: [PushResult]
    public var lastAppliedSeq: Int64

    public init(results: [PushResult], lastAppliedSeq: Int64) {
        self.results = results
        self.lastAppliedSeq = lastAppliedSeq
    }
}

extension PushResponse: JSONRecord {
    public static let jsonShape = JSONShape("a push response", blank: PushResponse(results: [], lastAppliedSeq: 0))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout PushResponse) throws(C.Failure) {
        try c.required("last_applied_seq", &v.lastAppliedSeq)
        try c.required("results", &v.results)
    }
}

public enum PushStatus: String, Codable, Sendable, Hashable, JSONStringEnum {
    case accepted
    case alreadyApplied = "already_applied"
    case rejected
    case gap
}

public enum RejectionCode: String, Codable, Sendable, Hashable, JSONStringEnum {
    case payloadHashMismatch = "payload_hash_mismatch"
    case keyReused = "key_reused"
    case seqReused = "seq_reused"
    case invalidPayload = "invalid_payload"
    case unknownBundle = "unknown_bundle"
    case unknownApplication = "unknown_application"
}

public struct PushResult: Sendable, Hashable {
    public var seq: Int64
    public var idempotencyKey: String
    public var status: PushStatus
    public var provinceNo: String?
    public var hubRevision: Int?
    public var reason: String?
    public var reasonCode: RejectionCode?
    public var expectedSeq: Int64?
    /// The entry's base revision was older than the hub's: the hub merged per field. Only
    /// then are `fields` (the hub's fields after the merge) and `merged` given.
    public var merge: MergeOutcome?
    /// The hub matched the application with another it already holds (rev. 1 only).
    public var duplicate: DuplicateMatch?

    public init(
        seq: Int64, idempotencyKey: String, status: PushStatus, provinceNo: String? = nil, hubRevision: Int? = nil,
        reason: String? = nil, reasonCode: RejectionCode? = nil, expectedSeq: Int64? = nil,
        merge: MergeOutcome? = nil, duplicate: DuplicateMatch? = nil
    ) {
        self.merge = merge
        self.duplicate = duplicate
        self.seq = seq
        self.idempotencyKey = idempotencyKey
        self.status = status
        self.provinceNo = provinceNo
        self.hubRevision = hubRevision
        self.reason = reason
        self.reasonCode = reasonCode
        self.expectedSeq = expectedSeq
    }
}

extension PushResult: JSONRecord {
    public static let jsonShape = JSONShape("a push result", blank: PushResult(seq: 0, idempotencyKey: "", status: .gap))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout PushResult) throws(C.Failure) {
        try c.optional("duplicate", &v.duplicate)
        try c.optional("expected_seq", &v.expectedSeq)
        try c.optional("hub_revision", &v.hubRevision)
        try c.required("idempotency_key", &v.idempotencyKey)
        try c.optional("merge", &v.merge)
        try c.optional("province_no", &v.provinceNo)
        try c.optional("reason", &v.reason)
        try c.optional("reason_code", &v.reasonCode)
        try c.required("seq", &v.seq)
        try c.required("status", &v.status)
    }
}

/// What the hub's three-way merge of a stale revision did.
public struct MergeOutcome: Sendable, Hashable {
    /// The base revision the merge used.
    public var baseRevision: Int
    /// The hub's fields after the merge (the hub's value where there is a conflict).
    public var fields: [String: String]
    /// Fields taken from the node's revision, and kept from the hub's later changes.
    public var fromNode: [String]
    public var fromHub: [String]
    /// Fields changed differently on both sides: each waits for a person's decision.
    public var conflicts: [FieldConflict]

    public init(baseRevision: Int, fields: [String: String], fromNode: [String], fromHub: [String], conflicts: [FieldConflict]) {
        self.baseRevision = baseRevision
        self.fields = fields
        self.fromNode = fromNode
        self.fromHub = fromHub
        self.conflicts = conflicts
    }
}

extension MergeOutcome: JSONRecord {
    public static let jsonShape = JSONShape(
        "a merge outcome", blank: MergeOutcome(baseRevision: 0, fields: [:], fromNode: [], fromHub: [], conflicts: []))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout MergeOutcome) throws(C.Failure) {
        try c.required("base_revision", &v.baseRevision)
        try c.required("conflicts", &v.conflicts)
        try c.required("fields", &v.fields)
        try c.required("from_hub", &v.fromHub)
        try c.required("from_node", &v.fromNode)
    }
}

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
