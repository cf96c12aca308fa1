import ArgumentParser
import OneThingModel
import OneThingStore

struct ListCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List applications with their state, each item's status, revision and province number.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("state"), help: ArgumentHelp("Only applications in this state: queued, sent, accepted or quarantined.", valueName: "state"))
    var stateName: String?

    var state: ApplicationState? { stateName.flatMap(ApplicationState.init(rawValue:)) }

    func validate() throws {
        if let stateName, ApplicationState(rawValue: stateName) == nil {
            throw ValidationError("--state must be one of: \(ApplicationState.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let apps = try context.storeCall { () throws(StoreError) in try context.store.applications(state: state) }
        if global.json {
            Output.json(["applications": apps])
            return
        }
        if apps.isEmpty {
            Output.line(state == nil ? "No applications yet." : "No \(state?.rawValue ?? "") applications.")
            return
        }
        Output.line(Table.render(
            header: ["ID", "BUNDLE", "STATE", "REV", "PROVINCE NO", "ITEMS", "FILED"],
            rows: apps.map { app in
                [app.id, app.bundle, app.state.rawValue, String(app.revision), app.provinceNo ?? "-",
                 ItemCounts.summary(app.items), app.filedAt]
            }))
    }
}


enum ItemCounts {
    /// "6 items: 4 pending, 2 approved".
    static func summary(_ items: [ItemStatus]) -> String {
        var counts: [(ItemState, Int)] = []
        for state in ItemState.allCases {
            let n = items.filter { $0.state == state }.count
            if n > 0 { counts.append((state, n)) }
        }
        let parts = counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        return "\(items.count) item\(items.count == 1 ? "" : "s"): \(parts)"
    }
}
