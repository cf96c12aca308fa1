package import OneThingModel
package import OneThingWire
import GRDB
import OneThingFailpoints

extension HubStore {
    /// Applies a batch in request order; stops after a `gap` or a seq already used by another
    /// entry (`seq_reused`: the node renumbers what it never sent and sends it again, so
    /// nothing behind it may be applied first). Each entry is applied inside
    /// its own savepoint, so it is atomic on its own: all of its rows or none. The batch is
    /// committed, durably (`synchronous=FULL`), once, before the answer leaves: nothing is
    /// acknowledged that a power cut could take back, and the disk is flushed once a batch
    /// instead of once an entry. If the commit fails, no entry of the batch is applied and
    /// none is acknowledged; the node sends them again under the same keys.
    package func push(
        node: String, entries: [PushEntry], catalog: HubCatalog, nearDuplicates: NearDuplicateRule, at now: Timestamp
    ) async throws(HubError) -> PushResponse {
        let applier = PushApplier(
            node: node, catalog: catalog, nearDuplicates: nearDuplicates, check: PayloadCheck(current: catalog, now: now),
            receivedAt: now.description)
        return try await write { db in
            try PayloadCheck.record(catalog, path: self.path, db)
            var results: [PushResult] = []
            for entry in entries {
                var result: PushResult?
                try db.inSavepoint {
                    result = try applier.apply(entry, db)
                    return .commit
                }
                guard let result else { break }
                results.append(result)
                if result.status == .gap || result.reasonCode == .seqReused { break }
            }
            let lastSeq = try Int64.fetchOne(db, sql: "SELECT last_seq FROM nodes WHERE node_id = ?", arguments: [node]) ?? 0
            Failpoint.hit(.hubInsidePush)
            return PushResponse(results: results, lastAppliedSeq: lastSeq)
        }
    }
}
