import ArgumentParser
import OneThingCLI
import OneThingHub
import OneThingModel
import OneThingTerminal

/// `onething-hub report [--json] [--from DATE] [--to DATE]`: the reform's figures.
struct ReportCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The reform's figures: per item and department, per node, and the citizens' ratings.",
        discussion: """
            Days are Asia/Shanghai days; --from and --to (YYYY-MM-DD) are both included; without --from, \
            since the first application; without --to, up to today. Received counts the items of \
            applications received in the range; decided, those finally decided in it, with the working \
            days from receipt to decision (median and 90th percentile, nearest rank) against the \
            catalogue's promised days. Overdue counts the items undecided now past their promised days, \
            whenever received (a returned item waits for the citizen and is not overdue). Working days \
            are Monday to Friday, less the holidays and plus the weekend days worked that the \
            catalogue's workingCalendar lists.
            """)

    @OptionGroup var options: HubOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var catalogOption: CatalogOption
    @Option(help: ArgumentHelp("The first day of the range (YYYY-MM-DD).", valueName: "date"))
    var from: String?
    @Option(help: ArgumentHelp("The last day of the range (YYYY-MM-DD); default today.", valueName: "date"))
    var to: String?

    var printsJSON: Bool { output.json }

    func validate() throws {
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, CivilDate.parse(value) == nil {
                throw ValidationError("\(flag) takes a date as YYYY-MM-DD, e.g. 2026-11-01.")
            }
        }
        if let from = from.flatMap(CivilDate.parse), let to = to.flatMap(CivilDate.parse), to < from {
            throw ValidationError("--to is before --from: give a range whose last day is not before its first.")
        }
    }

    func perform() async throws(CLIFailure) {
        let now = hubClock.now()
        let first = from.flatMap(CivilDate.parse)
        let last = to.flatMap(CivilDate.parse) ?? now.civil.date
        let catalog = try catalogOption.load()
        let store = try await options.openStore()
        let items: [ReportItem]
        do {
            items = try await store.reportItems(since: first.map { Timestamp(CivilDateTime(date: $0, hour: 0, minute: 0)) })
        } catch {
            throw CLIFailure(error)
        }
        let report = ReformReport(items: items, catalog: catalog.catalog, from: first, to: last, now: now)
        if output.json {
            try Output.json(report)
        } else {
            ReportText.print(report)
        }
    }
}

/// The report as tables for a terminal.
enum ReportText {
    static func print(_ report: ReformReport) {
        Output.line("Figures from \(report.from ?? "the first application") to \(report.to) (Asia/Shanghai days), overdue as of \(report.asOf).")
        Output.line("Working days: \(report.workingDays).")
        Output.line("")
        Output.line(
            TextTable.render(
                header: ["BUNDLE", "ITEM", "DEPARTMENT", "PROMISED", "RECEIVED", "DECIDED", "REJECTED", "RETURNS", "MEDIAN", "P90", "ON TIME", "OVERDUE NOW"],
                rows: report.items.map { item in
                    [
                        item.bundle, item.item, item.departmentName.isEmpty ? item.department : item.departmentName,
                        "\(item.promisedDays)", "\(item.received)", "\(item.decided)", "\(item.rejected)", "\(item.returns)",
                        item.medianDays.map(String.init) ?? "-", item.p90Days.map(String.init) ?? "-",
                        "\(item.onTime)", "\(item.overdueNow)",
                    ]
                }))
        Output.line("")
        Output.line(
            TextTable.render(
                header: ["NODE", "APPLICATIONS", "DECIDED ITEMS", "OVERDUE NOW", "RATINGS 1-5"],
                rows: report.nodes.map { node in
                    [node.node, "\(node.received)", "\(node.decided)", "\(node.overdueNow)", node.ratings.map(String.init).joined(separator: " / ")]
                }))
        if !report.ratings.isEmpty {
            Output.line("")
            Output.line(
                TextTable.render(
                    header: ["BUNDLE", "RATINGS 1-5 (1 very dissatisfied, 5 very satisfied)"],
                    rows: report.ratings.map { [$0.bundle, $0.ratings.map(String.init).joined(separator: " / ")] }))
        }
        if report.withoutReceipt > 0 {
            Output.line("")
            Output.line("\(report.withoutReceipt) application(s) were received before the hub recorded times: counted, not timed.")
        }
    }
}
