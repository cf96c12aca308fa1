import ArgumentParser
import Foundation
import OneThingCLI
import OneThingHub
import OneThingModel
import OneThingWire

/// `onething-hub amend PROVINCE_NO --data FILE`: an officer's correction of citizen fields.
struct AmendCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Change citizen fields on the hub side (a new hub revision that the node pulls).",
        discussion: "FILE holds a JSON object {field_id: value} of the fields to change; `-` reads stdin.")

    @OptionGroup var options: HubOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var catalogOption: CatalogOption
    @Argument(help: ArgumentHelp("The province number (FJ and ten digits).", valueName: "province-no"))
    var provinceNo: String
    @Option(help: ArgumentHelp("A JSON object of the fields to change, or - for stdin.", valueName: "file"))
    var data: String
    @OptionGroup var officerOption: OfficerOption

    var printsJSON: Bool { output.json }

    func perform() async throws(CLIFailure) {
        let fields = try readFields()
        let catalog = try catalogOption.load()
        let store = try await options.openStore()
        let application: HubApplication
        do {
            application = try await store.amend(
                provinceNo: provinceNo, fields: fields, officer: officerOption.recorded, catalog: catalog, now: hubClock.now().civil)
        } catch {
            throw CLIFailure(error)
        }
        if output.json {
            try Output.json(application)
        } else {
            Output.line(
                "\(application.provinceNo): \(fields.count) field(s) changed, hub revision \(application.hubRevision)")
        }
    }

    private func readFields() throws(CLIFailure) -> [String: String] {
        let bytes: Data
        if data == "-" {
            bytes = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: data) else {
                throw .io("The file \(data) cannot be read; check the path and its permissions.")
            }
            bytes = contents
        }
        let inputs: FieldInputs
        do {
            inputs = try JSONCodec.decode(FieldInputs.self, from: bytes)
        } catch {
            throw .data("The data is not a JSON object of {field_id: value} (\(error.description)); nothing was changed.")
        }
        var fields: [String: String] = [:]
        var problems: [String] = []
        for (id, input) in inputs.values.sorted(by: { $0.key < $1.key }) {
            switch input {
            case .text(let text): fields[id] = text
            case .number(let number) where number.isFinite:
                fields[id] = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            case .bool(let flag): fields[id] = flag ? "true" : "false"
            default: problems.append("\(id): give the value as a JSON string.")
            }
        }
        guard problems.isEmpty else {
            throw CLIFailure.data(problems)
        }
        return fields
    }
}
