import Foundation
import GRDB
import OneThingModel
import OneThingStore
import OneThingWire
import TestSupport
import Testing

/// `status` reads counts kept by triggers (schema v5); they must always equal a real count.
@Suite("Counts by state kept by triggers")
struct StateCountTests {
    func realCounts(_ path: String) throws -> (applications: [String: Int], outbox: [String: Int]) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var applications = Dictionary(uniqueKeysWithValues: ApplicationState.allCases.map { ($0.rawValue, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM applications GROUP BY state") {
                applications[row["state"]] = row["n"]
            }
            var outbox = ["queued": 0, "in_flight": 0, "acked": 0, "quarantined": 0]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state") { outbox[row["state"]] = row["n"] }
            return (applications, outbox)
        }
    }

    @Test("filing, claiming, answers (accepted, rejected), requeue, amend and pull: the counts equal COUNT(*) after each step")
    func followEveryStep() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let store = try NodeStore.open(path: path)
        func same(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let status = try store.queueStatus()
            let real = try realCounts(path)
            #expect(status.applications == real.applications, "\(step)", sourceLocation: sourceLocation)
            #expect(status.outbox == real.outbox, "\(step)", sourceLocation: sourceLocation)
        }
        let filed = try (0..<5).map { _ in try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing) }
        try same("filed")
        let claimed = try store.claimBatch(limit: 3, at: TestMoment.filing)
        try same("claimed")
        try store.requeue([claimed[2].seq], at: TestMoment.filing)
        try same("requeued")
        _ = try store.recordPushResults([
            PushResult(seq: claimed[0].seq, idempotencyKey: claimed[0].idempotencyKey, status: .accepted, provinceNo: "FJ0000000001", hubRevision: 1),
            PushResult(seq: claimed[1].seq, idempotencyKey: claimed[1].idempotencyKey, status: .rejected, reason: "x", reasonCode: .invalidPayload),
        ], at: TestMoment.filing)
        try same("answered")
        _ = try store.applyChanges([
            ApplicationChange(cursor: 1, applicationId: filed[0].id, provinceNo: "FJ0000000001", hubRevision: 1, revision: 1,
                              items: [ItemDecision(item: "birth-certificate", state: .approved)], fields: [:])
        ], nextCursor: 1, at: TestMoment.filing)
        try same("pulled")
        #expect(try store.queueStatus().applications["accepted"] == 1)
        #expect(try store.queueStatus().outbox["quarantined"] == 1)
    }
}
