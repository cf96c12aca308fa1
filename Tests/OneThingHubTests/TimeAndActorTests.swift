import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// When each application and revision was received, and when and by whom each item was
/// decided: what the reform's figures are computed from. Moments are stated, never read
/// from the machine's clock.
@Suite("Time and actor")
struct TimeAndActorTests {
    static let received = TestMoment.at("2026-11-26T10:00+08:00")
    static let decided = TestMoment.at("2026-11-30T16:45+08:00")

    private func pushed(_ hub: HubFixture) async throws -> String {
        let results = try await hub.store.push(
            node: hub.node, entries: [try SyntheticEntries.newApplication(seq: 1)], catalog: hub.catalog, at: Self.received
        ).results
        return try #require(results.first?.provinceNo)
    }

    private func revisions(_ hub: HubFixture, _ number: String) async throws -> [(source: String, at: String?, by: String?)] {
        try await hub.store.reading { db in
            try db.rows("SELECT source, recorded_at, actor FROM revisions WHERE province_no = ? ORDER BY hub_revision", [number])
                .map { row in
                    (source: try row.value("source") as String, at: try row.value("recorded_at") as String?, by: try row.value("actor") as String?)
                }
        }
    }

    @Test("an accepted application carries when it arrived; its revision names the node that sent it", arguments: HubBackend.available)
    func receivedAt(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let number = try await pushed(hub)
        let application = try await hub.store.application(number)
        #expect(application.receivedAt == Self.received.description)
        #expect(application.items.allSatisfy { $0.decidedAt == nil && $0.decidedBy == nil })
        let made = try await revisions(hub, number)
        #expect(made.count == 1)
        #expect(made.first?.at == Self.received.description)
        #expect(made.first?.by == hub.node)
    }

    @Test("a decision records its time and officer on the item decided, and on no other item", arguments: HubBackend.available)
    func decidedByOfficer(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let number = try await pushed(hub)
        let application = try await hub.store.decide(
            provinceNo: number, item: "birth-certificate", DecisionRequest(decision: .approve, officer: "officer-3"),
            at: Self.decided.description)
        let certificate = try #require(application.items.first { $0.item == "birth-certificate" })
        #expect(certificate.decidedAt == Self.decided.description)
        #expect(certificate.decidedBy == "officer-3")
        for other in application.items where other.item != "birth-certificate" {
            #expect(other.decidedAt == nil, "\(other.item)")
        }
        // Kept: read back, not just returned.
        let shown = try await hub.store.application(number)
        #expect(shown.items.first { $0.item == "birth-certificate" }?.decidedBy == "officer-3")
    }

    @Test("a rejection records its officer on the items it rejects with it, and the items a node pulls carry no officer", arguments: HubBackend.available)
    func rejectionCascade(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let number = try await pushed(hub)
        let application = try await hub.store.decide(
            provinceNo: number, item: "household-registration",
            DecisionRequest(decision: .reject, reason: "测试：不符合条件。", officer: "officer-9"), at: Self.decided.description)
        let rejected = application.items.filter { $0.state == .rejected }
        #expect(rejected.count >= 2)  // the registration and what waits for it
        #expect(rejected.allSatisfy { $0.decidedBy == "officer-9" && $0.decidedAt == Self.decided.description })
        #expect(application.items.filter { $0.state != .rejected }.allSatisfy { $0.decidedBy == nil })
        let page = try await hub.store.changes(node: hub.node, after: 0, limit: 10, catalog: hub.catalog, nodeCatalogVersion: nil)
        let pulled = try #require(page.changes.last)
        #expect(pulled.items.allSatisfy { $0.decidedBy == nil && $0.decidedAt == nil })
    }

    @Test("a return is counted on its item, and an amendment names its officer", arguments: HubBackend.available)
    func returnsAndAmendments(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let number = try await pushed(hub)
        _ = try await hub.store.decide(
            provinceNo: number, item: "birth-certificate",
            DecisionRequest(decision: .return, reason: "测试：请重新扫描。", officer: "officer-1"), at: Self.decided.description)
        let returns: Int? = try await hub.store.reading { db in
            try db.value("SELECT returns FROM items WHERE province_no = ? AND item = 'birth-certificate'", [number])
        }
        #expect(returns == 1)
        _ = try await hub.store.amend(
            provinceNo: number, fields: ["mother_phone": "13900000003"], officer: "officer-2", catalog: hub.catalog,
            now: Self.decided.civil)
        let made = try await revisions(hub, number)
        #expect(made.map(\.source) == ["node", "officer", "officer"])
        #expect(made.map(\.by) == [hub.node, "officer-1", "officer-2"])
        #expect(made.last?.at == Self.decided.description)
    }

    @Test("the officer is 1 to 64 characters of plain text: 64 taken, 65, blank and an escape sequence refused", arguments: HubBackend.available)
    func officerBoundary(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let number = try await pushed(hub)
        let sixtyFour = String(repeating: "官", count: 64)
        for refused in [String(repeating: "官", count: 65), " ", "officer\u{1B}[2J"] {
            await #expect(throws: HubError.self) {
                _ = try await hub.store.decide(
                    provinceNo: number, item: "birth-certificate", DecisionRequest(decision: .approve, officer: refused),
                    at: Self.decided.description)
            }
        }
        #expect(try await hub.store.application(number).items.allSatisfy { $0.decidedAt == nil })
        let taken = try await hub.store.decide(
            provinceNo: number, item: "birth-certificate", DecisionRequest(decision: .approve, officer: sixtyFour),
            at: Self.decided.description)
        #expect(taken.items.first { $0.item == "birth-certificate" }?.decidedBy == sixtyFour)
    }

    @Test("over the admin API a decision without an officer is recorded as admin-api, with one as that officer", arguments: HubBackend.available)
    func adminAPI(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let number = try await pushed(hub)
        try await hub.app().test(.router) { client in
            let anonymous = try await client.decide(number, "birth-certificate", DecisionRequest(decision: .approve), fixture: hub)
            #expect(anonymous.status == .ok)
            let named = try await client.decide(
                number, "vaccination-certificate", DecisionRequest(decision: .approve, officer: "officer-5"), fixture: hub)
            #expect(named.status == .ok)
        }
        let items = try await hub.store.application(number).items
        #expect(items.first { $0.item == "birth-certificate" }?.decidedBy == "admin-api")
        #expect(items.first { $0.item == "vaccination-certificate" }?.decidedBy == "officer-5")
        #expect(items.first { $0.item == "birth-certificate" }?.decidedAt == TestMoment.filing.description)
    }

    @Test("a node's last seen is written when it begins a sync and kept to five minutes: four minutes later unchanged, five later rewritten")
    func lastSeen() async throws {
        let hub = try await HubFixture()
        #expect(try await hub.store.nodes().first?.lastSeen == nil)
        let first = TestMoment.at("2026-12-01T09:00+08:00")
        func begin(_ moment: Timestamp) async throws {
            _ = try await hub.store.state(node: hub.node, seenDatabaseId: nil, ackedSeq: nil, cursor: nil, at: moment.description)
        }
        try await begin(first)
        #expect(try await hub.store.nodes().first?.lastSeen == first)
        try await begin(TestMoment.at("2026-12-01T09:04+08:00"))
        #expect(try await hub.store.nodes().first?.lastSeen == first)
        let fiveLater = TestMoment.at("2026-12-01T09:05+08:00")
        try await begin(fiveLater)
        #expect(try await hub.store.nodes().first?.lastSeen == fiveLater)
    }
}
