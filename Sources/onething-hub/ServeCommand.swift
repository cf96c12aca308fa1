import ArgumentParser
import Foundation
import Logging
import OneThingCLI
import OneThingHub
import OneThingModel
import OneThingWire

/// `onething-hub serve`: serves the sync protocol until SIGTERM or SIGINT.
struct ServeCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the sync protocol (and the admin API with --admin-token-file).",
        discussion: """
            Prints one line `listening on http://HOST:PORT` (with TLS: `listening on https://HOST:PORT`) once it \
            accepts connections; stops cleanly on SIGTERM or SIGINT.

            Plain http is served on a loopback address only (127.0.0.1, ::1, localhost: tests and demos). On any \
            other address give the hub's certificate and key with --tls-cert and --tls-key (PEM; the key file \
            readable by its owner only, chmod 600); with --tls-client-ca the hub also requires every node to \
            present a client certificate signed by that certificate authority (mutual TLS).

            Connections: a request's head must arrive within --header-timeout seconds (of the accept, or of the \
            first byte of a later request on a kept-alive connection), its body within --body-timeout seconds of \
            the head, and a connection with no request for --idle-timeout seconds is closed. At most \
            --max-connections are open at once, --max-connections-per-address from one client address (an IPv6 \
            client by its /64); by default both follow from the file descriptor limit (RLIMIT_NOFILE; \
            onething-hub.service sets LimitNOFILE=65536), and the hub prints them when it starts. When the hub is \
            full, a new connection takes the place of the quietest one that has no request being answered: first \
            those that never carried an accepted token, then nodes' idle keep-alive connections; a request in \
            progress is never cut off, and only when every connection has one is the new connection closed (the \
            node retries).
            """)

    @OptionGroup var options: HubOptions

    @Option(help: ArgumentHelp("The TCP port; 0 picks a free one (the line printed says which).", valueName: "n"))
    var port: Int = 8080

    @Option(help: ArgumentHelp("The address to listen on; without --tls-cert a loopback address only.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(
        name: .customLong("auto-decide"),
        help: ArgumentHelp("For demos: every SECONDS, approve every item that is in progress.", valueName: "seconds"))
    var autoDecide: Double?

    @Option(
        name: .customLong("admin-token-file"),
        help: ArgumentHelp("A file holding the admin API's bearer token; without it the admin API is disabled.", valueName: "file"))
    var adminTokenFile: String?

    @Option(
        name: .customLong("metrics-token-file"),
        help: ArgumentHelp(
            "A file holding the bearer token GET /metrics requires (a scrape-only credential); without it /metrics is open to whoever reaches the hub.",
            valueName: "file"))
    var metricsTokenFile: String?

    @Option(
        name: .customLong("near-duplicate-days"),
        help: ArgumentHelp(
            "Flag a birth as a possible duplicate when the hub holds one of the same mother within this many days (0: exact matches only).",
            valueName: "days"))
    var nearDuplicateDays: Int = NearDuplicateRule.default.days

    @Option(
        name: .customLong("max-concurrent-pushes"),
        help: ArgumentHelp(
            "Pushes worked on at once; more are answered 503 with Retry-After, and the nodes try again.", valueName: "n"))
    var maxConcurrentPushes: Int = PushAdmission.defaultLimit

    @Option(
        name: .customLong("tls-cert"),
        help: ArgumentHelp("The hub's certificate (PEM, with any intermediates); turns TLS on.", valueName: "file"))
    var tlsCert: String?

    @Option(
        name: .customLong("tls-key"),
        help: ArgumentHelp("The private key of --tls-cert (PEM, unencrypted, mode 600).", valueName: "file"))
    var tlsKey: String?

    @Option(
        name: .customLong("tls-client-ca"),
        help: ArgumentHelp(
            "Require client certificates signed by these certificate authorities (PEM): mutual TLS.", valueName: "file"))
    var tlsClientCA: String?

    @Option(
        name: .customLong("header-timeout"),
        help: ArgumentHelp(
            "Seconds for a request's whole head to arrive (from the accept, or the first byte of a later request); then the connection is closed.",
            valueName: "seconds"))
    var headerTimeout: Double = ConnectionLimits.defaultHeaderTimeout.seconds

    @Option(
        name: .customLong("body-timeout"),
        help: ArgumentHelp("Seconds for a request's whole body to arrive after its head.", valueName: "seconds"))
    var bodyTimeout: Double = ConnectionLimits.defaultBodyTimeout.seconds

    @Option(
        name: .customLong("idle-timeout"),
        help: ArgumentHelp("Seconds a kept-alive connection may wait for its next request.", valueName: "seconds"))
    var idleTimeout: Double = ConnectionLimits.defaultIdleTimeout.seconds

    @Option(
        name: .customLong("max-connections"),
        help: ArgumentHelp(
            "Connections open at once (default: the descriptor limit less those in use and a reserve of 1/16, at least 64; at most \(DescriptorBudget.ceiling)).",
            valueName: "n"))
    var maxConnections: Int?

    @Option(
        name: .customLong("max-connections-per-address"),
        help: ArgumentHelp(
            "Connections open at once from one client address (default: a quarter of --max-connections, at least 8).",
            valueName: "n"))
    var maxConnectionsPerAddress: Int?

    @OptionGroup var catalogOption: CatalogOption

    func validate() throws {
        guard (0...366).contains(nearDuplicateDays) else {
            throw ValidationError("--near-duplicate-days must be from 0 to 366.")
        }
        guard (1...1024).contains(maxConcurrentPushes) else {
            throw ValidationError("--max-concurrent-pushes must be from 1 to 1024.")
        }
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be from 0 to 65535 (0 picks a free port).")
        }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: give both (TLS) or neither (plain http on a loopback address).")
        }
        if tlsClientCA != nil, tlsCert == nil {
            throw ValidationError("--tls-client-ca needs TLS: give --tls-cert and --tls-key too.")
        }
        if let autoDecide, !(autoDecide > 0 && autoDecide <= 86_400) {
            throw ValidationError("--auto-decide takes a number of seconds greater than 0 and at most 86400.")
        }
        for (option, seconds) in [
            ("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout),
        ] where !(seconds >= 0.1 && seconds <= 3600) {
            throw ValidationError("\(option) takes a number of seconds from 0.1 to 3600.")
        }
        if let maxConnections, maxConnections < 1 {
            throw ValidationError("--max-connections must be at least 1.")
        }
        if let maxConnectionsPerAddress, maxConnectionsPerAddress < 1 {
            throw ValidationError("--max-connections-per-address must be at least 1.")
        }
        if let maxConnections, let maxConnectionsPerAddress, maxConnectionsPerAddress > maxConnections {
            throw ValidationError("--max-connections-per-address cannot be more than --max-connections.")
        }
    }

    func perform() async throws(CLIFailure) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
            handler.logLevel = level ?? .info
            return handler
        }
        let logger = Logger(label: "onething-hub")
        let tls = try loadTLS()
        let catalog = try catalogOption.load()
        let adminToken = try adminTokenFile.map { path throws(CLIFailure) in try Self.readAdminToken(path) }
        let metricsToken = try metricsTokenFile.map { path throws(CLIFailure) in try Self.readAdminToken(path) }
        let store = try await options.openStore()
        let connections = try connectionLimits()
        let configuration = HubServerConfiguration(
            host: host, port: port, adminToken: adminToken, catalog: catalog, clock: hubClock,
            nearDuplicates: NearDuplicateRule(days: nearDuplicateDays), maxConcurrentPushes: maxConcurrentPushes,
            tls: tls, connections: connections, metricsToken: metricsToken)
        let host = self.host
        let scheme = tls == nil ? "http" : "https"
        let app = HubServer.application(store: store, configuration: configuration, logger: logger) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            Output.line("listening on \(scheme)://\(shown):\(port)")
        }
        let decider = autoDecide.map {
            AutoDecider(store: store, interval: .milliseconds(Int64(($0 * 1000).rounded())), logger: logger, clock: hubClock)
        }
        logger.info(
            "starting",
            metadata: [
                "db": "\(store.location)", "catalog_version": "\(catalog.version)",
                "admin_api": "\(adminToken != nil)",
                "metrics": "\(metricsToken != nil ? "token" : "open")",
                "tls": "\(tls.map { $0.requiresClientCertificates ? "mutual" : "on" } ?? "off")",
                "auto_decide": "\(autoDecide.map { "\($0)s" } ?? "off")",
            ])
        logger.info(
            "connection limits",
            metadata: [
                "max_connections": "\(connections.maxConnections)",
                "max_connections_per_address": "\(connections.maxConnectionsPerAddress)",
                "descriptor_limit": "\(DescriptorBudget.measure().limit)",
                "header_timeout": "\(connections.headerTimeout.seconds)s",
                "body_timeout": "\(connections.bodyTimeout.seconds)s",
                "idle_timeout": "\(connections.idleTimeout.seconds)s",
            ])
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.runService() }
                if let decider {
                    group.addTask { await decider.run() }
                }
                // The server ends on SIGTERM/SIGINT (or a failure); the decider follows it.
                try await group.next()
                group.cancelAll()
            }
        } catch {
            throw .config(
                "The hub could not serve on \(host):\(port) (\(error)). Check that the address is this machine's and the port is free, or choose another with --port.")
        }
        logger.info("stopped")
    }

    /// The deadlines, and the caps: given, or derived from the descriptor limit once the
    /// database is open and the event loops run (their descriptors count as in use). A cap
    /// the limit cannot hold stops the hub (78) rather than letting it run out of descriptors.
    private func connectionLimits() throws(CLIFailure) -> ConnectionLimits {
        let budget = DescriptorBudget.measureForServing()
        if let maxConnections, maxConnections > budget.largestMaxConnections {
            throw .config(
                "--max-connections \(maxConnections) needs more file descriptors than this process may open (RLIMIT_NOFILE \(budget.limit), \(budget.inUse) in use). Give at most \(budget.largestMaxConnections), or raise the limit (LimitNOFILE= in onething-hub.service, or ulimit -n)."
            )
        }
        let max = maxConnections ?? budget.defaultMaxConnections
        if let maxConnectionsPerAddress, maxConnectionsPerAddress > max {
            throw .config(
                "--max-connections-per-address \(maxConnectionsPerAddress) is more than the \(max) connections the hub keeps open at once; give at most \(max), or raise --max-connections."
            )
        }
        return ConnectionLimits(
            headerTimeout: .seconds(headerTimeout), bodyTimeout: .seconds(bodyTimeout), idleTimeout: .seconds(idleTimeout),
            maxConnections: max, maxConnectionsPerAddress: maxConnectionsPerAddress)
    }

    /// TLS from --tls-cert/--tls-key/--tls-client-ca; nil (plain http) only on loopback.
    private func loadTLS() throws(CLIFailure) -> HubTLS? {
        guard let tlsCert, let tlsKey else {
            guard LoopbackHost.contains(host) else {
                throw CLIFailure(HubError.plainHTTPOnNetwork(host: host))
            }
            return nil
        }
        do {
            return try HubTLS.load(certificate: tlsCert, key: tlsKey, clientCA: tlsClientCA)
        } catch {
            throw CLIFailure(error)
        }
    }

    private static func readAdminToken(_ path: String) throws(CLIFailure) -> String {
        if let problem = SecretFile.problem(at: path) {
            throw CLIFailure(HubError.adminTokenUnusable(path: path, reason: SecretFile.reason(problem, path: path)))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(HubError.adminTokenUnusable(path: path, reason: "it cannot be read"))
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw CLIFailure(HubError.adminTokenUnusable(path: path, reason: "it is empty"))
        }
        guard token.count >= 16, !token.contains(where: \.isWhitespace) else {
            throw CLIFailure(
                HubError.adminTokenUnusable(path: path, reason: "the token must be one word of at least 16 characters"))
        }
        return token
    }
}
