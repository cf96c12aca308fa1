import Foundation
import OneThingCLI
import OneThingModel
import OneThingStore

/// `apply --ndjson`: one application per line, each in its own transaction, one result line
/// per input line. A refused line never stops the others; a store failure (disk full)
/// stops the batch with the lines filed so far kept and reported.
///
/// Re-runnable: each line's idempotency key (`ImportKey`) is stored in the transaction that
/// files it, and a line whose key is stored already answers with the existing id
/// (`already_filed`) instead of being filed again. Its result line is written only after the
/// commit (straight to the file descriptor, unbuffered), so a run killed part-way has
/// printed results for committed lines only, and the next run prints a result for every line.
struct BatchFiling {
    let filer: Filer
    let json: Bool

    struct LineResult: Encodable {
        var line: Int
        var id: String?
        /// Filed lines only: true when the line's key was stored before (nothing filed now).
        var alreadyFiled: Bool?
        var problems: [FieldProblem]?
    }

    func run(path: String) throws(CLIFailure) {
        let data = try InputReading.bytes(of: path)
        var filed = 0
        var already = 0
        var refused = 0
        var lineNumber = 0
        for rawLine in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Data(rawLine)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let result: Result<Filer.Filed, ApplicationProblems>
            do throws(CLIFailure) {
                result = try file(line)
            } catch {
                Output.diagnostic(
                    "onething: stopped at line \(lineNumber): \(filed) filed, \(already) filed before, \(refused) refused before it; run the same file again once the cause is fixed: no line is filed twice.")
                throw error
            }
            switch result {
            case .success(let done):
                if done.alreadyFiled { already += 1 } else { filed += 1 }
                if let warning = done.duplicateWarning { Output.diagnostic("onething: line \(lineNumber): \(warning)") }
                report(LineResult(line: lineNumber, id: done.id, alreadyFiled: done.alreadyFiled, problems: nil))
            case .failure(let refusal):
                refused += 1
                report(LineResult(line: lineNumber, id: nil, alreadyFiled: nil, problems: refusal.problems))
            }
        }
        if refused > 0 {
            let before = already > 0 ? " (\(already) of them filed by an earlier run or line)" : ""
            throw CLIFailure(
                exitCode: .dataError,
                lines: ["\(refused) of \(filed + already + refused) lines refused (see the result lines); the other \(filed + already) are filed\(before)."])
        }
    }

    /// One line: parsed, keyed, answered from the store when its key is there, else checked
    /// and filed with its key.
    private func file(_ line: Data) throws(CLIFailure) -> Result<Filer.Filed, ApplicationProblems> {
        let inputs: [String: FieldInput]
        switch InputReading.fieldObject(line) {
        case .failure(let problem): return .failure(ApplicationProblems([problem]))
        case .success(let object): inputs = object
        }
        let keyed: ImportLine
        switch filer.importLine(inputs) {
        case .failure(let problem): return .failure(ApplicationProblems([problem]))
        case .success(let line): keyed = line
        }
        // Looked up before the check: a line filed by an earlier run answers with its id even
        // if it would not pass today (a newer catalogue, a date rule).
        let existing = try filer.context.storeCall { () throws(StoreError) in
            try filer.context.store.applicationID(importKey: keyed.key)
        }
        if let existing {
            return .success(Filer.Filed(id: existing, application: nil, alreadyFiled: true))
        }
        return try filer.file(keyed.inputs, importKey: keyed.key)
    }

    private func report(_ result: LineResult) {
        if json {
            Output.json(result)
        } else if let id = result.id {
            Output.line("line \(result.line): \(id)\(result.alreadyFiled == true ? " (already filed)" : "")")
        } else {
            let text = (result.problems ?? []).map(\.description).joined(separator: "; ")
            Output.line("line \(result.line): refused: \(TerminalSafe.text(text))")
        }
    }
}
