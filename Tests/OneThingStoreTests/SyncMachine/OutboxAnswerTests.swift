import OneThingStore
import OneThingWire
import Testing

extension SyncMachineTests {
    /// `SyncMachine.step(for: OutboxAnswer)`: the hub's answer -> what happens to the entry.
    /// No database: each case states the entry the answer's key names and the answer.
    @Suite("Sync machine: the hub's answer meets an outbox entry")
    struct OutboxAnswerTests {
        typealias Entry = SyncMachine.OutboxAnswer.Entry

        /// The entry as the store read it; its seq (7) differs from the answer's (70) so that a
        /// step taking the wrong one shows.
        static func entry(_ state: SyncMachine.OutboxState) -> Entry {
            Entry(seq: 7, applicationId: "OT-AAAAAAAAAA", revision: 2, state: state)
        }

        static func answer(
            _ status: PushStatus, reason: String? = nil, code: RejectionCode? = nil, expected: Int64? = nil
        ) -> PushResult {
            PushResult(seq: 70, idempotencyKey: "key-1", status: status, reason: reason, reasonCode: code, expectedSeq: expected)
        }

        static func step(_ result: PushResult, _ entry: Entry?) -> SyncMachine.OutboxStep {
            SyncMachine.step(for: SyncMachine.OutboxAnswer(result: result, entry: entry))
        }

        @Test("an answer whose key names no entry here is ignored, whatever it says", arguments: [
            OutboxAnswerTests.answer(.accepted), OutboxAnswerTests.answer(.alreadyApplied),
            OutboxAnswerTests.answer(.rejected, reason: "bad"), OutboxAnswerTests.answer(.gap, expected: 3),
            OutboxAnswerTests.answer(.rejected, code: .seqReused, expected: 10),
        ])
        func notOurs(_ result: PushResult) {
            #expect(Self.step(result, nil) == .ignore)
        }

        @Test("accepted and already applied acknowledge the entry, telling which", arguments: SyncMachine.OutboxState.allCases)
        func acknowledged(_ state: SyncMachine.OutboxState) {
            #expect(Self.step(Self.answer(.accepted), Self.entry(state)) == .acknowledge(Self.entry(state), alreadyApplied: false))
            #expect(Self.step(Self.answer(.alreadyApplied), Self.entry(state)) == .acknowledge(Self.entry(state), alreadyApplied: true))
        }

        @Test("a refusal quarantines the entry with the hub's reason, or says the hub gave none")
        func quarantined() {
            let entry = Self.entry(.inFlight)
            #expect(Self.step(Self.answer(.rejected, reason: "invalid birth date", code: .invalidPayload), entry)
                == .quarantine(entry, reason: "invalid birth date"))
            #expect(Self.step(Self.answer(.rejected), entry) == .quarantine(entry, reason: "refused by the hub without a reason"))
        }

        @Test("a gap stops the push with the seq the hub expects (or none named)")
        func gap() {
            #expect(Self.step(Self.answer(.gap, expected: 5), Self.entry(.inFlight)) == .stopAtGap(expected: 5))
            #expect(Self.step(Self.answer(.gap), Self.entry(.inFlight)) == .stopAtGap(expected: nil))
        }

        @Test("seq_reused with the next free seq, for an unanswered entry: renumbered from the entry's own seq", arguments: [
            SyncMachine.OutboxState.queued, .inFlight,
        ])
        func renumbered(_ state: SyncMachine.OutboxState) {
            #expect(Self.step(Self.answer(.rejected, code: .seqReused, expected: 10), Self.entry(state)) == .renumber(from: 7, atLeast: 10))
        }

        @Test("seq_reused for an entry already answered is a refusal like any other", arguments: [
            SyncMachine.OutboxState.acked, .quarantined,
        ])
        func seqReusedAnswered(_ state: SyncMachine.OutboxState) {
            let entry = Self.entry(state)
            #expect(Self.step(Self.answer(.rejected, reason: "seq taken", code: .seqReused, expected: 10), entry)
                == .quarantine(entry, reason: "seq taken"))
        }

        @Test("seq_reused without the next free seq is a refusal: there is nowhere to renumber to")
        func seqReusedWithoutExpected() {
            let entry = Self.entry(.queued)
            #expect(Self.step(Self.answer(.rejected, reason: "seq taken", code: .seqReused), entry) == .quarantine(entry, reason: "seq taken"))
        }

        @Test("another refusal naming a next seq is a refusal: only seq_reused renumbers")
        func otherCodeWithExpected() {
            let entry = Self.entry(.queued)
            #expect(Self.step(Self.answer(.rejected, reason: "changed", code: .payloadHashMismatch, expected: 10), entry)
                == .quarantine(entry, reason: "changed"))
        }

        @Test("an acceptance that carries seq_reused and a seq is an acceptance: only a refusal renumbers")
        func acceptedWithSeqReused() {
            let entry = Self.entry(.inFlight)
            #expect(Self.step(Self.answer(.accepted, code: .seqReused, expected: 10), entry) == .acknowledge(entry, alreadyApplied: false))
        }

        @Test("queued and in flight are unanswered; acknowledged and quarantined are answered")
        func unanswered() {
            #expect(SyncMachine.OutboxState.allCases.filter(\.isUnanswered) == [.queued, .inFlight])
        }
    }
}
