import ArgumentParser
import Testing

import OneThingDatabase
import OneThingModel
@testable import OneThingCLI

/// The one `CLIFailure` both tools use: the contract's exit statuses, the database codes and
/// the model's errors mapped to them, and the sentences each tool adds.
@Suite struct CLIFailureTests {
    @Test func theExitStatusesAreTheContracts() {
        #expect(ExitCode.contract.map(\.rawValue) == [64, 65, 69, 74, 75, 78])
        #expect(ExitCode.usage.rawValue == 64)
        #expect(ExitCode.dataError.rawValue == 65)
        #expect(ExitCode.hubRefused.rawValue == 69)
        #expect(ExitCode.ioError.rawValue == 74)
        #expect(ExitCode.temporaryFailure.rawValue == 75)
        #expect(ExitCode.config.rawValue == 78)
    }

    /// A locked file, an unreachable or too busy server: temporary (75); a server that
    /// refuses the connection: configuration (78); every other database failure: I/O (74).
    @Test func temporaryDatabaseFailuresAreTemporaryARefusalIsConfigurationAndEveryOtherIsIO() {
        for code in DatabaseFailure.Code.all {
            let temporary: Set<DatabaseFailure.Code> = [.busy, .unavailable, .contention]
            let expected: ExitCode = temporary.contains(code) ? .temporaryFailure : code == .refused ? .config : .ioError
            #expect(DatabaseFailure(code, path: "x").isTemporary == temporary.contains(code))
            for program in [CLIProgram.node, .hub] {
                let failure = CLIFailure(DatabaseFailure(code, path: "/srv/x.sqlite"), program: program)
                #expect(failure.exitCode == expected, "\(code)")
                #expect(failure.code.rawValue == "database.\(code.name)")
                #expect(failure.kind == (temporary.contains(code) ? "unavailable" : code == .refused ? "config" : "io"))
            }
        }
    }

    @Test func eachToolAddsItsOwnAdviceAfterTheDatabasesSentence() {
        let corrupt = DatabaseFailure(.corrupt, path: "/srv/x.sqlite")
        #expect(
            CLIFailure(corrupt, program: .node).lines == [
                corrupt.description + " Stop every OneThing process (the kiosk, the sync timer) before copying it, or call support."
            ])
        #expect(
            CLIFailure(corrupt, program: .hub).lines == [
                corrupt.description + " Stop the hub before copying it; `onething-hub restore FILE` puts a backup back."
            ])
        let busy = DatabaseFailure(.busy, path: "/srv/x.sqlite")
        #expect(CLIFailure(busy, program: .node).lines == [busy.description])
    }

    @Test func theModelsErrors() {
        let problem = FieldProblem(.required, field: "mother_name", message: "Missing.")
        let refused = CLIFailure(ModelError.invalidApplication([problem]))
        #expect(refused.exitCode == .dataError)
        #expect(refused.problems == [problem])
        #expect(refused.lines == ["mother_name: Missing."])
        let unreadable = CLIFailure(ModelError.catalogUnreadable(path: "/etc/c", reason: "it cannot be read"))
        #expect(unreadable.exitCode == .config)
        #expect(unreadable.code.rawValue == "model.catalog_unreadable")
        let invalid = CLIFailure(ModelError.invalidCatalog([CatalogProblem(file: "catalog.json", path: "", message: "Bad.")]))
        #expect(invalid.exitCode == .config)
        #expect(invalid.lines == ["catalog.json: Bad."])
    }

    @Test func aCommandsOwnRefusalsAreCodedByTheirStatus() {
        #expect(CLIFailure.usage("--items needs an item.").code == .commandUsage)
        #expect(CLIFailure.data("The file is empty.").jsonProblems.map(\.code) == [.commandData])
        #expect(CLIFailure.io("Cannot write.").kind == "io")
        #expect(CLIFailure.config("Not set up.").kind == "config")
        #expect(CLIFailure.data("Bad.").kind == "bad_data")
        let all = ProblemCode.cli.map(\.rawValue)
        #expect(Set(all).count == all.count && all.allSatisfy { $0.hasPrefix("cli.") })
    }

    @Test func aModuleErrorsSentencesGetTheAdviceOnTheirLastLine() {
        let invalid = ModelError.invalidCatalog([
            CatalogProblem(file: "a.json", path: "", message: "One."), CatalogProblem(file: "b.json", path: "", message: "Two."),
        ])
        let failure = CLIFailure(invalid, exitCode: .config, advice: "Fix it.")
        #expect(failure.lines == ["a.json: One.", "b.json: Two. Fix it."])
        #expect(failure.jsonProblems.map(\.message) == failure.lines)
        #expect(failure.jsonProblems.allSatisfy { $0.code.rawValue == "model.invalid_catalog" && $0.field == nil })
    }
}
