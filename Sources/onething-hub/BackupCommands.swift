import ArgumentParser
import OneThingCLI
import OneThingHub

/// `onething-hub backup FILE`: a consistent copy of the hub's database while it serves.
struct BackupCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the hub's database into FILE (consistent, while the hub serves; created 0600).",
        discussion: "Restore it with `onething-hub restore FILE`, which tells every node to recover.")

    @OptionGroup var options: HubOptions
    @Argument(help: ArgumentHelp("The backup file to write.", valueName: "file"))
    var file: String

    func perform() async throws(CLIFailure) {
        let store = try options.openFileStore(command: "backup")
        do {
            try await store.backup(to: file)
        } catch {
            throw CLIFailure(error)
        }
        Output.line("backed up \(store.path) to \(file)")
    }
}

/// `onething-hub restore FILE`: the database's content replaced by a backup, with a new
/// identity, so that every node notices at its next sync, sends again what the backup lacks
/// and pulls again from the start.
struct RestoreCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the hub's database with the backup in FILE; every node recovers at its next sync.",
        discussion: """
            The backup is prepared in a file beside the database and taken in with one transaction that
            keeps the nodes' current tokens (a token rotated away stays refused) and the catalogues
            served, so the hub may go on serving: it answers from the old content or the restored one,
            never from the backup's tokens. The database gets a new identity and province numbers
            continue in a fresh block, so that no number issued before is issued again. Each node notices the new identity at its next sync,
            sends again every revision the backup lacks and pulls its applications again from the start.
            Decisions made after the backup was taken are not in it: the departments decide those again.
            A database file copied back by hand is noticed too, at the first sync of a node that knows more
            than it holds.
            """)

    @OptionGroup var options: HubOptions
    @Argument(help: ArgumentHelp("The backup file (made by `onething-hub backup`, or a copy of the database).", valueName: "file"))
    var file: String

    func perform() async throws(CLIFailure) {
        let store = try options.openFileStore(command: "restore")
        let id: String
        do {
            id = try await store.restore(from: file, at: hubClock.now().description)
        } catch {
            throw CLIFailure(error)
        }
        Output.line("restored \(store.path) from \(file); new database identity \(id)")
    }
}
