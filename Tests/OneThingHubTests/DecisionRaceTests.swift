import Foundation
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// Every race between a node's revision and a department's decision (sync/README.md, "Races
/// between a clerk and a department"): the node made its revision before it pulled the
/// decision, so its revision is based on the hub revision before the decision.
@Suite("Races between a node's revision and a department's decision")
struct DecisionRaceTests {
    let hub: HubFixture
    let id = SyntheticEntries.applicationID(1)
    let time = TestMoment.filing.description

    init(_ backend: HubBackend = .sqlite) async throws {
        hub = try await HubFixture(backend)
    }

    func push(_ revision: Int, base: Int?, seq: Int64, _ changes: [String: String]) async throws -> PushResult {
        var payload = try SyntheticEntries.payload(applicationId: id, revision: revision, changing: changes)
        payload.baseRevision = base
        let results = try await hub.store.push(
            node: hub.node, entries: [try SyntheticEntries.entry(seq: seq, payload: payload)], catalog: hub.catalog, at: TestMoment.filing
        ).results
        return try #require(results.first)
    }

    func accepted() async throws -> String {
        try #require(try await push(1, base: nil, seq: 1, [:]).provinceNo)
    }

    @Test("return, then a revision based on the revision before it: the item stays returned with its reason; one based on the return reopens it", arguments: HubBackend.available)
    static func returnRace(_ backend: HubBackend) async throws {
        try await Self(backend).returnRace()
    }

    func returnRace() async throws {
        let number = try await accepted()
        let returned = try await hub.store.decide(
            provinceNo: number, item: "vaccination-certificate", DecisionRequest(decision: .return, reason: "请补充接种记录"), at: time)
        #expect(returned.hubRevision == 2, "a return is a hub revision of its own")
        let stale = try await push(2, base: 1, seq: 2, ["mother_phone": "13900000009"])
        #expect(stale.status == .accepted)
        var application = try await hub.store.application(number)
        #expect(application.state(of: "vaccination-certificate") == .returned)
        #expect(application.items.first { $0.item == "vaccination-certificate" }?.reason == "请补充接种记录")
        #expect(application.fields["mother_phone"] == "13900000009", "the unrelated change is taken")
        // The clerk saw the return (pulled hub revision 3) and answers it.
        let answer = try await push(3, base: application.hubRevision, seq: 3, ["mother_phone": "13900000009", "delivery_phone": "13900000008"])
        #expect(answer.status == .accepted)
        application = try await hub.store.application(number)
        #expect(application.state(of: "vaccination-certificate") == .inProgress)
    }

    @Test("approve or reject, then a stale revision: the decision stands, the citizen fields are taken", arguments: HubBackend.available)
    static func approveAndRejectRaces(_ backend: HubBackend) async throws {
        try await Self(backend).approveAndRejectRaces()
    }

    func approveAndRejectRaces() async throws {
        let number = try await accepted()
        _ = try await hub.store.decide(provinceNo: number, item: "birth-certificate", DecisionRequest(decision: .approve), at: time)
        _ = try await hub.store.decide(
            provinceNo: number, item: "vaccination-certificate", DecisionRequest(decision: .reject, reason: "重复申请"), at: time)
        let stale = try await push(2, base: 1, seq: 2, ["mother_phone": "13900000009"])
        #expect(stale.status == .accepted)
        let application = try await hub.store.application(number)
        #expect(application.state(of: "birth-certificate") == .approved)
        #expect(application.state(of: "vaccination-certificate") == .rejected)
        #expect(application.fields["mother_phone"] == "13900000009")
    }

    @Test("issue (the household registration's resident ID number), then a stale revision without it: the issued number stays", arguments: HubBackend.available)
    static func issueRace(_ backend: HubBackend) async throws {
        try await Self(backend).issueRace()
    }

    func issueRace() async throws {
        let number = try await accepted()
        let issued = try await hub.store.decide(
            provinceNo: number, item: "household-registration",
            DecisionRequest(decision: .approve, documents: ["resident_id_number": try await hub.newbornID(number)]), at: time)
        #expect(issued.hubRevision == 2)
        let stale = try await push(2, base: 1, seq: 2, ["mother_phone": "13900000009"])
        #expect(stale.status == .accepted)
        let application = try await hub.store.application(number)
        #expect(application.fields["newborn_id_number"] == (try await hub.newbornID(number)))
        #expect(application.state(of: "household-registration") == .issued)
        #expect(application.fields["mother_phone"] == "13900000009")
    }
}
