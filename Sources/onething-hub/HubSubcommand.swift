import ArgumentParser
import OneThingCLI

/// Runs a command body and turns a `CLIFailure` into its message and exit code, the same
/// way for every command (`CLIProgram.run`).
protocol HubSubcommand: AsyncParsableCommand {
    /// Whether failures are printed as JSON.
    var printsJSON: Bool { get }
    func perform() async throws(CLIFailure)
}

extension HubSubcommand {
    var printsJSON: Bool { false }

    func run() async throws {
        try await CLIProgram.hub.run(json: printsJSON) { () async throws(CLIFailure) in try await perform() }
    }
}
