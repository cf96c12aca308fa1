/// How long the hub waits for each part of a request, and how many connections it keeps
/// open, overall and per client address (`onething-hub serve --header-timeout ...`).
///
/// The deadlines close connections that hold a descriptor without moving a request on (a
/// client that opens a connection and sends nothing, or one header byte every few seconds);
/// the caps keep the descriptor table from filling, so that a node that syncs always finds
/// room (see `ConnectionTable` for which connection gives way when the table is full).
package struct ConnectionLimits: Sendable, Hashable {
    /// The whole request head (request line and headers) must arrive within this time of the
    /// connection being accepted, or of the first byte of a later request on it. With TLS the
    /// handshake of the first request counts towards it.
    package var headerTimeout: Duration
    /// The request body must arrive within this time of its head: 60 s is 0.5 MB/s for the
    /// largest body the hub takes (32 MiB).
    package var bodyTimeout: Duration
    /// A keep-alive connection with no request for this long (no byte since the last answer)
    /// is closed.
    package var idleTimeout: Duration
    /// Connections open at once, over all clients.
    package var maxConnections: Int
    /// Connections open at once from one client address (an IPv6 client by its /64).
    package var maxConnectionsPerAddress: Int

    package static let defaultHeaderTimeout = Duration.seconds(10)
    package static let defaultBodyTimeout = Duration.seconds(60)
    package static let defaultIdleTimeout = Duration.seconds(60)

    package init(
        headerTimeout: Duration = defaultHeaderTimeout, bodyTimeout: Duration = defaultBodyTimeout,
        idleTimeout: Duration = defaultIdleTimeout, maxConnections: Int, maxConnectionsPerAddress: Int? = nil
    ) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = max(1, maxConnections)
        self.maxConnectionsPerAddress = min(
            self.maxConnections, max(1, maxConnectionsPerAddress ?? Self.perAddressShare(of: self.maxConnections)))
    }

    /// The limits for this process: caps derived from its descriptor limit (RLIMIT_NOFILE)
    /// and the descriptors it has open now (see `DescriptorBudget`), default deadlines.
    package static func forThisProcess() -> ConnectionLimits {
        let budget = DescriptorBudget.measure()
        return ConnectionLimits(maxConnections: budget.defaultMaxConnections)
    }

    /// The default per-address cap: a quarter of all connections (at least 8), so that one
    /// host, or one NAT in front of several nodes, can never hold the whole table.
    package static func perAddressShare(of maxConnections: Int) -> Int {
        min(maxConnections, max(8, maxConnections / 4))
    }
}

extension Duration {
    /// The duration in seconds, fractions included (for options and the log).
    package var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
