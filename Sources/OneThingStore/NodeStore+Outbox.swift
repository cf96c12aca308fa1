public import Foundation
import GRDB
public import OneThingModel
public import OneThingWire

/// A frozen outbox entry, as the sync engine sends it.
public struct OutboxEntry: Sendable, Hashable {
    public var seq: Int64
    public var idempotencyKey: String
    public var applicationId: String
    public var revision: Int
    public var baseRevision: Int?
    public var payload: Data
    public var payloadSHA256: String
    public var attempts: Int

    public var wire: PushEntry {
        PushEntry(
            seq: seq, idempotencyKey: idempotencyKey, applicationId: applicationId, revision: revision,
            baseRevision: baseRevision, payloadSHA256: payloadSHA256, payload: String(decoding: payload, as: UTF8.self))
    }
}

/// What recording one batch's answers did, for the sync summary.
public struct PushRecord: Sendable, Hashable {
    public var accepted = 0
    public var alreadyApplied = 0
    public var rejected = 0
    /// Entries renumbered past the hub's last applied seq after a `seq_reused` answer; they
    /// are queued again under their new seqs.
    public var renumbered = 0
    /// The hub stopped at a sequence gap and expects this sequence number next.
    public var gapExpected: Int64?

    public init() {}
}

extension NodeStore {
    /// Entries not yet answered by the hub, in sequence order: queued ones and any left in
    /// flight by an interrupted run (re-sent with the same key, so the hub answers them from
    /// its record instead of applying them twice).
    public func pendingEntries(limit: Int) throws(StoreError) -> [OutboxEntry] {
        try read { db in try Self.pendingEntries(limit: limit, db) }
    }

    /// The next batch to send, marked in flight in the same transaction that reads it: an
    /// `amend` that replaces a queued entry (never sent) cannot slip between reading the
    /// entry and sending it, because a claimed entry is no longer "never sent".
    public func claimBatch(limit: Int, after: Int64? = nil, at time: Timestamp) throws(StoreError) -> [OutboxEntry] {
        try write { db in
            let entries = try Self.pendingEntries(limit: limit, after: after, db)
            try Self.markInFlight(entries.map(\.seq), at: time, db)
            return entries
        }
    }

    /// The pending entries in seq order (after `after`: the entries behind a batch in flight).
    static func pendingEntries(limit: Int, after: Int64? = nil, _ db: Database) throws -> [OutboxEntry] {
        try OutboxRow.fetchAll(
            db, sql: "SELECT * FROM outbox WHERE state IN ('queued', 'in_flight') AND seq > ? ORDER BY seq LIMIT ?",
            arguments: [after ?? 0, limit]
        ).map(\.entry)
    }

    /// How many entries wait to be sent (for the progress bar and `status`).
    public func pendingCount() throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'in_flight')") ?? 0
        }
    }

    /// Marks entries as in flight before their request leaves, in one transaction. (`+state`
    /// keeps SQLite from driving the update through the state index, which would visit
    /// every queued application on every batch of a large backlog.)
    public func markInFlight(_ seqs: [Int64], at time: Timestamp) throws(StoreError) {
        try write { db in try Self.markInFlight(seqs, at: time, db) }
    }

    static func markInFlight(_ seqs: [Int64], at time: Timestamp, _ db: Database) throws {
        guard !seqs.isEmpty else { return }
        let marks = databaseQuestionMarks(count: seqs.count)
        try db.execute(
            sql: "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1 WHERE seq IN (\(marks))",
            arguments: StatementArguments(seqs))
        try db.execute(
            sql: """
                UPDATE applications SET state = 'sent', updated_at = ?
                WHERE +state = 'queued' AND id IN (SELECT application_id FROM outbox WHERE seq IN (\(marks)))
                """,
            arguments: StatementArguments([time.description]) + StatementArguments(seqs))
    }

    /// Puts entries whose request got no answer back to queued (and their applications back
    /// to queued), so that `status` does not call them sent. Correctness does not depend on
    /// it: a re-send carries the same idempotency key either way.
    public func requeue(_ seqs: [Int64], at time: Timestamp) throws(StoreError) {
        guard !seqs.isEmpty else { return }
        try write { db in
            let marks = databaseQuestionMarks(count: seqs.count)
            try db.execute(
                sql: "UPDATE outbox SET state = 'queued' WHERE state = 'in_flight' AND seq IN (\(marks))",
                arguments: StatementArguments(seqs))
            try db.execute(
                sql: """
                    UPDATE applications SET state = 'queued', updated_at = ?
                    WHERE +state = 'sent' AND id IN (SELECT application_id FROM outbox WHERE seq IN (\(marks)))
                    """,
                arguments: StatementArguments([time.description]) + StatementArguments(seqs))
        }
    }

    /// Records the hub's answers to one batch in ONE transaction: an accepted (or already
    /// applied) entry is acknowledged and its application gets the province number; a
    /// rejected one is quarantined with the hub's reason and blocks nothing behind it. An
    /// entry refused because the hub holds its seq under another key (`seq_reused`: this
    /// database was restored from an older backup and reused seqs the hub has seen) is not
    /// quarantined: it and every unsent entry after it are renumbered past the hub's last
    /// applied seq, in order, and go again. Answers are matched by idempotency key.
    public func recordPushResults(_ results: [PushResult], at time: Timestamp) throws(StoreError) -> PushRecord {
        try write { db in
            var record = PushRecord()
            for result in results {
                guard
                    let entry = try OutboxRow.fetchOne(
                        db.cachedStatement(sql: "SELECT * FROM outbox WHERE idempotency_key = ?"), arguments: [result.idempotencyKey])
                else { continue }  // not ours: ignore rather than mark the wrong entry
                let appId = entry.entry.applicationId
                let seq = entry.entry.seq
                if result.status == .rejected, result.reasonCode == .seqReused, let expected = result.expectedSeq,
                    ["queued", "in_flight"].contains(entry.state)
                {
                    record.renumbered += try Self.renumberUnsent(from: seq, atLeast: expected, at: time, db)
                    continue
                }
                switch result.status {
                case .accepted, .alreadyApplied:
                    if result.status == .accepted { record.accepted += 1 } else { record.alreadyApplied += 1 }
                    try Self.checkProvinceNumber(result.provinceNo, for: appId, db)
                    try db.cachedStatement(sql: "UPDATE outbox SET state = 'acked', last_error = NULL WHERE seq = ?").execute(arguments: [seq])
                    let stillPending = try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE application_id = ? AND state IN ('queued', 'in_flight')"),
                        arguments: [appId]) ?? 0
                    try db.cachedStatement(sql: """
                            UPDATE applications SET
                                province_no = COALESCE(?, province_no),
                                hub_revision = MAX(COALESCE(hub_revision, 0), COALESCE(?, 0)),
                                state = CASE WHEN ? = 0 THEN 'accepted' ELSE state END,
                                state_reason = NULL, updated_at = ?
                            WHERE id = ?
                            """).execute(arguments: [result.provinceNo, result.hubRevision, stillPending, time.description, appId])
                    try Self.recordAnswer(result, appId: appId, seq: seq, stillPending: stillPending, db)
                case .rejected:
                    record.rejected += 1
                    let reason = result.reason ?? "refused by the hub without a reason"
                    try db.cachedStatement(sql: "UPDATE outbox SET state = 'quarantined', last_error = ? WHERE seq = ?").execute(arguments: [reason, seq])
                    try db.cachedStatement(sql: "UPDATE applications SET state = 'quarantined', state_reason = ?, updated_at = ? WHERE id = ?").execute(arguments: [reason, time.description, appId])
                case .gap:
                    record.gapExpected = result.expectedSeq
                }
            }
            return record
        }
    }

    /// What an accepted answer tells beyond the province number: the hub's fields after a
    /// merge (taken in against the payload that was sent), the conflicts the merge found,
    /// and a possible duplicate.
    private static func recordAnswer(_ result: PushResult, appId: String, seq: Int64, stillPending: Int, _ db: Database) throws {
        if let duplicate = result.duplicate {
            try recordDuplicate(duplicate, id: appId, db)
        }
        guard let hubRevision = result.hubRevision,
            let known = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT hub_fields_revision FROM applications WHERE id = ?"), arguments: [appId]),
            hubRevision > known
        else { return }  // an answer older than what a pull already brought: nothing new in it
        let revision = try Int.fetchOne(db.cachedStatement(sql: "SELECT revision FROM outbox WHERE seq = ?"), arguments: [seq]) ?? 0
        if let merge = result.merge {
            if !merge.fromHub.isEmpty {
                try recordEvent(id: appId, kind: "merged", hubRevision: hubRevision, fields: merge.fromHub, db)
            }
            // A conflict this node has already decided in a later revision stays decided.
            let decided = Set(try String.fetchAll(
                db.cachedStatement(sql: """
                    SELECT field FROM conflicts WHERE application_id = ? AND state = 'resolved' AND resolved_revision > ?
                    """),
                arguments: [appId, revision]))
            try openConflicts(
                merge.conflicts.filter { !decided.contains($0.field) }, id: appId, hubRevision: hubRevision, detected: .push, db)
            try absorb(
                id: appId, hubFields: merge.fields, hubRevision: hubRevision, appliedRevision: revision,
                base: try sentFields(id: appId, revision: revision, db), keepLocal: decided, detected: .push, db)
        } else if stillPending == 0 {
            // Applied as sent, on the hub's latest revision, nothing of ours behind it: the
            // fields sent are the hub's now and the working copy (taken from the frozen
            // payload in SQL, without decoding it on the hot path).
            try db.cachedStatement(sql: """
                    UPDATE applications SET
                        fields = (SELECT json_extract(CAST(payload AS TEXT), '$.fields') FROM outbox WHERE seq = ?1),
                        hub_fields = (SELECT json_extract(CAST(payload AS TEXT), '$.fields') FROM outbox WHERE seq = ?1),
                        hub_fields_revision = ?2
                    WHERE id = ?3
                    """).execute(arguments: [seq, hubRevision, appId])
        } else {
            // Applied as sent while later revisions wait: the hub's fields are what was sent.
            try db.cachedStatement(sql: "UPDATE applications SET hub_fields = ?, hub_fields_revision = ? WHERE id = ?")
                .execute(arguments: [StoredFields.encode(try sentFields(id: appId, revision: revision, db)), hubRevision, appId])
        }
    }

    static func recordDuplicate(_ duplicate: DuplicateMatch, id: String, _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: (try? encoder.encode(duplicate)) ?? Data("{}".utf8), as: UTF8.self)
        try db.cachedStatement(sql: "UPDATE applications SET duplicate = ? WHERE id = ? AND duplicate IS NOT ?")
            .execute(arguments: [text, id, text])
        if db.changesCount > 0 {
            try recordEvent(id: id, kind: "possible_duplicate", fields: [], db)
        }
    }

    /// A province number names one application: one the node holds for another application
    /// is the hub's mistake (a restored backup), told as such instead of a constraint failure.
    static func checkProvinceNumber(_ number: String?, for id: String, _ db: Database) throws {
        guard let number,
            let holder = try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM applications WHERE province_no = ? AND id != ?"), arguments: [number, id])
        else { return }
        throw StoreError.provinceNumberTaken(provinceNo: number, id: id, holder: holder)
    }
}
