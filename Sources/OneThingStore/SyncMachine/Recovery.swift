package import OneThingWire

extension SyncMachine {
    /// The hub's answer to the state request at the start of a sync, against what this node
    /// remembers of the hub's database.
    package struct HubCheck: Sendable, Hashable {
        /// The identity of the hub database last synced with (nil: never synced).
        package var knownDatabaseId: String?
        /// The highest seq this database holds or has handed out.
        package var highestSeq: Int64
        package var hub: HubState

        package init(knownDatabaseId: String?, highestSeq: Int64, hub: HubState) {
            self.knownDatabaseId = knownDatabaseId
            self.highestSeq = highestSeq
            self.hub = hub
        }
    }

    package enum HubCheckStep: Sendable, Hashable {
        /// The first sync with a hub: its identity is remembered, nothing else.
        case adopt(databaseId: String)
        /// Another identity: the hub's database was restored or replaced. What it lacks
        /// (after `hubLastSeq`) is queued again and the pull starts from the first change
        /// (`plan(for: HubRestore)`).
        case recover(databaseId: String, hubLastSeq: Int64)
        /// The hub applied seqs this database never held (it came back from an older backup):
        /// new entries continue after them.
        case advanceSequence(past: Int64)
    }

    package static func steps(for check: HubCheck) -> [HubCheckStep] {
        guard let known = check.knownDatabaseId else { return [.adopt(databaseId: check.hub.databaseId)] }
        var steps: [HubCheckStep] = []
        if known != check.hub.databaseId {
            steps.append(.recover(databaseId: check.hub.databaseId, hubLastSeq: check.hub.lastSeq))
        }
        if check.hub.lastSeq > check.highestSeq {
            steps.append(.advanceSequence(past: check.hub.lastSeq))
        }
        return steps
    }

    /// This node's outbox entries after the last seq a restored hub holds for it.
    package struct HubRestore: Sendable, Hashable {
        package var hubLastSeq: Int64
        /// In seq order.
        package var entries: [Entry]

        package init(hubLastSeq: Int64, entries: [Entry]) {
            self.hubLastSeq = hubLastSeq
            self.entries = entries
        }

        package struct Entry: Sendable, Hashable {
            package var seq: Int64
            package var applicationId: String
            package var state: OutboxState
            /// Its payload was emptied by a purge here.
            package var payloadPurged: Bool

            package init(seq: Int64, applicationId: String, state: OutboxState, payloadPurged: Bool) {
                self.seq = seq
                self.applicationId = applicationId
                self.state = state
                self.payloadPurged = payloadPurged
            }
        }
    }

    /// One entry's move to another seq.
    package struct SeqMove: Sendable, Hashable {
        package var from: Int64
        package var to: Int64

        package init(from: Int64, to: Int64) {
            self.from = from
            self.to = to
        }
    }

    /// Recovering from a restored hub, in this order. Then, always: the hub revisions the
    /// node had seen are forgotten (what the hub holds now is taken in as it comes), the pull
    /// starts again from the first change, and the new identity is remembered.
    package struct HubRestorePlan: Sendable, Hashable {
        /// Acknowledged entries that cannot be sent again (their personal data was purged
        /// here): set aside under their negative seq.
        package var setAside: [Int64] = []
        /// Answered entries the hub lacks (acknowledged, or refused: a refusal consumed its
        /// seq too, and the hub answers it anew): queued again.
        package var requeue: [Int64] = []
        /// Their applications, queued again.
        package var requeuedApplications: [String] = []
        /// The rest close up behind the hub's last seq, in order, each into a free seq, so
        /// that the hub meets no gap.
        package var moves: [SeqMove] = []
        /// Where new filings continue (set only when entries were set aside: otherwise the
        /// sequence already continues right behind).
        package var sequenceAfter: Int64?
    }

    package static func plan(for restore: HubRestore) -> HubRestorePlan {
        var plan = HubRestorePlan()
        var applications = Set<String>()
        var next = restore.hubLastSeq + 1
        for entry in restore.entries where entry.seq > restore.hubLastSeq {
            if entry.state == .acked && entry.payloadPurged {
                plan.setAside.append(entry.seq)
                continue
            }
            if entry.state == .acked || entry.state == .quarantined {
                plan.requeue.append(entry.seq)
                if applications.insert(entry.applicationId).inserted { plan.requeuedApplications.append(entry.applicationId) }
            }
            if entry.seq != next { plan.moves.append(SeqMove(from: entry.seq, to: next)) }
            next += 1
        }
        if !plan.setAside.isEmpty { plan.sequenceAfter = next - 1 }
        return plan
    }

    /// After a `seq_reused` answer: the unanswered entries from the refused one on, and the
    /// seqs that stay where they are.
    package struct Renumbering: Sendable, Hashable {
        /// The hub's next free seq.
        package var atLeast: Int64
        /// The unanswered entries from the refused one's seq on, ascending.
        package var moving: [Int64]
        /// The highest positive seq that stays (0: none).
        package var highestStaying: Int64

        package init(atLeast: Int64, moving: [Int64], highestStaying: Int64) {
            self.atLeast = atLeast
            self.moving = moving
            self.highestStaying = highestStaying
        }
    }

    package struct RenumberPlan: Sendable, Hashable {
        /// In order, from the hub's next free seq or past every entry that stays, whichever is
        /// higher, so that the hub meets no gap and no seq is taken twice. Each moving entry
        /// is queued under its new seq.
        package var moves: [SeqMove]
        /// Where new filings continue: right behind the moved entries.
        package var sequenceAfter: Int64
        /// The note for `status` (counts and seqs only).
        package var note: String
    }

    /// nil: nothing to move.
    package static func plan(for renumbering: Renumbering) -> RenumberPlan? {
        guard !renumbering.moving.isEmpty else { return nil }
        let first = max(renumbering.atLeast, renumbering.highestStaying + 1)
        let moves = renumbering.moving.enumerated().map { SeqMove(from: $1, to: first + Int64($0)) }
        let count = moves.count
        return RenumberPlan(
            moves: moves, sequenceAfter: first + Int64(count) - 1,
            note: "\(count) unsent entr\(count == 1 ? "y" : "ies") renumbered from \(first): the hub had applied other "
                + "entries under their seqs (this database was restored from an older backup?)")
    }
}
