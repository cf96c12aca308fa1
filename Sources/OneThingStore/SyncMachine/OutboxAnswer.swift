package import OneThingWire

extension SyncMachine {
    /// The hub's answer to one pushed entry, and the entry of this node its idempotency key
    /// names (answers are matched by key, never by position or seq).
    package struct OutboxAnswer: Sendable, Hashable {
        package var result: PushResult
        /// nil: no entry here has the answer's key.
        package var entry: Entry?

        package init(result: PushResult, entry: Entry?) {
            self.result = result
            self.entry = entry
        }

        /// What the store read of the entry.
        package struct Entry: Sendable, Hashable {
            package var seq: Int64
            package var applicationId: String
            package var revision: Int
            package var state: OutboxState

            package init(seq: Int64, applicationId: String, revision: Int, state: OutboxState) {
                self.seq = seq
                self.applicationId = applicationId
                self.revision = revision
                self.state = state
            }
        }
    }

    /// What happens to the entry.
    package enum OutboxStep: Sendable, Hashable {
        /// Not ours: nothing is marked, rather than the wrong entry.
        case ignore
        /// Applied by the hub (`alreadyApplied`: answered from its record of an earlier send):
        /// the entry is acknowledged and the application takes the answer (`fields(for:)`).
        case acknowledge(OutboxAnswer.Entry, alreadyApplied: Bool)
        /// Refused: the entry and its application are quarantined with the hub's reason, and
        /// nothing behind it waits.
        case quarantine(OutboxAnswer.Entry, reason: String)
        /// The hub holds the entry's seq under another key (this database came back from an
        /// older backup): this entry and every unanswered one after it move to fresh seqs
        /// from `atLeast`, in order, and go again (`plan(for: Renumbering)`). Not a refusal.
        case renumber(from: Int64, atLeast: Int64)
        /// The hub stopped at a gap in the seqs and expects `expected` next: the push stops.
        case stopAtGap(expected: Int64?)
    }

    /// The reason kept when the hub refuses an entry without one.
    package static let refusedWithoutReason = "refused by the hub without a reason"

    package static func step(for answer: OutboxAnswer) -> OutboxStep {
        guard let entry = answer.entry else { return .ignore }
        let result = answer.result
        if result.status == .rejected, result.reasonCode == .seqReused, let expected = result.expectedSeq,
            entry.state.isUnanswered
        {
            return .renumber(from: entry.seq, atLeast: expected)
        }
        switch result.status {
        case .accepted: return .acknowledge(entry, alreadyApplied: false)
        case .alreadyApplied: return .acknowledge(entry, alreadyApplied: true)
        case .rejected: return .quarantine(entry, reason: result.reason ?? refusedWithoutReason)
        case .gap: return .stopAtGap(expected: result.expectedSeq)
        }
    }
}
