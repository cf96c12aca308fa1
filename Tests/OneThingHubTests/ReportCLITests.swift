import Foundation
import GRDB
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// `onething-hub report` and `decide --officer` through the built binary, on records whose
/// times the test states (pushed and decided in-process with stated moments).
@Suite("onething-hub report and --officer", .enabled(if: FileManager.default.isExecutableFile(atPath: BuiltBinary("onething-hub").path)))
struct ReportCLITests {
    let binary = BuiltBinary("onething-hub")

    @Test("report --json counts what was received and decided in the range; the day after the range counts nothing", arguments: HubBackend.available)
    func reportJSON(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let received = TestMoment.at("2026-11-26T10:00+08:00")  // a Thursday
        let results = try await hub.store.push(
            node: hub.node, entries: [try SyntheticEntries.newApplication(seq: 1)], catalog: hub.catalog, at: received
        ).results
        let number = try #require(results.first?.provinceNo)
        _ = try await hub.store.decide(
            provinceNo: number, item: "birth-certificate", DecisionRequest(decision: .approve, officer: "officer-3"),
            at: TestMoment.at("2026-11-27T15:00+08:00").description)

        let run = try binary.run(["report", "--json", "--from", "2026-11-26", "--to", "2026-11-27", "--db", hub.store.location])
        #expect(run.code == 0, "\(run.stderr)")
        let report = try JSONDecoder().decode(ReformReport.self, from: Data(run.stdout.utf8))
        let certificate = try #require(report.items.first { $0.item == "birth-certificate" })
        #expect(certificate.received == 1)
        #expect(certificate.decided == 1)
        #expect(certificate.medianDays == 1)  // Thursday to Friday
        #expect(report.nodes.first?.node == hub.node)
        #expect(report.items.count == 6)

        let after = try binary.run(["report", "--json", "--from", "2026-11-28", "--to", "2026-11-28", "--db", hub.store.location])
        let empty = try JSONDecoder().decode(ReformReport.self, from: Data(after.stdout.utf8))
        #expect(empty.items.allSatisfy { $0.received == 0 && $0.decided == 0 })

        let table = try binary.run(["report", "--from", "2026-11-26", "--to", "2026-11-27", "--db", hub.store.location])
        #expect(table.code == 0)
        #expect(table.stdout.contains("birth-certificate") && table.stdout.contains("ON TIME"))
    }

    @Test("report refuses a malformed date and a range that ends before it starts (exit 64)", arguments: HubBackend.available)
    func reportUsage(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        for arguments in [["--from", "2026-13-01"], ["--to", "yesterday"], ["--from", "2026-12-02", "--to", "2026-12-01"]] {
            let run = try binary.run(["report"] + arguments + ["--db", hub.store.location])
            #expect(run.code == 64, "\(arguments): \(run.stderr)")
        }
        let sameDay = try binary.run(["report", "--from", "2026-12-01", "--to", "2026-12-01", "--db", hub.store.location])
        #expect(sameDay.code == 0, "\(sameDay.stderr)")
    }

    @Test("decide records --officer, else the user running the command", arguments: HubBackend.available)
    func officer(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let results = try await hub.store.push(
            node: hub.node, entries: [try SyntheticEntries.newApplication(seq: 1)], catalog: hub.catalog, at: TestMoment.filing
        ).results
        let number = try #require(results.first?.provinceNo)
        let named = try binary.run(["decide", number, "birth-certificate", "approve", "--officer", "officer-8", "--db", hub.store.location])
        #expect(named.code == 0, "\(named.stderr)")
        let unnamed = try binary.run(
            ["decide", number, "vaccination-certificate", "approve", "--db", hub.store.location], environment: ["USER": "clerk-of-test"])
        #expect(unnamed.code == 0, "\(unnamed.stderr)")
        let items = try await hub.store.application(number).items
        #expect(items.first { $0.item == "birth-certificate" }?.decidedBy == "officer-8")
        #expect(items.first { $0.item == "vaccination-certificate" }?.decidedBy == "clerk-of-test")
    }
}

/// `onething-hub export` through the built binary, on applications received at stated moments.
@Suite("onething-hub export", .enabled(if: FileManager.default.isExecutableFile(atPath: BuiltBinary("onething-hub").path)))
struct HubExportCLITests {
    let binary = BuiltBinary("onething-hub")

    /// Two applications received on the days either side of midnight (China Standard Time).
    func hubWithTwo(_ backend: HubBackend = .sqlite) async throws -> HubFixture {
        let hub = try await HubFixture(backend)
        for (seq, moment) in [(Int64(1), "2026-11-30T23:59+08:00"), (2, "2026-12-01T00:00+08:00")] {
            let results = try await hub.store.push(
                node: hub.node, entries: [try SyntheticEntries.newApplication(seq: seq)], catalog: hub.catalog,
                at: TestMoment.at(moment)
            ).results
            #expect(results.first?.status == .accepted)
        }
        return hub
    }

    @Test(
        "CSV for Excel: BOM, CRLF, a row per application received in the days asked, both ends included; audited with the officer",
        arguments: HubBackend.available)
    func csvByDay(_ backend: HubBackend) async throws {
        let hub = try await hubWithTwo(backend)
        let run = try binary.run(
            ["export", "--format", "csv", "--from", "2026-12-01", "--to", "2026-12-01", "--officer", "stats-1", "--db", hub.store.location])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("\u{FEFF}"))
        let lines = run.stdout.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == 2)  // the header and the application received at 00:00 on the 1st
        #expect(lines.first?.contains("item:birth-certificate") == true)
        #expect(lines.last?.contains("FJ0000000002") == true)
        let dayBefore = try binary.run(["export", "--format", "csv", "--to", "2026-11-30", "--db", hub.store.location])
        #expect(dayBefore.stdout.split(separator: "\r\n").count == 2)
        #expect(dayBefore.stdout.contains("FJ0000000001") && !dayBefore.stdout.contains("FJ0000000002"))
        let audit: [String] = try await hub.store.reading { db in
            try db.values("SELECT actor || ' ' || detail FROM audit_log ORDER BY seq")
        }
        #expect(audit.first == "stats-1 format=csv bundle=all from=2026-12-01 to=2026-12-01 rows=1")
        #expect(audit.count == 2)
    }

    @Test(
        "NDJSON to a file written whole (0600); an unknown bundle is 65, a bad date 64, and neither writes anything",
        arguments: HubBackend.available)
    func ndjsonAndRefusals(_ backend: HubBackend) async throws {
        let hub = try await hubWithTwo(backend)
        let file = hub.directory.file("export.ndjson")
        let run = try binary.run(["export", "--format", "ndjson", "--bundle", "birth", "--output", file, "--db", hub.store.location])
        #expect(run.code == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let other = hub.directory.file("refused.csv")
        let unknown = try binary.run(["export", "--format", "csv", "--bundle", "no-such", "--output", other, "--db", hub.store.location])
        #expect(unknown.code == 65)
        let badDate = try binary.run(["export", "--format", "csv", "--from", "2026-02-30", "--output", other, "--db", hub.store.location])
        #expect(badDate.code == 64)
        #expect(!FileManager.default.fileExists(atPath: other))
    }
}
