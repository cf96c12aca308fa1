import ArgumentParser
import Foundation
import OneThingModel
import OneThingStore

struct ApplyCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "File one application (--data) or a batch, one JSON object per line (--ndjson).",
        discussion: """
            The input is a JSON object {field_id: value}; `onething catalog example BUNDLE` prints a complete
            template and `onething catalog show BUNDLE` lists every field. Values are checked and normalised
            (full-width digits, spaces, lower-case x) before anything is stored; an application with any
            problem is refused whole (exit 65, one line per problem) and nothing of it is stored.

            --data prints the new application's id. --ndjson files each line in its own transaction and prints
            one result per input line (`line N: ID` or `line N: refused: ...`); it exits 65 if any line was
            refused, and the other lines stay filed.

            Examples:
              onething catalog example birth > form.json && onething apply --bundle birth --data form.json
              onething apply --bundle birth --items birth-certificate,vaccination-certificate --data - < form.json
              onething apply --bundle school-enrolment --ndjson export.ndjson --json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The bundle code: birth or school-enrolment.", valueName: "bundle"))
    var bundle: String

    @Option(
        help: ArgumentHelp(
            "Comma-separated item codes (default: every item the node's region offers).", valueName: "items"))
    var items: String?

    @Option(help: ArgumentHelp("A file holding one JSON object, or - for stdin.", valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("A file with one JSON object per line, or - for stdin.", valueName: "file"))
    var ndjson: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("The operator filing (recorded with the application).", valueName: "id"))
    var operatorId: String?

    func validate() throws {
        if (data == nil) == (ndjson == nil) {
            throw ValidationError("Give exactly one of --data FILE (one application) or --ndjson FILE (a batch).")
        }
        if let items, itemList(items).isEmpty {
            throw ValidationError("--items needs at least one item code, such as --items birth-certificate.")
        }
        if let operatorId, !NodeIdentifier.isValid(operatorId) {
            throw ValidationError("--operator must be an operator id: lower-case letters, digits, '.', '_' or '-'.")
        }
    }

    func itemList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let filer = Filer(
            context: context, bundle: bundle, items: items.map(itemList), operatorId: operatorId)
        if let data {
            try fileOne(try InputReading.bytes(of: data), filer: filer)
        } else if let ndjson {
            try BatchFiling(filer: filer, json: global.json).run(path: ndjson)
        }
    }

    private func fileOne(_ bytes: Data, filer: Filer) throws(CLIFailure) {
        let inputs: [String: FieldInput]
        switch InputReading.fieldObject(bytes) {
        case .success(let object): inputs = object
        case .failure(let problem): throw CLIFailure.data([problem])
        }
        let filed: Filer.Filed
        switch try filer.file(inputs) {
        case .success(let result): filed = result
        case .failure(let refused): throw CLIFailure.data(refused.problems)
        }
        if let warning = filed.duplicateWarning { Output.diagnostic("onething: \(warning)") }
        if global.json {
            Output.json(ApplyResult(
                id: filed.id, bundle: filed.application.bundle, items: filed.application.items, state: .queued,
                possibleDuplicates: filed.possibleDuplicates))
        } else {
            Output.line(filed.id)
        }
    }

    struct ApplyResult: Encodable {
        var id: String
        var bundle: String
        var items: [String]
        var state: ApplicationState
        var possibleDuplicates: [LocalDuplicate]
    }
}

/// Validates and stores applications for one bundle: the shared path of `--data`,
/// `--ndjson` and (later) the kiosk screen.
struct Filer {
    let context: NodeContext
    let bundle: String
    let items: [String]?
    let operatorId: String?

    struct Filed {
        var id: String
        var application: ValidatedApplication
        var possibleDuplicates: [LocalDuplicate] = []

        /// The warning about earlier applications of this node for the same person and
        /// event: ids and kind only, never the values that matched.
        var duplicateWarning: String? {
            guard !possibleDuplicates.isEmpty else { return nil }
            let list = possibleDuplicates.map { "\($0.id) (\($0.kind == .exact ? "same person and event" : "same person, a few days apart"))" }
            return "warning: \(id) may duplicate \(list.joined(separator: ", ")) filed here before. It was filed; check both with `onething show` before the next sync."
        }
    }

    /// `.failure` for problems with the input; a thrown `CLIFailure` when the store fails.
    func file(_ inputs: [String: FieldInput]) throws(CLIFailure) -> Result<Filed, ApplicationProblems> {
        // One moment for both: the application is checked as of the time it is filed.
        let now = context.clock.now()
        let validator = FormValidator(catalog: context.catalog, region: context.region)
        switch validator.validate(bundle: bundle, items: items, inputs: inputs, now: now.civil) {
        case .failure(let problems):
            return .failure(problems)
        case .success(let application):
            let filed = try context.storeCall { () throws(StoreError) in
                try context.store.file(application, operatorId: operatorId, filedAt: now)
            }
            Diagnostics.logger.debug("filed application", metadata: ["id": "\(filed.id)", "bundle": "\(bundle)"])
            return .success(Filed(id: filed.id, application: application, possibleDuplicates: filed.possibleDuplicates))
        }
    }
}
