import Foundation
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// Every record type, from its one description: the codec's bytes are JSONEncoder's, and
/// the codec, JSONDecoder and the writer agree on absent, null and default members.
@Suite("Records described once")
struct JSONRecordTests {
    static let result = PushResult(
        seq: 3, idempotencyKey: "key-3", status: .accepted, provinceNo: "FJ0000000003", hubRevision: 2, reason: "a\n\"b\"",
        reasonCode: .invalidPayload, expectedSeq: 4,
        merge: MergeOutcome(
            baseRevision: 1, fields: ["a": "陈", "b": "😀"], fromNode: ["a"], fromHub: ["b"],
            conflicts: [FieldConflict(field: "c", base: nil, local: "x", hub: nil)]),
        duplicate: DuplicateMatch(provinceNo: "FJ0000000001", applicationId: "OT-0000000001", nodeId: "ward-1", kind: .near))

    static var application: HubApplication {
        var application = HubApplication(
            provinceNo: "FJ0000000001", applicationId: "OT-0000000001", nodeId: "ward-1", bundle: "birth", revision: 2,
            hubRevision: 3, items: [ItemDecision(item: "birth-certificate", state: .issued, documents: ["n": "1"])],
            fields: ["mother_name": "林测试"], duplicate: nil, conflicts: [FieldConflict(field: "f", base: "a", local: "b", hub: "c")])
        application.rating = 4
        return application
    }

    /// Each value's canonical bytes against JSONEncoder's, and both read back by the codec
    /// and by JSONDecoder.
    func agree<T: JSONRecord & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = JSONCodec.encode(value)
        #expect(bytes == Array(try Oracle.encode(value)), "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(try JSONCodec.decode(T.self, from: bytes) == value, sourceLocation: sourceLocation)
        #expect(try Oracle.decode(T.self, from: Data(bytes)) == value, sourceLocation: sourceLocation)
    }

    @Test("every wire record: the codec writes JSONEncoder's bytes, and both read them back")
    func everyRecord() throws {
        try agree(PushResponse(results: [Self.result, PushResult(seq: 4, idempotencyKey: "key-4", status: .gap)], lastAppliedSeq: 3))
        try agree(HubState(databaseId: String(repeating: "a", count: 32), lastSeq: .max, newestCursor: 0))
        try agree(RatingsRequest(ratings: [Rating(applicationId: "OT-0000000001", score: 5)]))
        try agree(RatingsResponse(stored: 1, unknown: ["OT-0000000002"]))
        try agree(HubApplicationList(applications: [Self.application]))
        try agree(AmendRequest(fields: ["delivery_address": "福建省/福州市"]))
        try agree(DecisionRequest(decision: .return, reason: "请补充"))
        try agree(DecisionRequest(decision: .approve, documents: ["resident_id_number": "x"]))
        try agree(ErrorBody(error: "bad_request", message: "The request is \"wrong\"."))
        try agree(Health(catalogVersion: "2026.11-1"))
        try agree(Health(catalogVersion: nil))
        try agree(CatalogUpdate(version: "v", files: [CatalogFile(path: "bundles/birth.json", text: "{\"a\": 1}\n")]))
        try agree(PushRequest(entries: [
            PushEntry(
                seq: 1, idempotencyKey: "key-00001", applicationId: "OT-0000000001", revision: 2, baseRevision: 1,
                payloadSHA256: String(repeating: "b", count: 64), payload: .object(Array(#"{"a":[1,"x"],"b":null}"#.utf8))),
            PushEntry(
                seq: 2, idempotencyKey: "key-00002", applicationId: "OT-0000000002", revision: 1, baseRevision: nil,
                payloadSHA256: String(repeating: "c", count: 64), payload: .text("protocol 1")),
        ]))
    }

    @Test("absent and null members read as nil or their default; a member that must be present is named when missing")
    func absentNullAndMissing() throws {
        let minimal = #"{"seq":1,"idempotency_key":"k","status":"gap","province_no":null,"merge":null}"#
        let result = try JSONCodec.decode(PushResult.self, from: minimal)
        #expect(result == PushResult(seq: 1, idempotencyKey: "k", status: .gap))
        #expect(String(decoding: JSONCodec.encode(result), as: UTF8.self) == #"{"idempotency_key":"k","seq":1,"status":"gap"}"#)
        let application = try JSONCodec.decode(
            HubApplication.self,
            from: #"{"province_no":"FJ1","application_id":"OT-1","node_id":"n","bundle":"b","hub_revision":1,"items":[],"fields":{},"conflicts":null}"#)
        #expect(application.revision == 0 && application.conflicts.isEmpty && application.rating == nil)
        #expect {
            try JSONCodec.decode(PushResponse.self, from: #"{"results":[]}"#)
        } throws: { error in
            (error as? WireDecodingError)?.message == "a push response lacks last_applied_seq"
        }
        #expect(throws: WireDecodingError.self) { try JSONCodec.decode(HubState.self, from: #"{"database_id":null,"last_seq":0,"newest_cursor":0}"#) }
    }

    @Test("a key twice, in a record or a map, is an error; so is a value of another kind, named by its path")
    func strictness() throws {
        #expect(throws: WireDecodingError.self) { try JSONCodec.decode(Rating.self, from: #"{"application_id":"a","score":1,"score":2}"#) }
        #expect(throws: WireDecodingError.self) { try JSONCodec.decode(AmendRequest.self, from: #"{"fields":{"a":"1","a":"2"}}"#) }
        #expect {
            try JSONCodec.decode(RatingsRequest.self, from: #"{"ratings":[{"application_id":"a","score":1},{"application_id":"b","score":true}]}"#)
        } throws: { error in
            (error as? WireDecodingError)?.description.hasPrefix("ratings[1].score: expected an integer") == true
        }
        #expect {
            try JSONCodec.decode(PushResult.self, from: #"{"seq":1,"idempotency_key":"k","status":"lost"}"#)
        } throws: { error in
            (error as? WireDecodingError)?.description.hasPrefix("status: expected one of accepted, already_applied, rejected, gap") == true
        }
    }

    @Test("an unknown member is passed over, but checked as strictly as a known one")
    func unknownMembers() throws {
        let rating = try JSONCodec.decode(Rating.self, from: #"{"future":{"a":[1,2.5e3,true,null,"\u00e9"]},"application_id":"a","score":1}"#)
        #expect(rating == Rating(applicationId: "a", score: 1))
        for bad in [#"{"future":"\ud800","application_id":"a","score":1}"#, #"{"future":[1,],"application_id":"a","score":1}"#,
                    #"{"future":01,"application_id":"a","score":1}"#, #"{"future":nul,"application_id":"a","score":1}"#] {
            #expect(throws: WireDecodingError.self, "\(bad)") { try JSONCodec.decode(Rating.self, from: bad) }
        }
        var bytes = Array(#"{"future":"ab","application_id":"a","score":1}"#.utf8)
        bytes[12] = 0xC0  // an overlong lead byte inside the unknown member's string
        #expect(throws: WireDecodingError.self) { try JSONCodec.decode(Rating.self, from: bytes) }
    }

    @Test("one member of a document is read alone; the rest is checked and passed over")
    func oneMember() throws {
        let text = #"{"a":{"x":[1]},"fields":{"k":"v"},"z":"\u00e9"}"#
        #expect(try JSONCodec.member("fields", as: [String: String].self, in: Array(text.utf8)) == ["k": "v"])
        #expect(try JSONCodec.member("absent", as: [String].self, in: Array(text.utf8)) == nil)
        #expect(throws: WireDecodingError.self) { try JSONCodec.member("fields", as: [String].self, in: Array(text.utf8)) }
        #expect(throws: WireDecodingError.self) { try JSONCodec.member("a", as: [String].self, in: Array(#"{"a":[],"b":"\q"}"#.utf8)) }
    }
}
