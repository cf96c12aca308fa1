import ArgumentParser

/// `onething-hub`: the reference provincial hub (the server side of the sync protocol) and
/// the officer's commands on its database.
@main
struct HubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onething-hub",
        abstract: "The reference provincial hub of OneThing: serves the sync protocol and records department decisions.",
        discussion: """
            Every command takes --db PATH (default: $ONETHING_HUB_DB, else ~/.local/share/onething/hub.sqlite). \
            The commands work while `serve` runs on the same database.
            Exit codes: 0 done, 64 usage, 65 bad data or not possible now, 74 database I/O, 78 configuration.
            """,
        subcommands: [
            ServeCommand.self, NodesCommand.self, ListCommand.self, ShowCommand.self, AmendCommand.self,
            DecideCommand.self, ReportCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self, PurgeCommand.self,
        ])
}
