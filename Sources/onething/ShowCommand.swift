import OneThingCLI
import OneThingTerminal
import ArgumentParser
import OneThingModel
import OneThingStore
import OneThingWire

struct ShowCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one application: its state, each item's status, revision, province number and fields.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The application id, as `apply` or `list` printed it (OT-...).", valueName: "id"))
    var id: String

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global, forReading: true)
        let app = try context.storeCall { () throws(StoreError) in try context.store.application(id: id.uppercased()) }
        let history = try context.storeCall { () throws(StoreError) in try context.store.events(applicationId: app.summary.id) }
        if context.store.isReadOnly {
            // The audit log cannot take the line while the database cannot be written; the
            // view is told on stderr (who, which application: no values) instead of refused,
            // so that staff can still answer a citizen while the disk is being repaired.
            Output.diagnostic(
                "onething: the database cannot be written (read-only file system or permissions): this view of \(app.summary.id) by \(NodeContext.cliActor) is not recorded in its audit log.")
        } else {
            try context.audit("viewed", applicationId: app.summary.id)
        }
        if global.json {
            Output.json(ShowResult(app, history: history))
            return
        }
        let bundle = context.catalog.bundle(app.summary.bundle)
        Output.line("Application \(app.summary.id): \(bundle?.names.zh ?? app.summary.bundle) (\(app.summary.bundle))")
        Output.line("State: \(app.summary.state.rawValue)\(app.stateReason.map { " (\($0))" } ?? "")")
        Output.line("Province number: \(app.summary.provinceNo ?? "not yet assigned")")
        Output.line("Revision: \(app.summary.revision)\(app.hubRevision.map { ", hub revision \($0)" } ?? "")")
        Output.line("Filed: \(app.summary.filedAt) under catalogue \(app.catalogVersion), region \(app.region)")
        for line in IdentityLines.lines(bundle: bundle, fields: app.fields) { Output.line(line) }
        if let duplicate = app.duplicate {
            Output.line(
                "Possible duplicate (\(duplicate.kind.rawValue)) of \(duplicate.provinceNo): application \(duplicate.applicationId) from node \(duplicate.nodeId). Both are kept; the departments decide.")
        }
        if app.openConflicts > 0 {
            Output.line(
                "Conflicts: \(app.openConflicts) field\(app.openConflicts == 1 ? "" : "s") changed here and on the hub; `onething conflicts show \(app.summary.id)`.")
        }
        Output.line()
        Output.line(TextTable.render(
            header: ["ITEM", "NAME", "STATUS", "REASON / DOCUMENTS"],
            rows: app.summary.items.map { item in
                let documents = (item.documents ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                let note = ([item.reason].compactMap { $0 } + documents).joined(separator: "; ")
                return [item.item, bundle?.item(item.item)?.names.zh ?? "", item.state.rawValue, TerminalSafe.text(note)]
            }))
        Output.line()
        let ordered = (bundle?.fields.map(\.id) ?? []).filter { app.fields[$0] != nil }
            + app.fields.keys.sorted().filter { bundle?.field($0) == nil }
        Output.line(TextTable.render(
            header: ["FIELD", "LABEL", "VALUE"],
            rows: ordered.map { id in
                [id, bundle?.field(id)?.label.zh ?? "", TerminalSafe.text(app.fields[id] ?? "")]
            }))
        if !history.isEmpty {
            Output.line()
            Output.line(TextTable.render(
                header: ["HISTORY", "REVISION", "HUB REVISION", "FIELDS"],
                rows: history.map { event in
                    [event.kind.replacingOccurrences(of: "_", with: " "), event.revision.map(String.init) ?? "",
                     event.hubRevision.map(String.init) ?? "", event.fields.joined(separator: ", ")]
                }))
        }
    }

    struct ShowResult: Encodable {
        var id, bundle, region, catalogVersion, filedAt, updatedAt: String
        var state: ApplicationState
        var stateReason: String?
        var revision: Int
        var hubRevision: Int?
        var provinceNo: String?
        var `operator`: String?
        var items: [ItemStatus]
        var fields: [String: String]
        var situations: [String]
        var duplicate: DuplicateMatch?
        var openConflicts: Int
        var hubFieldsRevision: Int
        var history: [ApplicationEvent]

        init(_ app: ApplicationDetail, history: [ApplicationEvent]) {
            duplicate = app.duplicate
            openConflicts = app.openConflicts
            hubFieldsRevision = app.hubFieldsRevision
            self.history = history
            id = app.summary.id
            bundle = app.summary.bundle
            region = app.region
            catalogVersion = app.catalogVersion
            filedAt = app.summary.filedAt.description
            updatedAt = app.updatedAt.description
            state = app.summary.state
            stateReason = app.stateReason
            revision = app.summary.revision
            hubRevision = app.hubRevision
            provinceNo = app.summary.provinceNo
            self.operator = app.operatorId
            items = app.summary.items
            fields = app.fields
            situations = app.situations
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(id, forKey: .init("id"))
            try c.encode(bundle, forKey: .init("bundle"))
            try c.encode(region, forKey: .init("region"))
            try c.encode(catalogVersion, forKey: .init("catalog_version"))
            try c.encode(filedAt, forKey: .init("filed_at"))
            try c.encode(updatedAt, forKey: .init("updated_at"))
            try c.encode(state, forKey: .init("state"))
            try c.encode(stateReason, forKey: .init("state_reason"))
            try c.encode(revision, forKey: .init("revision"))
            try c.encode(hubRevision, forKey: .init("hub_revision"))
            try c.encode(provinceNo, forKey: .init("province_no"))
            try c.encode(self.operator, forKey: .init("operator"))
            try c.encode(items, forKey: .init("items"))
            try c.encode(fields, forKey: .init("fields"))
            try c.encode(situations, forKey: .init("situations"))
            try c.encode(duplicate, forKey: .init("duplicate"))
            try c.encode(openConflicts, forKey: .init("open_conflicts"))
            try c.encode(hubFieldsRevision, forKey: .init("merged_hub_revision"))
            try c.encode(history, forKey: .init("history"))
        }
    }
}

/// A coding key made from a string, for output whose key names must stay exactly as written
/// (field ids are never case-converted).
struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Stored values are checked at capture, but output to a terminal is cleaned once more so
/// that nothing stored can ever act as an escape sequence.
enum TerminalSafe {
    /// Control characters and bidi overrides replaced (`DisplayText`).
    static func text(_ s: String) -> String {
        DisplayText.clean(s)
    }
}
