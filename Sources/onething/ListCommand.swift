import OneThingCLI
import OneThingTerminal
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

    @Option(name: .customLong("limit"), help: ArgumentHelp("Show the newest N (default 100).", valueName: "n"))
    var limit: Int = 100

    @Flag(name: .customLong("all"), help: "Show every application, oldest last (read a page at a time).")
    var all = false

    var state: ApplicationState? { stateName.flatMap(ApplicationState.init(rawValue:)) }

    static let header = ["ID", "BUNDLE", "STATE", "REV", "PROVINCE NO", "ITEMS", "FILED"]

    func validate() throws {
        if let stateName, ApplicationState(rawValue: stateName) == nil {
            throw ValidationError("--state must be one of: \(ApplicationState.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more (or --all).") }
    }

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global, forReading: true)
        let total = try context.storeCall { () throws(StoreError) in try context.store.applicationCount(state: state) }
        if all {
            try listAll(context, total: total)
            return
        }
        let page = try context.storeCall { () throws(StoreError) in try context.store.applicationPage(state: state, limit: limit) }
        let apps = page.applications
        if global.json {
            Output.json(ListOutput(applications: apps, total: total))
            return
        }
        if apps.isEmpty {
            Output.line(state == nil ? "No applications yet." : "No \(state?.rawValue ?? "") applications.")
            return
        }
        Output.line(TextTable.render(header: Self.header, rows: apps.map(Self.row)))
        if total > apps.count {
            Output.line("The newest \(apps.count) of \(total); --limit N or --all for more.")
        }
    }

    /// Every application, a page at a time: memory stays that of one page however many
    /// are stored. JSON is written as it goes: {"applications":[...],"total":N}.
    private func listAll(_ context: NodeContext, total: Int) throws(CLIFailure) {
        var before: Int64?
        var first = true
        var widths: [Int] = []
        if global.json { Output.write("{\"applications\":[") }
        repeat {
            let page = try context.storeCall { () throws(StoreError) in
                try context.store.applicationPage(state: state, limit: 2000, before: before)
            }
            if global.json {
                var text = ""
                for app in page.applications {
                    text += (first ? "" : ",") + Output.encode(app)
                    first = false
                }
                Output.write(text)
            } else if !page.applications.isEmpty {
                Output.line(TextTable.render(
                    header: Self.header, rows: page.applications.map(Self.row), widths: &widths, withHeader: first))
                first = false
            }
            before = page.next
        } while before != nil
        if global.json {
            Output.line("],\"total\":\(total)}")
        } else if first {
            Output.line(state == nil ? "No applications yet." : "No \(state?.rawValue ?? "") applications.")
        }
    }

    static func row(_ app: ApplicationSummary) -> [String] {
        [app.id, app.bundle, app.state.rawValue, String(app.revision), app.provinceNo ?? "-", ItemCounts.summary(app.items), app.filedAt.description]
    }

    struct ListOutput: Encodable {
        var applications: [ApplicationSummary]
        var total: Int
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
