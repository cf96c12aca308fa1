package import ArgumentParser
package import OneThingDatabase

extension CLIFailure {
    /// A database failure: 75 when it is temporary (the file stayed locked, the server is
    /// unreachable or too busy: try again in a moment), 78 when the server refused the
    /// connection (a configuration to fix), else 74;
    /// after the database's sentence, what `program`'s operator can do with its flags.
    package init(_ failure: DatabaseFailure, program: CLIProgram) {
        self.init(failure, exitCode: Self.exitCode(for: failure.code), advice: program.databaseAdvice[failure.code])
    }

    package static func exitCode(for code: DatabaseFailure.Code) -> ExitCode {
        switch code {
        case .busy, .unavailable, .contention: .temporaryFailure
        case .refused: .config
        default: .ioError
        }
    }
}
