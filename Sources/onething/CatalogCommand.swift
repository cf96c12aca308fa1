import OneThingCLI
import OneThingTerminal
import ArgumentParser
import Foundation
import OneThingModel
import OneThingStore

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "The bundles this node offers: list, show, example, check, export.",
        discussion: """
            The catalogue is built into the binary. To change it, `onething catalog export DIR`, edit the JSON
            files, check them with `onething catalog check DIR`, and run the node with --catalog DIR (or set
            ONETHING_CATALOG=DIR).
            """,
        subcommands: [
            CatalogList.self, CatalogShow.self, CatalogExample.self, CatalogCheck.self, CatalogExport.self,
        ])
}

/// The region whose menu applies: --region, else the node's configured region (when its
/// database exists), else the catalogue's default.
struct RegionOption: ParsableArguments {
    @Option(help: ArgumentHelp("Region code (default: the node's region).", valueName: "code"))
    var region: String?

    func resolve(_ catalog: Catalog, global: GlobalOptions) throws(CLIFailure) -> Region {
        var code = region
        if code == nil, FileManager.default.fileExists(atPath: global.databasePath) {
            code = try NodeContext.open(global).config?.region
        }
        let chosen = code ?? catalog.defaultRegion
        guard let found = catalog.region(chosen) else {
            throw CLIFailure.usage("There is no region \(chosen); the regions are: \(catalog.regions.map(\.code).joined(separator: ", ")).")
        }
        return found
    }
}

struct CatalogList: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the bundles and how many of their items the region offers.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var regionOption: RegionOption

    func perform() throws(CLIFailure) {
        let catalog = try NodeContext.loadCatalog(global)
        let region = try regionOption.resolve(catalog, global: global)
        let rows = catalog.bundles.map { bundle in
            (bundle, catalog.menu(bundle: bundle, region: region).map(\.code))
        }
        if global.json {
            Output.json(ListResult(
                catalogVersion: catalog.version, region: region.code,
                bundles: rows.map { .init(code: $0.0.code, names: $0.0.names, leadDepartment: $0.0.leadDepartment, items: $0.1) }))
            return
        }
        Output.line("Catalogue \(catalog.version), region \(region.code) \(region.names.zh) (\(region.names.en))")
        Output.line(TextTable.render(
            header: ["CODE", "名称", "NAME", "ITEMS OFFERED"],
            rows: rows.map { [$0.0.code, $0.0.names.zh, $0.0.names.en, "\($0.1.count) of \($0.0.items.count)"] }))
    }

    struct ListResult: Encodable {
        struct Bundle: Encodable {
            var code: String
            var names: LocalizedText
            var leadDepartment: String
            var items: [String]
        }
        var catalogVersion: String
        var region: String
        var bundles: [Bundle]
    }
}

struct CatalogShow: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a bundle: its items (department, promised days, dependencies, materials) and its fields.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var regionOption: RegionOption

    @Argument(help: ArgumentHelp("The bundle code.", valueName: "bundle"))
    var bundle: String

    func perform() throws(CLIFailure) {
        let catalog = try NodeContext.loadCatalog(global)
        let region = try regionOption.resolve(catalog, global: global)
        guard let definition = catalog.bundle(bundle) else {
            throw CLIFailure.data("There is no bundle \"\(bundle)\"; the bundles are: \(catalog.bundles.map(\.code).joined(separator: ", ")).")
        }
        let offered = catalog.menu(bundle: definition, region: region).map(\.code)
        let today = global.clock.today()
        if global.json {
            Output.json(CatalogShowJSON(bundle: definition, offered: offered, region: region.code, version: catalog.version, today: today))
        } else {
            CatalogShowText.print(definition, catalog: catalog, offered: offered, region: region, today: today)
        }
    }
}

struct CatalogExample: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "example",
        abstract: "Print a complete, valid example application: the JSON object `apply --data` takes.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var regionOption: RegionOption

    @Argument(help: ArgumentHelp("The bundle code.", valueName: "bundle"))
    var bundle: String

    @Option(help: ArgumentHelp("Comma-separated item codes (default: the region's whole menu).", valueName: "items"))
    var items: String?

    func perform() throws(CLIFailure) {
        let catalog = try NodeContext.loadCatalog(global)
        let region = try regionOption.resolve(catalog, global: global)
        guard let definition = catalog.bundle(bundle) else {
            throw CLIFailure.data("There is no bundle \"\(bundle)\"; the bundles are: \(catalog.bundles.map(\.code).joined(separator: ", ")).")
        }
        let menu = catalog.menu(bundle: definition, region: region).map(\.code)
        let chosen = items.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? menu
        guard !chosen.isEmpty else {
            throw CLIFailure.usage("--items needs at least one item code, such as --items birth-certificate.")
        }
        let problems = chosen.filter { !menu.contains($0) }
        guard problems.isEmpty else {
            throw CLIFailure.data("Region \(region.code) does not offer \(problems.joined(separator: ", ")); it offers: \(menu.joined(separator: ", ")).")
        }
        let missing = DependencyOrder.missingDependencies(of: chosen, in: definition)
        guard missing.isEmpty else {
            throw CLIFailure.data(missing.map { "The item \"\($0.item)\" needs \($0.missing.joined(separator: ", ")) to be decided first; add it to --items." })
        }
        let values = CatalogExamples.application(bundle: definition, items: chosen, today: global.clock.today())
        Output.line(OrderedJSON.object(values.map { ($0.field, OrderedJSON.value($0.value, type: $0.type)) }))
    }
}

struct CatalogCheck: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a catalogue directory; report every problem with its file and field (exit 65 if any).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The catalogue directory (catalog.json and bundles/*.json).", valueName: "dir"))
    var directory: String

    func perform() throws(CLIFailure) {
        let problems: [CatalogProblem]
        var catalog: Catalog?
        do {
            catalog = try CatalogLoader.load(
                files: try CatalogLoader.files(inDirectory: directory), today: global.clock.today())
            problems = []
        } catch {
            switch error.code {
            case .invalidCatalog: problems = error.catalogProblems
            case .catalogUnreadable: throw CLIFailure(exitCode: .ioError, code: ProblemCode(error.code.rawValue), lines: error.lines)
            default: problems = []
            }
        }
        if global.json {
            Output.json(CheckResult(valid: problems.isEmpty, version: catalog?.version, problems: problems.map {
                .init(file: $0.file, path: $0.path, message: $0.message)
            }))
        } else if let catalog {
            Output.line("The catalogue in \(directory) is valid: version \(catalog.version), \(catalog.bundles.count) bundles, \(catalog.regions.count) regions.")
        } else {
            for problem in problems { Output.diagnostic(problem.description) }
        }
        if !problems.isEmpty {
            throw CLIFailure(exitCode: .dataError, lines: global.json ? [] : ["\(problems.count) problem\(problems.count == 1 ? "" : "s") found."])
        }
    }

    struct CheckResult: Encodable {
        struct Problem: Encodable {
            var file, path, message: String
        }
        var valid: Bool
        var version: String?
        var problems: [Problem]
    }
}

struct CatalogExport: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the built-in catalogue's files into a directory, to edit and use with --catalog.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A directory that does not exist yet or is empty.", valueName: "dir"))
    var directory: String

    func perform() throws(CLIFailure) {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw CLIFailure.usage("The directory \(directory) is not empty; choose a new one so that nothing is overwritten.")
        }
        do {
            for file in CatalogLoader.embeddedFiles {
                let url = URL(fileURLWithPath: directory).appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw CLIFailure.io("Cannot write the catalogue into \(directory); check that it is writable.")
        }
        if !global.json {
            Output.line("Wrote \(CatalogLoader.embeddedFiles.count) files to \(directory); check edits with `onething catalog check \(directory)`.")
        }
    }
}
