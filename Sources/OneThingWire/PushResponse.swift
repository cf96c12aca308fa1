/// The hub's answer to a push: one result per entry applied or answered, in request order.
package struct PushResponse: Sendable, Hashable {
    package var results: [PushResult]
    package var lastAppliedSeq: Int64

    package init(results: [PushResult], lastAppliedSeq: Int64) {
        self.results = results
        self.lastAppliedSeq = lastAppliedSeq
    }
}

extension PushResponse: JSONRecord {
    package static let jsonShape = JSONShape("a push response", blank: PushResponse(results: [], lastAppliedSeq: 0))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout PushResponse) throws(C.Failure) {
        try c.required("last_applied_seq", &v.lastAppliedSeq)
        try c.required("results", &v.results)
    }
}

package enum PushStatus: String, Codable, Sendable, Hashable, JSONStringEnum {
    case accepted
    case alreadyApplied = "already_applied"
    case rejected
    case gap
}

package enum RejectionCode: String, Codable, Sendable, Hashable, JSONStringEnum {
    case payloadHashMismatch = "payload_hash_mismatch"
    case keyReused = "key_reused"
    case seqReused = "seq_reused"
    case invalidPayload = "invalid_payload"
    case unknownBundle = "unknown_bundle"
    case unknownApplication = "unknown_application"
}

package struct PushResult: Sendable, Hashable {
    package var seq: Int64
    package var idempotencyKey: String
    package var status: PushStatus
    package var provinceNo: String?
    package var hubRevision: Int?
    package var reason: String?
    package var reasonCode: RejectionCode?
    package var expectedSeq: Int64?
    /// The entry's base revision was older than the hub's: the hub merged per field. Only
    /// then are `fields` (the hub's fields after the merge) and `merged` given.
    package var merge: MergeOutcome?
    /// The hub matched the application with another it already holds (rev. 1 only).
    package var duplicate: DuplicateMatch?

    package init(
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
    package static let jsonShape = JSONShape("a push result", blank: PushResult(seq: 0, idempotencyKey: "", status: .gap))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout PushResult) throws(C.Failure) {
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
