import OneThingModel
import OneThingStore
import OneThingWire
import Testing

extension SyncMachineTests {
    /// `SyncMachine.fields(for: AcceptedAnswer)` and `plan(for: PushMerge)`: what an entry the
    /// hub applied does to its application's state and fields.
    @Suite("Sync machine: an accepted answer and the application's fields")
    struct AcceptedAnswerTests {
        static func outcome(hubRevision: Int?, merged: Bool = false, known: Int = 1, pending: Int = 0) -> SyncMachine.AnswerOutcome {
            SyncMachine.fields(for: SyncMachine.AcceptedAnswer(
                hubRevision: hubRevision, merged: merged, knownHubRevision: known, stillPending: pending))
        }

        @Test("the application is accepted once nothing of it waits, whatever the answer does to its fields")
        func state() {
            #expect(Self.outcome(hubRevision: 2, pending: 0).becomesAccepted)
            #expect(!Self.outcome(hubRevision: 2, pending: 1).becomesAccepted)
            #expect(Self.outcome(hubRevision: nil, pending: 0).becomesAccepted)
            #expect(!Self.outcome(hubRevision: 1, known: 3, pending: 2).becomesAccepted)
        }

        @Test("no hub revision named, or one a pull already brought (the same or newer): the fields stay")
        func nothing() {
            #expect(Self.outcome(hubRevision: nil).fields == .nothing)
            #expect(Self.outcome(hubRevision: 3, known: 3).fields == .nothing)
            #expect(Self.outcome(hubRevision: 2, merged: true, known: 3).fields == .nothing)
            #expect(Self.outcome(hubRevision: 2, known: 3, pending: 1).fields == .nothing)
        }

        @Test("a newer hub revision from a merge: the hub's merged fields come in")
        func merged() {
            #expect(Self.outcome(hubRevision: 4, merged: true, known: 3).fields == .takeHubMerge(hubRevision: 4))
            #expect(Self.outcome(hubRevision: 4, merged: true, known: 3, pending: 2).fields == .takeHubMerge(hubRevision: 4))
        }

        @Test("applied as sent with nothing pending: the fields sent are the working copy and the hub copy")
        func sentIsWorkingCopy() {
            #expect(Self.outcome(hubRevision: 1, known: 0).fields == .takeSent(hubRevision: 1, asWorkingCopy: true))
        }

        @Test("applied as sent while later revisions wait: the fields sent are only the hub copy")
        func sentIsHubCopy() {
            #expect(Self.outcome(hubRevision: 2, known: 1, pending: 1).fields == .takeSent(hubRevision: 2, asWorkingCopy: false))
        }

        static let merge = MergeOutcome(
            baseRevision: 1, fields: ["a": "hub", "b": "hub-b", "c": "hub-c"], fromNode: ["d"], fromHub: ["c"],
            conflicts: [
                FieldConflict(field: "a", base: "0", local: "node", hub: "hub"),
                FieldConflict(field: "b", base: "0", local: "node-b", hub: "hub-b"),
            ])

        @Test("the hub's merge: its fields from the hub recorded, its conflicts opened but those decided since, which keep the local value")
        func pushMerge() {
            let plan = SyncMachine.plan(for: SyncMachine.PushMerge(merge: Self.merge, answeredRevision: 2, decided: ["a": 3]))
            #expect(plan.events == [SyncMachine.Event(.merged, ["c"])])
            #expect(plan.conflicts.map(\.field) == ["b"])
            #expect(plan.keepLocal == ["a"])
            #expect(plan.hubFields == Self.merge.fields)
        }

        @Test("a decision carried by the answered revision or an earlier one is not 'since': the hub's conflict opens")
        func decidedBefore() {
            for revision in [1, 2] {
                let plan = SyncMachine.plan(for: SyncMachine.PushMerge(merge: Self.merge, answeredRevision: 2, decided: ["a": revision]))
                #expect(plan.conflicts.map(\.field) == ["a", "b"])
                #expect(plan.keepLocal.isEmpty)
            }
        }

        @Test("nothing decided: every conflict of the hub's opens; nothing from the hub: no merged line")
        func pushMergeNothingDecided() {
            var merge = Self.merge
            merge.fromHub = []
            let plan = SyncMachine.plan(for: SyncMachine.PushMerge(merge: merge, answeredRevision: 2, decided: [:]))
            #expect(plan.events.isEmpty)
            #expect(plan.conflicts == merge.conflicts)
            #expect(plan.keepLocal.isEmpty)
        }
    }
}
