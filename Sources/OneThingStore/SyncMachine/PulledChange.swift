package import OneThingModel
package import OneThingWire

extension SyncMachine {
    /// A pulled change (the application's whole hub state) and what it meets here.
    package struct PulledChange: Sendable, Hashable {
        package var change: ApplicationChange
        /// nil: this database does not hold the application.
        package var local: LocalApplication?

        package init(change: ApplicationChange, local: LocalApplication?) {
            self.change = change
            self.local = local
        }
    }

    /// What the store read of the application a change meets (one query a change).
    package struct LocalApplication: Sendable, Hashable {
        package var state: ApplicationState
        /// The hub revision its fields were last taken from (0: none yet).
        package var knownHubRevision: Int
        /// Its personal data was purged here (retention).
        package var purged: Bool
        /// Its outbox entries still unanswered (queued or in flight).
        package var pending: Int
        /// Of those, the revisions later than the one the change says the hub applied.
        package var unsent: Int
        /// Its open conflicts.
        package var openConflicts: Int

        package init(state: ApplicationState, knownHubRevision: Int, purged: Bool, pending: Int, unsent: Int, openConflicts: Int) {
            self.state = state
            self.knownHubRevision = knownHubRevision
            self.purged = purged
            self.pending = pending
            self.unsent = unsent
            self.openConflicts = openConflicts
        }
    }

    package enum PulledChangeStep: Sendable, Hashable {
        /// The hub holds it for this node, this database does not (restored from an older
        /// backup): kept by id and province number for a person, never dropped silently.
        case setAside
        /// Purged here (`clearing`: the items' reasons and documents are emptied too; it
        /// never takes personal data back), or purged at the hub (the node keeps its own):
        /// item states, the province number and the hub revision only.
        case statesOnly(clearing: Bool)
        case apply(ChangeSteps)
    }

    /// What a change of an application with its personal data does, in this order.
    package struct ChangeSteps: Sendable, Hashable {
        /// The hub's open conflicts replace the node's (`conflicts(heldByHub:open:)`).
        package var matchHubConflicts: Bool
        /// A newer hub revision: its fields come in (`plan(for: Absorb)`).
        package var absorbHubFields: Bool
        /// Another application the hub matched this one with.
        package var duplicate: DuplicateMatch?
        /// Each item as the hub decided it.
        package var items: [ItemStep]
        /// The application's state afterwards.
        package var state: ApplicationState
    }

    /// One item written as the hub has it (state, reason, documents); `eventWhenChanged`:
    /// the history line to write if that changed the item.
    package struct ItemStep: Sendable, Hashable {
        package var decision: ItemDecision
        package var eventWhenChanged: EventKind?
    }

    package static func step(for pulled: PulledChange) -> PulledChangeStep {
        guard let local = pulled.local else { return .setAside }
        let change = pulled.change
        if local.purged || change.purged { return .statesOnly(clearing: local.purged) }
        let newest = change.hubRevision >= local.knownHubRevision
        let conflictsToMatch = local.openConflicts > 0 || !change.conflicts.isEmpty
        return .apply(
            ChangeSteps(
                matchHubConflicts: local.unsent == 0 && newest && conflictsToMatch,
                absorbHubFields: change.hubRevision > local.knownHubRevision,
                duplicate: change.duplicate,
                items: change.items.map { ItemStep(decision: $0, eventWhenChanged: $0.state == .returned ? .returned : nil) },
                state: local.pending == 0 && local.state != .quarantined ? .accepted : local.state))
    }
}
