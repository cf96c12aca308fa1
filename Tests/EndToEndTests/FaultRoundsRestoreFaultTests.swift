import Foundation
import OneThingFailpoints
import TestSupport
import Testing

/// Product faults the network-fault rounds met with operator events (issue 12), each in its
/// smallest form on the real binaries, each test what must happen (all fixed).
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

    func openConflicts(_ loop: Loop) throws -> String {
        try loop.sql("SELECT field, local, hub FROM conflicts WHERE state = 'open' ORDER BY field")
    }

    @Test("B: a filing unsent when the node's copy was made, corrected in place and sent afterwards, is held beside the hub's once the copy is back (the field it gives otherwise a conflict), never quarantined")
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
        let example = try #require(try loop.nodeShow(id)["fields"] as? [String: String])["mother_phone"]
        let run = try synced(loop)
        #expect(try loop.hubApplications().count == 1)
        #expect((run.json() as? [String: Any])?["rejected"] as? Int == 0, "\(run.stdout)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") == "0", "a renumbered entry is quarantined")
        #expect(try loop.nodeShow(id)["state"] as? String == "accepted")
        // Which form is the later cannot be told: the hub's value holds, the copy's waits for the clerk.
        #expect(try openConflicts(loop) == "mother_phone|\(example ?? "")|13900000001")
    }

    @Test("B2: a correction unsent when the node's copy was made, corrected in place and sent afterwards, is held beside the hub's once the copy is back, never quarantined; the clerk decides")
    func replacedCorrectionAfterNodeRestore() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file(count: 1).first)
        _ = try synced(loop)
        try amend(loop, id, phone: "13900000001")  // revision 2, queued, never sent
        let copyPath = loop.dir.file("node-copy.sqlite")
        try copy(loop.nodeDB, to: copyPath)
        try amend(loop, id, phone: "13900000002")  // revision 2 replaced in place: same seq, new key
        _ = try synced(loop)
        try copy(copyPath, to: loop.nodeDB)
        let run = try synced(loop)
        #expect((run.json() as? [String: Any])?["rejected"] as? Int == 0, "\(run.stdout)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") == "0", "a renumbered entry is quarantined")
        #expect(try loop.nodeShow(id)["state"] as? String == "accepted")
        // Neither form overwrote the other: the hub's value holds, the copy's is kept in a
        // conflict at both ends, and nothing was applied twice.
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["mother_phone"] == "13900000002")
        #expect(try openConflicts(loop) == "mother_phone|13900000001|13900000002")
        #expect((try loop.hubShow(number)["conflicts"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["mother_phone"])
        #expect(try loop.hubShow(number)["revision"] as? Int == 2)
        // The clerk keeps the copy's value: the decision reaches the hub and closes the conflict.
        #expect(try loop.node(["conflicts", "resolve", id, "--keep", "local"]).code == 0)
        _ = try synced(loop)
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["mother_phone"] == "13900000001")
        #expect((try loop.hubShow(number)["conflicts"] as? [Any])?.isEmpty == true)
        #expect(try openConflicts(loop) == "")
        #expect(try loop.nodeShow(id)["revision"] as? Int == loop.hubShow(number)["revision"] as? Int)
    }

    @Test("B2, made again alike: a correction unsent when the node's copy was made, replaced in place and given its first value again before it was sent, is answered as already applied once the copy is back; nothing changes at the hub")
    func sameCorrectionAfterNodeRestore() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file(count: 1).first)
        _ = try synced(loop)
        try amend(loop, id, phone: "13900000001")  // revision 2, queued, never sent
        let copyPath = loop.dir.file("node-copy.sqlite")
        try copy(loop.nodeDB, to: copyPath)
        try amend(loop, id, phone: "13900000002")  // replaced in place: same seq, new key
        try amend(loop, id, phone: "13900000001")  // and back: the copy's very payload, another key
        _ = try synced(loop)
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        let hubRevision = try loop.hubShow(number)["hub_revision"] as? Int
        try copy(copyPath, to: loop.nodeDB)
        let run = try synced(loop)
        let report = run.json() as? [String: Any]
        #expect(report?["rejected"] as? Int == 0 && report?["already_applied"] as? Int == 1, "\(run.stdout)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") == "0")
        #expect(try loop.nodeShow(id)["state"] as? String == "accepted")
        #expect(try openConflicts(loop) == "")
        #expect(try loop.hubShow(number)["hub_revision"] as? Int == hubRevision, "applied twice")
        #expect((try loop.hubShow(number)["conflicts"] as? [Any])?.isEmpty == true)
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["mother_phone"] == "13900000001")
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

    /// Asks `url` with `token` every 20 ms for `seconds`, each request on its own thread (a
    /// request the hub holds does not hold back the next); prints "CODE:COUNT ...".
    static let askScript = """
        import sys, threading, time, urllib.request, urllib.error
        url, token, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
        codes, lock, threads = {}, threading.Lock(), []
        def ask():
            request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
            try:
                code = urllib.request.urlopen(request, timeout=60).status
            except urllib.error.HTTPError as error:
                code = error.code
            except Exception:
                code = 0
            with lock:
                codes[code] = codes.get(code, 0) + 1
        end = time.time() + seconds
        while time.time() < end:
            thread = threading.Thread(target=ask)
            thread.start()
            threads.append(thread)
            time.sleep(0.02)
        for thread in threads:
            thread.join()
        print(" ".join("%d:%d" % item for item in sorted(codes.items())))
        """

    @Test(
        "F: while onething-hub restore runs, the serving hub answers a node re-keyed since the backup with its current token throughout",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs strace to slow the restore down"))
    func tokensDuringRestore() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file(count: 1)
        _ = try synced(loop)
        let backup = loop.dir.file("hub-backup.sqlite")
        #expect(try loop.hub(["backup", backup]).code == 0)
        let rotated = try loop.hub(["nodes", "rotate", "ward-1", "--json"])
        let token = try #require((rotated.json() as? [String: Any])?["token"] as? String)
        try loop.writeToken(token, to: loop.dir.file("token-ward-1"))
        _ = try synced(loop)

        let asking = Process()
        asking.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        asking.arguments = ["python3", "-c", Self.askScript, hub.url + "/v1/nodes/ward-1/state", token, "3"]
        let answers = Pipe()
        asking.standardOutput = answers
        try asking.run()
        Thread.sleep(forTimeInterval: 0.3)
        // The restore as on a busy disk: each fsync of the restoring process held 0.3 s, so
        // that any moment in which the backup's tokens were served (once, its content was
        // copied in and the live tokens written back in two transactions) would be met.
        let restore = Process()
        restore.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        restore.arguments = [
            "-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync,fdatasync", "-e", "inject=fsync,fdatasync:delay_exit=300000",
            loop.hubCLI.path, "restore", backup, "--db", loop.hubDB,
        ]
        restore.standardOutput = FileHandle.nullDevice
        try restore.run()
        restore.waitUntilExit()
        #expect(restore.terminationStatus == 0)
        let codes = String(decoding: answers.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        asking.waitUntilExit()
        #expect(codes.contains("200:"), "\(codes)")
        #expect(try loop.node(["sync"]).code == 0, "the current token works after the restore")
        #expect(!codes.contains("401:"), "answers to the node's current token during the restore: \(codes)")
    }
}
