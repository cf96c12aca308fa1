public import OneThingModel

/// `POST /v1/nodes/{node_id}/push` (see sync/openapi.yaml).
public struct PushRequest: Codable, Sendable, Hashable {
    public var entries: [PushEntry]

    public init(entries: [PushEntry]) {
        self.entries = entries
    }

    /// The most entries one request may carry.
    public static let maxEntries = 500
}

/// One frozen outbox entry as it travels.
public struct PushEntry: Codable, Sendable, Hashable {
    public var seq: Int64
    public var idempotencyKey: String
    public var applicationId: String
    public var revision: Int
    public var baseRevision: Int?
    public var payloadSHA256: String
    /// The exact canonical JSON text of an `ApplicationPayload`.
    public var payload: String

    public init(
        seq: Int64, idempotencyKey: String, applicationId: String, revision: Int, baseRevision: Int?,
        payloadSHA256: String, payload: String
    ) {
        self.seq = seq
        self.idempotencyKey = idempotencyKey
        self.applicationId = applicationId
        self.revision = revision
        self.baseRevision = baseRevision
        self.payloadSHA256 = payloadSHA256
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case seq
        case idempotencyKey = "idempotency_key"
        case applicationId = "application_id"
        case revision
        case baseRevision = "base_revision"
        case payloadSHA256 = "payload_sha256"
        case payload
    }
}

public struct PushResponse: Codable, Sendable, Hashable {
    public var results: [PushResult]
    public var lastAppliedSeq: Int64

    public init(results: [PushResult], lastAppliedSeq: Int64) {
        self.results = results
        self.lastAppliedSeq = lastAppliedSeq
    }

    enum CodingKeys: String, CodingKey {
        case results
        case lastAppliedSeq = "last_applied_seq"
    }
}

public enum PushStatus: String, Codable, Sendable, Hashable {
    case accepted
    case alreadyApplied = "already_applied"
    case rejected
    case gap
}

public enum RejectionCode: String, Codable, Sendable, Hashable {
    case payloadHashMismatch = "payload_hash_mismatch"
    case keyReused = "key_reused"
    case seqReused = "seq_reused"
    case invalidPayload = "invalid_payload"
    case unknownBundle = "unknown_bundle"
    case unknownApplication = "unknown_application"
}

public struct PushResult: Codable, Sendable, Hashable {
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

    enum CodingKeys: String, CodingKey {
        case seq
        case idempotencyKey = "idempotency_key"
        case status
        case provinceNo = "province_no"
        case hubRevision = "hub_revision"
        case reason
        case reasonCode = "reason_code"
        case expectedSeq = "expected_seq"
        case merge, duplicate
    }
}

/// What the hub's three-way merge of a stale revision did.
public struct MergeOutcome: Codable, Sendable, Hashable {
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

    enum CodingKeys: String, CodingKey {
        case baseRevision = "base_revision"
        case fields
        case fromNode = "from_node"
        case fromHub = "from_hub"
        case conflicts
    }
}

public enum DuplicateKind: String, Codable, Sendable, Hashable {
    /// The same person and event (birth: mother, birth date and order; school: child and year).
    case exact
    /// The same person with an event date a few days apart.
    case near
}

/// Another application the hub holds for the same person and event.
public struct DuplicateMatch: Codable, Sendable, Hashable {
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

    enum CodingKeys: String, CodingKey {
        case provinceNo = "province_no"
        case applicationId = "application_id"
        case nodeId = "node_id"
        case kind
    }
}

extension PushRequest {
    /// The request body as JSON bytes, written directly (keys sorted, as `WireCoding` would
    /// write them). A batch of 250 entries is ~400 KB of mostly escaped payload text, where
    /// JSONEncoder is slow; this writer is on the sync hot path.
    public var jsonBytes: [UInt8] {
        var w = CanonicalJSON.Writer(capacity: entries.reduce(64) { $0 + $1.payload.utf8.count + 256 })
        w.raw("{\"entries\":[")
        for (n, entry) in entries.enumerated() {
            if n > 0 { w.raw(",") }
            w.raw("{\"application_id\":")
            w.string(entry.applicationId)
            w.raw(",\"base_revision\":")
            if let base = entry.baseRevision { w.raw(String(base)) } else { w.raw("null") }
            w.raw(",\"idempotency_key\":")
            w.string(entry.idempotencyKey)
            w.raw(",\"payload\":")
            w.string(entry.payload)
            w.raw(",\"payload_sha256\":")
            w.string(entry.payloadSHA256)
            w.raw(",\"revision\":")
            w.raw(String(entry.revision))
            w.raw(",\"seq\":")
            w.raw(String(entry.seq))
            w.raw("}")
        }
        w.raw("]}")
        return w.bytes
    }
}
