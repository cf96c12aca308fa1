import ArgumentParser
import OneThingCLI
import OneThingHub
import OneThingWire

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
        let store = try await options.openStore()
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
