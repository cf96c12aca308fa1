import ArgumentParser
import OneThingCLI
import OneThingHub
import OneThingModel

/// Options every command takes.
struct HubOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The hub database: a file (SQLite; default: $ONETHING_HUB_DB, else ~/.local/share/onething/hub.sqlite) or postgres://USER@HOST:PORT/DB (password from $PGPASSWORD).",
            valueName: "path|url"))
    var db: String?

    var databasePath: String { db ?? HubStore.defaultPath() }

    /// The hub's store, as the server and every command but backup and restore use it: on
    /// PostgreSQL when `--db` is a postgres:// URL, else on the SQLite file.
    func openStore() async throws(CLIFailure) -> any HubStorage {
        guard PostgresURL.isPostgres(databasePath) else { return try openFileStore(command: nil) }
        do {
            return try await PostgresHubStore.open(url: try PostgresURL(databasePath))
        } catch {
            throw CLIFailure(error)
        }
    }

    /// The SQLite file itself (`backup`, `restore` copy it page by page); `command` names the
    /// command in the refusal when `--db` is a PostgreSQL URL.
    func openFileStore(command: String?) throws(CLIFailure) -> HubStore {
        if let command, PostgresURL.isPostgres(databasePath) { throw CLIFailure(HubError.notOnPostgreSQL(command)) }
        do {
            return try HubStore.open(path: databasePath)
        } catch {
            throw CLIFailure(error)
        }
    }
}

/// `--json` for the commands that print data.
struct JSONOption: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false
}

/// `--catalog DIR` for the commands that check fields against the catalogue.
struct CatalogOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A catalogue directory (catalog.json and bundles/*.json) to use instead of the built-in one.",
            valueName: "dir"))
    var catalog: String?

    func load() throws(CLIFailure) -> HubCatalog {
        do {
            if let catalog { return try HubCatalog.load(directory: catalog, today: hubClock.today()) }
            return try HubCatalog.embedded(today: hubClock.today())
        } catch {
            throw CLIFailure(error)
        }
    }
}

/// The wall clock of the hub's executable: the one place it reads the system clock (tests
/// run the binary under faketime to move it).
let hubClock = WallClock.system
