package import ArgumentParser
package import OneThingDatabase

extension CLIFailure {
    /// A database failure: 75 when the file stayed locked (try again in a moment), else 74;
    /// after the database's sentence, what `program`'s operator can do with its flags.
    package init(_ failure: DatabaseFailure, program: CLIProgram) {
        self.init(failure, exitCode: Self.exitCode(for: failure.code), advice: program.databaseAdvice[failure.code])
    }

    package static func exitCode(for code: DatabaseFailure.Code) -> ExitCode {
        code == .busy ? .temporaryFailure : .ioError
    }
}
