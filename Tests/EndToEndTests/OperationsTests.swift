import Foundation
import TestSupport
import Testing

/// What operators do every month, on the real binaries: re-key a node, replace a catalogue.
/// Nothing the node holds or has queued may be lost on the way.
@Suite("Operations: re-keying a node")
struct OperationsTests {
    @Test("nodes rotate: the old token is refused at once; the node goes on with the new token file, queue and corrections included")
    func rotateToken() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        let oldToken = try loop.setUpNode(url: hub.url)
        let first = try loop.file(count: 2)
        #expect(try loop.node(["sync"]).code == 0)
        // Work that waits while the token changes: a new filing and a correction of a sent one.
        let waiting = try loop.file(count: 1)
        #expect(try loop.node(["amend", first[0], "--data", "-"], stdin: #"{"mother_phone": "13900000009"}"#).code == 0)

        let rotated = try loop.hub(["nodes", "rotate", "ward-1", "--json"])
        #expect(rotated.code == 0, "rotate: \(rotated.stderr)")
        let newToken = try #require((rotated.json() as? [String: Any])?["token"] as? String)
        #expect(newToken != oldToken && newToken.count >= 32)
        #expect(!rotated.stderr.contains(newToken), "the token goes to stdout only")

        // The node still has the old token: refused (69), nothing of the queue lost or sent.
        let refused = try loop.node(["sync"])
        #expect(refused.code == 69, "sync with the old token: \(refused.stderr)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'in_flight')") == "2")
        #expect(try loop.hubApplications().count == 2)

        // The new token in the node's token file: the queue and the correction go through.
        try loop.writeToken(newToken, to: loop.dir.file("token-ward-1"))
        let synced = try loop.node(["sync"])
        #expect(synced.code == 0, "sync with the new token: \(synced.stderr)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'in_flight')") == "0")
        let held = try loop.hubApplications()
        #expect(held.count == 3)
        let number = try #require(try loop.nodeShow(first[0])["province_no"] as? String)
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["mother_phone"] == "13900000009")
        #expect(try loop.nodeShow(waiting[0])["province_no"] as? String != nil)

        // The old token stays refused, also after the node used the new one.
        try loop.writeToken(oldToken, to: loop.dir.file("token-ward-1"))
        #expect(try loop.node(["sync"]).code == 69)
        // Rotating a node that does not exist is an error naming it.
        let unknown = try loop.hub(["nodes", "rotate", "ward-9"])
        #expect(unknown.code != 0 && unknown.stderr.contains("ward-9"))
    }

    @Test("nodes rotate re-activates a revoked node with the new token; its applications stay")
    func rotateRevoked() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file(count: 1)
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.hub(["nodes", "revoke", "ward-1"]).code == 0)
        _ = try loop.file(count: 1)
        #expect(try loop.node(["sync"]).code == 69)
        let rotated = try loop.hub(["nodes", "rotate", "ward-1"])
        #expect(rotated.code == 0)
        let token = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try loop.writeToken(token, to: loop.dir.file("token-ward-1"))
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.hubApplications().count == 2)
        let listed = try loop.hub(["nodes", "list", "--json"]).json() as? [String: Any]
        let node = try #require((listed?["nodes"] as? [[String: Any]])?.first)
        #expect(node["revoked"] as? Bool == false)
    }
}

/// A catalogue from the hub never bricks a node: one that does not offer the node's region
/// (or fails the checker) is refused and the one in use kept, and nothing the node does
/// depends on an adopted catalogue being usable.
@Suite("Operations: catalogue updates")
struct CatalogueUpdateOperationsTests {
    /// The built-in catalogue exported, with `edit` applied to catalog.json, as a directory.
    func editedCatalogue(_ loop: Loop, _ edit: (inout [String: Any]) -> Void) throws -> String {
        let dir = loop.dir.file("hub-catalogue")
        #expect(try loop.node(["catalog", "export", dir]).code == 0)
        let path = dir + "/catalog.json"
        var head = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        edit(&head)
        try JSONSerialization.data(withJSONObject: head).write(to: URL(fileURLWithPath: path))
        return dir
    }

    @Test("a hub catalogue without the node's region is refused; sync exits 0 and decisions still arrive; status, list and apply work")
    func catalogueWithoutTheRegion() throws {
        let loop = Loop()
        // The node is set up in Xiamen (350200); the hub's newer catalogue drops Xiamen.
        let catalogue = try editedCatalogue(loop) { head in
            head["version"] = "2026.12-9"
            head["regions"] = (head["regions"] as? [[String: Any]])?.filter { $0["code"] as? String != "350200" }
        }
        let hub = try loop.startHub(["--catalog", catalogue, "--auto-decide", "1"])
        defer { hub.stop() }
        let added = try loop.hub(["nodes", "add", "ward-1"])
        let token = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try loop.writeToken(token, to: loop.dir.file("token-ward-1"))
        let initRun = try loop.node([
            "init", "--hub", hub.url, "--node-id", "ward-1", "--token-file", loop.dir.file("token-ward-1"), "--region", "350200",
        ])
        #expect(initRun.code == 0, "init: \(initRun.stderr)")
        let ids = try loop.file(count: 1)

        let first = try loop.node(["sync"])
        #expect(first.code == 0, "sync: \(first.stderr)")
        #expect(first.stderr.contains("2026.12-9") && first.stderr.contains("350200"), "the refusal is reported: \(first.stderr)")
        #expect(try loop.sql("SELECT COUNT(*) FROM catalog_updates") == "0", "the refused catalogue is not stored")

        // The hub decides; the next sync brings the decisions in spite of the catalogue it sends.
        var decided = false
        for _ in 0..<40 where !decided {
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try loop.node(["sync"]).code == 0)
            let items = try loop.nodeShow(ids[0]).items()
            decided = !items.isEmpty && items.values.allSatisfy { $0 != "pending" && $0 != "in_progress" && $0 != "waiting" }
        }
        #expect(decided, "decisions arrive while the catalogue is refused")
        let status = try loop.nodeStatus()
        #expect((status["catalog_version"] as? String) == "2026.11-1")
        #expect(try loop.node(["list"]).code == 0)
        #expect(try loop.file(count: 1).count == 1)
    }

    @Test("a node that already stored a catalogue without its region falls back to one it can use")
    func storedCatalogueWithoutTheRegion() throws {
        let loop = Loop()
        let catalogue = try editedCatalogue(loop) { head in
            head["version"] = "2026.12-9"
            head["regions"] = (head["regions"] as? [[String: Any]])?.filter { $0["code"] as? String != "350100" }
        }
        _ = try loop.file(count: 1)  // creates the database, region 350100 (the default)
        // What an older version of the node stored without checking the region.
        var files: [[String: String]] = []
        let head = try String(contentsOfFile: catalogue + "/catalog.json", encoding: .utf8)
        files.append(["path": "catalog.json", "text": head])
        for name in try FileManager.default.contentsOfDirectory(atPath: catalogue + "/bundles").sorted() {
            files.append(["path": "bundles/" + name, "text": try String(contentsOfFile: catalogue + "/bundles/" + name, encoding: .utf8)])
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: files), as: UTF8.self)
        _ = try loop.sql(
            "INSERT INTO catalog_updates (version, files, received_seq) VALUES ('2026.12-9', '\(json.replacingOccurrences(of: "'", with: "''"))', 1)")
        #expect(try loop.sql("SELECT COUNT(*) FROM catalog_updates") == "1")
        for command in [["status"], ["list"], ["catalog", "list"]] {
            let run = try loop.node(command)
            #expect(run.code == 0, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("2026.12-9"), "the passed-over catalogue is named: \(run.stderr)")
        }
        #expect(try loop.file(count: 1).count == 1)
    }
}

/// An application is amended and checked under the catalogue version it was filed under, at
/// the node and at the hub, whatever newer catalogue either uses since.
@Suite("Operations: amending under the catalogue an application was filed under")
struct FiledCatalogueTests {
    @Test("a newer catalogue lowers a maximum: changing only the phone of an older application is accepted at node and hub; a new filing meets the new rule")
    func amendUnderTheFiledCatalogue() throws {
        let loop = Loop()
        var hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        var example = try #require(
            try JSONSerialization.jsonObject(with: Data(loop.node(["catalog", "example", "birth"]).stdout.utf8)) as? [String: Any])
        example["birth_weight_g"] = 4500
        let data = String(decoding: try JSONSerialization.data(withJSONObject: example), as: UTF8.self)
        let filed = try loop.node(["apply", "--bundle", "birth", "--data", "-"], stdin: data)
        #expect(filed.code == 0, "\(filed.stderr)")
        let id = filed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try loop.node(["sync"]).code == 0)
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)

        // The province publishes a catalogue that lowers the birth weight's maximum to 4000 g.
        let dir = loop.dir.file("catalogue-v2")
        #expect(try loop.node(["catalog", "export", dir]).code == 0)
        let head = dir + "/catalog.json"
        try String(contentsOfFile: head, encoding: .utf8).replacingOccurrences(of: "\"2026.11-1\"", with: "\"2026.12-2\"")
            .write(toFile: head, atomically: true, encoding: .utf8)
        let birth = dir + "/bundles/birth.json"
        let text = try String(contentsOfFile: birth, encoding: .utf8)
        #expect(text.contains("\"max\": 6500"))
        try text.replacingOccurrences(of: "\"max\": 6500", with: "\"max\": 4000").write(toFile: birth, atomically: true, encoding: .utf8)
        hub.stop()
        hub = try loop.startHub(["--catalog", dir])
        defer { hub.stop() }
        #expect(try loop.node(["init", "--hub", hub.url, "--node-id", "ward-1", "--token-file", loop.dir.file("token-ward-1")]).code == 0)
        let adopted = try loop.node(["sync", "--json"])
        #expect((adopted.json() as? [String: Any])?["catalog_version"] as? String == "2026.12-2", "\(adopted.stdout)")

        // Only the phone changes: accepted, though the weight breaks the newer maximum.
        let amended = try loop.node(["amend", id, "--data", "-"], stdin: #"{"mother_phone": "13900000009"}"#)
        #expect(amended.code == 0, "amend under the filed catalogue: \(amended.stderr)")
        #expect(try loop.node(["sync"]).code == 0)
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["mother_phone"] == "13900000009")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") == "0")
        // The hub's officer may change the phone too.
        #expect(try loop.hub(["amend", number, "--data", "-", "--catalog", dir], stdin: #"{"mother_phone": "13900000007"}"#).code == 0)
        // A new filing meets the new rule.
        let refused = try loop.node(["apply", "--bundle", "birth", "--data", "-"], stdin: data)
        #expect(refused.code == 65 && refused.stderr.contains("birth_weight_g"), "\(refused.stderr)")
    }
}
