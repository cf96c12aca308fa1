public import OneThingStore
/// What one sync run did, for the one-line summary and `--json`.
public struct SyncReport: Sendable, Hashable, Codable {
    public var pushed = 0
    public var accepted = 0
    public var alreadyApplied = 0
    public var rejected = 0
    public var pages = 0
    public var changes = 0
    public var itemChanges = 0
    public var unknownChanges = 0
    public var catalogVersion: String?
    /// The hub's database was another than the one this node synced with; what was done.
    public var hubRecovery: HubRecovery?
    /// The hub's last applied seq for this node, when it lies beyond anything this database
    /// holds (the node's database was restored from an older backup).
    public var nodeBehindHub: Int64?
    /// Unsent entries renumbered because the hub had applied other entries under their seqs.
    public var renumbered = 0
    /// A catalogue the hub sent that the node refused (it keeps the one in use).
    public var catalogRefused: CatalogRefusal?
    /// Conflicts waiting for a person's decision after the run (`onething conflicts list`).
    public var openConflicts = 0
    /// Satisfaction ratings sent.
    public var ratings = 0

    public init() {}

    /// Nothing happened worth telling cron about.
    public var isQuiet: Bool {
        pushed == 0 && changes == 0 && rejected == 0 && catalogVersion == nil && catalogRefused == nil && ratings == 0
            && hubRecovery == nil && nodeBehindHub == nil && renumbered == 0 && unknownChanges == 0
    }

    public var summary: String {
        var parts: [String] = []
        if let hubRecovery { parts.append(hubRecovery.description) }
        if let nodeBehindHub {
            parts.append("this database is older than the hub's record of this node (seq \(nodeBehindHub)): restored from a backup?")
        }
        if renumbered > 0 { parts.append("\(renumbered) unsent entr\(renumbered == 1 ? "y" : "ies") renumbered past the seqs the hub has seen") }
        if pushed > 0 {
            var detail = ["\(accepted) accepted"]
            if alreadyApplied > 0 { detail.append("\(alreadyApplied) already applied") }
            if rejected > 0 { detail.append("\(rejected) rejected and quarantined") }
            parts.append("sent \(pushed) (\(detail.joined(separator: ", ")))")
        }
        if changes > 0 { parts.append("received \(changes) changes (\(itemChanges) item decisions)") }
        if unknownChanges > 0 {
            parts.append("\(unknownChanges) change\(unknownChanges == 1 ? "" : "s") for applications this database does not hold (onething status lists them)")
        }
        if let catalogVersion { parts.append("catalogue updated to \(catalogVersion)") }
        if let refused = catalogRefused {
            parts.append("catalogue \(refused.version) refused because \(refused.reason); the node keeps \(refused.keeps)")
        }
        if ratings > 0 { parts.append("\(ratings) rating\(ratings == 1 ? "" : "s") sent") }
        if openConflicts > 0 && !parts.isEmpty {
            let waiting = openConflicts == 1 ? "1 conflict waits" : "\(openConflicts) conflicts wait"
            parts.append("\(waiting) for a decision (onething conflicts list)")
        }
        return "sync: " + (parts.isEmpty ? "nothing to do" : parts.joined(separator: "; "))
    }
}

/// A catalogue from the hub that the node did not take, and why.
public struct CatalogRefusal: Sendable, Hashable, Codable {
    public var version: String
    /// The version the node keeps using.
    public var keeps: String
    public var reason: String
}
