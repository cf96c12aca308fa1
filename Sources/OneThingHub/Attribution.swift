/// When something happened on the hub and who did it: a node's id for what it pushed, an
/// officer's id for a decision or an amendment, `auto` for a rule's decision. The time is
/// the hub clock's (injected), as `Timestamp.description` writes it.
struct Attribution: Sendable, Hashable {
    var time: String
    var actor: String

    init(at time: String, by actor: String) {
        self.time = time
        self.actor = actor
    }

    /// The actor recorded for a decision made by an automatic rule (`AutoDecider`).
    static let automaticActor = "auto"
    /// The actor recorded for a decision or amendment over the admin API that names no officer.
    static let adminAPIActor = "admin-api"
}
