package import OneThingModel
package import OneThingWire
import OneThingFailpoints

extension HubRules {
    /// Applies a batch in request order; stops after a `gap` or a seq already used by another
    /// entry (`seq_reused`: the node renumbers what it never sent and sends it again, so
    /// nothing behind it may be applied first). Each entry is applied inside
    /// its own savepoint, so it is atomic on its own: all of its rows or none. The batch is
    /// committed, durably, once, before the answer leaves: nothing is acknowledged that a
    /// power cut could take back, and the disk is flushed once a batch instead of once an
    /// entry. If the commit fails, no entry of the batch is applied and none is acknowledged;
    /// the node sends them again under the same keys.
    ///
    /// The node's row is locked first (PostgreSQL): one node's batches apply one after the
    /// other whichever hub process takes them, so a re-sent key is found and a seq is
    /// checked against the last one committed.
    package func push(
        node: String, entries: [PushEntry], catalog: HubCatalog, nearDuplicates: NearDuplicateRule, at now: Timestamp
    ) async throws(HubError) -> PushResponse {
        let applier = PushApplier(
            node: node, catalog: catalog, nearDuplicates: nearDuplicates, check: PayloadCheck(current: catalog, now: now),
            receivedAt: now.description)
        let location = self.location
        let (response, wroteCatalog) = try await writing { db in
            _ = try NodeRecord.lockedLastSeq(db, node: node)
            let wroteCatalog = try PayloadCheck.record(catalog, location: location, db)
            var results: [PushResult] = []
            for entry in entries {
                let result = try db.savepoint { try applier.apply(entry, db) }
                results.append(result)
                if result.status == .gap || result.reasonCode == .seqReused { break }
            }
            let lastSeq: Int64 = try db.value("SELECT last_seq FROM nodes WHERE node_id = ?", [node]) ?? 0
            Failpoint.hit(.hubInsidePush)
            return (PushResponse(results: results, lastAppliedSeq: lastSeq), wroteCatalog)
        }
        if wroteCatalog { PayloadCheck.recorded(catalog, location: location) }
        return response
    }
}
