import OneThingModel
import OneThingStore
import Testing

extension SyncMachineTests {
    /// `SyncMachine.conflicts(found:open:)` and `conflicts(heldByHub:open:)`: which conflicts
    /// open, refresh or close, and the history lines.
    @Suite("Sync machine: conflicts open, refresh and close")
    struct ConflictWritesTests {
        static func conflict(_ field: String, hub: String = "hub") -> FieldConflict {
            FieldConflict(field: field, base: "base", local: "local", hub: hub)
        }

        @Test("a conflict on a field with none open opens, and its field is recorded")
        func opens() {
            let writes = SyncMachine.conflicts(found: [Self.conflict("a")], open: [])
            #expect(writes.write == [Self.conflict("a")])
            #expect(writes.events == [SyncMachine.Event(.conflict, ["a"])])
            #expect(writes.close.isEmpty)
        }

        @Test("one open with the same values is left alone")
        func sameIsLeft() {
            let writes = SyncMachine.conflicts(found: [Self.conflict("a")], open: [Self.conflict("a")])
            #expect(writes.isEmpty)
        }

        @Test("one open with other values is refreshed, not recorded again")
        func refreshed() {
            let writes = SyncMachine.conflicts(found: [Self.conflict("a", hub: "newer")], open: [Self.conflict("a")])
            #expect(writes.write == [Self.conflict("a", hub: "newer")])
            #expect(writes.events.isEmpty)
        }

        @Test("only the newly opened fields are recorded, in the order found")
        func mixed() {
            let writes = SyncMachine.conflicts(
                found: [Self.conflict("c"), Self.conflict("a", hub: "newer"), Self.conflict("b"), Self.conflict("d")],
                open: [Self.conflict("a"), Self.conflict("b")])
            #expect(writes.write.map(\.field) == ["c", "a", "d"])
            #expect(writes.events == [SyncMachine.Event(.conflict, ["c", "d"])])
        }

        @Test("nothing found: nothing written")
        func nothingFound() {
            #expect(SyncMachine.conflicts(found: [], open: [Self.conflict("a")]).isEmpty)
        }

        @Test("the hub's list is the truth: an open conflict it no longer holds is closed, and recorded so")
        func hubClosed() {
            let writes = SyncMachine.conflicts(heldByHub: [], open: [Self.conflict("a"), Self.conflict("b")])
            #expect(writes.close == ["a", "b"])
            #expect(writes.write.isEmpty)
            #expect(writes.events == [SyncMachine.Event(.conflictClosedByHub, ["a", "b"])])
        }

        @Test("the hub's list: one it holds that is not open here opens; one open alike stays; one with other values is refreshed")
        func hubHolds() {
            let writes = SyncMachine.conflicts(
                heldByHub: [Self.conflict("a"), Self.conflict("b"), Self.conflict("c", hub: "newer")],
                open: [Self.conflict("b"), Self.conflict("c")])
            #expect(writes.close.isEmpty)
            #expect(writes.write.map(\.field) == ["a", "c"])
            #expect(writes.events == [SyncMachine.Event(.conflict, ["a"])])
        }

        @Test("closing and opening at once: the closing line first")
        func closeThenOpen() {
            let writes = SyncMachine.conflicts(heldByHub: [Self.conflict("b")], open: [Self.conflict("a")])
            #expect(writes.close == ["a"])
            #expect(writes.write == [Self.conflict("b")])
            #expect(writes.events == [SyncMachine.Event(.conflictClosedByHub, ["a"]), SyncMachine.Event(.conflict, ["b"])])
        }

        @Test("nothing held by the hub and nothing open: nothing written")
        func bothEmpty() {
            #expect(SyncMachine.conflicts(heldByHub: [], open: []).isEmpty)
        }
    }
}
