import OneThingCLI
import OneThingTerminal
import ArgumentParser
import OneThingStore

struct AuditCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the append-only audit log: who filed, viewed, corrected, resolved or purged what.",
        discussion: "Lines carry ids and field names, never an applicant's values. The database refuses to change or delete them.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("application"), help: ArgumentHelp("Only this application (OT-...).", valueName: "id"))
    var applicationId: String?

    @Option(help: ArgumentHelp("At most this many of the latest lines.", valueName: "n"))
    var limit: Int = 200

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let lines = try context.storeCall { () throws(StoreError) in
            try context.store.auditLog(applicationId: applicationId?.uppercased(), limit: max(1, limit))
        }
        if global.json {
            Output.json(["audit": lines])
            return
        }
        Output.line(TextTable.render(
            header: ["AT", "ACTOR", "ACTION", "APPLICATION", "DETAIL"],
            rows: lines.map { [$0.at, TerminalSafe.text($0.actor), $0.action, $0.applicationId ?? "", TerminalSafe.text($0.detail ?? "")] }))
    }
}
