public import OneThingModel

/// How `onething-hub serve` runs: where it listens, the admin token (none: the admin API
/// is disabled), and the catalogue it checks and publishes.
public struct HubServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var adminToken: String?
    public var catalog: HubCatalog
    /// The wall clock: the moment officers' amendments are checked against.
    public var clock: WallClock
    /// The largest request body accepted, before and after gzip decompression.
    public var maxBodyBytes: Int
    /// Responses larger than this are gzip-compressed for clients that accept gzip.
    public var gzipThresholdBytes: Int
    /// How far apart two births of one mother may be and still be flagged as a possible duplicate.
    public var nearDuplicates: NearDuplicateRule
    /// Pushes worked on at once; more are answered 503 with `Retry-After` (see `PushAdmission`).
    public var maxConcurrentPushes: Int
    /// TLS (and mutual TLS); nil: plain http, which `onething-hub serve` allows on a
    /// loopback address only.
    public var tls: HubTLS?
    /// Request deadlines and the caps on open connections.
    public var connections: ConnectionLimits

    public static let defaultMaxBodyBytes = 32 * 1024 * 1024

    public init(
        host: String = "127.0.0.1", port: Int = 8080, adminToken: String? = nil, catalog: HubCatalog, clock: WallClock,
        maxBodyBytes: Int = defaultMaxBodyBytes, gzipThresholdBytes: Int = 1024,
        nearDuplicates: NearDuplicateRule = .default, maxConcurrentPushes: Int = PushAdmission.defaultLimit,
        tls: HubTLS? = nil, connections: ConnectionLimits = .forThisProcess()
    ) {
        self.tls = tls
        self.connections = connections
        self.nearDuplicates = nearDuplicates
        self.maxConcurrentPushes = maxConcurrentPushes
        self.host = host
        self.port = port
        self.adminToken = adminToken
        self.catalog = catalog
        self.clock = clock
        self.maxBodyBytes = maxBodyBytes
        self.gzipThresholdBytes = gzipThresholdBytes
    }
}
