import Foundation
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// `ApplicationPayload.decode(json:)` (the hub reads every pushed payload with it) against
/// JSONDecoder, the reference.
@Suite("Payloads read by the strict reader")
struct PayloadDecodeTests {
    func payloads() throws -> [ApplicationPayload] {
        var list: [ApplicationPayload] = []
        for bundle in ["birth", "school-enrolment"] {
            var payload = ApplicationPayload(
                applicationId: "OT-0000000001", revision: 1, baseRevision: nil, application: try Examples.validated(bundle),
                operatorId: "op-1")
            list.append(payload)
            payload.revision = 3
            payload.baseRevision = 2
            payload.resolves = ["mother_phone"]
            payload.operatorId = nil
            payload.fields["note"] = "tab\t\"q\" \\ 陈 😀"
            list.append(payload)
        }
        return list
    }

    @Test("the node's canonical payloads and JSONEncoder's: the same payload as JSONDecoder reads")
    func sameAsJSONDecoder() throws {
        for payload in try payloads() {
            for text in [payload.canonicalJSON, String(decoding: try JSONEncoder().encode(payload), as: UTF8.self), "\n  " + payload.canonicalJSON] {
                #expect(try ApplicationPayload.decode(json: Data(text.utf8)) == payload)
                #expect(try JSONDecoder().decode(ApplicationPayload.self, from: Data(text.utf8)) == payload)
            }
            #expect(payload.canonicalJSONBytes == Array(try Oracle.encode(payload)), "the frozen form, as JSONEncoder writes it")
        }
    }

    @Test("10,000 mutations of a payload: never a crash, and what is read is what JSONDecoder reads")
    func mutated() throws {
        var g = SplitMix64(seed: 0xFA1_10AD)
        let valid = Array(try payloads()[1].canonicalJSON.utf8)
        let structural = Array("{}[],:\"\\0-n".utf8)
        var accepted = 0
        for _ in 0..<10_000 {
            var bytes = valid
            let at = Int(g.next() % UInt64(bytes.count))
            switch g.next() % 3 {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: g.next())
            case 1: bytes.remove(at: at)
            default: bytes.insert(structural[Int(g.next() % UInt64(structural.count))], at: at)
            }
            guard let fast = try? ApplicationPayload.decode(json: bytes) else { continue }
            accepted += 1
            #expect(fast == (try? JSONDecoder().decode(ApplicationPayload.self, from: Data(bytes))))
        }
        #expect(accepted > 0)
        #expect(throws: WireDecodingError.self) { try ApplicationPayload.decode(json: Array(#"{"application_id":"OT-1"}"#.utf8)) }
    }

    @Test("random push requests, as the node writes them and pretty: the same entries, the payload's bytes as sent; mutations agree")
    func pushRequests() throws {
        var g = SplitMix64(seed: 0x9_05E)
        let original = try payloads()[1]
        let payload = PushPayload.object(original.canonicalJSONBytes)
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        var accepted = 0
        for n in 0..<300 {
            let entries = (0..<Int(g.next() % 4)).map { i in
                PushEntry(
                    seq: Int64(g.next() % 1_000_000) + 1, idempotencyKey: "key-\(n)-\(i)", applicationId: "OT-000000000\(i)",
                    revision: Int(g.next() % 5) + 1, baseRevision: g.next() % 2 == 0 ? nil : 1,
                    payloadSHA256: String(repeating: "a", count: 64), payload: payload)
            }
            let request = PushRequest(entries: entries)
            #expect(try PushRequest.decode(json: Data(request.jsonBytes)) == request)
            // Written again by another writer, the payload is the same application but other
            // bytes: the hub keeps (and hashes) the bytes it was sent.
            let prettied = try PushRequest.decode(json: try pretty.encode(request))
            #expect(prettied.entries.map(\.idempotencyKey) == request.entries.map(\.idempotencyKey))
            for entry in prettied.entries {
                #expect(entry.payload != payload)
                #expect(try ApplicationPayload.decode(entry.payload) == original)
            }
            var bytes = request.jsonBytes
            guard !bytes.isEmpty else { continue }
            bytes[Int(g.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: g.next())
            guard let fast = try? PushRequest.decode(json: Data(bytes)) else { continue }
            accepted += 1
            #expect(fast == (try? JSONCodec.decode(PushRequest.self, from: Data(bytes))))
        }
        #expect(accepted > 0)
    }
}
