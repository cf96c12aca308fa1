package import Hummingbird
package import Logging
import OneThingWire

/// The reference hub's HTTP server: the router of the sync protocol and its admin API, and
/// the application that serves it.
package enum HubServer {
    package typealias App = Application<RouterResponder<BasicRequestContext>>

    /// Every connection goes through a `ConnectionTable` (caps overall and per client
    /// address, and which connection gives way when the hub is full) and carries a
    /// `ConnectionGuard` (header, body and idle deadlines): see `ConnectionLimits`.
    ///
    /// - Parameter onListening: called with the real port once the server accepts connections.
    /// - Parameter metrics: this server's own registry for `GET /metrics` (one per server).
    package static func application(
        store: any HubStorage, configuration: HubServerConfiguration, logger: Logger = HubServer.quietLogger,
        metrics: HubMetrics = HubMetrics(), onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> App {
        let port = configuration.port
        let table = ConnectionTable(limits: configuration.connections, metrics: metrics)
        let gate = AcceptSwitch()
        return Application(
            router: router(
                store: store, configuration: configuration, logger: logger, metrics: metrics,
                openConnections: { table.openCount }),
            server: configuration.tls?.server ?? .http1(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "onething-hub",
                availableConnectionsDelegate: AcceptAfterGuarding(gate: gate)),
            onServerRunning: { channel in
                await AcceptGate.install(on: channel, table: table, logger: logger, opening: gate)
                await onListening(channel.localAddress?.port ?? port)
            },
            logger: logger)
    }

    /// A logger that drops everything: the default for a hub embedded in tests.
    package static let quietLogger = Logger(label: "onething-hub", factory: { _ in SwiftLogNoOpLogHandler() })

    /// `openConnections`: how many connections are open now, for `GET /metrics` (nil: the
    /// router is tested without a connection table).
    package static func router(
        store: any HubStorage, configuration: HubServerConfiguration, logger: Logger = quietLogger,
        metrics: HubMetrics = HubMetrics(), openConnections: (@Sendable () -> Int)? = nil
    )
        -> Router<BasicRequestContext>
    {
        let routes = HubRoutes(
            store: store, configuration: configuration, logger: logger, metrics: metrics, openConnections: openConnections)
        let router = Router()
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: HubErrorMiddleware(logger: logger))
        for handler in routes.handlers {
            router.on(RouterPath(handler.route.routerPattern), method: handler.method, use: handler.respond)
        }
        return router
    }
}
