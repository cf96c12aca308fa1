import Foundation
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
