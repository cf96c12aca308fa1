import OneThingModel
import OneThingStore
import Testing

extension SyncMachineTests {
    /// `SyncMachine.plan(for: Absorb)`, `merge(_:)` and `issuedEvents`: the hub's fields come in.
    @Suite("Sync machine: absorbing the hub's fields")
    struct AbsorbTests {
        static func plan(
            hub: Int = 5, known: Int = 4, unanswered: [Int] = [], applied: Int? = nil, merged: Int? = nil
        ) -> SyncMachine.AbsorbPlan {
            SyncMachine.plan(for: SyncMachine.Absorb(
                hubRevision: hub, knownHubRevision: known, unanswered: unanswered, appliedRevision: applied, mergedRevision: merged))
        }

        @Test("a hub revision the node already has, or an older one, is ignored (pages and answers repeat)")
        func known() {
            #expect(Self.plan(hub: 4, known: 4) == .ignore)
            #expect(Self.plan(hub: 3, known: 4, unanswered: [2]) == .ignore)
            #expect(Self.plan(hub: 3, known: 4, merged: 2) == .ignore)
        }

        @Test("nothing unanswered: the hub's fields are the working copy")
        func nothingUnanswered() {
            #expect(Self.plan(unanswered: []) == .takeHub)
            #expect(Self.plan(unanswered: [], applied: 3) == .takeHub)
        }

        @Test("every unanswered revision is one the hub has applied (its answer was lost): the hub's fields, no merge")
        func allApplied() {
            #expect(Self.plan(unanswered: [2, 3], applied: 3) == .takeHub)
            #expect(Self.plan(unanswered: [3], applied: 3) == .takeHub)
            #expect(Self.plan(unanswered: [2], applied: 5, merged: 5) == .takeHub)
        }

        @Test("unsent revisions and nothing known applied: merged against the hub copy the node had")
        func againstHubCopy() {
            #expect(Self.plan(unanswered: [3]) == .merge(base: .hubCopy))
            #expect(Self.plan(unanswered: [3, 4], applied: 2) == .merge(base: .hubCopy))
        }

        @Test("some applied, some not: merged against the newest applied revision's payload")
        func againstNewestApplied() {
            #expect(Self.plan(unanswered: [2, 3, 4], applied: 3) == .merge(base: .sentPayload(revision: 3)))
        }

        @Test("the hub merged a revision: its payload is the base, whatever else was applied")
        func againstMergedRevision() {
            #expect(Self.plan(unanswered: [4], applied: 3, merged: 3) == .merge(base: .sentPayload(revision: 3)))
            #expect(Self.plan(unanswered: [2, 4], applied: 3, merged: 3) == .merge(base: .sentPayload(revision: 3)))
        }

        static let base = ["name": "Lin", "phone": "13800000000", "city": "Fuzhou"]

        @Test("a merge: the hub's change to another field comes in (recorded), the local edit stays")
        func mergeOtherFields() {
            var local = Self.base
            local["phone"] = "13900000000"
            var hub = Self.base
            hub["city"] = "Putian"
            let merged = SyncMachine.merge(SyncMachine.FieldsToMerge(base: Self.base, local: local, hub: hub))
            #expect(merged.working == ["name": "Lin", "phone": "13900000000", "city": "Putian"])
            #expect(merged.events == [SyncMachine.Event(.merged, ["city"])])
            #expect(merged.conflicts.isEmpty)
        }

        @Test("a merge with nothing from the hub writes no merged line")
        func mergeNothingFromHub() {
            var local = Self.base
            local["phone"] = "13900000000"
            let merged = SyncMachine.merge(SyncMachine.FieldsToMerge(base: Self.base, local: local, hub: Self.base))
            #expect(merged.working == local)
            #expect(merged.events.isEmpty)
        }

        @Test("a field changed differently on both sides: a conflict keeping all three, the hub's value holds")
        func mergeConflict() {
            var local = Self.base
            local["name"] = "Lim"
            var hub = Self.base
            hub["name"] = "Ling"
            let merged = SyncMachine.merge(SyncMachine.FieldsToMerge(base: Self.base, local: local, hub: hub))
            #expect(merged.working["name"] == "Ling")
            #expect(merged.conflicts == [FieldConflict(field: "name", base: "Lin", local: "Lim", hub: "Ling")])
        }

        @Test("a field a person decided in a revision on its way keeps the local value, present or removed")
        func keepLocal() {
            var local = Self.base
            local["name"] = "Lim"
            local["city"] = nil
            var hub = Self.base
            hub["name"] = "Ling"
            hub["city"] = "Putian"
            let merged = SyncMachine.merge(
                SyncMachine.FieldsToMerge(base: Self.base, local: local, hub: hub, keepLocal: ["name", "city"]))
            #expect(merged.working["name"] == "Lim")
            #expect(merged.working["city"] == nil)
            #expect(merged.working["phone"] == "13800000000")
        }

        static let issued = "newborn_id_number"

        @Test("an issued field the working copy now holds for the first time writes its line; held before, or absent, none")
        func issued() {
            let field = SyncMachine.IssuedField(field: Self.issued, event: .identityIssued)
            let document = SyncMachine.IssuedField(field: "certificate_number", event: .documentIssued)
            #expect(SyncMachine.issuedEvents([field, document], working: [Self.issued: "X", "certificate_number": "Y"]) { _ in false }
                == [SyncMachine.Event(.identityIssued, [Self.issued]), SyncMachine.Event(.documentIssued, ["certificate_number"])])
            #expect(SyncMachine.issuedEvents([field], working: [Self.issued: "X"]) { $0 == Self.issued }.isEmpty)
            #expect(SyncMachine.issuedEvents([field], working: ["name": "Lin"]) { _ in false }.isEmpty)
        }
    }
}
