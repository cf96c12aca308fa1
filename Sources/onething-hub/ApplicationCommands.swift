import ArgumentParser
import OneThingHub
import OneThingWire

/// `onething-hub list`: every application the hub holds.
struct ListCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the applications the hub holds, with each item's state.")

    @OptionGroup var options: HubOptions
    @OptionGroup var output: JSONOption

    var printsJSON: Bool { output.json }

    func perform() async throws(CLIFailure) {
        let store = try options.openStore()
        let applications: [HubApplication]
        do {
            applications = try await store.applications()
        } catch {
            throw CLIFailure(error)
        }
        if output.json {
            try Output.json(HubApplicationList(applications: applications))
        } else if applications.isEmpty {
            Output.line("The hub holds no application yet.")
        } else {
            Output.line(
                TextTable.render(
                    header: ["PROVINCE NO", "APPLICATION", "NODE", "BUNDLE", "REV", "HUB REV", "ITEMS"],
                    rows: applications.map { application in
                        [
                            application.provinceNo, application.applicationId, application.nodeId, application.bundle,
                            String(application.revision), String(application.hubRevision),
                            application.items.map { "\($0.item)=\($0.state.rawValue)" }.joined(separator: " "),
                        ]
                    }))
        }
    }
}

/// `onething-hub show PROVINCE_NO`: one application as the hub holds it.
struct ShowCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one application: its fields, revisions, each item's state and any duplicate.")

    @OptionGroup var options: HubOptions
    @OptionGroup var output: JSONOption
    @Argument(help: ArgumentHelp("The province number (FJ and ten digits).", valueName: "province-no"))
    var provinceNo: String

    var printsJSON: Bool { output.json }

    func perform() async throws(CLIFailure) {
        let store = try options.openStore()
        let application: HubApplication
        do {
            application = try await store.application(provinceNo)
        } catch {
            throw CLIFailure(error)
        }
        if output.json {
            try Output.json(application)
        } else {
            ApplicationText.print(application)
        }
    }
}

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
