public import OneThingWire
import GRDB

extension HubStore {
    /// Applies a batch in request order, each entry in its own transaction; stops after a
    /// `gap`. The response's `last_applied_seq` is the node's last seq after the batch.
    public func push(node: String, entries: [PushEntry], catalog: HubCatalog) async throws(HubError) -> PushResponse {
        let applier = PushApplier(node: node, catalog: catalog)
        var results: [PushResult] = []
        for entry in entries {
            let result = try await write { db in try applier.apply(entry, db) }
            results.append(result)
            if result.status == .gap { break }
        }
        let lastSeq = try await read { db in
            try Int64.fetchOne(db, sql: "SELECT last_seq FROM nodes WHERE node_id = ?", arguments: [node]) ?? 0
        }
        return PushResponse(results: results, lastAppliedSeq: lastSeq)
    }
}
