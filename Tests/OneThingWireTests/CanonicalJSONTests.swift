import Foundation
import OneThingModel
import OneThingWire
import Testing

@Suite("Canonical JSON of frozen payloads")
struct CanonicalJSONTests {
    let payload = ApplicationPayload(
        applicationId: "OT-0123456789", revision: 2, baseRevision: 1,
        application: ValidatedApplication(
            bundle: "birth", items: ["birth-certificate", "household-registration"],
            fields: [
                "newborn_name": "陈小测", "zz_last": "a \"quoted\" \\ back/slash", "a_first": "line\nbreak\t\u{1}\u{8}\u{C}\r",
                "mother_phone": "13800000001",
            ],
            catalogVersion: "2026.11-1", region: "350100", situations: ["mother-household"]),
        operatorId: nil, filedAt: "2026-11-26T10:00+08:00")

    @Test("decodes back to the same payload")
    func roundTrip() throws {
        let decoded = try JSONDecoder().decode(ApplicationPayload.self, from: Data(payload.canonicalJSON.utf8))
        #expect(decoded == payload)
    }

    @Test("keys are sorted at every level and there is no insignificant space")
    func sortedKeys() throws {
        let text = payload.canonicalJSON
        let top = ["application_id", "base_revision", "bundle", "catalog_version", "fields", "items", "operator",
                   "region", "revision", "situations"]
        let positions = top.map { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let fieldKeys = ["a_first", "mother_phone", "newborn_name", "zz_last"]
        let fieldPositions = fieldKeys.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(fieldPositions == fieldPositions.sorted())
        #expect(!text.contains(": ") && !text.contains(", "))
    }

    @Test("escapes quotes, backslashes and control characters, keeps other text raw")
    func escaping() {
        #expect(JSONCodec.text(["k": "a\"b\\c\nd\u{1B}e/f陈"]) == #"{"k":"a\"b\\c\nd\u001be/f陈"}"#)
        #expect(JSONCodec.text([String]()) == "[]")
        #expect(JSONCodec.text([String: String]()) == "{}")
    }

    @Test("the same value always gives the same bytes")
    func stable() {
        #expect(payload.canonicalJSON == payload.canonicalJSON)
        var reordered = payload
        reordered.fields = Dictionary(uniqueKeysWithValues: payload.fields.reversed().map { ($0.key, $0.value) })
        #expect(reordered.canonicalJSON == payload.canonicalJSON)
    }

    @Test("the bytes are those the node froze before the codec (so every stored payload keeps its hash)")
    func sameBytesAsBefore() {
        var payload = payload
        // Written by `CanonicalJSON` at commit d655dd9.
        #expect(payload.canonicalJSON == #"{"application_id":"OT-0123456789","base_revision":1,"bundle":"birth","catalog_version":"2026.11-1","fields":{"a_first":"line\nbreak\t\u0001\u0008\u000c\r","mother_phone":"13800000001","newborn_name":"陈小测","zz_last":"a \"quoted\" \\ back/slash"},"filed_at":"2026-11-26T10:00+08:00","items":["birth-certificate","household-registration"],"operator":null,"region":"350100","revision":2,"situations":["mother-household"]}"#)
        payload.resolves = ["mother_phone"]
        payload.operatorId = "op-1"
        payload.baseRevision = nil
        payload.filedAt = nil
        #expect(payload.canonicalJSON == #"{"application_id":"OT-0123456789","base_revision":null,"bundle":"birth","catalog_version":"2026.11-1","fields":{"a_first":"line\nbreak\t\u0001\u0008\u000c\r","mother_phone":"13800000001","newborn_name":"陈小测","zz_last":"a \"quoted\" \\ back/slash"},"items":["birth-certificate","household-registration"],"operator":"op-1","region":"350100","resolves":["mother_phone"],"revision":2,"situations":["mother-household"]}"#)
    }
}
