extension SyncMachine {
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
}
