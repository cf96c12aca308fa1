import ArgumentParser
import Foundation
import OneThingCLI
import OneThingModel
import OneThingStore

struct AmendCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Change citizen-supplied fields of an application; queued as its next revision.",
        discussion: """
            --data is a JSON object of the fields to change, such as {"household_address": "..."}
            (`-` reads stdin); null removes an optional field. The whole application is checked again
            as at filing; nothing is stored if any check fails (exit 65).

            If the application's latest revision is still queued and was never sent, that revision is
            replaced. Otherwise the change becomes the next revision, sent on the next sync; the hub
            merges it with changes made there meanwhile, and a field changed on both sides becomes a
            conflict (`onething conflicts`). A department's return for correction (补正) is answered
            this way: correct the named fields, then sync.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The application id (OT-...).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("A JSON object of the fields to change, or - for stdin.", valueName: "file"))
    var data: String

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who makes the change (recorded with the revision).", valueName: "id"))
    var operatorId: String?

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let changes: Reviser.Changes
        switch InputReading.fieldObject(try InputReading.bytes(of: data)) {
        case .failure(let problem): throw CLIFailure.data([problem])
        case .success(let object):
            guard !object.isEmpty else { throw CLIFailure.data("Give at least one field to change.") }
            changes = object.mapValues { input -> FieldInput? in
                if case .unsupported(kind: "null") = input { return nil }
                return input
            }
        }
        let result = try Reviser(context: context, operatorId: operatorId).revise(id.uppercased(), changes: changes)
        if global.json {
            Output.json(result)
        } else if result.changed.isEmpty {
            Output.line("\(result.id): nothing changed (the values given are the ones it has).")
        } else if result.replacedQueuedEntry {
            Output.line("\(result.id): revision \(result.revision) replaced (not sent yet); changed \(result.changed.joined(separator: ", ")).")
        } else {
            Output.line("\(result.id): revision \(result.revision) queued; changed \(result.changed.joined(separator: ", ")).")
        }
    }
}
