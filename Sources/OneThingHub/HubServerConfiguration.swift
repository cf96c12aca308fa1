package import OneThingModel

/// How `onething-hub serve` runs: where it listens, the admin token (none: the admin API
/// is disabled), and the catalogue it checks and publishes.
package struct HubServerConfiguration: Sendable {
    package var host: String
    package var port: Int
    package var adminToken: String?
    /// The bearer token `GET /metrics` requires (nil: it is answered to anyone who reaches
    /// the hub; it holds no personal data and no token).
    package var metricsToken: String?
    package var catalog: HubCatalog
    /// The wall clock: the moment officers' amendments are checked against.
    package var clock: WallClock
    /// The largest request body accepted, before and after gzip decompression.
    package var maxBodyBytes: Int
    /// Responses larger than this are gzip-compressed for clients that accept gzip.
    package var gzipThresholdBytes: Int
    /// How far apart two births of one mother may be and still be flagged as a possible duplicate.
    package var nearDuplicates: NearDuplicateRule
    /// Pushes worked on at once; more are answered 503 with `Retry-After` (see `PushAdmission`).
    package var maxConcurrentPushes: Int
    /// TLS (and mutual TLS); nil: plain http, which `onething-hub serve` allows on a
    /// loopback address only.
    package var tls: HubTLS?
    /// Request deadlines and the caps on open connections.
    package var connections: ConnectionLimits

    package static let defaultMaxBodyBytes = 32 * 1024 * 1024

    package init(
        host: String = "127.0.0.1", port: Int = 8080, adminToken: String? = nil, catalog: HubCatalog, clock: WallClock,
        maxBodyBytes: Int = defaultMaxBodyBytes, gzipThresholdBytes: Int = 1024,
        nearDuplicates: NearDuplicateRule = .default, maxConcurrentPushes: Int = PushAdmission.defaultLimit,
        tls: HubTLS? = nil, connections: ConnectionLimits = .forThisProcess(), metricsToken: String? = nil
    ) {
        self.metricsToken = metricsToken
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
