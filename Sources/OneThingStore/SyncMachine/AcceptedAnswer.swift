package import OneThingModel
package import OneThingWire

extension SyncMachine {
    /// An entry the hub applied, once acknowledged: what its application holds and what of
    /// it is still on the way.
    package struct AcceptedAnswer: Sendable, Hashable {
        /// The hub revision the answer names (nil: an older hub that names none).
        package var hubRevision: Int?
        /// The hub merged the entry with later changes of its own (a stale base).
        package var merged: Bool
        /// The hub revision the application's fields were last taken from (0: none yet).
        package var knownHubRevision: Int
        /// Entries of the application still unanswered after this one was acknowledged.
        package var stillPending: Int

        package init(hubRevision: Int?, merged: Bool, knownHubRevision: Int, stillPending: Int) {
            self.hubRevision = hubRevision
            self.merged = merged
            self.knownHubRevision = knownHubRevision
            self.stillPending = stillPending
        }
    }

    package struct AnswerOutcome: Sendable, Hashable {
        /// The application becomes `accepted` (nothing of it waits); otherwise its state stays.
        package var becomesAccepted: Bool
        package var fields: AnswerFields
    }

    /// What the answer does to the application's fields.
    package enum AnswerFields: Sendable, Hashable {
        /// No hub revision named, or a pull already brought this one or a newer one.
        case nothing
        /// The hub merged: its merged fields come in against the payload sent
        /// (`plan(for: PushMerge)`, then `plan(for: Absorb)` with that payload as the base).
        case takeHubMerge(hubRevision: Int)
        /// Applied as sent: the fields sent are the hub's copy; with nothing pending they are
        /// the working copy too (every local edit reached the hub).
        case takeSent(hubRevision: Int, asWorkingCopy: Bool)
    }

    package static func fields(for answer: AcceptedAnswer) -> AnswerOutcome {
        let becomesAccepted = answer.stillPending == 0
        guard let hubRevision = answer.hubRevision, hubRevision > answer.knownHubRevision else {
            return AnswerOutcome(becomesAccepted: becomesAccepted, fields: .nothing)
        }
        if answer.merged {
            return AnswerOutcome(becomesAccepted: becomesAccepted, fields: .takeHubMerge(hubRevision: hubRevision))
        }
        return AnswerOutcome(
            becomesAccepted: becomesAccepted, fields: .takeSent(hubRevision: hubRevision, asWorkingCopy: answer.stillPending == 0))
    }

    /// The hub's merge of a stale revision, the revision it answers, and the conflicted
    /// fields a person has decided here, each with the newest revision that carried a decision.
    package struct PushMerge: Sendable, Hashable {
        package var merge: MergeOutcome
        package var answeredRevision: Int
        package var decided: [String: Int]

        package init(merge: MergeOutcome, answeredRevision: Int, decided: [String: Int]) {
            self.merge = merge
            self.answeredRevision = answeredRevision
            self.decided = decided
        }
    }

    package struct PushMergePlan: Sendable, Hashable {
        /// `merged` with the fields the hub's later changes gave, if any.
        package var events: [Event]
        /// The hub's conflicts but those decided in a revision later than the one answered:
        /// a decided conflict stays decided.
        package var conflicts: [FieldConflict]
        /// The hub's fields after its merge, to absorb against the payload sent.
        package var hubFields: [String: String]
        /// Fields whose local value a person chose since: it wins when its revision lands.
        package var keepLocal: Set<String>
    }

    package static func plan(for answer: PushMerge) -> PushMergePlan {
        let merge = answer.merge
        let decidedLater = Set(answer.decided.filter { $0.value > answer.answeredRevision }.keys)
        return PushMergePlan(
            events: merge.fromHub.isEmpty ? [] : [Event(.merged, merge.fromHub)],
            conflicts: merge.conflicts.filter { !decidedLater.contains($0.field) },
            hubFields: merge.fields, keepLocal: decidedLater)
    }
}
