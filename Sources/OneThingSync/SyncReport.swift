package import OneThingStore
/// What one sync run did, for the one-line summary and `--json`.
package struct SyncReport: Sendable, Hashable, Codable {
    package var pushed = 0
    package var accepted = 0
    package var alreadyApplied = 0
    package var rejected = 0
    package var pages = 0
    package var changes = 0
    package var itemChanges = 0
    package var unknownChanges = 0
    package var catalogVersion: String?
    /// The hub's database was another than the one this node synced with; what was done.
    package var hubRecovery: HubRecovery?
    /// The hub's last applied seq for this node, when it lies beyond anything this database
    /// holds (the node's database was restored from an older backup).
    package var nodeBehindHub: Int64?
    /// Unsent entries renumbered because the hub had applied other entries under their seqs.
    package var renumbered = 0
    /// A catalogue the hub sent that the node refused (it keeps the one in use).
    package var catalogRefused: CatalogRefusal?
    /// Conflicts waiting for a person's decision after the run (`onething conflicts list`).
    package var openConflicts = 0
    /// Satisfaction ratings sent.
    package var ratings = 0

    package init() {}

    /// Nothing happened worth telling cron about.
    package var isQuiet: Bool {
        pushed == 0 && changes == 0 && rejected == 0 && catalogVersion == nil && catalogRefused == nil && ratings == 0
            && hubRecovery == nil && nodeBehindHub == nil && renumbered == 0 && unknownChanges == 0
    }

    package var summary: String {
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
package struct CatalogRefusal: Sendable, Hashable, Codable {
    package var version: String
    /// The version the node keeps using.
    package var keeps: String
    package var reason: String
}
