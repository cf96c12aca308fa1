import Foundation
import GRDB
import OneThingExport
import OneThingModel
import OneThingStore
import TestSupport
import Testing

/// `NodeStore.export`: which applications a filter takes (civil dates in China Standard
/// Time, both ends included), what each row carries, and the audit line it leaves.
@Suite("Export query")
struct ExportQueryTests {
    /// Files one birth at each moment, returning the ids in that order.
    func file(_ store: NodeStore, at moments: [String], bundle: String = "birth") throws -> [String] {
        try moments.map { text in
            let moment = TestMoment.at(text)
            return try store.file(try Examples.validated(bundle, at: moment), filedAt: moment).id
        }
    }

    @Test("--from and --to include their whole day and nothing on either side (00:00 and 23:59, +08:00)")
    func dateBoundaries() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let ids = try file(
            store,
            at: [
                "2026-11-09T23:59+08:00", "2026-11-10T00:00+08:00", "2026-11-12T23:59+08:00", "2026-11-13T00:00+08:00",
            ])
        let filter = ExportFilter(from: CivilDate.parse("2026-11-10"), to: CivilDate.parse("2026-11-12"))
        let rows = try store.export(filter, format: "csv", actor: "cli:test", at: TestMoment.filing)
        #expect(rows.map(\.id) == [ids[1], ids[2]])
        // The same moments written in UTC by another machine are the same days in China.
        #expect(filter.includes(filedAt: try #require(Timestamp.parse("2026-11-09T16:00Z"))))
        #expect(!filter.includes(filedAt: try #require(Timestamp.parse("2026-11-09T15:59Z"))))
        #expect(filter.includes(filedAt: try #require(Timestamp.parse("2026-11-12T15:59Z"))))
        #expect(!filter.includes(filedAt: try #require(Timestamp.parse("2026-11-12T16:00Z"))))
        // One day: from = to.
        let oneDay = ExportFilter(from: CivilDate.parse("2026-11-13"), to: CivilDate.parse("2026-11-13"))
        #expect(try store.export(oneDay, format: "csv", actor: "cli:test", at: TestMoment.filing).map(\.id) == [ids[3]])
        #expect(try store.export(ExportFilter(), format: "csv", actor: "cli:test", at: TestMoment.filing).map(\.id) == ids)
    }

    @Test("--bundle takes that bundle only; each row has its items' states and its fields")
    func bundleAndRowContents() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let birth = try file(store, at: ["2026-11-20T09:00+08:00"])[0]
        let school = try file(store, at: ["2026-11-20T09:30+08:00"], bundle: "school-enrolment")[0]
        let rows = try store.export(ExportFilter(bundle: "birth"), format: "ndjson", actor: "cli:test", at: TestMoment.filing)
        #expect(rows.map(\.id) == [birth])
        let row = try #require(rows.first)
        let detail = try store.application(id: birth)
        #expect(row.fields == detail.fields)
        #expect(!row.fields.isEmpty)
        #expect(row.items.map(\.code) == detail.summary.items.map(\.item))
        #expect(row.items.allSatisfy { $0.state == "pending" })
        #expect(row.state == "queued" && row.bundle == "birth" && row.provinceNo == nil && !row.purged)
        #expect(try store.export(ExportFilter(bundle: "school-enrolment"), format: "csv", actor: "a", at: TestMoment.filing).map(\.id) == [school])
    }

    @Test("every export is audited with who, the format, the filter and the row count, never a value")
    func audited() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        _ = try file(store, at: ["2026-11-20T09:00+08:00", "2026-11-21T09:00+08:00"])
        let filter = ExportFilter(bundle: "birth", from: CivilDate.parse("2026-11-21"))
        _ = try store.export(filter, format: "csv", actor: "cli:registrar", at: TestMoment.filing)
        let line = try #require(try store.auditLog().last)
        #expect(line.action == "exported")
        #expect(line.actor == "cli:registrar")
        #expect(line.applicationId == nil)
        #expect(line.detail == "format=csv bundle=birth from=2026-11-21 to=- rows=1")
        // An empty export is audited too.
        _ = try store.export(ExportFilter(bundle: "school-enrolment"), format: "ndjson", actor: "cli:registrar", at: TestMoment.filing)
        #expect(try store.auditLog().last?.detail == "format=ndjson bundle=school-enrolment from=- to=- rows=0")
    }

    @Test("a purged application exports its receipt and item states without personal data")
    func purgedWithoutPersonalData() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let store = try NodeStore.open(path: path)
        let ids = try file(store, at: ["2026-11-20T09:00+08:00", "2026-11-20T10:00+08:00"])
        let before = try store.application(id: ids[0]).fields
        // Decided long ago and acknowledged: what retention purges.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: "UPDATE applications SET decided_at = '2026-11-20T12:00+08:00', province_no = 'FJ0000000001' WHERE id = ?",
                arguments: [ids[0]])
            try db.execute(sql: "UPDATE application_items SET state = 'approved' WHERE application_id = ?", arguments: [ids[0]])
            try db.execute(sql: "UPDATE outbox SET state = 'acked' WHERE application_id = ?", arguments: [ids[0]])
        }
        let report = try store.purge(decidedBefore: TestMoment.at("2026-11-25T00:00+08:00"), actor: "cli:test", at: TestMoment.filing)
        #expect(report.applications == 1)
        let rows = try store.export(ExportFilter(), format: "csv", actor: "cli:test", at: TestMoment.filing)
        let purged = try #require(rows.first { $0.id == ids[0] })
        #expect(purged.purged && purged.fields.isEmpty)
        #expect(purged.provinceNo == "FJ0000000001" && purged.items.allSatisfy { $0.state == "approved" })
        let kept = try #require(rows.first { $0.id == ids[1] })
        #expect(!kept.purged && !kept.fields.isEmpty)
        let text = ExportDocument.render(rows, format: .csv, bundles: try Examples.catalog().bundles)
            + ExportDocument.render(rows, format: .ndjson, bundles: [])
        let motherName = try #require(before["mother_name"])
        // The other application's mother may share the example's name: look at the purged row.
        let purgedLines = text.split(whereSeparator: \.isNewline).filter { $0.contains(ids[0]) }
        #expect(purgedLines.count == 2)
        #expect(purgedLines.allSatisfy { !$0.contains(motherName) })
    }
}
