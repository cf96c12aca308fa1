import Foundation
import GRDB
import OneThingModel
import OneThingStore
import TestSupport
import Testing

/// `NodeStore.metrics(at:)`: what `onething metrics` reports, measured against the moment
/// given (never the machine's clock).
@Suite("Node metrics")
struct NodeMetricsTests {
    @Test("an empty node: every outbox state at 0, no pending age, never synced, no error")
    func empty() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let metrics = try store.metrics(at: TestMoment.filing)
        #expect(metrics.outbox == ["queued": 0, "in_flight": 0, "acked": 0, "quarantined": 0])
        #expect(metrics.oldestPendingAgeSeconds == 0)
        #expect(metrics.lastSuccessAt == nil && metrics.lastErrorCode == nil && metrics.openConflicts == 0)
        #expect(metrics.applications.isEmpty)
    }

    @Test("the oldest pending entry's age is measured from when it was queued to the clock's now, in both states that wait")
    func oldestPendingAge() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let store = try NodeStore.open(path: path)
        let first = TestMoment.at("2026-11-25T09:00+08:00")
        let second = TestMoment.at("2026-11-26T08:00+08:00")
        _ = try store.file(try Examples.validated("birth", at: first), filedAt: first)
        _ = try store.file(try Examples.validated("school-enrolment", at: second), filedAt: second)
        let now = TestMoment.at("2026-11-26T09:00+08:00")
        #expect(try store.metrics(at: now).oldestPendingAgeSeconds == 86_400)
        // In flight still waits for the hub's answer.
        _ = try store.claimBatch(limit: 1, at: now)
        #expect(try store.metrics(at: now).outbox["in_flight"] == 1)
        #expect(try store.metrics(at: now).oldestPendingAgeSeconds == 86_400)
        // Once the older one is acknowledged, the younger one counts.
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE outbox SET state = 'acked' WHERE seq = 1") }
        #expect(try store.metrics(at: now).oldestPendingAgeSeconds == 3_600)
        #expect(try store.metrics(at: now).outbox == ["queued": 1, "in_flight": 0, "acked": 1, "quarantined": 0])
        // A quarantined entry does not wait: nothing is pending.
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE outbox SET state = 'quarantined' WHERE seq = 2") }
        #expect(try store.metrics(at: now).oldestPendingAgeSeconds == 0)
        #expect(try store.metrics(at: now).outbox["quarantined"] == 1)
    }

    @Test("a correction queued later counts from when it was queued, not from the filing")
    func revisionQueuedAt() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let store = try NodeStore.open(path: path)
        let filed = TestMoment.at("2026-11-20T09:00+08:00")
        let id = try store.file(try Examples.validated("birth", at: filed), filedAt: filed).id
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE outbox SET state = 'acked', attempts = 1") }
        let amended = TestMoment.at("2026-11-26T08:30+08:00")
        var form = try Examples.validated("birth", at: filed)
        let birth = try #require(CatalogLoader.builtIn?.bundle("birth"))
        form.fields = birth.formFields(try store.application(id: id).fields).merging(["mother_phone": "13900000009"]) { _, new in new }
        let result = try store.amend(id: id, form: form, operatorId: nil, at: amended)
        #expect(result.revision == 2)
        #expect(try store.metrics(at: TestMoment.at("2026-11-26T09:00+08:00")).oldestPendingAgeSeconds == 1_800)
    }

    @Test("the last sync: its success time, and after a failure the error's code until a run succeeds")
    func lastSync() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let ok = TestMoment.at("2026-11-26T08:00+08:00")
        try store.recordSyncRun(succeeded: true, error: nil, at: ok)
        var metrics = try store.metrics(at: TestMoment.filing)
        #expect(metrics.lastSuccessAt == ok && metrics.lastErrorCode == nil)
        try store.recordSyncRun(succeeded: false, error: "The hub did not answer.", errorCode: "sync.temporary", at: TestMoment.filing)
        metrics = try store.metrics(at: TestMoment.filing)
        #expect(metrics.lastSuccessAt == ok && metrics.lastErrorCode == "sync.temporary")
        // An error recorded without a code (before this version) is `unknown`, not hidden.
        try store.recordSyncRun(succeeded: false, error: "old", at: TestMoment.filing)
        #expect(try store.metrics(at: TestMoment.filing).lastErrorCode == "unknown")
        try store.recordSyncRun(succeeded: true, error: nil, at: TestMoment.filing)
        #expect(try store.metrics(at: TestMoment.filing).lastErrorCode == nil)
    }

    @Test("applications by bundle and state")
    func applicationsByBundle() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let store = try NodeStore.open(path: path)
        for _ in 0..<2 { _ = try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing) }
        _ = try store.file(try Examples.validated("school-enrolment"), filedAt: TestMoment.filing)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE applications SET state = 'accepted' WHERE rowid = (SELECT MIN(rowid) FROM applications)")
        }
        let metrics = try store.metrics(at: TestMoment.filing)
        #expect(metrics.applications == ["birth": ["accepted": 1, "queued": 1], "school-enrolment": ["queued": 1]])
    }

    @Test("a database from before v10-metrics: entries waiting then take their application's filing time as queued")
    func migrationBackfill() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let filed = TestMoment.at("2026-11-25T09:00+08:00")
        do {
            let store = try NodeStore.open(path: path)
            _ = try store.file(try Examples.validated("birth", at: filed), filedAt: filed)
        }
        // Back to schema v9: the migration's columns gone, the migration not recorded.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                ALTER TABLE outbox DROP COLUMN queued_at;
                ALTER TABLE sync_state DROP COLUMN last_error_code;
                DELETE FROM grdb_migrations WHERE identifier = 'v10-metrics';
                """)
        }
        let store = try NodeStore.open(path: path)
        #expect(try store.metrics(at: filed.adding(days: 1)).oldestPendingAgeSeconds == 86_400)
    }
}
