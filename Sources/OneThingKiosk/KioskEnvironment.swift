public import OneThingModel
public import OneThingStore

/// What the kiosk works with: the node's store, the catalogue and region, and clocks. Real
/// parts in production and in tests (a real SQLite file); the clocks are injectable so a
/// test can move time without waiting.
public struct KioskEnvironment: Sendable {
    public var store: NodeStore
    public var catalog: Catalog
    public var region: Region
    /// The civil time for validation ("not in the future") and receipts.
    public var now: @Sendable () -> CivilDateTime
    /// The stored timestamp text (China Standard Time), as the CLI writes it.
    public var timestamp: @Sendable () -> String
    /// Seconds without a key before the screen signs out and clears the applicant's data.
    public var idleTimeoutSeconds: Double
    /// Where `P` on the receipt writes: a directory for receipt files (created 0600), or a
    /// printer device such as /dev/usb/lp0.
    public var receiptTarget: ReceiptTarget

    public init(
        store: NodeStore, catalog: Catalog, region: Region, now: @escaping @Sendable () -> CivilDateTime,
        timestamp: @escaping @Sendable () -> String, idleTimeoutSeconds: Double = 300, receiptTarget: ReceiptTarget
    ) {
        self.store = store
        self.catalog = catalog
        self.region = region
        self.now = now
        self.timestamp = timestamp
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.receiptTarget = receiptTarget
    }
}

public enum ReceiptTarget: Sendable, Hashable {
    case directory(String)
    case printer(String)
}
