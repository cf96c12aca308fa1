import ArgumentParser

@main
struct OneThingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onething",
        abstract: "The OneThing node: file 一件事 bundle applications and sync them to the provincial network.",
        discussion: """
            Applications are stored in a local SQLite database first, so filing works while the link to the
            provincial network is down; `onething sync` sends them on.

            Exit codes: 0 done, 64 usage error, 65 invalid input (nothing stored), 69 hub refused the node,
            74 database or file I/O error, 75 temporary failure (try again), 78 configuration error.
            Environment: ONETHING_DB (database file), ONETHING_CATALOG (catalogue directory),
            ONETHING_LOG_LEVEL (debug, info, warning; default warning).
            """,
        version: OneThingVersion.string,
        subcommands: [
            InitCommand.self, CatalogCommand.self, ApplyCommand.self, AmendCommand.self, ListCommand.self,
            ShowCommand.self, StatusCommand.self, SyncCommand.self, ConflictsCommand.self, OperatorsCommand.self,
            KioskCommand.self, ImportCommand.self, AuditCommand.self, PurgeCommand.self, ExportCommand.self, MetricsCommand.self,
        ]
    )
}

enum OneThingVersion {
    static let string = "0.1.0"
}
