import Foundation
import OneThingModel
import OneThingWire

/// Applies one pushed entry inside the caller's transaction: the idempotency and sequence
/// checks, then the payload, then the entry's result is stored with the node's new last
/// seq. See sync/openapi.yaml for the guarantees.
struct PushApplier {
    let node: String
    let catalog: HubCatalog
    var nearDuplicates: NearDuplicateRule = .default
    let check: PayloadCheck
    /// When the batch arrived (the hub clock's): the time of every revision it makes.
    let receivedAt: String

    /// A revision this node's entry makes, at the time the batch arrived.
    var received: Attribution { Attribution(at: receivedAt, by: node) }

    func apply(_ entry: PushEntry, _ db: some HubSQL) throws -> PushResult {
        // (a) A known key: the same payload gets its stored answer; another payload is refused.
        if let stored = try EntryRecord.fetch(db, node: node, idempotencyKey: entry.idempotencyKey) {
            guard stored.payloadSHA256 == entry.payloadSHA256 else {
                return rejected(
                    entry, .keyReused,
                    "The idempotency key was already used for another payload (seq \(stored.seq)); a changed revision needs its own key and seq.")
            }
            var result = try stored.result()
            if result.status == .accepted { result.status = .alreadyApplied }
            return result
        }
        guard let lastSeq = try NodeRecord.lockedLastSeq(db, node: node) else {
            throw HubError.noSuchNode(node)
        }
        // (b) A known seq under another key: nothing is consumed, and the answer names the
        // next free seq, so a node restored from an older backup renumbers the entries it
        // never sent and sends them again.
        if try db.exists("SELECT 1 FROM entries WHERE node_id = ? AND seq = ?", [node, entry.seq]) {
            var result = rejected(
                entry, .seqReused,
                "The seq \(entry.seq) was already used by another entry of this node; every entry needs its own seq.")
            result.expectedSeq = lastSeq + 1
            return result
        }
        // (c) A gap: not applied, and the batch stops here.
        if entry.seq > lastSeq + 1 {
            return PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .gap, expectedSeq: lastSeq + 1)
        }
        if entry.seq <= lastSeq {
            var result = rejected(
                entry, .seqReused, "The seq \(entry.seq) lies before the last applied seq \(lastSeq) of this node.")
            result.expectedSeq = lastSeq + 1
            return result
        }
        // (d)-(f) The payload; its result is stored and consumes the seq, whatever it is.
        let result = try evaluate(entry, db)
        try db.execute(
            "INSERT INTO entries (node_id, seq, idempotency_key, payload_sha256, result) VALUES (?, ?, ?, ?, ?)",
            [node, entry.seq, entry.idempotencyKey, entry.payloadSHA256, StoredJSON.encode(result)])
        try db.execute("UPDATE nodes SET last_seq = ? WHERE node_id = ?", [entry.seq, node])
        return result
    }

    private func evaluate(_ entry: PushEntry, _ db: some HubSQL) throws -> PushResult {
        // The exact bytes received for the payload member (or, from a protocol 1 node, the
        // text's bytes): what the node froze and hashed, never a re-encoding.
        guard Digest.sha256Hex(entry.payload.bytes) == entry.payloadSHA256 else {
            return rejected(
                entry, .payloadHashMismatch,
                "The SHA-256 of the payload does not match payload_sha256: the entry was changed after it was frozen or damaged on the way.")
        }
        let payload: ApplicationPayload
        do {
            payload = try ApplicationPayload.decode(entry.payload)
        } catch {
            return rejected(entry, .invalidPayload, "The payload is not an application payload: \(error.description).")
        }
        if let problem = check(payload, against: entry) {
            return rejected(entry, problem.code, problem.reason)
        }
        guard let bundle = catalog.catalog.bundle(payload.bundle) else {
            return rejected(
                entry, .unknownBundle,
                "The hub's catalogue (version \(catalog.version)) has no bundle \"\(payload.bundle)\".")
        }
        if let unknown = payload.items.first(where: { bundle.item($0) == nil }) {
            return rejected(
                entry, .unknownBundle,
                "The hub's catalogue (version \(catalog.version)) has no item \"\(unknown)\" in the bundle \(bundle.code).")
        }
        if let problems = try check.problems(payload, db) {
            return rejected(entry, .invalidPayload, "The application does not pass the hub's check: \(problems)")
        }
        let existing = try ApplicationRecord.fetch(db, applicationId: payload.applicationId, forUpdate: true)
        if let existing, existing.nodeId == node, payload.revision <= existing.revision {
            // A revision of this node's that the hub holds already, under another key: the
            // node's database was restored from a copy made while it was unsent.
            return try applyHeldRevision(entry, payload, held: existing, db)
        }
        if payload.revision == 1 {
            guard existing == nil else {
                return rejected(
                    entry, .invalidPayload,
                    "The application id \(payload.applicationId) is already held by the hub; a new application needs a new id.")
            }
            return try accept(entry, payload, bundle: bundle, db)
        }
        guard var application = existing, application.nodeId == node else {
            return rejected(
                entry, .unknownApplication,
                "The hub holds no application \(payload.applicationId) of this node, so revision \(payload.revision) has nothing to change; its revision 1 must be accepted first.")
        }
        guard application.purgedAt == nil else {
            return rejected(
                entry, .invalidPayload,
                "The hub purged this application's personal data after its retention period; it takes no new revision. File a new application if the case is open again.")
        }
        // (A revision not later than the hub's took the path above: the hub holds it.)
        // The hub-set fields as the application's catalogue declares them (before this revision).
        let filed = try application.filedBundle(db)
        let hubSet = filed?.hubSetFields ?? []
        var flow = ItemFlow(
            items: try ItemRecord.fetchAll(db, provinceNo: application.provinceNo), issued: application.issuedFieldIds(filed))
        if let problem = Self.shapeProblem(payload, bundle: application.bundle, items: flow.items.map(\.item)) {
            return rejected(entry, .invalidPayload, problem)
        }
        // The node based its edit on hub revision `base` (nil: the first, made from its
        // revision 1). Hub-owned fields keep the hub's value whatever the node sent.
        // A base beyond the hub's newest revision was made by a database that went back in
        // time (restored from an older backup): what the node based its edit on is newer than
        // anything the hub holds, so its fields are taken as on the newest revision.
        let base = min(payload.baseRevision ?? 1, application.hubRevision)
        guard base >= 1 else {
            return rejected(entry, .invalidPayload, "The base revision \(base) is not a revision the hub has made.")
        }
        var local = payload.fields
        for field in hubSet { local[field] = application.fields[field] }
        var merge: MergeOutcome?
        var conflicts: [FieldConflict] = []
        if base == application.hubRevision {
            application.fields = local
        } else {
            // Stale base: three-way merge per field. A missing base record makes every
            // differing field a conflict: never a silent overwrite.
            var baseFields = try application.mergeBase(stated: base, nodeRevision: payload.revision, db) ?? [:]
            for field in hubSet { baseFields[field] = application.fields[field] }
            let result = FieldMerge.merge(base: baseFields, local: local, hub: application.fields)
            conflicts = result.conflicts
            application.fields = result.fields
            merge = MergeOutcome(
                baseRevision: base, fields: result.fields, fromNode: result.takenFromLocal, fromHub: result.takenFromHub,
                conflicts: result.conflicts)
        }
        application.situations = payload.situations
        application.region = payload.region
        application.catalogVersion = payload.catalogVersion
        application.revision = payload.revision
        application.hubRevision += 1
        try application.update(db)
        try application.recordRevision(db, source: merge == nil ? "node" : "merge", received, nodeFields: local)
        // A person's decision closes the conflicts it names; then this merge's own open.
        for field in payload.resolves {
            try ConflictRecord.resolve(db, provinceNo: application.provinceNo, field: field, byRevision: payload.revision)
        }
        for conflict in conflicts {
            try ConflictRecord.open(
                db, conflict, provinceNo: application.provinceNo, nodeRevision: payload.revision, hubRevision: application.hubRevision)
        }
        flow.reopenReturnedItems(basedOn: base)
        for item in flow.items { try item.update(db, provinceNo: application.provinceNo) }
        try application.recordChange(db)
        return PushResult(
            seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted,
            provinceNo: application.provinceNo, hubRevision: application.hubRevision, merge: merge)
    }

    private func accept(
        _ entry: PushEntry, _ payload: ApplicationPayload, bundle: BundleDefinition, _ db: some HubSQL
    ) throws -> PushResult {
        let filed = try FiledUnder.bundle(payload.bundle, version: payload.catalogVersion) { version in
            try check.catalog(version: version, db)
        }
        var fields = payload.fields
        for field in filed?.hubSetFields ?? [] { fields[field] = nil }  // issued by the hub only
        let duplicate = try findDuplicate(bundle: filed, fields: fields, db)
        var application = ApplicationRecord(
            provinceNo: try ProvinceNumber.next(db), applicationId: payload.applicationId, nodeId: node,
            bundle: payload.bundle, region: payload.region, catalogVersion: payload.catalogVersion,
            fields: fields, situations: payload.situations, revision: payload.revision, hubRevision: 1,
            duplicateOf: duplicate?.provinceNo, duplicateKind: duplicate?.kind)
        application.receivedAt = receivedAt
        try application.insert(db)
        try application.recordRevision(db, source: "node", received, nodeFields: fields)
        for item in ItemFlow.initial(items: payload.items, bundle: bundle) {
            try item.insert(db, provinceNo: application.provinceNo)
        }
        try application.recordChange(db)
        return PushResult(
            seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted,
            provinceNo: application.provinceNo, hubRevision: application.hubRevision, duplicate: duplicate)
    }

    /// The application the hub already holds for the same person and event (exact), else
    /// for the same person with an event a few days apart (near); the earliest one.
    private func findDuplicate(bundle: BundleDefinition?, fields: [String: String], _ db: some HubSQL) throws -> DuplicateMatch? {
        guard let key = try HubPersonKeys.key(bundle: bundle, fields: fields, db) else { return nil }
        try db.lockDuplicateKey(key.person)
        let candidates = try db.fetchAll(
            ApplicationRecord.Reference.self,
            "SELECT \(ApplicationRecord.Reference.selection) FROM applications WHERE person_key = ? ORDER BY province_no LIMIT 100",
            [key.person])
        var near: DuplicateMatch?
        for candidate in candidates {
            if candidate.exactKey == key.exact { return candidate.match(.exact) }
            let other = DuplicateKey(person: key.person, event: candidate.eventKey ?? "", ordinal: "")
            if near == nil, key.isNear(other, rule: nearDuplicates) { near = candidate.match(.near) }
        }
        return near
    }

    private struct Problem {
        var code: RejectionCode
        var reason: String
    }

    /// The payload against its entry and the protocol's shapes (before the catalogue).
    private func check(_ payload: ApplicationPayload, against entry: PushEntry) -> Problem? {
        if payload.applicationId != entry.applicationId || payload.revision != entry.revision
            || payload.baseRevision != entry.baseRevision
        {
            return Problem(
                code: .invalidPayload,
                reason: "The payload's application_id or revision differs from the entry's; the entry was not frozen from this payload.")
        }
        if !ApplicationIDShape.isValid(payload.applicationId) {
            return Problem(code: .invalidPayload, reason: "The application id does not have the form OT- and ten characters of Crockford base 32.")
        }
        if payload.revision < 1 {
            return Problem(code: .invalidPayload, reason: "The revision must be 1 or more.")
        }
        if payload.items.isEmpty {
            return Problem(code: .invalidPayload, reason: "The payload selects no item.")
        }
        if Set(payload.items).count != payload.items.count {
            return Problem(code: .invalidPayload, reason: "The payload lists an item twice.")
        }
        return nil
    }

    /// Why a revision cannot apply to an application of `bundle` with `items`: it changes
    /// the bundle or the items. Nil when it keeps both.
    static func shapeProblem(_ payload: ApplicationPayload, bundle: String, items: [String]) -> String? {
        guard payload.bundle == bundle else {
            return "A later revision cannot change the bundle of an application."
        }
        guard payload.items == items else {
            return "A later revision cannot change the items of an accepted application; file a new application for other items."
        }
        return nil
    }

    func rejected(_ entry: PushEntry, _ code: RejectionCode, _ reason: String) -> PushResult {
        PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .rejected, reason: reason, reasonCode: code)
    }
}
