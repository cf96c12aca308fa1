import Foundation
import OneThingFailpoints
import TestSupport
import Testing

/// The crash matrix: the node (or the hub) killed with SIGKILL at each named failpoint
/// (`ONETHING_FAILPOINT`), then restarted and synced to completion; the invariants hold:
/// every filed application reaches the hub exactly once, every decision reaches the node,
/// no conflict is lost, and `PRAGMA integrity_check` passes.
@Suite("Crash matrix: SIGKILL at every failpoint, restart, converge", .serialized)
struct CrashMatrixTests {
    static let killedBySIGKILL: Int32 = 9

    func armed(_ name: Failpoint.Name) -> [String: String] { ["ONETHING_FAILPOINT": name.rawValue] }

    /// Files `count` example births in one NDJSON batch; returns their ids. Each line has its
    /// own `_source_id`: identical lines without one would be one application.
    func fileBatch(_ loop: Loop, count: Int) throws -> [String] {
        let example = try loop.node(["catalog", "example", "birth"]).stdout
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        let batch = UUID().uuidString.prefix(6)
        let path = loop.dir.file("batch-\(batch).ndjson")
        let lines = (0..<count).map { "{\"_source_id\": \"\(batch)-\($0)\", " + example.dropFirst() }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let run = try loop.node(["apply", "--bundle", "birth", "--ndjson", path, "--json"])
        #expect(run.code == 0, "apply --ndjson: \(run.stderr)")
        return run.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    /// Syncs without failpoints until a run exits 0 with nothing left to send.
    func converge(_ loop: Loop) throws {
        for _ in 0..<5 {
            let run = try loop.node(["sync", "--retry-budget", "0"])
            let waiting = (try loop.nodeStatus()["outbox"] as? [String: Int]).map { ($0["queued"] ?? 0) + ($0["in_flight"] ?? 0) }
            if run.code == 0 && waiting == 0 { return }
        }
        Issue.record("the node did not converge after 5 syncs")
    }

    /// The invariants after convergence.
    func checkInvariants(_ loop: Loop, filed: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let nodeApps = ((try loop.node(["list", "--all", "--json"]).json() as? [String: Any])?["applications"] as? [[String: Any]]) ?? []
        #expect(Set(nodeApps.compactMap { $0["id"] as? String }) == Set(filed), "the node lost or invented applications", sourceLocation: sourceLocation)
        let hubApps = try loop.hubApplications()
        let hubIds = hubApps.compactMap { $0["application_id"] as? String }
        #expect(hubIds.count == filed.count, "the hub holds \(hubIds.count) applications for \(filed.count) filed", sourceLocation: sourceLocation)
        #expect(Set(hubIds) == Set(filed), "not every application reached the hub exactly once", sourceLocation: sourceLocation)
        for app in nodeApps {
            #expect(app["state"] as? String == "accepted", sourceLocation: sourceLocation)
            #expect((app["province_no"] as? String)?.hasPrefix("FJ") == true, sourceLocation: sourceLocation)
        }
        // Every decision reached the node.
        for hubApp in hubApps {
            guard let id = hubApp["application_id"] as? String else { continue }
            #expect(try loop.nodeShow(id).items() == hubApp.items(), "decisions differ for \(id)", sourceLocation: sourceLocation)
        }
        #expect(try loop.sql("PRAGMA integrity_check") == "ok", sourceLocation: sourceLocation)
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'") == "0", sourceLocation: sourceLocation)
    }

    @Test(
        "the node killed in a sync run at each failpoint",
        arguments: [Failpoint.Name.beforePushRequest, .afterPushAnswer, .betweenPullPages])
    func nodeSyncFailpoints(_ failpoint: Failpoint.Name) throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        var filed = try fileBatch(loop, count: 6)
        if failpoint == .betweenPullPages {
            // Decisions on several applications, pulled one page at a time.
            #expect(try loop.node(["sync"]).code == 0)
            for id in filed.prefix(3) {
                let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
                #expect(try loop.hub(["decide", number, "birth-certificate", "approve"]).code == 0)
            }
            filed += try fileBatch(loop, count: 2)
        }
        let killed = try loop.node.run(
            ["sync", "--batch-size", "2", "--page-size", "1", "--db", loop.nodeDB], environment: armed(failpoint))
        #expect(killed.code == Self.killedBySIGKILL, "the failpoint \(failpoint.rawValue) was not reached: \(killed.code) \(killed.stderr)")
        try converge(loop)
        try checkInvariants(loop, filed: filed)
    }

    @Test("the node killed inside the merge of a pulled change with unsent edits: the conflict is not lost")
    func insideMerge() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let filed = try fileBatch(loop, count: 2)
        #expect(try loop.node(["sync"]).code == 0)
        let id = filed[0]
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        #expect(try loop.hub(["amend", number, "--data", "-"], stdin: #"{"delivery_address": "福建省福州市台江区测试街9号"}"#).code == 0)
        #expect(try loop.node(["amend", id, "--data", "-"], stdin: #"{"delivery_address": "福建省福州市仓山区样例路3号"}"#).code == 0)
        // Revision 2 went out once without an answer, and the clerk made revision 3: the
        // hub's merge answer to revision 2 meets revision 3 unsent, and the node merges.
        _ = try loop.sql("UPDATE outbox SET state = 'in_flight', attempts = 1 WHERE revision = 2")
        #expect(try loop.node(["amend", id, "--data", "-"], stdin: #"{"mother_phone": "13900000009"}"#).code == 0)
        let killed = try loop.node.run(["sync", "--batch-size", "1", "--db", loop.nodeDB], environment: armed(.insideMerge))
        #expect(killed.code == Self.killedBySIGKILL, "the merge failpoint was not reached: \(killed.code) \(killed.stderr)")
        try converge(loop)
        try checkInvariants(loop, filed: filed)
        let conflicts = (try loop.node(["conflicts", "list", "--json"]).json() as? [String: Any])?["conflicts"] as? [[String: Any]]
        #expect(conflicts?.compactMap { $0["field"] as? String } == ["delivery_address"], "the conflict survived the crash")
        #expect((try loop.hubShow(number)["conflicts"] as? [[String: Any]])?.count == 1)
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["mother_phone"] == "13900000009")
    }

    @Test("the node killed inside the filing transaction: nothing half-written")
    func insideFiling() throws {
        let loop = Loop()
        let before = try fileBatch(loop, count: 2)
        let example = try loop.node(["catalog", "example", "birth"]).stdout
        let killed = try loop.node.run(
            ["apply", "--bundle", "birth", "--data", "-", "--db", loop.nodeDB], stdin: Data(example.utf8), environment: armed(.insideFiling))
        #expect(killed.code == Self.killedBySIGKILL)
        #expect(try loop.sql("SELECT COUNT(*) FROM applications") == "\(before.count)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox") == "\(before.count)")
        #expect(try loop.sql("SELECT COUNT(*) FROM application_items WHERE application_id NOT IN (SELECT id FROM applications)") == "0")
        #expect(try loop.sql("PRAGMA integrity_check") == "ok")
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        try converge(loop)
        try checkInvariants(loop, filed: before)
    }

    @Test("the node killed inside a schema migration: the next start migrates, nothing lost")
    func insideMigration() throws {
        let loop = Loop()
        let filed = try fileBatch(loop, count: 3)
        // Take the database back to schema v3, as an older release left it.
        for statement in [
            "DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete", "DROP TABLE audit_log",
            "ALTER TABLE applications DROP COLUMN decided_at", "ALTER TABLE applications DROP COLUMN purged_at",
            "DELETE FROM grdb_migrations WHERE identifier = 'v4-audit-retention'",
        ] { _ = try loop.sql(statement) }
        let killed = try loop.node.run(["status", "--db", loop.nodeDB], environment: armed(.insideMigration))
        #expect(killed.code == Self.killedBySIGKILL)
        #expect(try loop.sql("SELECT COUNT(*) FROM grdb_migrations WHERE identifier = 'v4-audit-retention'") == "0", "rolled back")
        #expect(try loop.node(["status"]).code == 0)
        #expect(try loop.sql("SELECT COUNT(*) FROM grdb_migrations WHERE identifier = 'v4-audit-retention'") == "1")
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        try converge(loop)
        try checkInvariants(loop, filed: filed)
    }

    @Test("the hub killed after committing a batch, before answering: re-sent, applied once")
    func hubAfterCommit() throws {
        let loop = Loop()
        let filed = try fileBatch(loop, count: 5)
        let crashing = try HubProcess(
            database: loop.hubDB, directory: loop.dir, environment: ["ONETHING_FAILPOINT": Failpoint.Name.hubAfterCommit.rawValue])
        let token = try loop.setUpNode(url: crashing.url)
        let down = try loop.node(["sync", "--retry-budget", "0"])
        #expect(down.code == 75, "\(down.stderr)")
        crashing.stop()
        #expect(try loop.hubApplications().count == 5, "the hub had committed the batch")
        let hub = try loop.startHub()
        let tokenFile = loop.dir.file("token-again")
        try loop.writeToken(token, to: tokenFile)
        #expect(try loop.node(["init", "--hub", hub.url, "--node-id", "ward-1", "--token-file", tokenFile]).code == 0)
        let again = try loop.node(["sync", "--json"])
        #expect(again.code == 0, "\(again.stderr)")
        #expect((again.json() as? [String: Any])?["already_applied"] as? Int == 5)
        try checkInvariants(loop, filed: filed)
    }

    @Test("the hub killed inside the push transaction: nothing of the batch kept, all applied once on the next sync")
    func hubInsidePush() throws {
        let loop = Loop()
        let filed = try fileBatch(loop, count: 5)
        let crashing = try HubProcess(
            database: loop.hubDB, directory: loop.dir, environment: armed(.hubInsidePush))
        let token = try loop.setUpNode(url: crashing.url)
        let down = try loop.node(["sync", "--retry-budget", "0"])
        #expect(down.code == 75, "\(down.stderr)")
        crashing.stop()
        #expect(try loop.hubApplications().isEmpty, "the hub kept part of a batch it never committed")
        #expect(try loop.sql("PRAGMA integrity_check", db: loop.hubDB) == "ok")
        let hub = try loop.startHub()
        let tokenFile = loop.dir.file("token-again")
        try loop.writeToken(token, to: tokenFile)
        #expect(try loop.node(["init", "--hub", hub.url, "--node-id", "ward-1", "--token-file", tokenFile]).code == 0)
        let again = try loop.node(["sync", "--json"])
        #expect(again.code == 0, "\(again.stderr)")
        #expect((again.json() as? [String: Any])?["accepted"] as? Int == 5)
        try checkInvariants(loop, filed: filed)
    }

    @Test("the hub killed inside a decision's transaction: the decision is absent, made again it reaches the node once")
    func hubInsideDecision() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let filed = try fileBatch(loop, count: 2)
        #expect(try loop.node(["sync"]).code == 0)
        let number = try #require(try loop.nodeShow(filed[0])["province_no"] as? String)
        let killed = try loop.hubCLI.run(
            ["decide", number, "birth-certificate", "approve", "--db", loop.hubDB], environment: armed(.hubInsideDecision))
        #expect(killed.code == Self.killedBySIGKILL, "the failpoint was not reached: \(killed.code) \(killed.stderr)")
        let items = try loop.hubShow(number).items()
        #expect(items["birth-certificate"] == "in_progress", "a decision survived its transaction's crash: \(items)")
        #expect(try loop.sql("PRAGMA integrity_check", db: loop.hubDB) == "ok")
        #expect(try loop.hub(["decide", number, "birth-certificate", "approve"]).code == 0)
        try converge(loop)
        #expect(try loop.nodeShow(filed[0]).items()["birth-certificate"] == "approved")
        try checkInvariants(loop, filed: filed)
    }
}
