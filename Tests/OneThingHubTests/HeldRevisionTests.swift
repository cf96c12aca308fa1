import Foundation
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// A revision of a node's application that the hub already holds, pushed again under another
/// key and seq (the node's database restored from a copy made while the revision was unsent):
/// the same payload is answered `already_applied` and changes nothing; another payload is
/// never dropped silently and never overwrites the hub: what it says differently becomes an
/// open conflict (the hub's value holding), and what it says the hub already holds is
/// `already_applied`. Each rule on both sides of its boundary.
@Suite("Hub: a revision it holds, pushed again under another key")
struct HeldRevisionTests {
    let hub: HubFixture
    let id = SyntheticEntries.applicationID(1)

    init(_ backend: HubBackend = .sqlite) async throws {
        hub = try await HubFixture(backend)
    }

    func push(_ entries: [PushEntry]) async throws -> [PushResult] {
        try await hub.store.push(node: hub.node, entries: entries, catalog: hub.catalog, at: TestMoment.filing).results
    }

    func entry(_ revision: Int, seq: Int64, key: String, _ changes: [String: String], resolves: [String]? = nil) throws -> PushEntry {
        var payload = try SyntheticEntries.payload(applicationId: id, revision: revision, changing: changes)
        payload.resolves = resolves ?? []
        return try SyntheticEntries.entry(seq: seq, key: key, payload: payload)
    }

    /// Revision 1 (the example) and revision 2 changing the mother's phone, both taken.
    func heldAtRevision2(phone: String = "13900000002") async throws -> String {
        let first = try await push([try entry(1, seq: 1, key: "r1", [:])])
        let number = try #require(first.first?.provinceNo)
        let second = try await push([try entry(2, seq: 2, key: "r2", ["mother_phone": phone])])
        #expect(second.first?.status == .accepted)
        return number
    }

    @Test("revision 1 with the very payload the hub took: already applied, nothing changes", arguments: HubBackend.available)
    static func revision1SamePayload(_ backend: HubBackend) async throws {
        try await Self(backend).revision1SamePayload()
    }

    func revision1SamePayload() async throws {
        let first = try await push([try entry(1, seq: 1, key: "r1", [:])])
        let number = try #require(first.first?.provinceNo)
        let again = try await push([try entry(1, seq: 2, key: "r1-again", [:])])
        #expect(again.first?.status == .alreadyApplied)
        #expect(again.first?.provinceNo == number)
        #expect(again.first?.hubRevision == nil)
        let application = try await hub.store.application(number)
        #expect(application.hubRevision == 1 && application.conflicts.isEmpty)
    }

    @Test("revision 1 in another form: the field it says differently is an open conflict, the hub's value holds", arguments: HubBackend.available)
    static func revision1OtherPayload(_ backend: HubBackend) async throws {
        try await Self(backend).revision1OtherPayload()
    }

    func revision1OtherPayload() async throws {
        // The hub took the form corrected in place; the copy's older form comes back.
        let first = try await push([try entry(1, seq: 1, key: "r1", ["mother_phone": "13900000001"])])
        let number = try #require(first.first?.provinceNo)
        let example = try SyntheticEntries.payload(applicationId: id).fields["mother_phone"]
        let again = try await push([try entry(1, seq: 2, key: "r1-older", [:])])
        let result = try #require(again.first)
        #expect(result.status == .accepted)
        #expect(result.hubRevision == 2)
        let conflict = FieldConflict(field: "mother_phone", base: nil, local: example, hub: "13900000001")
        #expect(result.merge?.conflicts == [conflict])
        #expect(result.merge?.fromNode == [])
        let application = try await hub.store.application(number)
        #expect(application.fields["mother_phone"] == "13900000001")
        #expect(application.conflicts == [conflict])
        #expect(application.revision == 1)
        // The same entry again (its answer lost): the stored answer; not merged twice.
        let resent = try await push([try entry(1, seq: 2, key: "r1-older", [:])])
        #expect(resent.first?.status == .alreadyApplied)
        #expect(try await hub.store.application(number).hubRevision == 2)
    }

    @Test("revision 2 with the very payload the hub took: already applied, nothing changes", arguments: HubBackend.available)
    static func revision2SamePayload(_ backend: HubBackend) async throws {
        try await Self(backend).revision2SamePayload()
    }

    func revision2SamePayload() async throws {
        let number = try await heldAtRevision2()
        let again = try await push([try entry(2, seq: 3, key: "r2-again", ["mother_phone": "13900000002"])])
        #expect(again.first?.status == .alreadyApplied)
        #expect(again.first?.provinceNo == number)
        let application = try await hub.store.application(number)
        #expect(application.hubRevision == 2 && application.revision == 2 && application.conflicts.isEmpty)
        #expect(application.fields["mother_phone"] == "13900000002")
    }

    @Test("revision 2 in another form changing the same field: an open conflict, never a refusal", arguments: HubBackend.available)
    static func revision2OtherValue(_ backend: HubBackend) async throws {
        try await Self(backend).revision2OtherValue()
    }

    func revision2OtherValue() async throws {
        let number = try await heldAtRevision2()
        let base = try SyntheticEntries.payload(applicationId: id).fields["mother_phone"]
        let again = try await push([try entry(2, seq: 3, key: "r2-older", ["mother_phone": "13900000001"])])
        let result = try #require(again.first)
        #expect(result.status == .accepted)
        let conflict = FieldConflict(field: "mother_phone", base: base, local: "13900000001", hub: "13900000002")
        #expect(result.merge?.conflicts == [conflict])
        let application = try await hub.store.application(number)
        #expect(application.fields["mother_phone"] == "13900000002")
        #expect(application.conflicts == [conflict])
        #expect(application.hubRevision == 3 && application.revision == 2)
        // The clerk keeps this node's value: revision 3 on hub revision 3 names the field.
        var decision = try SyntheticEntries.payload(applicationId: id, revision: 3, changing: ["mother_phone": "13900000001"])
        decision.baseRevision = 3
        decision.resolves = ["mother_phone"]
        let decided = try await push([try SyntheticEntries.entry(seq: 4, key: "r3", payload: decision)])
        #expect(decided.first?.status == .accepted)
        let after = try await hub.store.application(number)
        #expect(after.fields["mother_phone"] == "13900000001" && after.conflicts.isEmpty)
    }

    @Test("revision 2 in another form that left the hub's changed field as its base had it: already applied", arguments: HubBackend.available)
    static func revision2LeftFieldAlone(_ backend: HubBackend) async throws {
        try await Self(backend).revision2LeftFieldAlone()
    }

    func revision2LeftFieldAlone() async throws {
        let number = try await heldAtRevision2()
        // The other form changed nothing (the same fields as its base, hub revision 1).
        let again = try await push([try entry(2, seq: 3, key: "r2-unchanged", [:])])
        #expect(again.first?.status == .alreadyApplied)
        let application = try await hub.store.application(number)
        #expect(application.hubRevision == 2 && application.conflicts.isEmpty)
        #expect(application.fields["mother_phone"] == "13900000002")
    }

    @Test("another form agreeing with the first form the hub took, changed by an officer since: the officer's value stands", arguments: HubBackend.available)
    static func agreesWithFirstForm(_ backend: HubBackend) async throws {
        try await Self(backend).agreesWithFirstForm()
    }

    func agreesWithFirstForm() async throws {
        let number = try await heldAtRevision2()
        _ = try await hub.store.amend(
            provinceNo: number, fields: ["mother_phone": "13900000003"], officer: "officer-7", catalog: hub.catalog, now: TestMoment.filing.civil)
        // Revision 2 again with the phone the first form gave and another field changed alike
        // by nobody: a different payload, the phone agreeing with the first form.
        let again = try await push([try entry(2, seq: 3, key: "r2-twin", ["mother_phone": "13900000002", "delivery_address": "福建省福州市仓山区样例路3号"])])
        let result = try #require(again.first)
        #expect(result.merge?.conflicts.map(\.field) == ["delivery_address"], "the phone agrees with the first form; the address is new")
        let application = try await hub.store.application(number)
        #expect(application.fields["mother_phone"] == "13900000003")
        #expect(application.fields["delivery_address"] != "福建省福州市仓山区样例路3号")
    }

    @Test("a decision for the hub's value on an open conflict, numbered as a held revision, closes it", arguments: HubBackend.available)
    static func decisionNumberedAsHeld(_ backend: HubBackend) async throws {
        try await Self(backend).decisionNumberedAsHeld()
    }

    func decisionNumberedAsHeld() async throws {
        let number = try await heldAtRevision2()
        _ = try await push([try entry(2, seq: 3, key: "r2-older", ["mother_phone": "13900000001"])])
        #expect(try await hub.store.application(number).conflicts.count == 1)
        // Made before the node pulled: numbered 2 again, keeping the hub's value.
        let kept = try await push([try entry(2, seq: 4, key: "r2-keep-hub", ["mother_phone": "13900000002"], resolves: ["mother_phone"])])
        #expect(kept.first?.status == .accepted)
        let application = try await hub.store.application(number)
        #expect(application.conflicts.isEmpty)
        #expect(application.fields["mother_phone"] == "13900000002")
        // One that does not name the field leaves the conflict open: the same payload otherwise.
        _ = try await push([try entry(2, seq: 5, key: "r2-older-again", ["mother_phone": "13900000001", "delivery_address": "福建省福州市仓山区样例路3号"])])
        #expect(try await hub.store.application(number).conflicts.map(\.field).sorted() == ["delivery_address", "mother_phone"])
    }

    @Test("another form of a revision of an application the hub purged: refused with the reason, not dropped")
    func purgedApplication() async throws {
        let number = try await heldAtRevision2()
        try await hub.file.write { db in
            try db.execute(sql: "UPDATE applications SET purged_at = ? WHERE province_no = ?", arguments: [TestMoment.filing.description, number])
        }
        let same = try await push([try entry(2, seq: 3, key: "r2-again", ["mother_phone": "13900000002"])])
        #expect(same.first?.status == .alreadyApplied, "the very payload it took: already applied")
        let other = try await push([try entry(2, seq: 4, key: "r2-older", ["mother_phone": "13900000001"])])
        #expect(other.first?.status == .rejected)
        #expect(other.first?.reason?.contains("purged") == true)
    }
}
