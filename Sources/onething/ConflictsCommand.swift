import OneThingCLI
import OneThingTerminal
import ArgumentParser
import Foundation
import OneThingModel
import OneThingStore

struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Conflicts that need a person's decision: a field changed differently here and on the hub.",
        discussion: """
            A conflict keeps three values: the one both sides started from (base), this node's (local)
            and the hub's. Until someone decides, the hub's value holds. Changes to different fields
            are merged automatically and never show up here.
            """,
        subcommands: [ConflictsListCommand.self, ConflictsShowCommand.self, ConflictsResolveCommand.self],
        defaultSubcommand: ConflictsListCommand.self)
}

struct ConflictsListCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the conflicts that wait for a decision (with --all, the decided ones too).")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Include conflicts already resolved.")
    var all = false

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let conflicts = try context.storeCall { () throws(StoreError) in try context.store.conflicts(includeResolved: all) }
        if global.json {
            Output.json(["conflicts": conflicts])
            return
        }
        if conflicts.isEmpty {
            Output.line(all ? "No conflicts." : "No conflicts wait for a decision.")
            return
        }
        Output.line(TextTable.render(
            header: ["APPLICATION", "PROVINCE NO", "FIELD", "STATE", "FOUND BY"],
            rows: conflicts.map { c in
                [c.applicationId, c.provinceNo ?? "-", c.field,
                 c.state == "open" ? "open" : "resolved (\(c.resolution ?? "?"))",
                 c.detected == "push" ? "hub" : "this node"]
            }))
        Output.line()
        Output.line("`onething conflicts show ID` shows the values; `onething conflicts resolve ID --keep local|hub` decides.")
    }
}

struct ConflictsShowCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one application's conflicts with the base, local and hub value of each field.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The application id (OT-...).", valueName: "id"))
    var id: String

    @Flag(help: "Include conflicts already resolved.")
    var all = false

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let app = try context.storeCall { () throws(StoreError) in try context.store.application(id: id.uppercased()) }
        let conflicts = try context.storeCall { () throws(StoreError) in
            try context.store.conflicts(applicationId: app.summary.id, includeResolved: all)
        }
        try context.audit("viewed conflicts", applicationId: app.summary.id)
        if global.json {
            Output.json(ConflictsOfApplication(applicationId: app.summary.id, conflicts: conflicts))
            return
        }
        guard !conflicts.isEmpty else {
            Output.line("\(app.summary.id) has no \(all ? "" : "open ")conflict.")
            return
        }
        let bundle = context.catalog.bundle(app.summary.bundle)
        Output.line("Application \(app.summary.id)\(app.summary.provinceNo.map { " (\($0))" } ?? ""): the hub's value holds until you decide.")
        Output.line(TextTable.render(
            header: ["FIELD", "LABEL", "BASE", "THIS NODE", "HUB", "STATE"],
            rows: conflicts.map { c in
                [c.field, bundle?.field(c.field)?.label.zh ?? "", Self.shown(c.base), Self.shown(c.local), Self.shown(c.hub),
                 c.state == "open" ? "open" : "resolved (\(c.resolution ?? "?"), revision \(c.resolvedRevision.map(String.init) ?? "?"))"]
            }))
    }

    static func shown(_ value: String?) -> String {
        value.map(TerminalSafe.text) ?? "(none)"
    }
}

/// The `--json` shape of `conflicts show`.
struct ConflictsOfApplication: Encodable {
    var applicationId: String
    var conflicts: [ConflictRecord]
}

struct ConflictsResolveCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Decide an application's conflicts: keep this node's value, keep the hub's, or give one.",
        discussion: """
            --keep local|hub decides every open conflict of the application (or only those named with
            --field). --set FIELD=VALUE gives a value for one field (repeatable) and takes precedence over
            --keep for that field. The decision is checked like any change and becomes the application's
            next revision, sent on the next sync.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The application id (OT-...).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("Keep this node's value (local) or the hub's (hub).", valueName: "local|hub"))
    var keep: Side?

    @Option(name: .customLong("field"), help: ArgumentHelp("Only this conflicted field (repeatable; with --keep).", valueName: "field"))
    var fields: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("A value for one conflicted field (repeatable).", valueName: "field=value"))
    var values: [String] = []

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who decides (recorded with the resolution).", valueName: "id"))
    var operatorId: String?

    enum Side: String, ExpressibleByArgument, CaseIterable {
        case local, hub
    }

    func validate() throws {
        if keep == nil && values.isEmpty {
            throw ValidationError("Say how to decide: --keep local, --keep hub, or --set FIELD=VALUE.")
        }
        if !fields.isEmpty && keep == nil {
            throw ValidationError("--field chooses the conflicts --keep applies to; give --keep local or --keep hub.")
        }
        for value in values where !value.contains("=") {
            throw ValidationError("--set takes FIELD=VALUE, such as --set household_address=...")
        }
    }

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let appId = id.uppercased()
        let open = try context.storeCall { () throws(StoreError) in try context.store.conflicts(applicationId: appId) }
        guard !open.isEmpty else {
            _ = try context.storeCall { () throws(StoreError) in try context.store.application(id: appId) }
            throw CLIFailure(StoreError.noOpenConflict(id: appId, field: nil))
        }
        let byField = Dictionary(open.map { ($0.field, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: Reviser.Changes = [:]
        var resolves: [String: ConflictResolution] = [:]
        for field in fields where byField[field] == nil {
            throw CLIFailure(StoreError.noOpenConflict(id: appId, field: field))
        }
        if let keep {
            for conflict in open where fields.isEmpty || fields.contains(conflict.field) {
                let value = keep == .local ? conflict.local : conflict.hub
                changes[conflict.field] = .some(value.map(FieldInput.text))
                resolves[conflict.field] = keep == .local ? .keepLocal : .keepHub
            }
        }
        for pair in values {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let field = String(parts[0])
            guard byField[field] != nil else { throw CLIFailure(StoreError.noOpenConflict(id: appId, field: field)) }
            let value = parts.count > 1 ? String(parts[1]) : ""
            changes[field] = .some(.text(value))
            resolves[field] = .value(value)
        }
        let result = try Reviser(context: context, operatorId: operatorId).revise(appId, changes: changes, resolves: resolves)
        if global.json {
            Output.json(result)
        } else {
            Output.line(
                "\(result.id): \(result.resolved.joined(separator: ", ")) decided; revision \(result.revision) queued for the next sync.")
        }
    }
}
