import OneThingStore
import OneThingWire
import Testing

extension SyncMachineTests {
    /// `SyncMachine.steps(for: HubCheck)`, `plan(for: HubRestore)` and `plan(for: Renumbering)`:
    /// a restored hub, a node database older than the hub's record of it.
    @Suite("Sync machine: the hub's identity, restores and renumbering")
    struct RecoveryPlanTests {
        static let known = String(repeating: "a", count: 32)
        static let other = String(repeating: "b", count: 32)

        static func steps(known: String?, highest: Int64 = 5, hub: String, hubLastSeq: Int64) -> [SyncMachine.HubCheckStep] {
            SyncMachine.steps(for: SyncMachine.HubCheck(
                knownDatabaseId: known, highestSeq: highest, hub: HubState(databaseId: hub, lastSeq: hubLastSeq, newestCursor: 0)))
        }

        @Test("the first sync adopts the hub's identity and nothing else, even when the hub holds more seqs")
        func firstContact() {
            #expect(Self.steps(known: nil, hub: Self.other, hubLastSeq: 3) == [.adopt(databaseId: Self.other)])
            #expect(Self.steps(known: nil, highest: 5, hub: Self.other, hubLastSeq: 9) == [.adopt(databaseId: Self.other)])
        }

        @Test("the same identity, the hub at or behind this node's seqs: nothing to do")
        func same() {
            #expect(Self.steps(known: Self.known, highest: 5, hub: Self.known, hubLastSeq: 5).isEmpty)
            #expect(Self.steps(known: Self.known, highest: 5, hub: Self.known, hubLastSeq: 2).isEmpty)
        }

        @Test("another identity: recover from the hub's last seq")
        func restored() {
            #expect(Self.steps(known: Self.known, hub: Self.other, hubLastSeq: 2) == [.recover(databaseId: Self.other, hubLastSeq: 2)])
        }

        @Test("the hub applied seqs this database never held: new entries continue after them")
        func nodeBehind() {
            #expect(Self.steps(known: Self.known, highest: 5, hub: Self.known, hubLastSeq: 6) == [.advanceSequence(past: 6)])
        }

        @Test("both: recover first, then continue after the hub's seqs")
        func both() {
            #expect(Self.steps(known: Self.known, highest: 5, hub: Self.other, hubLastSeq: 8)
                == [.recover(databaseId: Self.other, hubLastSeq: 8), .advanceSequence(past: 8)])
        }

        typealias Entry = SyncMachine.HubRestore.Entry

        static func entry(_ seq: Int64, _ app: String, _ state: SyncMachine.OutboxState, purged: Bool = false) -> Entry {
            Entry(seq: seq, applicationId: app, state: state, payloadPurged: purged)
        }

        @Test("restored hub: acknowledged and refused entries go again, purged ones are set aside, the rest close up behind the hub's seq")
        func restorePlan() {
            let plan = SyncMachine.plan(for: SyncMachine.HubRestore(hubLastSeq: 2, entries: [
                Self.entry(3, "A", .acked),
                Self.entry(4, "B", .acked, purged: true),
                Self.entry(5, "C", .quarantined),
                Self.entry(6, "D", .queued),
                Self.entry(7, "E", .inFlight),
                Self.entry(8, "A", .acked),
            ]))
            #expect(plan.setAside == [4])
            #expect(plan.requeue == [3, 5, 8])
            #expect(plan.requeuedApplications == ["A", "C"])
            #expect(plan.moves == [
                SyncMachine.SeqMove(from: 5, to: 4), SyncMachine.SeqMove(from: 6, to: 5), SyncMachine.SeqMove(from: 7, to: 6),
                SyncMachine.SeqMove(from: 8, to: 7),
            ])
            #expect(plan.sequenceAfter == 7)
        }

        @Test("only an acknowledged entry is set aside for its purge; a refused one whose payload is gone goes again")
        func onlyAckedSetAside() {
            let plan = SyncMachine.plan(for: SyncMachine.HubRestore(hubLastSeq: 0, entries: [
                Self.entry(1, "A", .quarantined, purged: true), Self.entry(2, "B", .queued, purged: true),
            ]))
            #expect(plan.setAside.isEmpty)
            #expect(plan.requeue == [1])
            #expect(plan.moves.isEmpty)
            #expect(plan.sequenceAfter == nil)
        }

        @Test("nothing set aside and the seqs contiguous: nothing moves and the sequence stays")
        func contiguous() {
            let plan = SyncMachine.plan(for: SyncMachine.HubRestore(hubLastSeq: 1, entries: [
                Self.entry(2, "A", .acked), Self.entry(3, "B", .queued),
            ]))
            #expect(plan.requeue == [2])
            #expect(plan.moves.isEmpty)
            #expect(plan.sequenceAfter == nil)
        }

        @Test("entries the hub holds (at or before its last seq) are not touched")
        func heldByHub() {
            let plan = SyncMachine.plan(for: SyncMachine.HubRestore(hubLastSeq: 3, entries: [
                Self.entry(2, "A", .acked, purged: true), Self.entry(3, "B", .quarantined), Self.entry(5, "C", .acked),
            ]))
            #expect(plan.setAside.isEmpty)
            #expect(plan.requeue == [5])
            #expect(plan.moves == [SyncMachine.SeqMove(from: 5, to: 4)])
        }

        @Test("seq_reused: the entries move in order from the hub's next free seq")
        func renumberFromHub() {
            let plan = SyncMachine.plan(for: SyncMachine.Renumbering(atLeast: 10, moving: [1, 2, 4], highestStaying: 3))
            #expect(plan?.moves == [
                SyncMachine.SeqMove(from: 1, to: 10), SyncMachine.SeqMove(from: 2, to: 11), SyncMachine.SeqMove(from: 4, to: 12),
            ])
            #expect(plan?.sequenceAfter == 12)
            #expect(plan?.note.hasPrefix("3 unsent entries renumbered from 10:") == true)
        }

        @Test("an entry that stays beyond the hub's next seq: the moved ones go past it")
        func renumberPastStaying() {
            let plan = SyncMachine.plan(for: SyncMachine.Renumbering(atLeast: 10, moving: [3], highestStaying: 14))
            #expect(plan?.moves == [SyncMachine.SeqMove(from: 3, to: 15)])
            #expect(plan?.sequenceAfter == 15)
            #expect(plan?.note.hasPrefix("1 unsent entry renumbered from 15:") == true)
            let boundary = SyncMachine.plan(for: SyncMachine.Renumbering(atLeast: 10, moving: [3], highestStaying: 9))
            #expect(boundary?.moves == [SyncMachine.SeqMove(from: 3, to: 10)])
        }

        @Test("nothing unanswered to move: no plan")
        func renumberNothing() {
            #expect(SyncMachine.plan(for: SyncMachine.Renumbering(atLeast: 10, moving: [], highestStaying: 3)) == nil)
        }
    }
}
