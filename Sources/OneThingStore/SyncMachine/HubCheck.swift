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
}
