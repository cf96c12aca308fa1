import ArgumentParser

/// Runs a command body and turns a `CLIFailure` into its message and exit code, the same
/// way for every command.
protocol HubSubcommand: AsyncParsableCommand {
    /// Whether failures are printed as JSON.
    var printsJSON: Bool { get }
    func perform() async throws(CLIFailure)
}

extension HubSubcommand {
    var printsJSON: Bool { false }

    func run() async throws {
        do {
            try await perform()
        } catch {
            Output.failure(error, json: printsJSON)
            throw error.code
        }
    }
}
