import Foundation
import GRDB
import OneThingModel
import OneThingStore
import OneThingWire
import TestSupport
import Testing

@Suite("Audit log and retention purge")
struct AuditRetentionTests {
    let dir = TemporaryDirectory()
    let store: NodeStore

    init() throws {
        store = try NodeStore.open(path: dir.file("node.sqlite"))
    }

    @Test("filing and amending are audited; the log refuses to be changed or deleted")
    func appendOnly() throws {
        let filed = try store.file(try Examples.validated("birth"), operatorId: "clerk-1", filedAt: "2026-11-26T09:00+08:00")
        var form = try Examples.validated("birth")
        form.fields["mother_phone"] = "13900000009"
        _ = try store.amend(id: filed.id, form: form, operatorId: "clerk-2", at: "2026-11-26T09:05+08:00")
        try store.audit("viewed", actor: "cli:tester", applicationId: filed.id, at: "2026-11-26T09:06+08:00")
        let log = try store.auditLog(applicationId: filed.id)
        #expect(log.map(\.action) == ["filed", "amended", "viewed"])
        #expect(log.map(\.actor) == ["clerk-1", "clerk-2", "cli:tester"])
        #expect(log[1].detail == "revision 1: mother_phone")
        #expect(!log.contains { ($0.detail ?? "").contains("13900000009") }, "field names only, never values")
        let queue = try DatabaseQueue(path: dir.file("node.sqlite"))
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'x'") } }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_log") } }
        #expect(try store.auditLog(applicationId: filed.id).count == log.count)
    }

    /// Files and drives an application to all items decided, pulled at `time`.
    func decided(at time: String) throws -> String {
        let filed = try store.file(try Examples.validated("birth"), operatorId: "clerk-1", filedAt: "2026-01-01T09:00+08:00")
        let entry = try #require(try store.claimBatch(limit: 10, at: "t").first { $0.applicationId == filed.id })
        _ = try store.recordPushResults([
            PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted, provinceNo: "FJ\(filed.id.suffix(10))", hubRevision: 1)
        ], at: "t")
        var fields = try store.application(id: filed.id).fields
        fields["newborn_id_number"] = "350102202601019019"
        let items = try store.application(id: filed.id).summary.items.map {
            ItemDecision(item: $0.item, state: $0.item == "household-registration" ? .issued : .approved,
                         documents: $0.item == "household-registration" ? ["resident_id_number": "350102202601019019"] : nil)
        }
        _ = try store.applyChanges([
            ApplicationChange(cursor: 1, applicationId: filed.id, provinceNo: "FJ\(filed.id.suffix(10))", hubRevision: 2, revision: 1, items: items, fields: fields)
        ], nextCursor: 1, at: time)
        return filed.id
    }

    @Test("the purge removes personal data of applications decided before the cutoff, keeping the receipt-level record")
    func purge() throws {
        let old = try decided(at: "2026-01-10T10:00+08:00")
        let recent = try decided(at: "2026-11-20T10:00+08:00")
        let undecided = try store.file(try Examples.validated("birth"), filedAt: "2026-01-01T09:00+08:00")
        let report = try store.purge(decidedBefore: "2026-06-01T00:00+08:00", actor: "cli:tester", at: "2026-11-26T10:00+08:00")
        #expect(report.applications == 1)
        let purged = try store.application(id: old)
        #expect(purged.fields.isEmpty)
        #expect(purged.summary.items.allSatisfy { $0.documents == nil })
        #expect(purged.summary.provinceNo != nil)
        #expect(purged.summary.items.count == 6)
        #expect(!(try store.application(id: recent).fields.isEmpty))
        #expect(!(try store.application(id: undecided.id).fields.isEmpty))
        let payload = try DatabaseQueue(path: dir.file("node.sqlite")).read { db in
            try Data.fetchOne(db, sql: "SELECT payload FROM outbox WHERE application_id = ?", arguments: [old])
        }
        #expect(payload?.isEmpty == true)
        #expect(try store.auditLog(applicationId: old).last?.action == "purged")
        // Purging again changes nothing.
        #expect(try store.purge(decidedBefore: "2026-06-01T00:00+08:00", actor: "cli:tester", at: "t").applications == 0)
    }
}
