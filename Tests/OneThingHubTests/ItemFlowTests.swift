@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

@Suite("Item flow")
struct ItemFlowTests {
    private func flow(_ items: [String] = SyntheticEntries.birthItems) throws -> ItemFlow {
        let bundle = try #require(try CatalogLoader.embedded(today: TestMoment.filing.date).bundle("birth"))
        return ItemFlow(items: ItemFlow.initial(items: items, bundle: bundle))
    }

    private func state(_ flow: ItemFlow, _ item: String) -> ItemState? {
        flow.items.first { $0.item == item }?.state
    }

    @Test("approval releases waiting items; a second decision is refused")
    func approval() throws {
        var flow = try flow()
        #expect(state(flow, "social-security-card") == .waiting)
        try flow.decide("household-registration", .approve, reason: nil, documents: nil, provinceNo: "FJ0000000001")
        #expect(state(flow, "household-registration") == .approved)
        // Approved, but the newborn's resident ID number was not issued: still waiting for it.
        #expect(state(flow, "social-security-card") == .waiting)
        #expect(flow.openDependencies(of: try #require(flow.items.first { $0.item == "social-security-card" })) == ["newborn_id_number"])
        flow.fieldsIssued(["newborn_id_number"])
        #expect(state(flow, "social-security-card") == .inProgress)
        #expect(throws: HubError.self) {
            try flow.decide("household-registration", .approve, reason: nil, documents: nil, provinceNo: "FJ0000000001")
        }
    }

    @Test("documents only with an approval; reasons required for reject and return")
    func decisionChecks() throws {
        var flow = try flow()
        #expect(throws: HubError.self) {
            try flow.decide("birth-certificate", .reject, reason: "  ", documents: nil, provinceNo: "FJ0000000001")
        }
        #expect(throws: HubError.self) {
            try flow.decide("birth-certificate", .return, reason: "Fix it.", documents: ["x": "y"], provinceNo: "FJ0000000001")
        }
        #expect(throws: HubError.self) {
            try flow.decide(
                "birth-certificate", .return, reason: String(repeating: "长", count: 501), documents: nil,
                provinceNo: "FJ0000000001")
        }
        #expect(state(flow, "birth-certificate") == .inProgress)
    }

    /// At the boundary: a revision based on the hub revision the return made reopens it; one
    /// based on the revision before (made before the node saw the return) leaves it returned.
    @Test("returned items reopen with a corrected revision based on the return, not one made before it")
    func reopen() throws {
        var flow = try flow()
        try flow.decide("birth-certificate", .return, reason: "Fix it.", documents: nil, provinceNo: "FJ0000000001")
        let index = try #require(flow.items.firstIndex { $0.item == "birth-certificate" })
        flow.items[index].returnedAtRevision = 3
        #expect(state(flow, "birth-certificate") == .returned)
        flow.reopenReturnedItems(basedOn: 2)
        #expect(state(flow, "birth-certificate") == .returned)
        #expect(flow.items[index].reason == "Fix it.")
        flow.reopenReturnedItems(basedOn: 3)
        #expect(state(flow, "birth-certificate") == .inProgress)
        #expect(flow.items.first { $0.item == "birth-certificate" }?.reason == nil)
    }
}
