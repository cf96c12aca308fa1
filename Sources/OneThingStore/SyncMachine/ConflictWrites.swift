package import OneThingModel

extension SyncMachine {
    /// What to write to an application's conflict records. At most one conflict is open per
    /// field; a closed one is kept (resolved) with its values.
    package struct ConflictWrites: Sendable, Hashable {
        /// Open conflicts the hub no longer holds: closed.
        package var close: [String] = []
        /// Conflicts to open, or to refresh where one is open on the field with other values.
        package var write: [FieldConflict] = []
        /// `conflict_closed_by_hub` and `conflict` (newly opened fields only), in that order.
        package var events: [Event] = []

        /// Nothing to write.
        package var isEmpty: Bool { close.isEmpty && write.isEmpty && events.isEmpty }
    }

    /// Conflicts a merge found (the hub's, or this node's), against the application's open
    /// ones (`open`): a new field opens (and is recorded), one open with other values is
    /// refreshed, one open with the same values is left alone.
    package static func conflicts(found: [FieldConflict], open: [FieldConflict]) -> ConflictWrites {
        let existing = Dictionary(open.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        var writes = ConflictWrites()
        var opened: [String] = []
        for conflict in found {
            let held = existing[conflict.field]
            if held == conflict { continue }
            if held == nil { opened.append(conflict.field) }
            writes.write.append(conflict)
        }
        if !opened.isEmpty { writes.events.append(Event(.conflict, opened)) }
        return writes
    }

    /// With nothing of this node on the way and the newest hub state in hand, the hub's open
    /// conflicts are the truth: the node's open ones become exactly those. One the hub no
    /// longer holds was closed by a revision of this node (or never reached the hub).
    package static func conflicts(heldByHub hub: [FieldConflict], open: [FieldConflict]) -> ConflictWrites {
        let listed = Set(hub.map(\.field))
        let closed = open.map(\.field).filter { !listed.contains($0) }
        var writes = conflicts(found: hub, open: open.filter { listed.contains($0.field) })
        writes.close = closed
        if !closed.isEmpty { writes.events.insert(Event(.conflictClosedByHub, closed), at: 0) }
        return writes
    }
}
