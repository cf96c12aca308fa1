import Foundation
import OneThingCLI
import OneThingModel
import OneThingStore

/// The real parts a node command works with: the catalogue, the store and the region.
struct NodeContext {
    let catalog: Catalog
    let store: NodeStore
    let config: NodeConfig?
    let region: Region
    /// The wall clock: filing times, "not in the future", retention, audit times.
    let clock: WallClock

    static func loadCatalog(_ global: GlobalOptions) throws(CLIFailure) -> Catalog {
        try loadCatalogFiles(global).catalog
    }

    /// The catalogue of --catalog DIR, else the built-in one, with its files.
    static func loadCatalogFiles(_ global: GlobalOptions) throws(CLIFailure) -> (catalog: Catalog, files: [CatalogFile]) {
        do {
            let files = try global.catalogDirectory.map { directory throws(ModelError) in try CatalogLoader.files(inDirectory: directory) }
                ?? CatalogLoader.embeddedFiles
            return (try CatalogLoader.load(files: files, today: global.clock.today()), files)
        } catch {
            var failure = CLIFailure(error)
            if global.catalogDirectory != nil, error.code == .invalidCatalog {
                failure.lines.append("The catalogue directory has problems; `onething catalog check DIR` lists them.")
            }
            throw failure
        }
    }

    /// --catalog / $ONETHING_CATALOG first; else the newest catalogue the hub published that
    /// is usable here (it passes the check and offers the node's region; newer ones that do
    /// not are passed over with a warning); else the built-in one. So no catalogue received
    /// from the hub can leave the node unable to run.
    static func catalogFor(_ global: GlobalOptions, store: NodeStore, region: String?) throws(CLIFailure) -> Catalog {
        let (catalog, files) = try chooseCatalog(global, store: store, region: region)
        // Remembered, so that what is filed under it is amended under it after the node
        // moves on (a failure to remember blocks nothing: the catalogue is still in use).
        try? store.rememberCatalog(version: catalog.version, files: files)
        return catalog
    }

    private static func chooseCatalog(_ global: GlobalOptions, store: NodeStore, region: String?)
        throws(CLIFailure) -> (Catalog, [CatalogFile])
    {
        guard global.catalogDirectory == nil else { return try loadCatalogFiles(global) }
        var passedOver: [String] = []
        for stored in (try? store.receivedCatalogs()) ?? [] {
            guard let catalog = try? CatalogLoader.load(files: stored.files, today: global.clock.today()),
                  region.map({ catalog.region($0) != nil }) ?? true
            else {
                passedOver.append(stored.version)
                continue
            }
            warnPassedOver(passedOver, using: catalog.version)
            return (catalog, stored.files)
        }
        let builtIn = try loadCatalogFiles(global)
        warnPassedOver(passedOver, using: builtIn.catalog.version)
        return builtIn
    }

    private static func warnPassedOver(_ versions: [String], using version: String) {
        guard let newest = versions.first else { return }
        Output.diagnostic(
            "onething: the catalogue \(newest) received from the hub does not pass the check or lacks this node's region; using catalogue \(version).")
    }

    /// `forReading`: a command that only reads (`list`, `show`, `status`) still works when
    /// the database cannot be written (`NodeStore.openForReading`).
    static func open(_ global: GlobalOptions, forReading: Bool = false) throws(CLIFailure) -> NodeContext {
        let store: NodeStore
        let config: NodeConfig?
        do {
            store = try forReading
                ? NodeStore.openForReading(path: global.databasePath) : NodeStore.open(path: global.databasePath)
            config = try store.nodeConfig()
        } catch {
            throw CLIFailure(error)
        }
        let catalog = try catalogFor(global, store: store, region: config?.region)
        let code = config?.region ?? catalog.defaultRegion
        guard let region = catalog.region(code) else {
            throw CLIFailure.config(
                "The node's region \(code) is not in catalogue version \(catalog.version); run `onething init` with one of: \(catalog.regions.map(\.code).joined(separator: ", ")).")
        }
        return NodeContext(catalog: catalog, store: store, config: config, region: region, clock: global.clock)
    }

    /// Who runs a command, for the audit log: `cli:` and the login name.
    static var cliActor: String {
        let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        return "cli:" + String(user.prefix(32).filter { $0.isLetter || $0.isNumber || "-_.".contains($0) })
    }

    /// Appends to the audit log; a failure to do so fails the command (an unrecorded view of
    /// personal data is not acceptable).
    func audit(_ action: String, applicationId: String?, detail: String? = nil) throws(CLIFailure) {
        try storeCall { () throws(StoreError) in
            try store.audit(action, actor: Self.cliActor, applicationId: applicationId, detail: detail, at: clock.now())
        }
    }

    func storeCall<T>(_ body: () throws(StoreError) -> T) throws(CLIFailure) -> T {
        do {
            return try body()
        } catch {
            throw CLIFailure(error)
        }
    }
}
