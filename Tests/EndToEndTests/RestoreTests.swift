import Foundation
import TestSupport
import Testing

/// Restoring either side from an older backup, on the real binaries: the hub by hand (its
/// file copied back) and with `onething-hub restore`, the node's database (a ward PC's disk
/// replaced). Every application filed exists exactly once at the hub, every decision made
/// after the restore reaches the node, no province number names two applications, and the
/// sync that recovers exits 0.
@Suite("Restores: hub and node from older backups")
struct RestoreTests {
    /// A consistent copy of a SQLite file (its WAL included), through python3's sqlite3
    /// backup API, as an operator's backup tool would make it.
    static func copyDatabase(_ source: String, to destination: String) throws {
        try? FileManager.default.removeItem(atPath: destination)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
        let script = "import sqlite3,sys\ns=sqlite3.connect(sys.argv[1])\nd=sqlite3.connect(sys.argv[2])\ns.backup(d)\nd.close()\ns.close()"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, source, destination]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        chmod(destination, 0o600)
    }

    /// Every invariant of the loop after a restore: the hub holds each of `ids` exactly once,
    /// the node and the hub agree on every province number, and no number names two
    /// applications on either side.
    func expectConverged(_ loop: Loop, ids: [String]) throws {
        let held = try loop.hubApplications()
        let heldIds = held.compactMap { $0["application_id"] as? String }
        #expect(heldIds.sorted() == ids.sorted(), "the hub holds each application once")
        let hubNumbers = Dictionary(
            uniqueKeysWithValues: held.compactMap { app in
                (app["application_id"] as? String).flatMap { id in (app["province_no"] as? String).map { (id, $0) } }
            })
        #expect(Set(hubNumbers.values).count == hubNumbers.count, "no province number names two applications at the hub")
        var nodeNumbers: [String] = []
        for id in ids {
            let number = try loop.nodeShow(id)["province_no"] as? String
            #expect(number != nil && number == hubNumbers[id], "\(id): the node's province number is the hub's")
            if let number { nodeNumbers.append(number) }
        }
        #expect(Set(nodeNumbers).count == nodeNumbers.count, "no province number names two applications at the node")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state != 'acked' AND seq > 0") == "0", "nothing waits or is quarantined")
    }

    @Test("the hub's file copied back from an older backup: the node notices, sends again what the hub lost, pulls again; decisions after the restore arrive")
    func hubRestoredByHand() throws {
        let loop = Loop()
        var hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let early = try loop.file(count: 2)
        #expect(try loop.node(["sync"]).code == 0)
        let backup = loop.dir.file("hub-backup.sqlite")
        #expect(try loop.hub(["backup", backup]).code == 0)

        // After the backup: more filings, a correction, a decision pulled by the node.
        let late = try loop.file(count: 2)
        #expect(try loop.node(["amend", early[0], "--data", "-"], stdin: #"{"mother_phone": "13900000009"}"#).code == 0)
        #expect(try loop.node(["sync"]).code == 0)
        let lateNumber = try #require(try loop.nodeShow(late[0])["province_no"] as? String)
        #expect(try loop.hub(["decide", lateNumber, "birth-certificate", "approve"]).code == 0)
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.nodeShow(late[0]).items()["birth-certificate"] == "approved")

        // The hub's disk is restored by hand: the backup copied over its file.
        hub.stop()
        try Self.copyDatabase(backup, to: loop.hubDB)
        hub = try loop.startHub()
        #expect(try loop.hubApplications().count == 2, "the restored hub lost the later filings")
        let token = loop.dir.file("token-ward-1")
        #expect(try loop.node(["init", "--hub", hub.url, "--node-id", "ward-1", "--token-file", token]).code == 0)
        let after = try loop.file(count: 1)

        let recovered = try loop.node(["sync"])
        #expect(recovered.code == 0, "the sync that recovers exits 0: \(recovered.stderr)")
        #expect(recovered.stderr.contains("hub's database changed"), "reported on stderr: \(recovered.stderr)")
        try expectConverged(loop, ids: early + late + after)
        let number = try #require(try loop.nodeShow(early[0])["province_no"] as? String)
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["mother_phone"] == "13900000009", "the lost correction was sent again")
        let status = try loop.nodeStatus()
        #expect((status["last_recovery"] as? String)?.contains("hub's database changed") == true)

        // A decision made after the restore reaches the node (its cursor did not skip it).
        let newNumber = try #require(try loop.nodeShow(after[0])["province_no"] as? String)
        #expect(try loop.hub(["decide", newNumber, "birth-certificate", "approve"]).code == 0)
        let again = try loop.node(["sync"])
        #expect(again.code == 0)
        #expect(!again.stderr.contains("hub's database changed"), "the recovery happens once")
        #expect(try loop.nodeShow(after[0]).items()["birth-certificate"] == "approved")
        hub.stop()
    }

    @Test("onething-hub restore while the hub serves: a new identity, every node recovers at its next sync")
    func hubRestoredByCommand() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let early = try loop.file(count: 1)
        #expect(try loop.node(["sync"]).code == 0)
        let backup = loop.dir.file("hub-backup.sqlite")
        #expect(try loop.hub(["backup", backup]).code == 0)
        let late = try loop.file(count: 2)
        #expect(try loop.node(["sync"]).code == 0)
        let before = Set(try loop.hubApplications().compactMap { $0["province_no"] as? String })

        let restored = try loop.hub(["restore", backup])
        #expect(restored.code == 0, "restore: \(restored.stderr)")
        #expect(try loop.hubApplications().count == 1)
        let recovered = try loop.node(["sync"])
        #expect(recovered.code == 0, "\(recovered.stderr)")
        try expectConverged(loop, ids: early + late)
        // The numbers given again come from a fresh block: none of the lost ones is reused
        // for another application.
        let lateNumbers = try late.compactMap { try loop.nodeShow($0)["province_no"] as? String }
        #expect(lateNumbers.allSatisfy { !before.contains($0) })
    }

    @Test("a node's database restored from an older backup: new filings renumbered past the hub's seqs, the applications it lost listed; exit 0")
    func nodeRestored() throws {
        try nodeRestored(filingAfterRestore: 2)
    }

    @Test("a restored node that files nothing before its sync is told its database is older than the hub's record")
    func nodeRestoredQuiet() throws {
        try nodeRestored(filingAfterRestore: 0)
    }

    func nodeRestored(filingAfterRestore count: Int) throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let early = try loop.file(count: 2)
        #expect(try loop.node(["sync"]).code == 0)
        let backup = loop.dir.file("node-backup.sqlite")
        try Self.copyDatabase(loop.nodeDB, to: backup)
        let lost = try loop.file(count: 2)
        #expect(try loop.node(["sync"]).code == 0)

        // The ward PC's disk is replaced: the node's database comes back from the backup.
        try Self.copyDatabase(backup, to: loop.nodeDB)
        let fresh = try loop.file(count: count)  // they take seqs the hub has seen for the lost ones
        let recovered = try loop.node(["sync"])
        #expect(recovered.code == 0, "\(recovered.stderr)")
        if count > 0 {
            #expect(recovered.stderr.contains("\(count) unsent entries renumbered"), "\(recovered.stderr)")
        } else {
            #expect(recovered.stderr.contains("older than the hub's record"), "\(recovered.stderr)")
        }
        #expect(recovered.stderr.contains("2 application(s) of this node that this database does not"), "\(recovered.stderr)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") == "0", "nothing quarantined as seq_reused")
        let held = try loop.hubApplications().compactMap { $0["application_id"] as? String }
        #expect(held.sorted() == (early + lost + fresh).sorted())
        for id in fresh { #expect(try loop.nodeShow(id)["province_no"] as? String != nil) }
        // The applications the hub holds and this database lost are listed for a person.
        let status = try loop.nodeStatus()
        let unknown = (status["unknown_applications"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(unknown.sorted() == lost.sorted())
        #expect(try loop.node(["status"]).stdout.contains(lost[0]))
        // And the next sync is quiet about it: nothing renumbered again.
        let again = try loop.node(["sync"])
        #expect(again.code == 0 && !again.stderr.contains("renumbered"))
    }
}
