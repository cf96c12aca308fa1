import ArgumentParser
import Testing

import OneThingCLI
import OneThingDatabase
import OneThingHub
@testable import onething_hub

/// Every code of the hub's errors mapped to `onething-hub`'s exit status and the kind its
/// JSON error objects name, and the sentences it adds that name its flags.
@Suite struct HubExitCodeTests {
    @Test func hubCodes() {
        let config: Set<HubError.Code> = [
            .invalidCatalog, .adminTokenUnusable, .tlsFileUnusable, .plainHTTPOnNetwork, .invalidDatabaseURL, .notOnPostgreSQL,
        ]
        let io: Set<HubError.Code> = [.database, .internalFailure]
        let kinds: [HubError.Code: String] = [
            .noSuchApplication: "not_found", .noSuchItem: "not_found", .noSuchNode: "not_found",
            .notDecidable: "conflict", .nodeExists: "conflict",
        ]
        for code in HubError.Code.all {
            let exit: Int32 = config.contains(code) ? 78 : io.contains(code) ? 74 : 65
            #expect(CLIFailure.exitCode(for: code).rawValue == exit, "\(code)")
            #expect(CLIFailure.kind(of: code) == kinds[code], "\(code)")
        }
        let missing = CLIFailure(HubError.noSuchNode("ward-9"))
        #expect(missing.exitCode == .dataError)
        #expect(missing.kind == "not_found")
        #expect(missing.code.rawValue == "hub.no_such_node")
    }

    @Test func aDatabaseFailureNamesTheHubsFlags() {
        let failure = DatabaseFailure(.notADatabase, path: "/srv/hub.sqlite")
        let cli = CLIFailure(HubError.database(failure))
        #expect(cli.exitCode == .ioError)
        #expect(cli.kind == "io")
        #expect(
            cli.lines == [
                failure.description + " Point --db at the hub's database, or restore it from a backup with `onething-hub restore`."
            ])
        #expect(CLIFailure(HubError.database(DatabaseFailure(.busy, path: "/srv/hub.sqlite"))).exitCode == .temporaryFailure)
        // PostgreSQL: an unreachable or too busy server is temporary, a refusal is configuration.
        let server = "postgres://hub@db.example:5432/hub"
        #expect(CLIFailure(HubError.database(DatabaseFailure(.unavailable, path: server))).exitCode == .temporaryFailure)
        #expect(CLIFailure(HubError.database(DatabaseFailure(.contention, path: server))).exitCode == .temporaryFailure)
        #expect(CLIFailure(HubError.database(DatabaseFailure(.refused, path: server))).exitCode == .config)
    }

    @Test func theAdviceNamesTheFlags() {
        #expect(
            CLIFailure(HubError.missingReason(decision: "reject")).lines == [
                "A decision to reject needs a reason for the applicant (\"reason\" in the request); nothing was recorded. Give it with --reason TEXT."
            ])
        let document = CLIFailure(HubError.missingDocument(item: "household-registration", document: "resident_id_number", waiting: ["a"]))
        #expect(document.lines.last?.hasSuffix("Nothing was recorded. Give it with --document resident_id_number=VALUE.") == true)
        let catalog = CLIFailure(HubError.invalidCatalog(["catalog.json: one.", "catalog.json: two."]))
        #expect(catalog.exitCode == .config)
        #expect(catalog.lines == ["The hub's catalogue cannot be used:", "catalog.json: one.", "catalog.json: two."])
    }
}
