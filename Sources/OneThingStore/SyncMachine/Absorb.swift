package import OneThingModel

extension SyncMachine {
    /// The hub's fields as of `hubRevision` meet an application (a pulled change with a newer
    /// hub revision, or a push answered with the hub's merge).
    package struct Absorb: Sendable, Hashable {
        package var hubRevision: Int
        /// The hub revision the application's fields were last taken from (0: none yet).
        package var knownHubRevision: Int
        /// The application's revisions still unanswered (queued or in flight), ascending.
        package var unanswered: [Int]
        /// The newest node revision the hub has applied, when it says (a change's `revision`,
        /// the answered entry's): unanswered revisions up to it are no longer unsent.
        package var appliedRevision: Int?
        /// The revision whose payload the hub merged with (a push answered with a merge): the
        /// base of the three-way merge here too.
        package var mergedRevision: Int?

        package init(hubRevision: Int, knownHubRevision: Int, unanswered: [Int], appliedRevision: Int?, mergedRevision: Int? = nil) {
            self.hubRevision = hubRevision
            self.knownHubRevision = knownHubRevision
            self.unanswered = unanswered
            self.appliedRevision = appliedRevision
            self.mergedRevision = mergedRevision
        }
    }

    package enum AbsorbPlan: Sendable, Hashable {
        /// A hub revision the node already has (pages and answers may repeat): nothing.
        case ignore
        /// Every local edit has reached the hub: the hub's fields are the working copy.
        case takeHub
        /// Local edits are still unsent: three-way merge (`merge(_:)`) of the working copy and
        /// the hub's fields against `base`.
        case merge(base: MergeBase)
    }

    /// What the hub's fields are compared with.
    package enum MergeBase: Sendable, Hashable {
        /// The fields a local revision carried when it was frozen.
        case sentPayload(revision: Int)
        /// The hub's fields the node last took in (`hub_fields`).
        case hubCopy
    }

    /// In every case but `ignore`, the application then holds the hub's fields as its hub copy
    /// as of `hubRevision`, and each open conflict compares with the hub's latest value (so
    /// that keeping the hub's keeps the current one).
    package static func plan(for input: Absorb) -> AbsorbPlan {
        guard input.hubRevision > input.knownHubRevision else { return .ignore }
        let applied = input.appliedRevision.map { revision in input.unanswered.filter { $0 <= revision } } ?? []
        if input.unanswered.count == applied.count { return .takeHub }
        if let merged = input.mergedRevision { return .merge(base: .sentPayload(revision: merged)) }
        if let newest = applied.last { return .merge(base: .sentPayload(revision: newest)) }
        return .merge(base: .hubCopy)
    }

    /// The three field maps of a merge, and the fields whose local value a person chose in a
    /// revision not yet answered.
    package struct FieldsToMerge: Sendable, Hashable {
        package var base: [String: String]
        package var local: [String: String]
        package var hub: [String: String]
        package var keepLocal: Set<String>

        package init(base: [String: String], local: [String: String], hub: [String: String], keepLocal: Set<String> = []) {
            self.base = base
            self.local = local
            self.hub = hub
            self.keepLocal = keepLocal
        }
    }

    package struct MergedFields: Sendable, Hashable {
        /// The new working copy: the hub's changes to other fields in, local edits kept, the
        /// hub's value where they conflict, the local value of `keepLocal` fields.
        package var working: [String: String]
        /// `merged` with the fields taken from the hub, if any.
        package var events: [Event]
        /// Fields changed differently on both sides: to open (`conflicts(found:open:)`).
        package var conflicts: [FieldConflict]
    }

    package static func merge(_ fields: FieldsToMerge) -> MergedFields {
        let merge = FieldMerge.merge(base: fields.base, local: fields.local, hub: fields.hub)
        var working = merge.fields
        for field in fields.keepLocal { working[field] = fields.local[field] }
        return MergedFields(
            working: working, events: merge.takenFromHub.isEmpty ? [] : [Event(.merged, merge.takenFromHub)],
            conflicts: merge.conflicts)
    }

    /// A field only the hub sets (an issued document), and the history line its arrival writes.
    package struct IssuedField: Sendable, Hashable {
        package var field: String
        package var event: EventKind

        package init(field: String, event: EventKind) {
            self.field = field
            self.event = event
        }
    }

    /// The issued fields the new working copy holds for the first time. `heldBefore`: whether
    /// the working copy held a field before the hub's fields came in (asked only of a field
    /// the new working copy holds: on the pull's hot path it looks in the stored text).
    package static func issuedEvents(
        _ issued: [IssuedField], working: [String: String], heldBefore: (String) -> Bool
    ) -> [Event] {
        issued.filter { working[$0.field] != nil && !heldBefore($0.field) }.map { Event($0.event, [$0.field]) }
    }
}
