import Foundation
import GRDB
import OneThingModel
import OneThingStore
import OneThingWire
import TestSupport
import Testing

/// Revisions at the node: amend while queued, in flight or acknowledged; the hub's answers
/// and pulled changes merged into the working copy; conflicts kept until a person decides.
@Suite("Revisions, merges and conflicts in the node store")
struct RevisionTests {
    let dir = TemporaryDirectory()
    let store: NodeStore
    let time = TestMoment.filing

    init() throws {
        store = try NodeStore.open(path: dir.file("node.sqlite"))
    }

    struct OutboxRow: Equatable {
        var seq: Int64
        var revision: Int
        var base: Int?
        var key: String
        var state: String
        var payload: ApplicationPayload
    }

    func outbox(_ id: String) throws -> [OutboxRow] {
        try DatabaseQueue(path: dir.file("node.sqlite")).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE application_id = ? ORDER BY seq", arguments: [id]).map { row in
                OutboxRow(
                    seq: row["seq"], revision: row["revision"], base: row["base_revision"], key: row["idempotency_key"],
                    state: row["state"], payload: try JSONDecoder().decode(ApplicationPayload.self, from: row["payload"]))
            }
        }
    }

    /// The example with `changes` applied, validated as `amend` validates it.
    func form(_ id: String, _ changes: [String: String]) throws -> ValidatedApplication {
        var form = try Examples.validated("birth")
        let current = try store.application(id: id).fields
        let birth = try #require(CatalogLoader.builtIn?.bundle("birth"))
        form.fields = birth.formFields(current).merging(changes) { _, new in new }
        return form
    }

    func accept(_ entry: OutboxEntry, hubRevision: Int, merge: MergeOutcome? = nil) throws {
        _ = try store.recordPushResults([
            PushResult(
                seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted, provinceNo: "FJ0000000001",
                hubRevision: hubRevision, merge: merge)
        ], at: time)
    }

    func change(_ id: String, hubRevision: Int, fields: [String: String], cursor: Int64) -> ApplicationChange {
        ApplicationChange(
            cursor: cursor, applicationId: id, provinceNo: "FJ0000000001", hubRevision: hubRevision, items: [], fields: fields)
    }

    @Test("an edit of a revision never sent replaces its frozen entry: same seq, new key and payload")
    func replaceQueued() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        let before = try outbox(filed.id)
        let result = try store.amend(id: filed.id, form: try form(filed.id, ["mother_phone": "13900000009"]), operatorId: "clerk-2", at: time)
        #expect(result.replacedQueuedEntry)
        #expect(result.revision == 1)
        #expect(result.changed == ["mother_phone"])
        let after = try outbox(filed.id)
        #expect(after.count == 1)
        #expect(after[0].seq == before[0].seq)
        #expect(after[0].key != before[0].key)
        #expect(after[0].payload.fields["mother_phone"] == "13900000009")
        #expect(after[0].payload.fields["newborn_provisional_id"] == before[0].payload.fields["newborn_provisional_id"])
        #expect(after[0].base == nil)
    }

    @Test("an edit while the entry is in flight becomes the next revision; the sent one is untouched")
    func inFlightBecomesNextRevision() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        let claimed = try store.claimBatch(limit: 10, at: time)
        #expect(claimed.map(\.seq) == [filed.outboxSeq])
        let result = try store.amend(id: filed.id, form: try form(filed.id, ["mother_phone": "13900000009"]), operatorId: nil, at: time)
        #expect(!result.replacedQueuedEntry)
        #expect(result.revision == 2)
        let rows = try outbox(filed.id)
        #expect(rows.map(\.revision) == [1, 2])
        #expect(rows[0].key == claimed[0].idempotencyKey)
        #expect(rows[0].payload.fields["mother_phone"] != "13900000009")
        #expect(rows[1].base == nil, "no hub revision known yet: based on revision 1 as the hub will accept it")
        #expect(rows[1].payload.baseRevision == nil)
        // A second edit while revision 2 is still queued and unsent replaces revision 2.
        let again = try store.amend(id: filed.id, form: try form(filed.id, ["mother_phone": "13900000008"]), operatorId: nil, at: time)
        #expect(again.replacedQueuedEntry && again.revision == 2)
        #expect(try outbox(filed.id).count == 2)
    }

    @Test("an entry put back after an attempt is never replaced: the hub may have applied it")
    func requeuedIsNotReplaced() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        let claimed = try store.claimBatch(limit: 10, at: time)
        try store.requeue(claimed.map(\.seq), at: time)
        let result = try store.amend(id: filed.id, form: try form(filed.id, ["mother_phone": "13900000009"]), operatorId: nil, at: time)
        #expect(!result.replacedQueuedEntry)
        #expect(try outbox(filed.id).map(\.revision) == [1, 2])
    }

    @Test("after the hub acknowledged revision 1 as hub revision 1, the next revision is based on it")
    func baseAfterAck() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        let claimed = try store.claimBatch(limit: 10, at: time)
        try accept(claimed[0], hubRevision: 1)
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["mother_phone": "13900000009"]), operatorId: nil, at: time)
        #expect(try outbox(filed.id).last?.base == 1)
        #expect(try store.application(id: filed.id).summary.state == .queued)
    }

    @Test("a pulled change with nothing pending becomes the working copy")
    func pullWithoutPendingTakesHub() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        var hub = try store.application(id: filed.id).fields
        hub["household_address"] = "福建省福州市鼓楼区测试路9号"
        _ = try store.applyChanges([change(filed.id, hubRevision: 2, fields: hub, cursor: 1)], nextCursor: 1, at: time)
        let detail = try store.application(id: filed.id)
        #expect(detail.fields == hub)
        #expect(detail.hubFieldsRevision == 2)
        #expect(try store.conflicts().isEmpty)
    }

    @Test("a pulled change meets an unsent edit of another field: both kept, the merge recorded")
    func pullMergesOtherFields() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        let base = try store.application(id: filed.id).fields
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["mother_phone": "13900000009"]), operatorId: nil, at: time)
        var hub = base
        hub["household_address"] = "福建省福州市鼓楼区测试路9号"
        _ = try store.applyChanges([change(filed.id, hubRevision: 2, fields: hub, cursor: 1)], nextCursor: 1, at: time)
        let detail = try store.application(id: filed.id)
        #expect(detail.fields["mother_phone"] == "13900000009")
        #expect(detail.fields["household_address"] == "福建省福州市鼓楼区测试路9号")
        #expect(try store.conflicts().isEmpty)
        #expect(try store.events(applicationId: filed.id).contains { $0.kind == "merged" && $0.fields == ["household_address"] })
        // The queued revision is left as frozen: the hub merges it against its base itself.
        #expect(try outbox(filed.id).last?.payload.fields["household_address"] == base["household_address"])
    }

    @Test("the same field changed on both sides: a conflict with base, local and hub; the hub's value holds")
    func pullConflict() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        let base = try store.application(id: filed.id).fields
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["delivery_address": "福建省福州市仓山区样例路3号"]), operatorId: nil, at: time)
        var hub = base
        hub["delivery_address"] = "福建省福州市台江区测试街9号"
        _ = try store.applyChanges([change(filed.id, hubRevision: 2, fields: hub, cursor: 1)], nextCursor: 1, at: time)
        let conflicts = try store.conflicts()
        #expect(conflicts.map(\.conflict) == [
            FieldConflict(field: "delivery_address", base: base["delivery_address"], local: "福建省福州市仓山区样例路3号", hub: "福建省福州市台江区测试街9号")
        ])
        #expect(conflicts.first?.detected == "pull")
        #expect(try store.application(id: filed.id).fields["delivery_address"] == "福建省福州市台江区测试街9号")
        #expect(try store.application(id: filed.id).openConflicts == 1)
        // The same page again changes nothing (no second record).
        _ = try store.applyChanges([change(filed.id, hubRevision: 2, fields: hub, cursor: 1)], nextCursor: 1, at: time)
        #expect(try store.conflicts(includeResolved: true).count == 1)

        // Keep local: a new revision that names the field in `resolves`.
        let resolved = try store.amend(
            id: filed.id, form: try form(filed.id, ["delivery_address": "福建省福州市仓山区样例路3号"]),
            resolves: ["delivery_address": .keepLocal], operatorId: "clerk-1", at: time)
        #expect(!resolved.replacedQueuedEntry, "a resolution is always a new revision")
        let last = try #require(try outbox(filed.id).last)
        #expect(last.payload.resolves == ["delivery_address"])
        #expect(last.payload.fields["delivery_address"] == "福建省福州市仓山区样例路3号")
        #expect(last.base == 2)
        #expect(try store.conflicts().isEmpty)
        #expect(try store.conflicts(includeResolved: true).first?.resolution == "local")
    }

    @Test("resolving a field without an open conflict is refused and stores nothing")
    func resolveWithoutConflict() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        let before = try outbox(filed.id)
        #expect(throws: StoreError.noOpenConflict(id: filed.id, field: "delivery_address")) {
            try store.amend(
                id: filed.id, form: try form(filed.id, [:]), resolves: ["delivery_address": .keepHub], operatorId: nil, at: time)
        }
        #expect(try outbox(filed.id) == before)
    }

    @Test("the hub's merge answer: conflicts recorded as found by the hub, merged fields taken in")
    func pushAnswerWithMerge() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        let base = try store.application(id: filed.id).fields
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["delivery_address": "福建省福州市仓山区样例路3号", "mother_phone": "13900000009"]), operatorId: nil, at: time)
        let entry = try #require(try store.claimBatch(limit: 10, at: time).first)
        var merged = base
        merged["mother_phone"] = "13900000009"
        merged["household_address"] = "福建省福州市鼓楼区测试路9号"
        merged["delivery_address"] = "福建省福州市台江区测试街9号"
        let conflict = FieldConflict(field: "delivery_address", base: base["delivery_address"], local: "福建省福州市仓山区样例路3号", hub: "福建省福州市台江区测试街9号")
        try accept(entry, hubRevision: 4, merge: MergeOutcome(
            baseRevision: 1, fields: merged, fromNode: ["mother_phone"], fromHub: ["household_address"], conflicts: [conflict]))
        let detail = try store.application(id: filed.id)
        #expect(detail.fields == merged)
        #expect(detail.hubFieldsRevision == 4)
        #expect(try store.conflicts().map(\.conflict) == [conflict])
        #expect(try store.conflicts().first?.detected == "push")
    }

    @Test("the issued resident ID number comes in next to the provisional identity")
    func issuedIdentity() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        var hub = try store.application(id: filed.id).fields
        #expect(hub["newborn_provisional_id"] == "LS-" + filed.id.dropFirst(3))
        hub["newborn_id_number"] = "350102202601019019"
        _ = try store.applyChanges([change(filed.id, hubRevision: 2, fields: hub, cursor: 1)], nextCursor: 1, at: time)
        #expect(try store.application(id: filed.id).fields["newborn_id_number"] == "350102202601019019")
        #expect(try store.events(applicationId: filed.id).contains { $0.kind == "identity_issued" })
    }

    @Test("an issued number the hub no longer holds (a restored hub lost the decision) leaves the node too, even mid-merge")
    func issuedNumberLostAtTheHub() throws {
        // Found by the fault rounds (seed 303953474): the base of the merge was a revision
        // frozen before the number was issued, so the number looked like a local edit.
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        let hubBefore = try store.application(id: filed.id).fields
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["mother_phone": "13900000009"]), operatorId: nil, at: time)
        _ = try store.claimBatch(limit: 10, at: time)  // revision 2 in flight, frozen without a number
        var issued = hubBefore
        issued["newborn_id_number"] = "350102202601019019"
        _ = try store.applyChanges([change(filed.id, hubRevision: 2, fields: issued, cursor: 1)], nextCursor: 1, at: time)
        #expect(try store.application(id: filed.id).fields["newborn_id_number"] == "350102202601019019")
        _ = try store.amend(
            id: filed.id, form: try form(filed.id, ["delivery_address": "福建省福州市仓山区样例路3号"]), operatorId: nil, at: time)
        // The hub, restored, holds revision 2 and no number (the decision is gone).
        var lost = hubBefore
        lost["mother_phone"] = "13900000009"
        let page = ApplicationChange(
            cursor: 2, applicationId: filed.id, provinceNo: "FJ0000000001", hubRevision: 3, revision: 2, items: [], fields: lost)
        _ = try store.applyChanges([page], nextCursor: 2, at: time)
        let fields = try store.application(id: filed.id).fields
        #expect(fields["newborn_id_number"] == nil)
        #expect(fields["delivery_address"] == "福建省福州市仓山区样例路3号")  // the clerk's unsent edit stays
        #expect(fields["mother_phone"] == "13900000009")
    }

    @Test("filing the same mother, birth date and order again warns of an exact duplicate; a day apart, a near one")
    func localDuplicates() throws {
        let first = try store.file(try Examples.validated("birth"), filedAt: time)
        let second = try store.file(try Examples.validated("birth"), filedAt: time)
        #expect(second.possibleDuplicates == [LocalDuplicate(id: first.id, kind: .exact)])
        var nextDay = try Examples.validated("birth")
        let birth = try #require(nextDay.fields["birth_time"])
        let day = try #require(CivilDate.parse(String(birth.prefix(10))))
        nextDay.fields["birth_time"] = day.adding(days: -1).description + String(birth.dropFirst(10))
        let third = try store.file(nextDay, filedAt: time)
        #expect(third.possibleDuplicates.map(\.kind) == [.near, .near])
        var twin = try Examples.validated("birth")
        twin.fields["birth_order"] = "2"
        // Twins: the same day with another birth order match neither the first nor the
        // second; only the birth filed a day apart is near.
        #expect(try store.file(twin, filedAt: time).possibleDuplicates == [LocalDuplicate(id: third.id, kind: .near)])
        var other = try Examples.validated("birth")
        other.fields["mother_id_number"] = "350102199001010016"
        #expect(try store.file(other, filedAt: time).possibleDuplicates.isEmpty)
    }

    @Test("claiming a batch marks it in flight in the same transaction")
    func claimMarksInFlight() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        _ = try store.claimBatch(limit: 10, at: time)
        #expect(try outbox(filed.id).map(\.state) == ["in_flight"])
        #expect(try store.application(id: filed.id).summary.state == .sent)
    }

    // MARK: Sequences found in review

    /// Files, acknowledges as hub revision 1, and opens a pull conflict on delivery_address
    /// (local: the clerk's value, hub revision 2: the officer's), with local revision 2 unsent.
    func conflicted() throws -> (id: String, base: [String: String]) {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        let base = try store.application(id: filed.id).fields
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["delivery_address": "福建省福州市仓山区样例路3号"]), operatorId: nil, at: time)
        var hub = base
        hub["delivery_address"] = "福建省福州市台江区测试街9号"
        _ = try store.applyChanges([change(filed.id, hubRevision: 2, fields: hub, cursor: 1)], nextCursor: 1, at: time)
        #expect(try store.conflicts().count == 1)
        return (filed.id, base)
    }

    @Test("amending a field in conflict is a decision on it: the conflict closes with that value")
    func amendResolvesConflict() throws {
        let (id, _) = try conflicted()
        let result = try store.amend(id: id, form: try form(id, ["delivery_address": "福建省福州市晋安区新路1号"]), operatorId: nil, at: time)
        #expect(result.resolved == ["delivery_address"])
        #expect(try store.conflicts().isEmpty)
        #expect(try outbox(id).last?.payload.resolves == ["delivery_address"])
    }

    @Test("a conflict follows the hub's latest value, so keeping the hub's keeps the current one")
    func conflictFollowsHub() throws {
        let (id, base) = try conflicted()
        var hub = base
        hub["delivery_address"] = "福建省福州市马尾区新址5号"
        _ = try store.applyChanges([change(id, hubRevision: 3, fields: hub, cursor: 2)], nextCursor: 2, at: time)
        #expect(try store.conflicts().first?.hub == "福建省福州市马尾区新址5号")
        #expect(try store.application(id: id).fields["delivery_address"] == "福建省福州市马尾区新址5号")
    }

    @Test("replacing a never-sent revision re-bases it on what the working copy reflects")
    func replacementRebases() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["mother_phone": "13900000009"]), operatorId: nil, at: time)
        #expect(try outbox(filed.id).last?.base == 1)
        var hub = try store.application(id: filed.id).fields
        hub["mother_phone"] = "13800000001"
        hub["household_address"] = "福建省福州市鼓楼区测试路9号"
        _ = try store.applyChanges([change(filed.id, hubRevision: 2, fields: hub, cursor: 1)], nextCursor: 1, at: time)
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["bank_branch": "中国银行福州示例支行"]), operatorId: nil, at: time)
        let last = try #require(try outbox(filed.id).last)
        #expect(last.revision == 2)
        #expect(last.base == 2)
        #expect(last.payload.baseRevision == 2)
        #expect(last.payload.fields["household_address"] == "福建省福州市鼓楼区测试路9号")
    }

    @Test("a decided conflict is not reopened by the answer to the older revision that caused it")
    func resolvedStaysResolved() throws {
        let (id, base) = try conflicted()
        _ = try store.amend(
            id: id, form: try form(id, ["delivery_address": "福建省福州市仓山区样例路3号"]),
            resolves: ["delivery_address": .keepLocal], operatorId: nil, at: time)
        let batch = try store.claimBatch(limit: 10, at: time)
        #expect(batch.map(\.revision) == [2, 3])
        var merged = base
        merged["delivery_address"] = "福建省福州市台江区测试街9号"
        let conflict = FieldConflict(field: "delivery_address", base: base["delivery_address"], local: "福建省福州市仓山区样例路3号", hub: "福建省福州市台江区测试街9号")
        var resolved = merged
        resolved["delivery_address"] = "福建省福州市仓山区样例路3号"
        _ = try store.recordPushResults([
            PushResult(seq: batch[0].seq, idempotencyKey: batch[0].idempotencyKey, status: .accepted, provinceNo: "FJ0000000001",
                hubRevision: 3, merge: MergeOutcome(baseRevision: 1, fields: merged, fromNode: [], fromHub: [], conflicts: [conflict])),
            PushResult(seq: batch[1].seq, idempotencyKey: batch[1].idempotencyKey, status: .accepted, provinceNo: "FJ0000000001",
                hubRevision: 4),
        ], at: time)
        #expect(try store.conflicts().isEmpty)
        #expect(try store.application(id: id).fields["delivery_address"] == "福建省福州市仓山区样例路3号")
        // The next pull (nothing pending) agrees with the hub: no open conflict there either.
        _ = try store.applyChanges([
            ApplicationChange(cursor: 5, applicationId: id, provinceNo: "FJ0000000001", hubRevision: 4, revision: 3, items: [], fields: resolved)
        ], nextCursor: 5, at: time)
        #expect(try store.conflicts().isEmpty)
        #expect(try store.application(id: id).fields == resolved)
    }

    @Test("a revision the hub applied but whose answer was lost is not an unsent edit when the pull comes")
    func lostAnswerIsNotAConflict() throws {
        let filed = try store.file(try Examples.validated("birth"), filedAt: time)
        try accept(try store.claimBatch(limit: 10, at: time)[0], hubRevision: 1)
        _ = try store.amend(id: filed.id, form: try form(filed.id, ["delivery_address": "福建省福州市仓山区样例路3号"]), operatorId: nil, at: time)
        let sent = try store.claimBatch(limit: 10, at: time)
        try store.requeue(sent.map(\.seq), at: time)  // the answer was lost
        // The hub applied it (hub revision 2), then an officer changed the same field (3).
        var hub = try store.application(id: filed.id).fields
        hub["delivery_address"] = "福建省福州市台江区测试街9号"
        _ = try store.applyChanges([
            ApplicationChange(cursor: 3, applicationId: filed.id, provinceNo: "FJ0000000001", hubRevision: 3, revision: 2, items: [], fields: hub)
        ], nextCursor: 3, at: time)
        #expect(try store.conflicts().isEmpty, "the officer's later change is not a conflict with an edit the hub already had")
        #expect(try store.application(id: filed.id).fields == hub)
    }

    /// `revise` checks the whole form as of the moment the application was filed, whatever
    /// the clock says when the correction is made (here 300 days later, past the 183 days a
    /// birth may be old): "not in the future" is measured against the filing, at its minute.
    @Test("a correction is checked as of the filing moment, not the moment it is made")
    func reviseChecksAsOfFiling() throws {
        let filedAt = TestMoment.at("2026-11-26T10:00+08:00")
        let catalog = try Examples.catalog()
        let region = try #require(catalog.region(catalog.defaultRegion))
        let filed = try store.file(try Examples.validated("birth", at: filedAt), filedAt: filedAt)
        let later = filedAt.adding(days: 300)
        func revise(_ field: String, _ value: String) throws -> Result<AmendResult, ApplicationProblems> {
            try store.revise(
                filed.id, changes: [field: .text(value)], catalog: catalog, region: region, operatorId: nil, at: later)
        }
        #expect(throws: Never.self) { try revise("mother_phone", "13900000009").get() }
        // The birth at the filing minute is accepted; a minute after it lies in the future
        // as of the filing, although it is long past when the correction is made.
        #expect(throws: Never.self) { try revise("birth_time", "2026-11-26T10:00").get() }
        guard case .failure(let problems) = try revise("birth_time", "2026-11-26T10:01") else {
            Issue.record("a birth after the filing moment was accepted")
            return
        }
        #expect(problems.problems.map(\.field) == ["birth_time"])
        #expect(try store.application(id: filed.id).fields["birth_time"] == "2026-11-26T10:00")
    }
}
