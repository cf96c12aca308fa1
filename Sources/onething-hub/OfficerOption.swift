import ArgumentParser
import Foundation

/// `--officer ID`: who makes a decision or an amendment or exports, recorded with it; by default the
/// user running the command.
struct OfficerOption: ParsableArguments {
    @Option(help: ArgumentHelp("Who does this (recorded with it); default: the user running the command.", valueName: "id"))
    var officer: String?

    /// The officer named, else the login name of the user running the command.
    var recorded: String {
        if let officer { return officer }
        let name = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
        return name.isEmpty ? "unknown" : name
    }
}
