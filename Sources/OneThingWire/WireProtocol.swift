/// The sync protocol's version, and its paths as the node asks for them (sync/openapi.yaml).
package enum WireProtocol {
    /// 2: a push entry's `payload` is the frozen payload's JSON object itself, its exact bytes
    /// hashed (1: the payload's text in a JSON string, which a hub of protocol 2 still reads).
    /// Told by the hub's health answer (`protocol`).
    package static let version = 2

    package static var healthPath: String { WireRoute.health.path() }
    package static func pushPath(node: String) -> String { WireRoute.push.path(node) }
    package static func changesPath(node: String) -> String { WireRoute.changes.path(node) }
    package static func ratingsPath(node: String) -> String { WireRoute.ratings.path(node) }
    package static func statePath(node: String) -> String { WireRoute.state.path(node) }
    package static var adminApplicationsPath: String { WireRoute.adminApplications.path() }
}
