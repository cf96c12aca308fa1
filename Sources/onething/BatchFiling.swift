import Foundation
import OneThingModel
import OneThingStore

/// `apply --ndjson`: one application per line, each in its own transaction, one result line
/// per input line. A refused line never stops the others; a store failure (disk full)
/// stops the batch with the lines filed so far kept and reported.
struct BatchFiling {
    let filer: Filer
    let json: Bool

    struct LineResult: Encodable {
        var line: Int
        var id: String?
        var problems: [FieldProblem]?
    }

    func run(path: String) throws(CLIFailure) {
        let data = try InputReading.bytes(of: path)
        var filed = 0
        var refused = 0
        var lineNumber = 0
        for rawLine in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Data(rawLine)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let result: Result<Filer.Filed, ApplicationProblems>
            switch InputReading.fieldObject(line) {
            case .failure(let problem): result = .failure(ApplicationProblems([problem]))
            case .success(let inputs):
                do throws(CLIFailure) {
                    result = try filer.file(inputs)
                } catch {
                    Output.diagnostic("onething: stopped at line \(lineNumber): \(filed) filed, \(refused) refused before it.")
                    throw error
                }
            }
            switch result {
            case .success(let done):
                filed += 1
                if let warning = done.duplicateWarning { Output.diagnostic("onething: line \(lineNumber): \(warning)") }
                report(LineResult(line: lineNumber, id: done.id, problems: nil))
            case .failure(let refusal):
                refused += 1
                report(LineResult(line: lineNumber, id: nil, problems: refusal.problems))
            }
        }
        if refused > 0 {
            throw CLIFailure(
                code: .dataError,
                lines: ["\(refused) of \(filed + refused) lines refused (see the result lines); the other \(filed) are filed."])
        }
    }

    private func report(_ result: LineResult) {
        if json {
            Output.json(result)
        } else if let id = result.id {
            Output.line("line \(result.line): \(id)")
        } else {
            let text = (result.problems ?? []).map(\.description).joined(separator: "; ")
            Output.line("line \(result.line): refused: \(TerminalSafe.text(text))")
        }
    }
}
