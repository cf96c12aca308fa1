import ArgumentParser
import Foundation

/// Runs a command body and turns a `CLIFailure` into its message and exit code, the same
/// way for every command.
protocol NodeCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func perform() throws(CLIFailure)
}

extension NodeCommand {
    func run() throws {
        Diagnostics.bootstrap()
        do {
            try perform()
        } catch {
            Output.failure(error, json: global.json)
            throw error.code
        }
    }
}
