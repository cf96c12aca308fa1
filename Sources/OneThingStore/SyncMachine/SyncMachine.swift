/// The node's sync rules, in one place. Pure: no SQLite, no I/O, no clock. Each decision
/// takes what the store read inside its write transaction (an input struct) and returns what
/// to do (an enum or a struct of steps); the store carries the steps out with SQL in the
/// same transaction. `FieldMerge` (OneThingModel) is the per-field three-way merge it calls.
///
/// The decisions (input -> output; who carries it out):
/// - `step(for: OutboxAnswer) -> OutboxStep`: the hub's answer meets an outbox entry:
///   ignore, acknowledge, quarantine, renumber, stop at a gap (`NodeStore.recordPushResults`).
/// - `fields(for: AcceptedAnswer) -> AnswerOutcome`: what an acknowledged entry does to its
///   application: its state; take the hub's merge, take the fields sent, or nothing. With a
///   merge, `plan(for: PushMerge) -> PushMergePlan`: history, conflicts to open, fields kept.
/// - `step(for: PulledChange) -> PulledChangeStep`: a pulled change meets the local
///   application: set aside, item states only, or apply (`NodeStore.applyChanges`).
/// - `plan(for: Absorb) -> AbsorbPlan`, `merge(_:) -> MergedFields`, `issuedEvents`: the hub's
///   fields come in: ignore, take the hub's, or merge against which base (`NodeStore.absorb`).
/// - `conflicts(found:open:)`, `conflicts(heldByHub:open:) -> ConflictWrites`: which
///   conflicts open, refresh or close, and their history lines (`NodeStore.writeConflicts`).
/// - `steps(for: HubCheck)`, `plan(for: HubRestore)`, `plan(for: Renumbering)`: the hub's
///   identity at the start of a sync (`SyncEngine`), recovering from a restored hub and
///   renumbering after `seq_reused` (`NodeStore+Recovery.swift`).
///
/// Claiming a batch (queued -> in flight) and putting back one whose answer never came (in
/// flight -> queued) are set-based statements in `NodeStore+Outbox.swift`, and filing, a
/// correction and a conflict resolved by a person are the store's own (`NodeStore+Filing`,
/// `NodeStore+Revisions`); whatever a hub's answer, a page or a restore does is decided here.
package enum SyncMachine {}

extension SyncMachine {
    /// Where an outbox entry is (the `outbox.state` column).
    package enum OutboxState: String, Sendable, Hashable, CaseIterable {
        /// Frozen, waiting to be sent.
        case queued
        /// Sent (or claimed to be sent) by a run that has not recorded the hub's answer.
        case inFlight = "in_flight"
        /// The hub applied it (accepted, or already applied when re-sent).
        case acked
        /// The hub refused it; its reason is kept and it blocks nothing behind it.
        case quarantined

        /// Not answered by the hub yet: queued, or in flight.
        package var isUnanswered: Bool { self == .queued || self == .inFlight }
    }

    /// A line the machine adds to an application's history (field ids or item codes, never
    /// values). The store stamps it with the hub revision that brought it.
    package struct Event: Sendable, Hashable {
        package var kind: EventKind
        package var fields: [String]

        package init(_ kind: EventKind, _ fields: [String]) {
            self.kind = kind
            self.fields = fields
        }
    }

    /// The kinds of history line sync writes (`application_events.kind`).
    package enum EventKind: String, Sendable, Hashable, CaseIterable {
        /// Fields the hub changed taken into the working copy beside local edits.
        case merged
        /// Fields changed differently on both sides: conflicts opened.
        case conflict
        /// Open conflicts the hub no longer holds (a revision of this node closed them).
        case conflictClosedByHub = "conflict_closed_by_hub"
        /// An item returned for correction.
        case returned
        /// A field the hub sets in place of a provisional identity (the newborn's resident ID
        /// number) arrived.
        case identityIssued = "identity_issued"
        /// Another field the hub sets from an issued document arrived.
        case documentIssued = "document_issued"
    }
}

/// Where a conflict was found: by the hub, merging a pushed revision with a stale base, or
/// by the node, merging a pulled change with its unsent edits. Both find the same fields.
package enum ConflictOrigin: String, Sendable {
    case push, pull
}
