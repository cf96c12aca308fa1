import ArgumentParser
import OneThingCLI
import OneThingHub
import OneThingWire

/// `onething-hub decide PROVINCE_NO ITEM approve|reject|return`: a department's decision.
struct DecideCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Record a department's decision on one item of an application.",
        discussion: """
            The item must be in progress. Approving releases the items that wait for it; rejecting \
            also rejects the items that depend on it. reject and return need --reason. \
            --document KEY=VALUE (repeatable) issues documents with an approval.
            """)

    enum Verdict: String, ExpressibleByArgument, CaseIterable {
        case approve, reject, `return`

        var decision: Decision {
            switch self {
            case .approve: .approve
            case .reject: .reject
            case .return: .return
            }
        }
    }

    @OptionGroup var options: HubOptions
    @OptionGroup var output: JSONOption
    @Argument(help: ArgumentHelp("The province number (FJ and ten digits).", valueName: "province-no"))
    var provinceNo: String
    @Argument(help: ArgumentHelp("The item's code, as `show` lists it.", valueName: "item"))
    var item: String
    @Argument(help: ArgumentHelp("approve, reject or return.", valueName: "decision"))
    var verdict: Verdict
    @Option(help: ArgumentHelp("Why (required for reject and return); the applicant sees it.", valueName: "text"))
    var reason: String?
    @Option(
        name: .customLong("document"),
        help: ArgumentHelp("A document issued with an approval, as KEY=VALUE (repeatable).", valueName: "key=value"))
    var documents: [String] = []
    @OptionGroup var officerOption: OfficerOption

    var printsJSON: Bool { output.json }

    func validate() throws {
        for document in documents where !document.contains("=") {
            throw ValidationError("--document takes KEY=VALUE, e.g. --document resident_id_number=...")
        }
    }

    func perform() async throws(CLIFailure) {
        var issued: [String: String] = [:]
        for document in documents {
            let parts = document.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            issued[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let store = try await options.openStore()
        let application: HubApplication
        do {
            application = try await store.decide(
                provinceNo: provinceNo, item: item,
                DecisionRequest(
                    decision: verdict.decision, reason: reason, documents: issued.isEmpty ? nil : issued,
                    officer: officerOption.recorded),
                at: hubClock.now().description)
        } catch {
            throw CLIFailure(error)
        }
        if output.json {
            try Output.json(application)
        } else {
            for decided in application.items {
                Output.line("\(application.provinceNo) \(decided.item): \(decided.state.rawValue)")
            }
        }
    }
}
