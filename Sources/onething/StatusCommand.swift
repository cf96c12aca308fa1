import ArgumentParser
import OneThingCLI
import OneThingModel
import OneThingStore

struct StatusCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show queue counts by state, the last successful sync and the last error.")

    @OptionGroup var global: GlobalOptions

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global, forReading: true)
        let status = try context.storeCall { () throws(StoreError) in try context.store.queueStatus() }
        let recovery = try context.storeCall { () throws(StoreError) in try context.store.lastRecovery() }
        let unknown = try context.storeCall { () throws(StoreError) in try context.store.unknownApplications() }
        if global.json {
            Output.json(StatusResult(
                node: context.config.map { .init(nodeId: $0.nodeId, hub: $0.hubURL, region: $0.region) },
                applications: status.applications, outbox: status.outbox, lastSuccessAt: status.lastSuccessAt?.description,
                lastAttemptAt: status.lastAttemptAt?.description, lastError: status.lastError, db: context.store.path,
                catalogVersion: context.catalog.version, waiting: status.waitingToSend, readOnly: context.store.isReadOnly,
                lastRecovery: recovery?.note, lastRecoveryAt: recovery?.at, unknownApplications: unknown))
            return
        }
        if let config = context.config {
            Output.line("Node \(config.nodeId), region \(config.region), syncs to \(config.hubURL)")
        } else {
            Output.line("Node not set up yet: applications are kept here until `onething init` names the hub.")
        }
        let apps = ApplicationState.allCases.map { "\(status.applications[$0.rawValue] ?? 0) \($0.rawValue)" }
        Output.line("Applications: \(apps.joined(separator: ", "))")
        let inFlight = status.outbox["in_flight"] ?? 0
        Output.line(
            "Waiting to send: \(status.waitingToSend)"
                + (inFlight > 0 ? " (\(inFlight) of them sent by a sync that stopped before the hub answered; the next sync sends them again)" : ""))
        Output.line("Last successful sync: \(status.lastSuccessAt?.description ?? "never")")
        Output.line("Last error: \(status.lastError ?? "none")")
        if let recovery {
            Output.line("Last recovery: \(recovery.at ?? "-") \(recovery.note)")
        }
        if !unknown.isEmpty {
            Output.line(
                "The hub holds \(unknown.count) application(s) of this node that this database does not (restored from an older backup?):")
            for app in unknown { Output.line("  \(app.id)  \(app.provinceNo ?? "-")") }
        }
        if context.store.isReadOnly {
            Output.line("Database: read-only (file system or permissions): nothing can be filed or synced until it can be written again.")
        }
    }

    struct StatusResult: Encodable {
        struct Node: Encodable {
            var nodeId, hub, region: String
        }
        var node: Node?
        var applications: [String: Int]
        var outbox: [String: Int]
        var lastSuccessAt: String?
        var lastAttemptAt: String?
        var lastError: String?
        var db: String
        var catalogVersion: String
        /// Outbox entries not acknowledged by the hub: queued and in flight.
        var waiting: Int
        var readOnly: Bool
        var lastRecovery: String?
        var lastRecoveryAt: String?
        var unknownApplications: [UnknownApplication]

        enum CodingKeys: String, CodingKey {
            case node, applications, outbox, lastSuccessAt, lastAttemptAt, lastError, db, catalogVersion, waiting, readOnly
            case lastRecovery, lastRecoveryAt, unknownApplications
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(node, forKey: .node)
            try c.encode(applications, forKey: .applications)
            try c.encode(outbox, forKey: .outbox)
            try c.encode(lastSuccessAt, forKey: .lastSuccessAt)
            try c.encode(lastAttemptAt, forKey: .lastAttemptAt)
            try c.encode(lastError, forKey: .lastError)
            try c.encode(db, forKey: .db)
            try c.encode(catalogVersion, forKey: .catalogVersion)
            try c.encode(waiting, forKey: .waiting)
            try c.encode(readOnly, forKey: .readOnly)
            try c.encode(lastRecovery, forKey: .lastRecovery)
            try c.encode(lastRecoveryAt, forKey: .lastRecoveryAt)
            try c.encode(unknownApplications, forKey: .unknownApplications)
        }
    }
}
