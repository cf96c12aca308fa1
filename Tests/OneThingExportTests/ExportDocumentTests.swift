import OneThingExport
import OneThingModel
import OneThingWire
import TestSupport
import Testing

@Suite("Export documents")
struct ExportDocumentTests {
    static func bundles() throws -> [BundleDefinition] { try Examples.catalog().bundles }

    static func row(
        _ id: String, bundle: String = "birth", fields: [String: String], items: [(String, String)] = [], purged: Bool = false
    ) -> ExportedApplication {
        ExportedApplication(
            id: id, provinceNo: id == "OT-0000000001" ? "FJ0000000001" : nil, bundle: bundle, region: "350102",
            filedAt: "2026-11-26T10:00+08:00", state: "accepted", items: items.map { ExportedItem(code: $0.0, state: $0.1) },
            fields: fields, purged: purged)
    }

    @Test("CSV: BOM, header of fixed columns, items and fields in catalogue order, CRLF, one row per application")
    func csvLayout() throws {
        let bundles = try Self.bundles()
        let birth = try #require(bundles.first { $0.code == "birth" })
        let rows = [
            Self.row("OT-0000000001", fields: ["mother_name": "王丽", "mother_address": "福州市, 鼓楼区"], items: [("birth-certificate", "approved")]),
            Self.row("OT-0000000002", fields: ["mother_name": "=cmd|' /C calc'!A0"]),
        ]
        let text = ExportDocument.render(rows, format: .csv, bundles: [birth])
        #expect(text.hasPrefix("\u{FEFF}id,province_no,bundle,region,filed_at,state,purged,item:"))
        let lines = text.dropFirst().components(separatedBy: "\r\n")
        #expect(lines.count == 4 && lines[3].isEmpty)  // header, two rows, and the final CRLF
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.filter { $0.hasPrefix("item:") } == birth.items.map { "item:" + $0.code })
        // The birth bundle's fields in catalogue order, then a field only stored (no longer catalogued).
        #expect(Array(header.suffix(birth.fields.count + 1)) == birth.fields.map(\.id) + ["mother_address"])
        #expect(lines[1].hasPrefix("OT-0000000001,FJ0000000001,birth,350102,2026-11-26T10:00+08:00,accepted,false,approved,"))
        #expect(lines[1].hasSuffix(",\"福州市, 鼓楼区\""))
        #expect(lines[2].contains(",\"'=cmd|' /C calc'!A0\"") || lines[2].contains(",'=cmd|' /C calc'!A0"))
        // Every row has as many cells as the header (no field value holds a comma here but the quoted one).
        #expect(lines[2].split(separator: ",", omittingEmptySubsequences: false).count == header.count)
        #expect(!text.contains("\n\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("CSV over several bundles: the union of their columns, each once, then fields only stored (older catalogue), sorted")
    func csvUnion() throws {
        let bundles = try Self.bundles()
        let rows = [
            Self.row("OT-0000000003", bundle: "school-enrolment", fields: ["zz_retired": "x", "aa_retired": "y"]),
        ]
        let columns = ExportColumns.plan(bundles: bundles, rows: rows)
        let expected = bundles.flatMap { $0.fields.map(\.id) }
        var unique: [String] = []
        for id in expected where !unique.contains(id) { unique.append(id) }
        #expect(columns.fields == unique + ["aa_retired", "zz_retired"])
        #expect(Set(columns.fields).count == columns.fields.count)
        #expect(columns.cells(rows[0]).count == columns.header.count)
    }

    @Test("a purged application: its row has the receipt and item states, every field cell empty")
    func purged() throws {
        let bundles = try Self.bundles()
        let row = Self.row("OT-0000000001", fields: ["mother_name": "王丽"], items: [("birth-certificate", "issued")], purged: true)
        #expect(row.fields.isEmpty)
        let columns = ExportColumns.plan(bundles: bundles, rows: [row])
        let cells = columns.cells(row)
        #expect(cells[6] == "true")
        #expect(cells.suffix(columns.fields.count).allSatisfy { $0.isEmpty })
        let line = ExportDocument.render([row], format: .ndjson, bundles: bundles)
        #expect(!line.contains("王丽"))
    }

    @Test("NDJSON: one object per line, read back by the project's strict reader, values as stored (no formula guard)")
    func ndjson() throws {
        let rows = [
            Self.row("OT-0000000001", fields: ["mother_name": "王丽", "note": "line\nbreak \"quoted\""], items: [("birth-certificate", "approved")]),
            Self.row("OT-0000000002", fields: ["mother_name": "=1+1"]),
        ]
        let text = ExportDocument.render(rows, format: .ndjson, bundles: [])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        let first = try JSONCodec.decode(ExportLine.self, from: String(lines[0]))
        #expect(first.fields["note"] == "line\nbreak \"quoted\"")
        #expect(first.items == ["birth-certificate": "approved"])
        #expect(first.provinceNo == "FJ0000000001" && !first.purged)
        let second = try JSONCodec.decode(ExportLine.self, from: String(lines[1]))
        #expect(second.fields["mother_name"] == "=1+1")
        #expect(second.provinceNo == nil)
        #expect(lines[1].contains("\"province_no\":null"))
        #expect(ExportDocument.render([], format: .ndjson, bundles: []) == "")
    }

    @Test("the filter's bounds: from 00:00+08:00 of --from to before 00:00+08:00 of the day after --to")
    func filterBounds() throws {
        let filter = ExportFilter(from: CivilDate.parse("2026-12-31"), to: CivilDate.parse("2026-12-31"))
        #expect(filter.filedFrom?.description == "2026-12-31T00:00+08:00")
        #expect(filter.filedBefore?.description == "2027-01-01T00:00+08:00")
        #expect(!filter.includes(filedAt: try #require(Timestamp.parse("2026-12-30T23:59+08:00"))))
        #expect(filter.includes(filedAt: try #require(Timestamp.parse("2026-12-31T00:00+08:00"))))
        #expect(filter.includes(filedAt: try #require(Timestamp.parse("2026-12-31T23:59+08:00"))))
        #expect(!filter.includes(filedAt: try #require(Timestamp.parse("2027-01-01T00:00+08:00"))))
        #expect(ExportFilter().includes(filedAt: try #require(Timestamp.parse("0001-01-01T00:00+08:00"))))
        #expect(filter.description == "bundle=all from=2026-12-31 to=2026-12-31")
    }
}
