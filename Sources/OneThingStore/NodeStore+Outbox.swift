package import Foundation
import GRDB
import OneThingDatabase
package import OneThingModel
package import OneThingWire

/// A frozen outbox entry, as the sync engine sends it.
package struct OutboxEntry: Sendable, Hashable {
    package var seq: Int64
    package var idempotencyKey: String
    package var applicationId: String
    package var revision: Int
    package var baseRevision: Int?
    package var payload: Data
    package var payloadSHA256: String
    package var attempts: Int

    /// The entry as it travels: the payload's frozen bytes as they are (`PushPayload`).
    package var wire: PushEntry {
        PushEntry(
            seq: seq, idempotencyKey: idempotencyKey, applicationId: applicationId, revision: revision,
            baseRevision: baseRevision, payloadSHA256: payloadSHA256, payload: PushPayload(frozen: payload))
    }
}

/// What recording one batch's answers did, for the sync summary.
package struct PushRecord: Sendable, Hashable {
    package var accepted = 0
    package var alreadyApplied = 0
    package var rejected = 0
    /// Entries renumbered past the hub's last applied seq after a `seq_reused` answer; they
    /// are queued again under their new seqs.
    package var renumbered = 0
    /// The hub stopped at a sequence gap and expects this sequence number next.
    package var gapExpected: Int64?

    package init() {}
}

extension NodeStore {
    /// Entries not yet answered by the hub, in sequence order: queued ones and any left in
    /// flight by an interrupted run (re-sent with the same key, so the hub answers them from
    /// its record instead of applying them twice).
    package func pendingEntries(limit: Int) throws(StoreError) -> [OutboxEntry] {
        try read { db in try Self.pendingEntries(limit: limit, db) }
    }

    /// The next batch to send, marked in flight in the same transaction that reads it: an
    /// `amend` that replaces a queued entry (never sent) cannot slip between reading the
    /// entry and sending it, because a claimed entry is no longer "never sent".
    package func claimBatch(limit: Int, after: Int64? = nil, at time: Timestamp) throws(StoreError) -> [OutboxEntry] {
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
    package func pendingCount() throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'in_flight')") ?? 0
        }
    }

    /// Marks entries as in flight before their request leaves, in one transaction. (`+state`
    /// keeps SQLite from driving the update through the state index, which would visit
    /// every queued application on every batch of a large backlog.)
    package func markInFlight(_ seqs: [Int64], at time: Timestamp) throws(StoreError) {
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
    package func requeue(_ seqs: [Int64], at time: Timestamp) throws(StoreError) {
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

    /// Records the hub's answers to one batch in ONE transaction, each as the sync machine
    /// decides (`SyncMachine.step(for: OutboxAnswer)`): an accepted (or already applied)
    /// entry is acknowledged and its application takes the answer; a rejected one is
    /// quarantined with the hub's reason and blocks nothing behind it; a `seq_reused` one
    /// (this database was restored from an older backup) and every unsent entry after it are
    /// renumbered past the hub's last applied seq and go again. Answers are matched by
    /// idempotency key.
    package func recordPushResults(_ results: [PushResult], at time: Timestamp) throws(StoreError) -> PushRecord {
        try write { db in
            var record = PushRecord()
            for result in results {
                let entry = try OutboxRow.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM outbox WHERE idempotency_key = ?"), arguments: [result.idempotencyKey])
                switch SyncMachine.step(for: SyncMachine.OutboxAnswer(result: result, entry: entry?.answered)) {
                case .ignore:
                    continue
                case .renumber(let seq, let expected):
                    record.renumbered += try Self.renumberUnsent(from: seq, atLeast: expected, at: time, db)
                case .acknowledge(let entry, let alreadyApplied):
                    if alreadyApplied { record.alreadyApplied += 1 } else { record.accepted += 1 }
                    try Self.acknowledge(entry, result, at: time, db)
                case .quarantine(let entry, let reason):
                    record.rejected += 1
                    try db.cachedStatement(sql: "UPDATE outbox SET state = 'quarantined', last_error = ? WHERE seq = ?").execute(arguments: [reason, entry.seq])
                    try db.cachedStatement(sql: "UPDATE applications SET state = 'quarantined', state_reason = ?, updated_at = ? WHERE id = ?").execute(arguments: [reason, time.description, entry.applicationId])
                case .stopAtGap(let expected):
                    record.gapExpected = expected
                }
            }
            return record
        }
    }

    /// An entry the hub applied: acknowledged, and its application takes the province number,
    /// the hub revision and what the answer does to its state and fields
    /// (`SyncMachine.fields(for: AcceptedAnswer)`).
    private static func acknowledge(
        _ entry: SyncMachine.OutboxAnswer.Entry, _ result: PushResult, at time: Timestamp, _ db: Database
    ) throws {
        let appId = entry.applicationId
        try checkProvinceNumber(result.provinceNo, for: appId, db)
        try db.cachedStatement(sql: "UPDATE outbox SET state = 'acked', last_error = NULL WHERE seq = ?").execute(arguments: [entry.seq])
        let now = try ApplicationRow.Answered.fetchOne(
            db.cachedStatement(sql: """
                SELECT id, hub_fields_revision, (SELECT COUNT(*) FROM outbox o WHERE o.application_id = a.id
                    AND o.state IN ('queued', 'in_flight')) AS pending
                FROM applications a WHERE id = ?
                """),
            arguments: [appId])
        guard let now else { return }  // (the outbox's foreign key keeps its application)
        let outcome = SyncMachine.fields(for: SyncMachine.AcceptedAnswer(
            hubRevision: result.hubRevision, merged: result.merge != nil, knownHubRevision: now.hubFieldsRevision,
            stillPending: now.pending))
        try db.cachedStatement(sql: """
                UPDATE applications SET
                    province_no = COALESCE(?, province_no),
                    hub_revision = MAX(COALESCE(hub_revision, 0), COALESCE(?, 0)),
                    state = CASE WHEN ? THEN 'accepted' ELSE state END,
                    state_reason = NULL, updated_at = ?
                WHERE id = ?
                """).execute(arguments: [result.provinceNo, result.hubRevision, outcome.becomesAccepted, time.description, appId])
        try recordAnswer(result, outcome.fields, appId: appId, seq: entry.seq, revision: entry.revision, db)
    }

    /// What an accepted answer tells beyond the province number: a possible duplicate, and
    /// the hub's fields as the machine decided (its merge taken in against the payload sent,
    /// with the conflicts it found; or the fields sent).
    private static func recordAnswer(
        _ result: PushResult, _ fields: SyncMachine.AnswerFields, appId: String, seq: Int64, revision: Int, _ db: Database
    ) throws {
        if let duplicate = result.duplicate {
            try recordDuplicate(duplicate, id: appId, db)
        }
        switch fields {
        case .nothing:
            return
        case .takeHubMerge(let hubRevision):
            guard let merge = result.merge else { return }
            // The conflicts a person decided here, each with the newest revision carrying it.
            var decided: [String: Int] = [:]
            for row in try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT field, MAX(resolved_revision) AS revision FROM conflicts
                    WHERE application_id = ? AND state = 'resolved' AND resolved_revision IS NOT NULL GROUP BY field
                    """),
                arguments: [appId])
            {
                decided[try row.value(Column("field"), of: "conflicts", key: appId)] =
                    try row.value(Column("revision"), of: "conflicts", key: appId)
            }
            let plan = SyncMachine.plan(for: SyncMachine.PushMerge(merge: merge, answeredRevision: revision, decided: decided))
            try recordEvents(plan.events, id: appId, hubRevision: hubRevision, db)
            try writeConflicts(
                SyncMachine.conflicts(found: plan.conflicts, open: openConflicts(of: appId, db)), id: appId,
                hubRevision: hubRevision, detected: .push, db)
            try absorb(
                id: appId, hubFields: plan.hubFields, hubRevision: hubRevision, appliedRevision: revision,
                mergedRevision: revision, keepLocal: plan.keepLocal, detected: .push, db)
        case .takeSent(let hubRevision, let asWorkingCopy):
            // The fields sent are the hub's now; with nothing pending, the working copy too.
            let sent = StoredFields.encode(try sentFields(id: appId, revision: revision, db))
            try db.cachedStatement(sql: asWorkingCopy
                ? "UPDATE applications SET fields = ?1, hub_fields = ?1, hub_fields_revision = ?2 WHERE id = ?3"
                : "UPDATE applications SET hub_fields = ?1, hub_fields_revision = ?2 WHERE id = ?3"
            ).execute(arguments: [sent, hubRevision, appId])
        }
    }

    static func recordDuplicate(_ duplicate: DuplicateMatch, id: String, _ db: Database) throws {
        let text = StoredFields.encode(duplicate)
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
