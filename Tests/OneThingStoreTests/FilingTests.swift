import Crypto
import Foundation
import GRDB
import OneThingModel
import OneThingStore
import TestSupport
import Testing

@Suite("Filing applications")
struct FilingTests {
    @Test("filing writes the application, its items and a frozen outbox entry")
    func filing() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let application = try Examples.validated("birth")
        let filed = try store.file(application, operatorId: "clerk-1", filedAt: TestMoment.at("2026-11-01T09:00+08:00"))
        #expect(ApplicationID.isWellFormed(filed.id))

        let detail = try store.application(id: filed.id)
        var withIdentity = application.fields
        withIdentity["newborn_provisional_id"] = "LS-" + String(filed.id.dropFirst(3))
        #expect(detail.fields == withIdentity)
        #expect(detail.summary.items.map(\.item) == application.items)
        #expect(detail.summary.items.allSatisfy { $0.state == .pending })
        #expect(detail.summary.state == .queued)
        #expect(detail.summary.revision == 1)
        #expect(detail.operatorId == "clerk-1")
        #expect(detail.catalogVersion == application.catalogVersion)

        let row = try DatabaseQueue(path: dir.file("node.sqlite")).read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE application_id = ?", arguments: [filed.id])
        }
        let entry = try #require(row)
        let payload: Data = entry["payload"]
        let digest = SHA256.hash(data: payload).map { String(format: "%02x", $0) }.joined()
        #expect(entry["payload_sha256"] == digest)
        #expect(entry["payload_sha256"] == filed.payloadSHA256)
        #expect(entry["idempotency_key"] == filed.idempotencyKey)
        #expect(entry["state"] == "queued")
        #expect(entry["revision"] == 1)
        #expect((entry["base_revision"] as Int?) == nil)
        let decoded = try JSONDecoder().decode(ApplicationPayload.self, from: payload)
        #expect(decoded.applicationId == filed.id)
        #expect(decoded.fields == withIdentity)
        #expect(decoded.items == application.items)
        #expect(decoded.operatorId == "clerk-1")
    }

    @Test("outbox sequence numbers increase and idempotency keys are unique")
    func sequence() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let application = try Examples.validated("school-enrolment")
        let filed = try (0..<5).map { _ in try store.file(application, filedAt: TestMoment.filing) }
        #expect(filed.map(\.outboxSeq) == filed.map(\.outboxSeq).sorted())
        #expect(Set(filed.map(\.outboxSeq)).count == 5)
        #expect(Set(filed.map(\.idempotencyKey)).count == 5)
        #expect(Set(filed.map(\.id)).count == 5)
        let status = try store.queueStatus()
        #expect(status.applications["queued"] == 5)
        #expect(status.outbox["queued"] == 5)
    }

    @Test("if the outbox entry cannot be written, nothing of the application is stored")
    func oneTransaction() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let store = try NodeStore.open(path: path)
        try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing)
        // A failure injected at the last of the three writes.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """)
        }
        #expect(throws: StoreError.self) { try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing) }
        let counts = try DatabaseQueue(path: path).read { db in
            try ["applications", "application_items", "outbox"].map { table in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1
            }
        }
        #expect(counts == [1, 6, 1])
    }

    @Test("a writer waits for another process's lock instead of failing at once")
    func busyTimeout() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let store = try NodeStore.open(path: path)
        let other = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? other.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                Thread.sleep(forTimeInterval: 0.5)
                try db.execute(sql: "COMMIT")
            }
            done.signal()
        }
        locked.wait()
        let filed = try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing)
        done.wait()
        #expect(try store.application(id: filed.id).summary.id == filed.id)
    }

    @Test("an unknown application id is reported as such")
    func unknownID() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        #expect(throws: StoreError.noSuchApplication(id: "OT-0000000000")) {
            try store.application(id: "OT-0000000000")
        }
    }

    @Test("list filters by state and shows the newest first")
    func listing() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let a = try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing)
        let b = try store.file(try Examples.validated("school-enrolment"), filedAt: TestMoment.filing)
        #expect(try store.applications().map(\.id) == [b.id, a.id])
        #expect(try store.applications(state: .queued).count == 2)
        #expect(try store.applications(state: .accepted).isEmpty)
    }
}
