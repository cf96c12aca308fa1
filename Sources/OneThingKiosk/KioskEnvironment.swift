package import OneThingModel
package import OneThingStore

/// What the kiosk works with: the node's store, the catalogue and region, and clocks. Real
/// parts in production and in tests (a real SQLite file); the wall clock is injected so a
/// test states its moment, and idle time arrives through `tick`, so a test moves it without
/// waiting.
package struct KioskEnvironment: Sendable {
    package var store: NodeStore
    package var catalog: Catalog
    package var region: Region
    /// The wall clock: filing, draft and audit times, and the moment fields are checked
    /// against ("not in the future", "at most six months old").
    package var clock: WallClock
    /// Seconds without a key before the screen signs out and clears the applicant's data.
    package var idleTimeoutSeconds: Double
    /// Where `P` on the receipt writes: a directory for receipt files (created 0600), or a
    /// printer device such as /dev/usb/lp0.
    package var receiptTarget: ReceiptTarget

    package init(
        store: NodeStore, catalog: Catalog, region: Region, clock: WallClock,
        idleTimeoutSeconds: Double = 300, receiptTarget: ReceiptTarget
    ) {
        self.store = store
        self.catalog = catalog
        self.region = region
        self.clock = clock
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.receiptTarget = receiptTarget
    }
}

package enum ReceiptTarget: Sendable, Hashable {
    case directory(String)
    case printer(String)
}
