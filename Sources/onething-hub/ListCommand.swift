import OneThingCLI
import OneThingTerminal
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
        let store = try await options.openStore()
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
