import GRDB

extension NodeStore {
    /// The node's identity and hub, or nil before `onething init`.
    package func nodeConfig() throws(StoreError) -> NodeConfig? {
        try read { db in
            var values: [String: String] = [:]
            for setting in try SettingRow.fetchAll(db, sql: "SELECT * FROM node_config") { values[setting.key] = setting.value }
            guard let nodeId = values["node_id"], let hub = values["hub_url"], let token = values["token_file"],
                let region = values["region"]
            else { return nil }
            return NodeConfig(nodeId: nodeId, hubURL: hub, tokenFile: token, region: region)
        }
    }

    /// Stores the node's identity and hub in one transaction. Changing the node id once
    /// entries have left the node would orphan them on the hub, so that is refused.
    package func saveNodeConfig(_ config: NodeConfig) throws(StoreError) -> NodeConfigChange {
        try write { db in
            let current = try String.fetchOne(db, sql: "SELECT value FROM node_config WHERE key = 'node_id'")
            if let current, current != config.nodeId {
                let sent = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state != 'queued'") ?? 0
                if sent > 0 { return .refusedNodeIdChange(current: current) }
            }
            let pairs = [
                ("node_id", config.nodeId), ("hub_url", config.hubURL), ("token_file", config.tokenFile),
                ("region", config.region),
            ]
            for (key, value) in pairs {
                try db.execute(
                    sql: "INSERT INTO node_config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    arguments: [key, value])
            }
            return current == nil ? .created : .updated
        }
    }
}

package enum NodeConfigChange: Sendable, Hashable {
    case created
    case updated
    case refusedNodeIdChange(current: String)
}
