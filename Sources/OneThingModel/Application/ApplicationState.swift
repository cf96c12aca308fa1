/// Where an application stands in its journey to the provincial network.
package enum ApplicationState: String, Codable, Sendable, CaseIterable {
    /// Filed and stored; waiting in the outbox for the next sync.
    case queued
    /// Pushed to the hub; the answer is not yet recorded.
    case sent
    /// The hub accepted it and gave it a province number (受理编号).
    case accepted
    /// The hub refused it; the reason is kept and a person must act.
    case quarantined
}

/// A department's decision on one item. Decisions belong to the hub.
package enum ItemState: String, Codable, Sendable, CaseIterable {
    /// Not yet at the department (the application is not yet accepted).
    case pending
    /// At the hub, waiting for an item it depends on (household registration first).
    case waiting
    case inProgress = "in_progress"
    case approved
    case rejected
    /// Returned for correction (补正) with a reason.
    case returned
    /// Approved and the documents issued (a newborn's resident ID number, a card).
    case issued
}
