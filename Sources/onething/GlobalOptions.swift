import ArgumentParser
import Foundation
import OneThingModel

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The node database file (default: $ONETHING_DB, else ~/.local/share/onething/node.sqlite).",
            valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A catalogue directory to use instead of the built-in one (default: $ONETHING_CATALOG).",
            valueName: "dir"))
    var catalog: String?

    /// The wall clock every node command works with: the one place the node's executable
    /// reads the system clock (tests run the binary under faketime to move it).
    var clock: WallClock { .system }

    var databasePath: String {
        if let db { return db }
        let env = ProcessInfo.processInfo.environment
        if let path = env["ONETHING_DB"], !path.isEmpty { return path }
        if let data = env["XDG_DATA_HOME"], !data.isEmpty { return data + "/onething/node.sqlite" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/onething/node.sqlite"
    }

    var catalogDirectory: String? {
        if let catalog { return catalog }
        let env = ProcessInfo.processInfo.environment["ONETHING_CATALOG"]
        return env?.isEmpty == false ? env : nil
    }
}
