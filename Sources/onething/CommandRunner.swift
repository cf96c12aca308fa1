import ArgumentParser
import OneThingCLI

/// Runs a command body and turns a `CLIFailure` into its message and exit code, the same
/// way for every command (`CLIProgram.run`).
protocol NodeCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func perform() throws(CLIFailure)
}

extension NodeCommand {
    func run() throws {
        Diagnostics.bootstrap()
        try CLIProgram.node.run(json: global.json) { () throws(CLIFailure) in try perform() }
    }
}
