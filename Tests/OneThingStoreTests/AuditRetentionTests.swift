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
        let filed = try store.file(try Examples.validated("birth"), operatorId: "clerk-1", filedAt: TestMoment.at("2026-11-26T09:00+08:00"))
        var form = try Examples.validated("birth")
        form.fields["mother_phone"] = "13900000009"
        _ = try store.amend(id: filed.id, form: form, operatorId: "clerk-2", at: TestMoment.at("2026-11-26T09:05+08:00"))
        try store.audit("viewed", actor: "cli:tester", applicationId: filed.id, at: TestMoment.at("2026-11-26T09:06+08:00"))
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

    /// Files an application at `filedAt` (its example dated as of then) and drives it to all
    /// items decided, pulled at `time`.
    func decided(at time: Timestamp, filedAt: Timestamp = TestMoment.at("2026-01-01T09:00+08:00")) throws -> String {
        let filed = try store.file(try Examples.validated("birth", at: filedAt), operatorId: "clerk-1", filedAt: filedAt)
        let entry = try #require(try store.claimBatch(limit: 10, at: filedAt).first { $0.applicationId == filed.id })
        _ = try store.recordPushResults([
            PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted, provinceNo: "FJ\(filed.id.suffix(10))", hubRevision: 1)
        ], at: filedAt)
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
        let old = try decided(at: TestMoment.at("2026-01-10T10:00+08:00"))
        let recent = try decided(at: TestMoment.at("2026-11-20T10:00+08:00"), filedAt: TestMoment.at("2026-11-19T09:00+08:00"))
        let filedAt = TestMoment.at("2026-01-01T09:00+08:00")
        let undecided = try store.file(try Examples.validated("birth", at: filedAt), filedAt: filedAt)
        let report = try store.purge(decidedBefore: TestMoment.at("2026-06-01T00:00+08:00"), actor: "cli:tester", at: TestMoment.at("2026-11-26T10:00+08:00"))
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
        #expect(try store.purge(decidedBefore: TestMoment.at("2026-06-01T00:00+08:00"), actor: "cli:tester", at: TestMoment.filing).applications == 0)
    }

    @Test("the retention cutoff: decided a minute before it is purged, decided at it is kept")
    func purgeCutoffBoundary() throws {
        let cutoff = TestMoment.at("2026-06-01T00:00+08:00")
        let before = try decided(at: cutoff.adding(minutes: -1))
        let at = try decided(at: cutoff)
        let report = try store.purge(decidedBefore: cutoff, actor: "cli:tester", at: TestMoment.filing)
        #expect(report.applications == 1)
        #expect(try store.application(id: before).fields.isEmpty)
        #expect(!(try store.application(id: at).fields.isEmpty))
    }

    @Test("the cutoff compares moments, not text: a decision stored in another offset's day is on the right side")
    func purgeCutoffAcrossTheDateLine() throws {
        // 2026-05-31T23:30+08:00 is 15:30 UTC on the 31st; the cutoff is the first of June in
        // China, so it is purged; 2026-06-01T00:30+08:00 (16:30 UTC on 31 May) is kept.
        let cutoff = TestMoment.at("2026-06-01T00:00+08:00")
        let lateEvening = try decided(at: TestMoment.at("2026-05-31T23:30+08:00"))
        let afterMidnight = try decided(at: try #require(Timestamp.parse("2026-05-31T16:30Z")))
        _ = try store.purge(decidedBefore: cutoff, actor: "cli:tester", at: TestMoment.filing)
        #expect(try store.application(id: lateEvening).fields.isEmpty)
        #expect(!(try store.application(id: afterMidnight).fields.isEmpty))
    }
}

/// Purged stays purged: nothing of a purged application's personal data comes back from the
/// hub, and no purged ID number remains anywhere in the file after partial purges (the
/// person index holds keyed hashes, freed cells are overwritten).
@Suite("Purge: nothing resurrected, nothing left")
struct PurgeLeavesNothingTests {
    let dir = TemporaryDirectory()
    let store: NodeStore

    init() throws {
        store = try NodeStore.open(path: dir.file("node.sqlite"))
    }

    /// Files a birth with its own mother (serial) at `filedAt`, accepted and fully decided at `decidedAt`.
    func decided(serial: Int, filedAt: Timestamp, decidedAt: Timestamp) throws -> (id: String, mother: String) {
        var form = try Examples.validated("birth", at: filedAt)
        let mother = SyntheticPeople.idNumber(born: try #require(CivilDate(year: 1994, month: 3, day: 12)), sex: .female, serial: serial)
        form.fields["mother_id_number"] = mother
        let filed = try store.file(form, filedAt: filedAt)
        let entry = try #require(try store.claimBatch(limit: 10, at: filedAt).first { $0.applicationId == filed.id })
        _ = try store.recordPushResults([
            PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted, provinceNo: "FJ\(filed.id.suffix(10))", hubRevision: 1)
        ], at: filedAt)
        _ = try store.applyChanges([try change(filed.id, hubRevision: 2, issued: true)], nextCursor: 1, at: decidedAt)
        return (filed.id, mother)
    }

    /// The hub's whole state of the application: every item decided, the newborn's ID issued.
    func change(_ id: String, hubRevision: Int, issued: Bool, fields: [String: String]? = nil) throws -> ApplicationChange {
        var hubFields = try fields ?? store.application(id: id).fields
        if issued { hubFields["newborn_id_number"] = "350102202601019019" }
        let items = try store.application(id: id).summary.items.map {
            ItemDecision(item: $0.item, state: $0.item == "household-registration" ? .issued : .approved,
                         documents: $0.item == "household-registration" ? ["resident_id_number": "350102202601019019"] : nil)
        }
        return ApplicationChange(
            cursor: 1, applicationId: id, provinceNo: "FJ\(id.suffix(10))", hubRevision: hubRevision, revision: 1, items: items,
            fields: hubFields)
    }

    @Test("an officer's amendment pulled after the purge brings back no personal data; purged_at stays")
    func purgedTakesNothingBack() throws {
        let (id, _) = try decided(serial: 1, filedAt: TestMoment.at("2026-01-05T09:00+08:00"), decidedAt: TestMoment.at("2026-01-10T09:00+08:00"))
        let report = try store.purge(decidedBefore: TestMoment.at("2026-06-01T00:00+08:00"), actor: "cli:tester", at: TestMoment.filing)
        #expect(report.applications == 1)
        // The hub's copy still has every field; an officer amends one (hub revision 3).
        var hubFields = ["mother_phone": "13900000009", "mother_name": SyntheticPeople.names[0], "newborn_id_number": "350102202601019019"]
        hubFields["mother_id_number"] = SyntheticPeople.idNumber(born: try #require(CivilDate(year: 1994, month: 3, day: 12)), sex: .female, serial: 1)
        _ = try store.applyChanges([try change(id, hubRevision: 3, issued: false, fields: hubFields)], nextCursor: 2, at: TestMoment.filing)
        let after = try store.application(id: id)
        #expect(after.fields.isEmpty)
        #expect(after.summary.items.allSatisfy { $0.documents == nil && $0.reason == nil })
        #expect(after.summary.items.allSatisfy { $0.state == .approved || $0.state == .issued }, "item states still follow the hub")
        let purgedAt = try DatabaseQueue(path: dir.file("node.sqlite")).read { db in
            try String.fetchOne(db, sql: "SELECT purged_at FROM applications WHERE id = ?", arguments: [id])
        }
        #expect(purgedAt == TestMoment.filing.description)
    }

    @Test("after partial purges no purged mother's ID number is anywhere in the database file; the kept one is found by look-up")
    func noPurgedValueLeft() throws {
        let old = try (0..<2).map { serial in
            try decided(serial: serial, filedAt: TestMoment.at("2026-01-05T09:00+08:00"), decidedAt: TestMoment.at("2026-01-10T09:00+08:00"))
        }
        let kept = try decided(serial: 7, filedAt: TestMoment.at("2026-11-20T09:00+08:00"), decidedAt: TestMoment.at("2026-11-25T09:00+08:00"))
        // Partial purges on two days: the first takes one, the second the other.
        _ = try store.purge(decidedBefore: TestMoment.at("2026-01-10T09:00+08:00"), actor: "cli:tester", at: TestMoment.filing)
        _ = try store.purge(decidedBefore: TestMoment.at("2026-06-01T00:00+08:00"), actor: "cli:tester", at: TestMoment.filing)
        #expect(try store.application(id: old[0].id).fields.isEmpty && store.application(id: old[1].id).fields.isEmpty)
        // The look-up by ID number goes through the keyed person index.
        #expect(try store.searchApplications(kept.mother).map(\.id) == [kept.id])
        #expect(try store.searchApplications(old[0].mother).isEmpty)
        let bytes = try [dir.file("node.sqlite"), dir.file("node.sqlite-wal")].compactMap { path in
            FileManager.default.fileExists(atPath: path) ? try Data(contentsOf: URL(fileURLWithPath: path)) : nil
        }
        func found(_ value: String) -> Bool { bytes.contains { $0.range(of: Data(value.utf8)) != nil } }
        #expect(found(kept.mother), "sanity: the kept application's value is in the file")
        for purged in old { #expect(!found(purged.mother), "a purged ID number is left in the file") }
        #expect(!found("birth|" + kept.mother), "the person index holds no raw ID number")
    }
}
