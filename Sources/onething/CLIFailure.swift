import ArgumentParser
import OneThingModel
import OneThingStore

/// A command's failure: its sysexits code and one line per problem. Printed to stderr as
/// lines, or as one JSON error object with `--json`.
struct CLIFailure: Error {
    var code: ExitCode
    var lines: [String]
    var problems: [FieldProblem] = []

    static func usage(_ line: String) -> CLIFailure { CLIFailure(code: .usage, lines: [line]) }
    static func data(_ problems: [FieldProblem]) -> CLIFailure {
        CLIFailure(code: .dataError, lines: problems.map(\.description), problems: problems)
    }
    static func data(_ line: String) -> CLIFailure { .data([FieldProblem(field: nil, message: line)]) }
    static func data(_ lines: [String]) -> CLIFailure { .data(lines.map { FieldProblem(field: nil, message: $0) }) }
    static func io(_ line: String) -> CLIFailure { CLIFailure(code: .ioError, lines: [line]) }
    static func config(_ line: String) -> CLIFailure { CLIFailure(code: .config, lines: [line]) }

    init(code: ExitCode, lines: [String], problems: [FieldProblem] = []) {
        self.code = code
        self.lines = lines
        self.problems = problems
    }

    init(_ error: StoreError) {
        switch error {
        case .busy: self.init(code: .temporaryFailure, lines: [error.description])
        case .noSuchApplication, .notAmendable, .noOpenConflict, .operatorExists, .noSuchOperator:
            self.init(code: .dataError, lines: [error.description])
        default: self.init(code: .ioError, lines: [error.description])
        }
    }

    init(_ error: ModelError) {
        switch error {
        case .invalidApplication(let problems): self = .data(problems)
        case .invalidCatalog, .catalogUnreadable: self.init(code: .config, lines: error.lines)
        }
    }
}

extension ExitCode {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let hubRefused = ExitCode(69)
    static let ioError = ExitCode(74)
    static let temporaryFailure = ExitCode(75)
    static let config = ExitCode(78)
}
