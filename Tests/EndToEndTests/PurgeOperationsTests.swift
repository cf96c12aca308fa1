import Foundation
import OneThingModel
import TestSupport
import Testing

/// Purged stays purged, on the real binaries: the node's retention purge, an officer's
/// amendment on the hub afterwards, the hub's own retention, and a scan of both databases.
@Suite("Operations: retention purges on both sides")
struct PurgeOperationsTests {
    /// Runs a command with its clock `offset` ahead (libfaketime), as cron would days later.
    func later(_ loop: Loop, _ binary: BuiltBinary, _ arguments: [String], offset: String) throws -> BuiltBinary.Run {
        try binary.run(arguments, environment: SkewedClock.environment(offset), launcher: SkewedClock.launcher(offset))
    }

    func contains(_ value: String, in paths: [String]) throws -> Bool {
        for path in paths where FileManager.default.fileExists(atPath: path) {
            if try Data(contentsOf: URL(fileURLWithPath: path)).range(of: Data(value.utf8)) != nil { return true }
        }
        return false
    }

    @Test("purged at the node, amended on the hub: nothing comes back; the hub's purge leaves no ID number in its files")
    func purgedStaysPurged() throws {
        try #require(SkewedClock.isAvailable, "faketime is installed by scripts/install-deps.sh")
        let loop = Loop()
        let hub = try loop.startHub(["--auto-decide", "1"])
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        // A mother of the test's own (the catalogue's example is in the catalogue the hub keeps).
        var example = try #require(
            try JSONSerialization.jsonObject(with: Data(loop.node(["catalog", "example", "birth"]).stdout.utf8)) as? [String: Any])
        let mother = SyntheticPeople.idNumber(born: try #require(CivilDate(year: 1993, month: 5, day: 17)), sex: .female, serial: 31)
        example["mother_id_number"] = mother
        let data = String(decoding: try JSONSerialization.data(withJSONObject: example), as: UTF8.self)
        let filed = try loop.node(["apply", "--bundle", "birth", "--data", "-"], stdin: data)
        #expect(filed.code == 0, "\(filed.stderr)")
        let id = filed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var decided = false
        for _ in 0..<40 where !decided {
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try loop.node(["sync"]).code == 0)
            let items = try loop.nodeShow(id).items()
            decided = !items.isEmpty && items.values.allSatisfy { ["approved", "issued", "rejected"].contains($0) }
        }
        try #require(decided, "the hub decided every item")
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)

        // The node's retention purge, three days later with a one-day period.
        let nodePurge = try later(loop, loop.node, ["purge", "--retention-days", "1", "--json", "--db", loop.nodeDB], offset: "+3d")
        #expect(nodePurge.code == 0, "\(nodePurge.stderr)")
        #expect((nodePurge.json() as? [String: Any])?["applications"] as? Int == 1)

        // An officer corrects the address on the hub; the node pulls that change.
        let amend = try loop.hub(["amend", number, "--data", "-"], stdin: #"{"delivery_address": "福建省福州市台江区测试街9号"}"#)
        #expect(amend.code == 0, "\(amend.stderr)")
        #expect(try loop.node(["sync"]).code == 0)
        let shown = try loop.nodeShow(id)
        #expect((shown["fields"] as? [String: Any])?.isEmpty == true, "no field comes back: \(shown)")
        #expect(try loop.sql("SELECT COUNT(*) FROM application_items WHERE application_id = '\(id)' AND result IS NOT NULL") == "0")
        #expect(try loop.sql("SELECT purged_at IS NOT NULL FROM applications WHERE id = '\(id)'") == "1")
        let nodeFiles = [loop.nodeDB, loop.nodeDB + "-wal"]
        #expect(try !contains(mother, in: nodeFiles), "the purged mother's ID number is nowhere in the node's files")

        // The hub's own retention, three days later.
        let hubPurge = try later(loop, loop.hubCLI, ["purge", "--retention-days", "1", "--json", "--db", loop.hubDB], offset: "+3d")
        #expect(hubPurge.code == 0, "\(hubPurge.stderr)")
        #expect((hubPurge.json() as? [String: Any])?["applications"] as? Int == 1)
        #expect((try loop.hubShow(number)["fields"] as? [String: Any])?.isEmpty == true)
        let refused = try loop.hub(["amend", number, "--data", "-"], stdin: #"{"mother_phone": "13900000009"}"#)
        #expect(refused.code == 65, "a purged application cannot be amended: \(refused.stderr)")
        #expect(try !contains(mother, in: [loop.hubDB, loop.hubDB + "-wal"]), "nor in the hub's files")
        // The items' states are still there for the reform's figures.
        #expect(try loop.hubShow(number).items().values.allSatisfy { ["approved", "issued", "rejected"].contains($0) })
    }

    @Test("a hub purge before the node's: the node keeps its own copy when the hub's comes back empty")
    func hubPurgedFirst() throws {
        try #require(SkewedClock.isAvailable)
        let loop = Loop()
        let hub = try loop.startHub(["--auto-decide", "1"])
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file(count: 1).first)
        var decided = false
        for _ in 0..<40 where !decided {
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try loop.node(["sync"]).code == 0)
            let items = try loop.nodeShow(id).items()
            decided = !items.isEmpty && items.values.allSatisfy { ["approved", "issued", "rejected"].contains($0) }
        }
        let before = try #require(try loop.nodeShow(id)["fields"] as? [String: Any])
        #expect(try later(loop, loop.hubCLI, ["purge", "--retention-days", "1", "--db", loop.hubDB], offset: "+3d").code == 0)
        // A restored hub makes the node pull everything again, the purged copy included.
        let backup = loop.dir.file("hub-backup.sqlite")
        #expect(try loop.hub(["backup", backup]).code == 0)
        #expect(try loop.hub(["restore", backup]).code == 0)
        #expect(try loop.node(["sync"]).code == 0)
        let after = try #require(try loop.nodeShow(id)["fields"] as? [String: Any])
        #expect(after.count == before.count && !after.isEmpty, "the node keeps its fields")
        hub.stop()
    }
}
