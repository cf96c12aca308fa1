import Foundation
import OneThingFailpoints
import TestSupport
import Testing

/// Outbox entries left in flight by a sync killed mid-push are waiting to be sent as much as
/// queued ones: `status` counts both (the next sync sends them again).
@Suite("status: entries in flight are waiting")
struct WaitingInFlightTests {
    @Test("a sync killed after marking its batch in flight: status says every entry waits; the next sync sends them")
    func inFlightIsWaiting() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let ids = try loop.file(count: 3)
        let killed = try loop.node.run(
            ["sync", "--db", loop.nodeDB], environment: ["ONETHING_FAILPOINT": Failpoint.Name.beforePushRequest.rawValue])
        #expect(killed.code == 9, "the sync was not killed at its failpoint: \(killed.code) \(killed.stderr)")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'in_flight'") == "3")

        let status = try loop.nodeStatus()
        #expect(status["waiting"] as? Int == 3, "\(status)")
        let outbox = try #require(status["outbox"] as? [String: Int])
        #expect(outbox["in_flight"] == 3)
        #expect(outbox["queued"] == 0)
        let text = try loop.node(["status"])
        #expect(text.code == 0)
        #expect(text.stdout.contains("Waiting to send: 3 (3 of them"), "\(text.stdout)")

        let sync = try loop.node(["sync"])
        #expect(sync.code == 0, "\(sync.stderr)")
        #expect(try loop.nodeStatus()["waiting"] as? Int == 0)
        #expect(try loop.node(["status"]).stdout.contains("Waiting to send: 0\n"))
        #expect(Set(try loop.hubApplications().compactMap { $0["application_id"] as? String }) == Set(ids))
    }
}
