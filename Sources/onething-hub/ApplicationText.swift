import OneThingTerminal
import OneThingWire

/// The plain-text view of one application (for an officer at the hub).
enum ApplicationText {
    static func print(_ application: HubApplication) {
        Output.line("\(application.provinceNo)  \(application.applicationId)  \(application.bundle)  node \(application.nodeId)")
        Output.line(
            "revision \(application.revision), hub revision \(application.hubRevision)"
                + (application.duplicate.map { ", possible duplicate (\($0.kind.rawValue)) of \($0.provinceNo) from node \($0.nodeId)" } ?? ""))
        Output.line("")
        Output.line(
            TextTable.render(
                header: ["ITEM", "STATE", "REASON / DOCUMENTS"],
                rows: application.items.map { item in
                    let documents = (item.documents ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    return [item.item, item.state.rawValue, ([item.reason].compactMap { $0 } + documents).joined(separator: "; ")]
                }))
        Output.line("")
        Output.line(
            TextTable.render(
                header: ["FIELD", "VALUE"],
                rows: application.fields.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }))
        if !application.conflicts.isEmpty {
            Output.line("")
            Output.line("Open conflicts (the hub's value holds until the node's clerk decides):")
            Output.line(
                TextTable.render(
                    header: ["FIELD", "BASE", "NODE", "HUB"],
                    rows: application.conflicts.map { [$0.field, $0.base ?? "(none)", $0.local ?? "(none)", $0.hub ?? "(none)"] }))
        }
    }
}
