import OneThingModel
import OneThingWire

/// A revision of this node's application that is not later than the newest node revision the
/// hub applied, under a key the hub has not seen: the node's database was restored from a copy
/// made while this revision was unsent, and the hub took the revision since (the copy's form
/// of it was replaced in place and sent before the copy came back, or a correction was made
/// again on the restored copy). The rule (sync/README.md, "Restores and races"):
///
/// - the hub took this very payload from this node before (the same SHA-256, so the same
///   application, revision and content): `already_applied`, nothing changes, nothing is
///   applied twice;
/// - another payload: neither form overwrites the other (`RevisionMadeAgain`). What it says
///   that the hub holds otherwise becomes an open conflict, the hub's value holding until the
///   node's clerk decides, in a new hub revision answered `accepted` with the merge; when it
///   says nothing the hub does not hold, `already_applied`. It is never quarantined for being
///   a revision the hub has seen, and never dropped silently.
extension PushApplier {
    func applyHeldRevision(_ entry: PushEntry, _ payload: ApplicationPayload, held: ApplicationRecord, _ db: some HubSQL)
        throws -> PushResult
    {
        let alreadyApplied = PushResult(
            seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .alreadyApplied, provinceNo: held.provinceNo)
        if try tookPayload(entry.payloadSHA256, db) { return alreadyApplied }
        guard held.purgedAt == nil else {
            return rejected(
                entry, .invalidPayload,
                "Revision \(payload.revision) differs from the one the hub applied, and the hub purged this application's personal data after its retention period, so it cannot hold the two side by side. File a new application if the case is open again.")
        }
        let items = try ItemRecord.fetchAll(db, provinceNo: held.provinceNo).map(\.item)
        if let problem = Self.shapeProblem(payload, bundle: held.bundle, items: items) {
            return rejected(entry, .invalidPayload, problem)
        }
        var application = held
        // The hub-set fields as the application's catalogue declares them.
        let hubSet = try application.filedBundle(db)?.hubSetFields ?? []
        var local = payload.fields
        for field in hubSet { local[field] = application.fields[field] }
        let stated = min(payload.baseRevision ?? 1, application.hubRevision)
        var base: [String: String]?
        var first = try application.firstForm(ofNodeRevision: payload.revision, db)
        if payload.revision > 1 {
            base = try application.mergeBase(stated: stated, nodeRevision: payload.revision, db)
            for field in hubSet { base?[field] = application.fields[field] }
        }
        for field in hubSet { first?[field] = application.fields[field] }
        let conflicts = RevisionMadeAgain.conflicts(base: base, first: first, again: local, hub: application.fields)
        // A person's decision on an open conflict for the value the hub holds closes it, as
        // any later revision naming the field would (one made before the node pulled the
        // numbers the hub has seen is numbered like this).
        let open = Set<String>(
            try db.values("SELECT field FROM conflicts WHERE province_no = ? AND state = 'open'", [application.provinceNo]))
        let closing = payload.resolves.filter { open.contains($0) && local[$0] == application.fields[$0] }
        if conflicts.isEmpty && closing.isEmpty { return alreadyApplied }

        application.hubRevision += 1
        try application.update(db)
        try application.recordRevision(db, source: "merge", received, nodeFields: local, nodeRevision: payload.revision)
        for field in closing {
            try ConflictRecord.resolve(db, provinceNo: application.provinceNo, field: field, byRevision: payload.revision)
        }
        for conflict in conflicts {
            try ConflictRecord.open(
                db, conflict, provinceNo: application.provinceNo, nodeRevision: payload.revision, hubRevision: application.hubRevision)
        }
        try application.recordChange(db)
        let conflicted = Set(conflicts.map(\.field))
        let fromHub = Set(local.keys).union(application.fields.keys)
            .filter { local[$0] != application.fields[$0] && !conflicted.contains($0) }.sorted()
        return PushResult(
            seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted,
            provinceNo: application.provinceNo, hubRevision: application.hubRevision,
            merge: MergeOutcome(baseRevision: stated, fields: application.fields, fromNode: [], fromHub: fromHub, conflicts: conflicts))
    }

    /// Whether the hub took an entry of this node with this payload (its SHA-256) under any
    /// key, applied or answered as already applied. (Looked for only on this path, which a
    /// node meets after its database was restored: a scan of the node's entries.)
    private func tookPayload(_ sha256: String, _ db: some HubSQL) throws -> Bool {
        let entries = try db.fetchAll(EntryRecord.self, "SELECT * FROM entries WHERE node_id = ? AND payload_sha256 = ?", [node, sha256])
        return try entries.contains { entry in
            let status = try entry.result().status
            return status == .accepted || status == .alreadyApplied
        }
    }
}
