import Foundation
import OneThingFailpoints
import TestSupport
import Testing

/// Product faults the network-fault rounds met with operator events (issue 12), each in its
/// smallest form on the real binaries, now fixed: each test is what must happen.
@Suite("Restore faults found by the fault rounds with operator events")
struct FaultRoundsRestoreFaultTests {
    func synced(_ loop: Loop, db: String? = nil) throws -> BuiltBinary.Run {
        let run = try loop.node(["sync", "--json"], db: db)
        #expect(run.code == 0, "sync: \(run.stderr)")
        return run
    }

    func copy(_ source: String, to destination: String) throws {
        let problem = try FaultRounds.copyDatabase(source, to: destination)
        #expect(problem.isEmpty, "\(problem)")
    }

    func amend(_ loop: Loop, _ id: String, phone: String) throws {
        let run = try loop.node(["amend", id, "--data", "-"], stdin: #"{"mother_phone": "\#(phone)"}"#)
        #expect(run.code == 0, "amend: \(run.stderr)")
    }

    @Test("A: a node restored from a copy older than its last correction learns the revision the hub applied; its next correction is taken")
    func correctionAfterNodeRestore() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file(count: 1).first)
        _ = try synced(loop)
        let copyPath = loop.dir.file("node-copy.sqlite")
        try copy(loop.nodeDB, to: copyPath)
        try amend(loop, id, phone: "13900000001")  // revision 2, sent
        _ = try synced(loop)
        try copy(copyPath, to: loop.nodeDB)  // the ward PC's disk restored: revision 1 again
        _ = try synced(loop)
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        #expect((try loop.nodeShow(id)["fields"] as? [String: String])?["mother_phone"] == "13900000001", "the hub's fields came back")
        #expect(try loop.nodeShow(id)["revision"] as? Int == loop.hubShow(number)["revision"] as? Int)
        try amend(loop, id, phone: "13900000002")
        let run = try synced(loop)
        #expect((run.json() as? [String: Any])?["rejected"] as? Int == 0, "\(run.stdout)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") == "0", "the clerk's correction is quarantined")
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["mother_phone"] == "13900000002", "the correction reaches the hub")
    }

    @Test("B: a filing unsent when the node's copy was made, corrected in place and sent afterwards, is answered as already held once the copy is back, never quarantined")
    func replacedEntryAfterNodeRestore() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file(count: 1).first)  // queued, never sent
        let copyPath = loop.dir.file("node-copy.sqlite")
        try copy(loop.nodeDB, to: copyPath)
        try amend(loop, id, phone: "13900000001")  // the queued entry replaced: same seq, new key
        _ = try synced(loop)
        try copy(copyPath, to: loop.nodeDB)
        let run = try synced(loop)
        #expect(try loop.hubApplications().count == 1)
        #expect((run.json() as? [String: Any])?["rejected"] as? Int == 0, "\(run.stdout)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") == "0", "a renumbered entry is quarantined")
        #expect(try loop.nodeShow(id)["state"] as? String == "accepted")
    }

    @Test("C: the hub restored twice from the same backup gives no province number out again; the node syncs")
    func hubRestoredTwiceFromOneBackup() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode("ward-1", url: hub.url, db: loop.dir.file("ward-1.sqlite"))
        _ = try loop.setUpNode("ward-2", url: hub.url, db: loop.dir.file("ward-2.sqlite"))
        let ward1 = loop.dir.file("ward-1.sqlite")
        let ward2 = loop.dir.file("ward-2.sqlite")
        _ = try loop.file(count: 1, db: ward1)
        _ = try synced(loop, db: ward1)
        let backup = loop.dir.file("hub-backup.sqlite")
        #expect(try loop.hub(["backup", backup]).code == 0)
        _ = try loop.file(count: 2, db: ward1)
        _ = try synced(loop, db: ward1)
        #expect(try loop.hub(["restore", backup]).code == 0)
        _ = try synced(loop, db: ward1)  // sent again: numbers from the fresh block
        let issued = Set(try loop.hubApplications().compactMap { $0["province_no"] as? String })
        #expect(try loop.hub(["restore", backup]).code == 0)  // the same backup again
        let other = try #require(try loop.file(count: 1, db: ward2).first)
        _ = try synced(loop, db: ward2)
        let otherNumber = try loop.nodeShow(other, db: ward2)["province_no"] as? String
        #expect(otherNumber.map { !issued.contains($0) } == true, "\(otherNumber ?? "none") was given out before the second restore")
        let again = try loop.node(["sync"], db: ward1)
        #expect(again.code == 0, "ward-1 cannot take its numbers: \(again.stderr)")
    }

    @Test("D: a hub restored from a backup older than a token rotation keeps the node's new token and refuses the old one")
    func tokenRotatedAfterHubBackup() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        let oldToken = try loop.setUpNode(url: hub.url)
        _ = try loop.file(count: 1)
        _ = try synced(loop)
        let backup = loop.dir.file("hub-backup.sqlite")
        #expect(try loop.hub(["backup", backup]).code == 0)
        let rotated = try loop.hub(["nodes", "rotate", "ward-1", "--json"])
        let newToken = try #require((rotated.json() as? [String: Any])?["token"] as? String)
        try loop.writeToken(newToken, to: loop.dir.file("token-ward-1"))
        _ = try synced(loop)
        #expect(try loop.hub(["restore", backup]).code == 0)
        let withNew = try loop.node(["sync"])
        #expect(withNew.code == 0, "the node's current token is refused after the restore: \(withNew.stderr)")
        try loop.writeToken(oldToken, to: loop.dir.file("token-ward-1"))
        #expect(try loop.node(["sync"]).code == 69, "the token rotated away works again")
    }

    @Test("E: a restored node whose first sync stops after the state request, and which files again, renumbers from the seq the hub expects")
    func renumberingLeavesAGap() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file(count: 1)
        _ = try synced(loop)
        let copyPath = loop.dir.file("node-copy.sqlite")
        try copy(loop.nodeDB, to: copyPath)
        _ = try loop.file(count: 1)
        _ = try synced(loop)  // the hub: last seq 2
        try copy(copyPath, to: loop.nodeDB)  // the node: last seq 1
        let fresh = try loop.file(count: 1)  // seq 2, which the hub has seen
        // A power cut after the state request (which moved the sequence past the hub's seq 2).
        let killed = try loop.node.run(
            ["sync", "--db", loop.nodeDB], environment: ["ONETHING_FAILPOINT": Failpoint.Name.beforePushRequest.rawValue])
        #expect(killed.code == 9 || killed.code == 137, "killed: \(killed.code) \(killed.stderr)")
        let later = try loop.file(count: 1)  // seq 3
        let run = try loop.node(["sync"])
        #expect(run.code == 0, "\(run.stderr)")
        let held = Set(try loop.hubApplications().compactMap { $0["application_id"] as? String })
        #expect(held.isSuperset(of: fresh + later))
    }
}
