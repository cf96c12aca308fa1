import ArgumentParser
import Foundation
import OneThingCLI
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
            one result per input line (`line N: ID`, `line N: ID (already filed)` or `line N: refused: ...`;
            with --json {"line":N,"id":...,"already_filed":false|true} or {"line":N,"problems":[...]}), each
            written once its line is committed; it exits 65 if any line was refused, and the other lines stay
            filed.

            An --ndjson import can be run again after an interruption (killed, power cut, disk full): no line is
            filed twice. Each line's key is stored with its application: its "_source_id" when it has one (the
            record's id in the exporting system, a string or whole number; not an application field), otherwise
            a SHA-256 of the bundle, the items and its fields as filing normalises them (white space, key order
            and full-width digits make no difference). A line whose key is stored answers with the existing id,
            marked already filed; so does a line identical to one before it in the same file. A record changed
            since it was filed (same "_source_id") is not filed again: correct it with `onething amend`.
            A UTF-8 byte order mark at the start of --data or --ndjson input is ignored.

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

    @Option(help: ArgumentHelp("A file with one JSON object per line, or - for stdin (\"_source_id\": the record's id; see below).", valueName: "file"))
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
                id: filed.id, bundle: filed.application?.bundle ?? bundle, items: filed.application?.items ?? [], state: .queued,
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
        /// The application as checked now (nil for an import line answered from the store).
        var application: ValidatedApplication?
        var possibleDuplicates: [LocalDuplicate] = []
        /// An import line whose key was stored already: `id` is that application's, nothing was filed.
        var alreadyFiled = false

        /// The warning about earlier applications of this node for the same person and
        /// event: ids and kind only, never the values that matched.
        var duplicateWarning: String? {
            guard !possibleDuplicates.isEmpty else { return nil }
            let list = possibleDuplicates.map { "\($0.id) (\($0.kind == .exact ? "same person and event" : "same person, a few days apart"))" }
            return "warning: \(id) may duplicate \(list.joined(separator: ", ")) filed here before. It was filed; check both with `onething show` before the next sync."
        }
    }

    /// `.failure` for problems with the input; a thrown `CLIFailure` when the store fails.
    /// With `importKey` (a line of `--ndjson`), the key is stored in the transaction that
    /// files the application, and a key stored already files nothing (`alreadyFiled`).
    func file(_ inputs: [String: FieldInput], importKey: String? = nil) throws(CLIFailure) -> Result<Filed, ApplicationProblems> {
        // One moment for both: the application is checked as of the time it is filed.
        let now = context.clock.now()
        let validator = FormValidator(catalog: context.catalog, region: context.region)
        switch validator.validate(bundle: bundle, items: items, inputs: inputs, now: now.civil) {
        case .failure(let problems):
            return .failure(problems)
        case .success(let application):
            guard let importKey else {
                let filed = try context.storeCall { () throws(StoreError) in
                    try context.store.file(application, operatorId: operatorId, filedAt: now)
                }
                Diagnostics.logger.debug("filed application", metadata: ["id": "\(filed.id)", "bundle": "\(bundle)"])
                return .success(Filed(id: filed.id, application: application, possibleDuplicates: filed.possibleDuplicates))
            }
            let outcome = try context.storeCall { () throws(StoreError) in
                try context.store.file(application, importKey: importKey, operatorId: operatorId, filedAt: now)
            }
            switch outcome {
            case .filed(let filed):
                Diagnostics.logger.debug("filed application", metadata: ["id": "\(filed.id)", "bundle": "\(bundle)"])
                return .success(Filed(id: filed.id, application: application, possibleDuplicates: filed.possibleDuplicates))
            case .alreadyFiled(let id):
                return .success(Filed(id: id, application: application, alreadyFiled: true))
            }
        }
    }

    /// The idempotency key and fields of one import line (see `ImportKey`).
    func importLine(_ inputs: [String: FieldInput]) -> Result<ImportLine, FieldProblem> {
        ImportKey.line(
            inputs, bundle: bundle, items: items, catalog: context.catalog, region: context.region,
            now: context.clock.now().civil)
    }
}
