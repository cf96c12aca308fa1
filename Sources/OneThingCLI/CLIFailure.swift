package import ArgumentParser
package import OneThingModel

/// A command's failure, for both `onething` and `onething-hub`: its exit status, what failed
/// (a code), and the sentences for stderr; with `--json`, one JSON error object instead
/// (`CLIProgram.report`). Never holds an applicant's data.
package struct CLIFailure: Error {
    package var exitCode: ExitCode
    /// What failed: a module error's code (`store.no_such_application`) or, for a command's
    /// own refusal, its kind (`cli.data`). Each line's problem carries it in JSON.
    package var code: ProblemCode
    /// The kind of failure that `onething-hub`'s JSON error objects name (`bad_data`,
    /// `not_found`, `conflict`, `io`, `config`, ...).
    package var kind: String
    /// One sentence per line on stderr.
    package var lines: [String]
    /// The problems one by one (field, code, message), for `onething --json`; when empty,
    /// one per line.
    package var problems: [FieldProblem]

    package init(
        exitCode: ExitCode, code: ProblemCode? = nil, kind: String? = nil, lines: [String], problems: [FieldProblem] = []
    ) {
        self.exitCode = exitCode
        self.code = code ?? Self.code(of: exitCode)
        self.kind = kind ?? Self.kind(of: exitCode)
        self.lines = lines
        self.problems = problems
    }

    /// A module's error: its English sentences, and after them `advice`, the sentence that
    /// names this program's commands and flags (the modules name none).
    package init(_ error: some CodedError, exitCode: ExitCode, advice: String? = nil, kind: String? = nil) {
        var lines = error.message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let advice {
            if lines.isEmpty { lines = [advice] } else { lines[lines.count - 1] += " " + advice }
        }
        self.init(exitCode: exitCode, code: ProblemCode(error.code.rawValue), kind: kind, lines: lines)
    }

    package static func usage(_ line: String) -> CLIFailure { CLIFailure(exitCode: .usage, lines: [line]) }
    package static func data(_ problems: [FieldProblem]) -> CLIFailure {
        CLIFailure(exitCode: .dataError, lines: problems.map(\.description), problems: problems)
    }
    package static func data(_ line: String) -> CLIFailure { .data([line]) }
    package static func data(_ lines: [String]) -> CLIFailure {
        .data(lines.map { FieldProblem(.commandData, field: nil, message: $0) })
    }
    package static func io(_ line: String) -> CLIFailure { CLIFailure(exitCode: .ioError, lines: [line]) }
    package static func config(_ line: String) -> CLIFailure { CLIFailure(exitCode: .config, lines: [line]) }

    /// The problems for JSON: as given, else one per line under the failure's code.
    package var jsonProblems: [FieldProblem] {
        problems.isEmpty ? lines.map { FieldProblem(code, field: nil, message: $0) } : problems
    }

    static func code(of exitCode: ExitCode) -> ProblemCode {
        switch exitCode {
        case .usage: .commandUsage
        case .dataError: .commandData
        case .ioError: .commandIO
        case .config: .commandConfiguration
        default: .unclassified
        }
    }

    static func kind(of exitCode: ExitCode) -> String {
        switch exitCode {
        case .usage: "usage"
        case .dataError: "bad_data"
        case .hubRefused: "refused"
        case .ioError: "io"
        case .temporaryFailure: "unavailable"
        case .config: "config"
        default: "failed"
        }
    }
}
