import OneThingWire

/// The plain-text view of one application (for an officer at the hub).
enum ApplicationText {
    static func print(_ application: HubApplication) {
        Output.line("\(application.provinceNo)  \(application.applicationId)  \(application.bundle)  node \(application.nodeId)")
        Output.line(
            "revision \(application.revision), hub revision \(application.hubRevision)"
                + (application.duplicateOf.map { ", duplicate of \($0)" } ?? ""))
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
    }
}
