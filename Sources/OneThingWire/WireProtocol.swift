/// The sync protocol's version, and its paths as the node asks for them (sync/openapi.yaml).
public enum WireProtocol {
    /// 2: a push entry's `payload` is the frozen payload's JSON object itself, its exact bytes
    /// hashed (1: the payload's text in a JSON string, which a hub of protocol 2 still reads).
    /// Told by the hub's health answer (`protocol`).
    public static let version = 2

    public static var healthPath: String { WireRoute.health.path() }
    public static func pushPath(node: String) -> String { WireRoute.push.path(node) }
    public static func changesPath(node: String) -> String { WireRoute.changes.path(node) }
    public static func ratingsPath(node: String) -> String { WireRoute.ratings.path(node) }
    public static func statePath(node: String) -> String { WireRoute.state.path(node) }
    public static var adminApplicationsPath: String { WireRoute.adminApplications.path() }
}
