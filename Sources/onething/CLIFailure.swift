import ArgumentParser
import OneThingDatabase
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
        let line = [error.description, Self.advice(error)].compactMap { $0 }.joined(separator: " ")
        switch error {
        case .database(let failure) where failure.code == .busy: self.init(code: .temporaryFailure, lines: [line])
        case .noSuchApplication, .notAmendable, .noOpenConflict, .operatorExists, .noSuchOperator:
            self.init(code: .dataError, lines: [line])
        default: self.init(code: .ioError, lines: [line])
        }
    }

    /// What the operator can do next with this program's commands and flags, after the
    /// store's sentence (which names none).
    static func advice(_ error: StoreError) -> String? {
        switch error {
        case .database(let failure):
            switch failure.code {
            case .cannotOpen: "Check that the folder exists and is writable, or choose another file with --db."
            case .missingFile: "Check --db (or $ONETHING_DB)."
            case .notADatabase: "Point --db at the right file or restore it from a backup."
            case .corrupt: "Stop every OneThing process (the kiosk, the sync timer) before copying it, or call support."
            case .readOnly: "`onething list`, `show` and `status` still read it; --db chooses another file."
            case .permissionDenied: "Or choose another file with --db."
            default: nil
            }
        case .noSuchApplication: "`onething list` shows the ids."
        case .noOpenConflict(let id, let field):
            field == nil
                ? "`onething conflicts list` lists those that wait for a decision."
                : "`onething conflicts show \(id)` lists its conflicts."
        case .operatorExists(let id): "`onething operators reset-pin \(id)` gives a new PIN."
        case .noSuchOperator: "`onething operators list` shows them."
        default: nil
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
