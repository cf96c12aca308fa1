import OneThingModel
import OneThingStore
import OneThingWire
import Testing

extension SyncMachineTests {
    /// `SyncMachine.step(for: PulledChange)`: a pulled change meets the local application.
    @Suite("Sync machine: a pulled change meets the local application")
    struct PulledChangeTests {
        static func change(
            hubRevision: Int = 3, conflicts: [FieldConflict] = [], purged: Bool = false, items: [ItemDecision] = [],
            duplicate: DuplicateMatch? = nil
        ) -> ApplicationChange {
            ApplicationChange(
                cursor: 9, applicationId: "OT-AAAAAAAAAA", provinceNo: "FJ0000000001", hubRevision: hubRevision, revision: 2,
                items: items, fields: ["a": "1"], duplicate: duplicate, conflicts: conflicts, purged: purged)
        }

        static func local(
            state: ApplicationState = .sent, known: Int = 2, purged: Bool = false, pending: Int = 0, unsent: Int = 0, open: Int = 0
        ) -> SyncMachine.LocalApplication {
            SyncMachine.LocalApplication(
                state: state, knownHubRevision: known, purged: purged, pending: pending, unsent: unsent, openConflicts: open)
        }

        static func steps(_ change: ApplicationChange, _ local: SyncMachine.LocalApplication) -> SyncMachine.ChangeSteps? {
            guard case .apply(let steps) = SyncMachine.step(for: SyncMachine.PulledChange(change: change, local: local)) else { return nil }
            return steps
        }

        static let conflict = FieldConflict(field: "a", base: "0", local: "1", hub: "2")

        @Test("an application this database does not hold is set aside")
        func unknown() {
            #expect(SyncMachine.step(for: SyncMachine.PulledChange(change: Self.change(), local: nil)) == .setAside)
        }

        @Test("purged here: item states only, reasons and documents emptied, whether or not the hub purged too")
        func purgedHere() {
            for hubPurged in [false, true] {
                let pulled = SyncMachine.PulledChange(change: Self.change(purged: hubPurged), local: Self.local(purged: true))
                #expect(SyncMachine.step(for: pulled) == .statesOnly(clearing: true))
            }
        }

        @Test("purged at the hub only: item states only, the node keeps its own reasons and documents")
        func purgedAtHub() {
            let step = SyncMachine.step(for: SyncMachine.PulledChange(change: Self.change(purged: true), local: Self.local()))
            #expect(step == .statesOnly(clearing: false))
        }

        @Test("the hub's open conflicts are the truth: nothing unsent, the newest state, and conflicts on either side")
        func matchHubConflicts() {
            #expect(Self.steps(Self.change(hubRevision: 3), Self.local(known: 2, unsent: 0, open: 1))?.matchHubConflicts == true)
            let hubHolds = Self.change(hubRevision: 3, conflicts: [Self.conflict])
            #expect(Self.steps(hubHolds, Self.local(known: 2, open: 0))?.matchHubConflicts == true)
            // The same hub revision the node holds is the newest state too.
            #expect(Self.steps(Self.change(hubRevision: 2), Self.local(known: 2, open: 1))?.matchHubConflicts == true)
        }

        @Test("not the truth when a revision of this node is unsent (its resolution would be undone)")
        func unsentKeepsConflicts() {
            #expect(Self.steps(Self.change(hubRevision: 3, conflicts: [Self.conflict]), Self.local(known: 2, unsent: 1, open: 1))?
                .matchHubConflicts == false)
        }

        @Test("not the truth when the change is older than what the node holds")
        func olderKeepsConflicts() {
            #expect(Self.steps(Self.change(hubRevision: 1, conflicts: [Self.conflict]), Self.local(known: 2, open: 1))?
                .matchHubConflicts == false)
        }

        @Test("nothing to match when neither side has a conflict")
        func noConflicts() {
            #expect(Self.steps(Self.change(hubRevision: 3), Self.local(known: 2, open: 0))?.matchHubConflicts == false)
        }

        @Test("only a newer hub revision brings fields in; the same or an older one changes none")
        func absorb() {
            #expect(Self.steps(Self.change(hubRevision: 3), Self.local(known: 2))?.absorbHubFields == true)
            #expect(Self.steps(Self.change(hubRevision: 2), Self.local(known: 2))?.absorbHubFields == false)
            #expect(Self.steps(Self.change(hubRevision: 1), Self.local(known: 2))?.absorbHubFields == false)
        }

        @Test("each item as the hub decided it, in order; a return writes a history line if it changed the item")
        func items() {
            let items = [
                ItemDecision(item: "birth-certificate", state: .approved),
                ItemDecision(item: "vaccination-certificate", state: .returned, reason: "photo unclear"),
                ItemDecision(item: "medical-insurance", state: .pending),
            ]
            let steps = Self.steps(Self.change(items: items), Self.local())
            #expect(steps?.items.map(\.decision) == items)
            #expect(steps?.items.map(\.eventWhenChanged) == [nil, .returned, nil])
        }

        @Test("a duplicate the hub found is passed on; none, none")
        func duplicate() {
            let match = DuplicateMatch(provinceNo: "FJ0000000002", applicationId: "OT-BBBBBBBBBB", nodeId: "ward-2", kind: .exact)
            #expect(Self.steps(Self.change(duplicate: match), Self.local())?.duplicate == match)
            #expect(Self.steps(Self.change(), Self.local())?.duplicate == nil)
        }

        @Test("accepted once nothing of it waits, unless quarantined; otherwise its state stays", arguments: [
            (ApplicationState.sent, 0, ApplicationState.accepted),
            (.queued, 0, .accepted),
            (.accepted, 0, .accepted),
            (.quarantined, 0, .quarantined),
            (.sent, 1, .sent),
            (.queued, 2, .queued),
            (.quarantined, 1, .quarantined),
        ])
        func state(_ state: ApplicationState, pending: Int, expected: ApplicationState) {
            #expect(Self.steps(Self.change(), Self.local(state: state, pending: pending))?.state == expected)
        }
    }
}
