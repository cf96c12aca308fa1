import Foundation
import TestSupport
import Testing

@Suite("The whole loop: node, real hub, real libcurl client", .serialized)
struct SyncLoopTests {
    @Test("file offline -> sync 75 keeps the queue -> hub up -> sync -> decisions -> sync -> show has them")
    func offlineThenOnline() throws {
        let loop = Loop()
        // Set the node up against a port nothing listens on: the hub is down.
        let downURL = "http://127.0.0.1:\(ClosedPort.find())"
        let tokenFile = loop.dir.file("token-early")
        try loop.writeToken("early-token-that-is-long-enough-000", to: tokenFile)
        #expect(try loop.node(["init", "--hub", downURL, "--node-id", "ward-1", "--token-file", tokenFile]).code == 0)
        let ids = try loop.file(count: 2) + loop.file("school-enrolment")
        let down = try loop.node(["sync", "--retry-budget", "0"])
        #expect(down.code == 75, "sync with the hub down: \(down.stderr)")
        #expect(down.stderr.contains("127.0.0.1"))
        #expect(down.stderr.localizedCaseInsensitiveContains("kept"))
        let queued = try loop.nodeStatus()["applications"] as? [String: Int]
        #expect(queued?["queued"] == 3)
        #expect((try loop.nodeStatus()["last_error"] as? String)?.isEmpty == false)

        // The hub comes up; the node is re-initialised with the real URL and token.
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let up = try loop.node(["sync"])
        #expect(up.code == 0, "sync: \(up.stderr)")
        #expect(up.stdout.contains("sent 3"))
        #expect(try loop.hubApplications().count == 3)
        let shown = try loop.nodeShow(ids[0])
        let provinceNo = try #require(shown["province_no"] as? String)
        #expect(provinceNo.hasPrefix("FJ"))
        #expect(shown["state"] as? String == "accepted")

        // A department decides; the next sync brings it back.
        #expect(try loop.hub(["decide", provinceNo, "birth-certificate", "approve"]).code == 0)
        #expect(try loop.hub(["decide", provinceNo, "vaccination-certificate", "return", "--reason", "请补充接种记录 / add the vaccination record"]).code == 0)
        let pulled = try loop.node(["sync"])
        #expect(pulled.code == 0, "sync: \(pulled.stderr)")
        let after = try loop.nodeShow(ids[0]).items()
        #expect(after["birth-certificate"] == "approved")
        #expect(after["vaccination-certificate"] == "returned")
        #expect(after["social-security-card"] == "waiting")
        let text = try loop.node(["show", ids[0]]).stdout
        #expect(text.contains("add the vaccination record"))

        // Nothing left to do: a quiet run.
        let quiet = try loop.node(["sync"])
        #expect(quiet.code == 0)
        #expect(quiet.stdout.isEmpty)
        #expect((try loop.nodeStatus()["last_success_at"] as? String) != nil)
    }

    @Test("a batch re-sent after its answer was lost is applied once")
    func resentBatch() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let ids = try loop.file(count: 3)
        #expect(try loop.node(["sync"]).code == 0)
        // The node crashed after the hub committed but before it recorded the answers.
        _ = try loop.sql("UPDATE outbox SET state = 'in_flight'")
        _ = try loop.sql("UPDATE applications SET state = 'sent', province_no = NULL")
        let again = try loop.node(["sync", "--json"])
        #expect(again.code == 0, "sync: \(again.stderr)")
        let report = again.json() as? [String: Any]
        #expect(report?["already_applied"] as? Int == 3)
        #expect(report?["accepted"] as? Int == 0)
        #expect(try loop.hubApplications().count == 3)
        for id in ids {
            #expect((try loop.nodeShow(id)["province_no"] as? String)?.hasPrefix("FJ") == true)
        }
    }

    @Test("a changed payload under a known key is refused and quarantined; the hub keeps the original")
    func changedPayload() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let id = try loop.file()[0]
        #expect(try loop.node(["sync"]).code == 0)
        // Tamper: same idempotency key, another payload (and its own matching hash).
        let payload = try loop.sql("SELECT payload FROM outbox WHERE application_id = '\(id)'")
        let tampered = payload.replacingOccurrences(of: "\"birth_order\":\"1\"", with: "\"birth_order\":\"2\"")
        #expect(tampered != payload)
        let escaped = tampered.replacingOccurrences(of: "'", with: "''")
        _ = try loop.sql("UPDATE outbox SET payload = CAST('\(escaped)' AS BLOB), payload_sha256 = '\(sha256(tampered))', state = 'queued' WHERE application_id = '\(id)'")
        let run = try loop.node(["sync", "--json"])
        #expect(run.code == 0, "sync: \(run.stderr)")
        #expect((run.json() as? [String: Any])?["rejected"] as? Int == 1)
        let shown = try loop.nodeShow(id)
        #expect(shown["state"] as? String == "quarantined")
        #expect((shown["state_reason"] as? String)?.isEmpty == false)
        let onHub = try #require(try loop.hubApplications().first)
        #expect((onHub["fields"] as? [String: String])?["birth_order"] == "1")
    }

    @Test("a wrong token exits 69 and keeps the queue")
    func wrongToken() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        #expect(try loop.hub(["nodes", "add", "ward-1"]).code == 0)
        let tokenFile = loop.dir.file("wrong-token")
        try loop.writeToken("this-is-not-the-token-the-hub-gave-0000", to: tokenFile)
        #expect(try loop.node(["init", "--hub", hub.url, "--node-id", "ward-1", "--token-file", tokenFile]).code == 0)
        _ = try loop.file()
        let run = try loop.node(["sync"])
        #expect(run.code == 69, "sync: \(run.stderr)")
        #expect(!run.stderr.contains("this-is-not-the-token"))
        #expect(try loop.hubApplications().isEmpty)
        #expect((try loop.nodeStatus()["applications"] as? [String: Int])?["queued"] == 1)
    }

    @Test("two syncs started together send each entry exactly once")
    func concurrentSyncs() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file(count: 20)
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let run = try? loop.node(["sync", "--json"])
            results.append(run)
        }
        let codes = results.runs.map(\.code).sorted()
        #expect(codes == [0, 0] || codes == [0, 75], "codes \(codes)")
        if codes == [0, 75] {
            #expect(results.runs.first { $0.code == 75 }?.stderr.contains("Another sync is running") == true)
        }
        let sent = results.runs.compactMap { ($0.json() as? [String: Any])?["pushed"] as? Int }.reduce(0, +)
        #expect(sent == 20)
        #expect(try loop.hubApplications().count == 20)
    }

    @Test("an entry the hub rejects is quarantined and does not block the ones behind it")
    func rejectedDoesNotBlock() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let ids = try loop.file(count: 3)
        // The first entry's payload names a bundle the hub does not know (hash kept consistent).
        let payload = try loop.sql("SELECT payload FROM outbox WHERE application_id = '\(ids[0])'")
        let bad = payload.replacingOccurrences(of: "\"bundle\":\"birth\"", with: "\"bundle\":\"no-such-bundle\"")
        _ = try loop.sql("UPDATE outbox SET payload = CAST('\(bad.replacingOccurrences(of: "'", with: "''"))' AS BLOB), payload_sha256 = '\(sha256(bad))' WHERE application_id = '\(ids[0])'")
        let run = try loop.node(["sync", "--json"])
        #expect(run.code == 0, "sync: \(run.stderr)")
        let report = run.json() as? [String: Any]
        #expect(report?["rejected"] as? Int == 1)
        #expect(report?["accepted"] as? Int == 2)
        #expect(try loop.nodeShow(ids[0])["state"] as? String == "quarantined")
        #expect(try loop.nodeShow(ids[2])["state"] as? String == "accepted")
        #expect(try loop.hubApplications().count == 2)
        let list = try loop.node(["list"]).stdout
        #expect(list.contains("quarantined"))
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [BuiltBinary.Run] = []
    func append(_ run: BuiltBinary.Run?) { if let run { lock.withLock { stored.append(run) } } }
    var runs: [BuiltBinary.Run] { lock.withLock { stored } }
}

func sha256(_ text: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import hashlib,sys;print(hashlib.sha256(sys.argv[1].encode()).hexdigest())", text]
    let out = Pipe()
    process.standardOutput = out
    try? process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
