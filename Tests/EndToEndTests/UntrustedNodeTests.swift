import Crypto
import Foundation
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// A hub that trusts no node, on the real binaries: payloads pushed with a node's own token
/// but built by hand (a compromised node), and a node running an edited catalogue, are
/// checked by the hub with the node's own validator; nothing unchecked is stored.
@Suite("A hub that trusts no node")
struct UntrustedNodeTests {
    /// POSTs the entries to the hub as `node` with `token`; returns the push results.
    func push(_ hub: HubProcess, node: String, token: String, _ entries: [PushEntry]) throws -> [PushResult] {
        let answer = try curlPost(hub.url + WireProtocol.pushPath(node: node), body: Data(JSONCodec.encode(PushRequest(entries: entries))), token: token)
        return try JSONCodec.decode(PushResponse.self, from: answer.body).results
    }

    /// The catalogue's valid example as of now, as a payload for `applicationId`, with `edit` applied.
    func payload(_ id: String, items: [String]? = nil, _ edit: (inout ApplicationPayload) -> Void) throws -> ApplicationPayload {
        let catalog = try CatalogLoader.embedded(today: TestMoment.machine.today())
        let region = try #require(catalog.region(catalog.defaultRegion))
        let inputs = try Examples.inputs("birth", items: items, today: TestMoment.machine.today())
        let valid = try FormValidator(catalog: catalog, region: region)
            .validate(bundle: "birth", items: items, inputs: inputs, now: TestMoment.machine.now().civil).get()
        var payload = ApplicationPayload(applicationId: id, revision: 1, baseRevision: nil, application: valid, operatorId: nil)
        payload.fields.merge(try #require(catalog.bundle("birth")).provisionalFields(applicationId: id)) { _, new in new }
        edit(&payload)
        return payload
    }

    func entry(seq: Int64, _ payload: ApplicationPayload) -> PushEntry {
        let frozen = Data(payload.canonicalJSONBytes)
        let hash = SHA256.hash(data: frozen).map { String(format: "%02x", $0) }.joined()
        return PushEntry(
            seq: seq, idempotencyKey: "key-\(seq)-\(payload.applicationId)", applicationId: payload.applicationId,
            revision: payload.revision, baseRevision: payload.baseRevision, payloadSHA256: hash, payload: PushPayload(frozen: frozen))
    }

    @Test("payloads a node's validator would refuse are rejected with the field and the rule, nothing stored; a valid one behind them is accepted")
    func handMadePayloadsAreChecked() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        let token = try loop.setUpNode(url: hub.url)
        let ids = (0..<8).map { "OT-" + String(format: "%010d", 4200 + $0).replacingOccurrences(of: "0", with: "A") }
        let cases: [(String, (inout ApplicationPayload) -> Void)] = [
            ("mother_id_number", { $0.fields["mother_id_number"] = "not-an-id-number" }),
            ("birth_weight_g", { $0.fields["birth_weight_g"] = "-5" }),
            ("x_padding", { $0.fields["x_padding"] = String(repeating: "填", count: 1700) }),
            ("region", { $0.region = "999999" }),
            ("mother_name", { $0.fields["mother_name"] = "林\u{1B}[2J测试" }),
            ("social-security-card", { $0.items = ["social-security-card"] }),
            // A man's ID number as the mother's (the 17th digit odd): parents swapped or mistyped.
            ("mother_id_number", { payload in
                payload.fields["mother_id_number"] = SyntheticPeople.idNumber(
                    born: CivilDate(year: 1994, month: 3, day: 12) ?? .latestChecked, sex: .male, serial: 3)
            }),
        ]
        var entries: [PushEntry] = []
        for (n, (_, edit)) in cases.enumerated() {
            entries.append(entry(seq: Int64(n + 1), try payload(ids[n], edit)))
        }
        entries.append(entry(seq: Int64(cases.count + 1), try payload(ids[cases.count]) { _ in }))
        let results = try push(hub, node: "ward-1", token: token, entries)
        try #require(results.count == entries.count)
        for (n, (what, _)) in cases.enumerated() {
            #expect(results[n].status == .rejected && results[n].reasonCode == .invalidPayload, "\(what): \(results[n])")
            let reason = results[n].reason ?? ""
            #expect(reason.contains(what == "social-security-card" ? "social-security-card" : what) || what == "region" && reason.contains("999999"), "\(what): \(reason)")
            #expect(!reason.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "no control character in the reason")
            #expect(!reason.contains("not-an-id-number") && !reason.contains("林"), "no value in the reason")
        }
        #expect(results.last?.status == .accepted)
        #expect(try loop.hubApplications().count == 1, "nothing of the refused entries stored")
    }

    @Test("a node on an edited catalogue the hub never published: its filing is quarantined with the hub's reason, shown by the node")
    func editedCatalogue() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let dir = loop.dir.file("edited-catalogue")
        #expect(try loop.node(["catalog", "export", dir]).code == 0)
        let head = dir + "/catalog.json"
        let text = try String(contentsOfFile: head, encoding: .utf8).replacingOccurrences(of: "\"2026.11-1\"", with: "\"2026.11-1-local\"")
        try text.write(toFile: head, atomically: true, encoding: .utf8)
        let example = try loop.node(["catalog", "example", "birth"]).stdout
        let filed = try loop.node.run(["apply", "--bundle", "birth", "--data", "-", "--db", loop.nodeDB, "--catalog", dir], stdin: Data(example.utf8))
        #expect(filed.code == 0, "\(filed.stderr)")
        let id = filed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.hubApplications().isEmpty)
        let shown = try loop.nodeShow(id)
        #expect(shown["state"] as? String == "quarantined")
        #expect((shown["state_reason"] as? String)?.contains("2026.11-1-local") == true, "\(shown)")
    }
}
