import Foundation
import Testing
import TestSupport

@Suite("onething --help, --version and usage errors")
struct HelpAndUsageTests {
    struct HelpCase: CustomTestStringConvertible, Sendable {
        var command: [String]
        var mentions: [String]
        var testDescription: String { (["onething"] + command).joined(separator: " ") }
    }

    static let helpCases: [HelpCase] = [
        .init(command: [], mentions: ["init", "catalog", "apply", "list", "show", "status", "--version", "65", "74"]),
        .init(command: ["init"], mentions: ["--hub", "--node-id", "--token-file", "--region", "--db", "chmod 600"]),
        .init(command: ["catalog"], mentions: ["list", "show", "example", "check", "export"]),
        .init(command: ["catalog", "list"], mentions: ["--region", "--json", "--db", "--catalog"]),
        .init(command: ["catalog", "show"], mentions: ["--region", "--json", "<bundle>"]),
        .init(command: ["catalog", "example"], mentions: ["--items", "--region", "<bundle>"]),
        .init(command: ["catalog", "check"], mentions: ["<dir>", "--json"]),
        .init(command: ["catalog", "export"], mentions: ["<dir>"]),
        .init(command: ["apply"], mentions: ["--bundle", "--items", "--data", "--ndjson", "--json", "--db", "--operator"]),
        .init(command: ["list"], mentions: ["--state", "--json", "--db"]),
        .init(command: ["show"], mentions: ["<id>", "--json", "--db"]),
        .init(command: ["status"], mentions: ["--json", "--db"]),
    ]

    @Test(arguments: helpCases)
    func helpExitsZeroAndMentionsTheOptions(_ help: HelpCase) throws {
        let dir = TemporaryDirectory("onething-cli-help")
        let result = try onething.run(help.command + ["--help"], environment: ["ONETHING_DB": dir.file("node.sqlite")])
        #expect(result.code == 0, "\(result.stderr)")
        for word in help.mentions {
            #expect(result.stdout.contains(word), "help of \(help.testDescription) does not mention \(word)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("node.sqlite")), "--help touches no database")
    }

    @Test func helpSubcommandWorksToo() throws {
        let dir = TemporaryDirectory("onething-cli-help")
        let result = try onething.run(["help", "apply"], environment: ["ONETHING_DB": dir.file("node.sqlite")])
        #expect(result.code == 0)
        #expect(result.stdout.contains("--ndjson"))
    }

    @Test func versionPrintsAVersion() throws {
        let dir = TemporaryDirectory("onething-cli-version")
        let result = try onething.run(["--version"], environment: ["ONETHING_DB": dir.file("node.sqlite")])
        #expect(result.code == 0)
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.wholeMatch(of: /\d+\.\d+\.\d+.*/) != nil, "\(version)")
    }

    @Test func anUnknownCommandIsAUsageError() throws {
        let dir = TemporaryDirectory("onething-cli-usage")
        let result = try onething.run(["bogus-command", "--db", dir.file("node.sqlite")])
        #expect(result.code == 64)
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["list", "--bogus-flag"], ["status", "--verbose-please"], ["catalog", "bogus"], ["catalog", "show"],
        ["init", "--hub", "https://hub.example.gov.cn"], ["list", "--db"], ["apply", "--bundle"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let dir = TemporaryDirectory("onething-cli-usage")
        // The database comes from ONETHING_DB, so that a trailing option stays without its value.
        let result = try onething.run(arguments, environment: ["ONETHING_DB": dir.file("node.sqlite")])
        #expect(result.code == 64, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func withoutACommandItPrintsUsage() throws {
        let dir = TemporaryDirectory("onething-cli-usage")
        let result = try onething.run([], environment: ["ONETHING_DB": dir.file("node.sqlite")])
        // ArgumentParser prints the help for a command group run without a subcommand.
        #expect(result.code == 0 || result.code == 64)
        #expect((result.stdout + result.stderr).contains("apply"))
    }

    @Test func dbFromTheEnvironmentIsUsed() throws {
        let node = TestNode()
        let id = try node.fileValid(values: try exampleValues())
        let result = try onething.run(["list", "--json"], environment: ["ONETHING_DB": node.db])
        #expect(result.code == 0)
        let ids = ((result.json() as? [String: Any])?["applications"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == [id])
    }
}
