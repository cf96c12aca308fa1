import Foundation
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// The hub's side of revisions: a stale base is merged per field, a field changed on both
/// sides becomes an open conflict (the hub's value holds), a later revision that `resolves`
/// it closes it; duplicates are matched; the issued resident ID number releases items.
@Suite("Hub merges, conflicts, duplicates and issued identity")
struct MergeTests {
    let hub: HubFixture
    let id = SyntheticEntries.applicationID(1)

    init(_ backend: HubBackend = .sqlite) async throws {
        hub = try await HubFixture(backend)
    }

    func push(_ entries: [PushEntry], node: String? = nil) async throws -> [PushResult] {
        try await hub.store.push(node: node ?? hub.node, entries: entries, catalog: hub.catalog, at: TestMoment.filing).results
    }

    /// Revision `revision` of application 1 based on `base`, with `changes` over the example.
    func revision(_ revision: Int, base: Int?, seq: Int64, _ changes: [String: String], resolves: [String] = [])
        throws -> PushEntry
    {
        var payload = try SyntheticEntries.payload(applicationId: id, revision: revision, changing: changes)
        payload.baseRevision = base
        payload.resolves = resolves
        return try SyntheticEntries.entry(seq: seq, payload: payload)
    }

    func accepted() async throws -> String {
        let results = try await push([try revision(1, base: nil, seq: 1, [:])])
        return try #require(results.first?.provinceNo)
    }

    @Test("a stale revision changing another field than the officer: merged, both kept, no conflict", arguments: HubBackend.available)
    static func mergesDifferentFields(_ backend: HubBackend) async throws {
        try await Self(backend).mergesDifferentFields()
    }

    func mergesDifferentFields() async throws {
        let number = try await accepted()
        _ = try await hub.store.amend(
            provinceNo: number, fields: ["household_address": "福建省福州市鼓楼区测试路9号"], officer: "officer-7", catalog: hub.catalog, now: TestMoment.filing.civil)
        let results = try await push([try revision(2, base: 1, seq: 2, ["mother_phone": "13900000009"])])
        let result = try #require(results.first)
        #expect(result.status == .accepted)
        #expect(result.hubRevision == 3)
        let merge = try #require(result.merge)
        #expect(merge.baseRevision == 1)
        #expect(merge.fromNode == ["mother_phone"])
        #expect(merge.fromHub == ["household_address"])
        #expect(merge.conflicts.isEmpty)
        let application = try await hub.store.application(number)
        #expect(application.fields["mother_phone"] == "13900000009")
        #expect(application.fields["household_address"] == "福建省福州市鼓楼区测试路9号")
        #expect(application.conflicts.isEmpty)
    }

    @Test("the same field changed on both sides: an open conflict, the hub's value holds until resolved", arguments: HubBackend.available)
    static func conflictThenResolution(_ backend: HubBackend) async throws {
        try await Self(backend).conflictThenResolution()
    }

    func conflictThenResolution() async throws {
        let number = try await accepted()
        let base = try await hub.store.application(number).fields["delivery_address"]
        _ = try await hub.store.amend(
            provinceNo: number, fields: ["delivery_address": "福建省福州市台江区测试街9号"], officer: "officer-7", catalog: hub.catalog, now: TestMoment.filing.civil)
        let results = try await push([try revision(2, base: 1, seq: 2, ["delivery_address": "福建省福州市仓山区样例路3号"])])
        let conflict = FieldConflict(field: "delivery_address", base: base, local: "福建省福州市仓山区样例路3号", hub: "福建省福州市台江区测试街9号")
        #expect(results.first?.merge?.conflicts == [conflict])
        var application = try await hub.store.application(number)
        #expect(application.fields["delivery_address"] == "福建省福州市台江区测试街9号")
        #expect(application.conflicts == [conflict])
        // The pull carries the open conflict too.
        let page = try await hub.store.changes(node: hub.node, after: 0, limit: 100, catalog: hub.catalog, nodeCatalogVersion: nil)
        #expect(page.changes.last?.conflicts == [conflict])

        // The clerk keeps the node's value: revision 3 on hub revision 3 names the field.
        let resolved = try await push([
            try revision(3, base: 3, seq: 3, ["delivery_address": "福建省福州市仓山区样例路3号"], resolves: ["delivery_address"])
        ])
        #expect(resolved.first?.status == .accepted)
        #expect(resolved.first?.merge == nil)
        application = try await hub.store.application(number)
        #expect(application.fields["delivery_address"] == "福建省福州市仓山区样例路3号")
        #expect(application.conflicts.isEmpty)
    }

    /// A base beyond the hub's newest revision was made by a database that went back in time
    /// (restored from an older backup): the node's edit is newer than anything the hub
    /// holds, so it is taken as made on the newest revision, without a merge; hub-owned
    /// fields keep the hub's values.
    @Test("a base revision beyond the hub's newest (a restored hub) is taken as the newest", arguments: HubBackend.available)
    static func futureBaseFastForwards(_ backend: HubBackend) async throws {
        try await Self(backend).futureBaseFastForwards()
    }

    func futureBaseFastForwards() async throws {
        let number = try await accepted()
        let results = try await push([try revision(2, base: 7, seq: 2, ["mother_phone": "13900000009"])])
        #expect(results.first?.status == .accepted)
        #expect(results.first?.merge == nil)
        #expect(try await hub.store.application(number).fields["mother_phone"] == "13900000009")
    }

    @Test("a node cannot set the hub-owned resident ID number", arguments: HubBackend.available)
    static func hubOwnedField(_ backend: HubBackend) async throws {
        try await Self(backend).hubOwnedField()
    }

    func hubOwnedField() async throws {
        let number = try await accepted()
        var payload = try SyntheticEntries.payload(applicationId: id, revision: 2, changing: [:])
        payload.baseRevision = 1
        payload.fields["newborn_id_number"] = "350102202601019019"
        _ = try await push([try SyntheticEntries.entry(seq: 2, payload: payload)])
        #expect(try await hub.store.application(number).fields["newborn_id_number"] == nil)
    }

    @Test("the household registration issues the newborn's ID: a hub revision, and the insurance items start", arguments: HubBackend.available)
    static func issuedIdentityReleasesItems(_ backend: HubBackend) async throws {
        try await Self(backend).issuedIdentityReleasesItems()
    }

    func issuedIdentityReleasesItems() async throws {
        let number = try await accepted()
        var application = try await hub.store.application(number)
        #expect(application.state(of: "social-security-card") == .waiting)
        // Approving without the issued number would leave the insurance items waiting forever.
        await #expect(throws: HubError.self) {
            try await hub.store.decide(provinceNo: number, item: "household-registration", DecisionRequest(decision: .approve), at: TestMoment.filing.description)
        }
        #expect(try await hub.store.application(number).state(of: "household-registration") == .inProgress)
        let other = try await push([try SyntheticEntries.newApplication(seq: 2)])
        let second = try #require(other.first?.provinceNo)
        let issued = try await hub.newbornID(second)
        application = try await hub.store.decide(
            provinceNo: second, item: "household-registration",
            DecisionRequest(decision: .approve, documents: ["resident_id_number": issued]),
            at: TestMoment.filing.description)
        #expect(application.fields["newborn_id_number"] == issued)
        #expect(application.hubRevision == 2)
        #expect(application.state(of: "social-security-card") == .inProgress)
        #expect(application.state(of: "medical-insurance-enrolment") == .inProgress)
    }

    @Test("a malformed issued ID number is refused and changes nothing", arguments: HubBackend.available)
    static func malformedIssuedID(_ backend: HubBackend) async throws {
        try await Self(backend).malformedIssuedID()
    }

    func malformedIssuedID() async throws {
        let number = try await accepted()
        await #expect(throws: HubError.self) {
            try await hub.store.decide(
                provinceNo: number, item: "household-registration",
                DecisionRequest(decision: .approve, documents: ["resident_id_number": "350102202601019010"]),
                at: TestMoment.filing.description)
        }
        #expect(try await hub.store.application(number).state(of: "household-registration") == .inProgress)
    }

    @Test("the same birth from another node is matched as an exact duplicate; a day apart as a near one", arguments: HubBackend.available)
    static func duplicates(_ backend: HubBackend) async throws {
        try await Self(backend).duplicates()
    }

    func duplicates() async throws {
        let first = try await accepted()
        _ = try await hub.store.addNode("ward-2")
        let same = try SyntheticEntries.entry(
            seq: 1, payload: try SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(2)))
        let results = try await push([same], node: "ward-2")
        let duplicate = try #require(results.first?.duplicate)
        #expect(duplicate == DuplicateMatch(provinceNo: first, applicationId: id, nodeId: hub.node, kind: .exact))
        #expect(results.first?.provinceNo != first, "both are kept, each with its own province number")

        let example = try SyntheticEntries.payload(applicationId: id).fields["birth_time"] ?? ""
        let day = try #require(CivilDate.parse(String(example.prefix(10))))
        let shifted = day.adding(days: -2).description + String(example.dropFirst(10))
        let near = try SyntheticEntries.entry(
            seq: 2, payload: try SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(3), changing: ["birth_time": shifted]))
        let nearResults = try await push([near], node: "ward-2")
        #expect(nearResults.first?.duplicate?.kind == .near)
        #expect(nearResults.first?.duplicate?.provinceNo == first)

        let far = day.adding(days: -10).description + String(example.dropFirst(10))
        let distinct = try SyntheticEntries.entry(
            seq: 3, payload: try SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(4), changing: ["birth_time": far]))
        #expect(try await push([distinct], node: "ward-2").first?.duplicate == nil)
        let secondNumber = try #require(results.first?.provinceNo)
        let shown = try #require(try await hub.store.application(secondNumber).duplicate)
        #expect(shown.provinceNo == first)
    }

    @Test("a resent stale revision gets its stored merge answer and is not merged twice", arguments: HubBackend.available)
    static func resentMergeAnswer(_ backend: HubBackend) async throws {
        try await Self(backend).resentMergeAnswer()
    }

    func resentMergeAnswer() async throws {
        let number = try await accepted()
        _ = try await hub.store.amend(
            provinceNo: number, fields: ["household_address": "福建省福州市鼓楼区测试路9号"], officer: "officer-7", catalog: hub.catalog, now: TestMoment.filing.civil)
        let entry = try revision(2, base: 1, seq: 2, ["mother_phone": "13900000009"])
        let first = try await push([entry])
        let again = try await push([entry])
        #expect(again.first?.status == .alreadyApplied)
        #expect(again.first?.merge == first.first?.merge)
        #expect(try await hub.store.application(number).hubRevision == 3)
    }

    @Test("a revision based on an old hub revision merges against the node's previous revision when that is later", arguments: HubBackend.available)
    static func previousNodeRevisionIsTheBase(_ backend: HubBackend) async throws {
        try await Self(backend).previousNodeRevisionIsTheBase()
    }

    func previousNodeRevisionIsTheBase() async throws {
        let number = try await accepted()
        // Node revision 2 (base 1) changes the delivery address: hub revision 2.
        _ = try await push([try revision(2, base: 1, seq: 2, ["delivery_address": "福建省福州市仓山区样例路3号"])])
        // An officer then deliberately overrides it: hub revision 3.
        _ = try await hub.store.amend(
            provinceNo: number, fields: ["delivery_address": "福建省福州市台江区测试街9号"], officer: "officer-7", catalog: hub.catalog, now: TestMoment.filing.civil)
        // Node revision 3 was made from revision 2 before any pull: still stated on base 1.
        let results = try await push([
            try revision(3, base: 1, seq: 3, ["delivery_address": "福建省福州市仓山区样例路3号", "mother_phone": "13900000009"])
        ])
        let merge = try #require(results.first?.merge)
        #expect(merge.conflicts.isEmpty, "revision 3 did not touch the address since revision 2")
        let application = try await hub.store.application(number)
        #expect(application.fields["delivery_address"] == "福建省福州市台江区测试街9号")
        #expect(application.fields["mother_phone"] == "13900000009")
    }
}
