extension SyncMachine {
    /// One entry's move to another seq.
    package struct SeqMove: Sendable, Hashable {
        package var from: Int64
        package var to: Int64

        package init(from: Int64, to: Int64) {
            self.from = from
            self.to = to
        }
    }

    /// After a `seq_reused` answer: the unanswered entries from the refused one on, and the
    /// seqs that stay where they are.
    package struct Renumbering: Sendable, Hashable {
        /// The hub's next free seq.
        package var atLeast: Int64
        /// The unanswered entries from the refused one's seq on, ascending.
        package var moving: [Int64]
        /// The highest positive seq that stays (0: none).
        package var highestStaying: Int64

        package init(atLeast: Int64, moving: [Int64], highestStaying: Int64) {
            self.atLeast = atLeast
            self.moving = moving
            self.highestStaying = highestStaying
        }
    }

    package struct RenumberPlan: Sendable, Hashable {
        /// In order, from the hub's next free seq or past every entry that stays, whichever is
        /// higher, so that the hub meets no gap and no seq is taken twice. Each moving entry
        /// is queued under its new seq.
        package var moves: [SeqMove]
        /// Where new filings continue: right behind the moved entries.
        package var sequenceAfter: Int64
        /// The note for `status` (counts and seqs only).
        package var note: String
    }

    /// nil: nothing to move.
    package static func plan(for renumbering: Renumbering) -> RenumberPlan? {
        guard !renumbering.moving.isEmpty else { return nil }
        let first = max(renumbering.atLeast, renumbering.highestStaying + 1)
        let moves = renumbering.moving.enumerated().map { SeqMove(from: $1, to: first + Int64($0)) }
        let count = moves.count
        return RenumberPlan(
            moves: moves, sequenceAfter: first + Int64(count) - 1,
            note: "\(count) unsent entr\(count == 1 ? "y" : "ies") renumbered from \(first): the hub had applied other "
                + "entries under their seqs (this database was restored from an older backup?)")
    }
}
