import Foundation
import Testing
import TestSupport

/// `onething export` and `onething metrics` on the built binary.
@Suite("export and metrics commands")
struct ExportMetricsCLITests {
    /// A node with three births, filed at the given moments (set in the database: the binary
    /// files on the machine's clock).
    func node(filedAt moments: [String]) throws -> (TestNode, [String]) {
        let node = TestNode("onething-export")
        let values = try node.example("birth")
        var ids: [String] = []
        for moment in moments {
            let id = try node.fileValid(values: values)
            _ = try node.sql("UPDATE applications SET filed_at = '\(moment)' WHERE id = '\(id)'")
            ids.append(id)
        }
        return (node, ids)
    }

    @Test("CSV to a file: 0600, BOM, CRLF, header and one row per application in range; both date bounds inclusive")
    func csvToFile() throws {
        let (node, ids) = try node(filedAt: [
            "2026-11-09T23:59+08:00", "2026-11-10T00:00+08:00", "2026-11-12T23:59+08:00", "2026-11-13T00:00+08:00",
        ])
        let path = node.file("out.csv")
        let run = try node.run(["export", "--format", "csv", "--from", "2026-11-10", "--to", "2026-11-12", "--output", path])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 4 && lines.last == "")
        #expect(lines[0].hasPrefix("id,province_no,bundle,region,filed_at,state,purged,item:"))
        #expect(lines[1].hasPrefix(ids[1] + ",,birth,"))
        #expect(lines[2].hasPrefix(ids[2] + ",,birth,"))
        // No temporary file is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: node.dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty)
    }

    @Test("NDJSON to stdout: one object per line; --bundle; the export is audited with its filter and count")
    func ndjsonAudited() throws {
        let (node, ids) = try node(filedAt: ["2026-11-20T09:00+08:00", "2026-11-21T09:00+08:00"])
        let run = try node.run(["export", "--format", "ndjson", "--bundle", "birth"])
        #expect(run.code == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.compactMap { $0["id"] as? String } == ids)
        #expect(objects.allSatisfy { ($0["fields"] as? [String: String])?.isEmpty == false })
        let empty = try node.run(["export", "--format", "ndjson", "--bundle", "school-enrolment"])
        #expect(empty.code == 0 && empty.stdout.isEmpty)
        let audit = try node.run(["audit", "--json"])
        let lines2 = try #require((audit.json() as? [String: Any])?["audit"] as? [[String: Any]])
        let exported = lines2.filter { $0["action"] as? String == "exported" }.compactMap { $0["detail"] as? String }
        #expect(exported == [
            "format=ndjson bundle=birth from=- to=- rows=2", "format=ndjson bundle=school-enrolment from=- to=- rows=0",
        ])
        // The audit line names no value of the application.
        let name = try #require((try node.example("birth"))["mother_name"] as? String)
        #expect(!audit.stdout.contains(name))
    }

    @Test("bad input: a bad date or reversed range 64, an unknown bundle or format 65/64, an unwritable output 74 with no file")
    func badInput() throws {
        let (node, _) = try node(filedAt: ["2026-11-20T09:00+08:00"])
        let badDate = try node.run(["export", "--format", "csv", "--from", "2026-02-30"])
        #expect(badDate.code == 64)
        #expect(badDate.stderr.contains("--from must be a date written YYYY-MM-DD"))
        let reversed = try node.run(["export", "--format", "csv", "--from", "2026-11-21", "--to", "2026-11-20"])
        #expect(reversed.code == 64)
        let format = try node.run(["export", "--format", "xlsx"])
        #expect(format.code == 64)
        let bundle = try node.run(["export", "--format", "csv", "--bundle", "no-such-bundle"])
        #expect(bundle.code == 65)
        #expect(bundle.stderr.contains("There is no bundle \"no-such-bundle\""))
        let target = node.file("missing-dir/out.csv")
        let unwritable = try node.run(["export", "--format", "csv", "--output", target])
        #expect(unwritable.code == 74)
        #expect(!FileManager.default.fileExists(atPath: target))
        // An existing file is replaced whole only when the export succeeded.
        let existing = node.file("keep.csv")
        try Data("old".utf8).write(to: URL(fileURLWithPath: existing))
        let failed = try node.run(["export", "--format", "csv", "--bundle", "no-such-bundle", "--output", existing])
        #expect(failed.code == 65)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "old")
    }

    @Test("metrics: Prometheus text with the queue, applications by bundle and state, and the last error's code")
    func metrics() throws {
        let (node, _) = try node(filedAt: ["2026-11-20T09:00+08:00", "2026-11-21T09:00+08:00"])
        var run = try node.run(["metrics"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("# TYPE onething_outbox_entries gauge"))
        #expect(run.stdout.contains("onething_outbox_entries{state=\"queued\"} 2.0\n"))
        #expect(run.stdout.contains("onething_applications{bundle=\"birth\",state=\"queued\"} 2.0\n"))
        #expect(run.stdout.contains("onething_applications{bundle=\"school-enrolment\",state=\"queued\"} 0.0\n"))
        #expect(run.stdout.contains("onething_sync_last_run_failed 0.0\n"))
        #expect(run.stdout.contains("onething_sync_last_success_timestamp_seconds 0.0\n"))
        #expect(!run.stdout.contains("onething_sync_last_error_info"))
        #expect(run.stdout.contains("onething_conflicts_open 0.0\n"))
        _ = try node.sql(
            "UPDATE sync_state SET last_error = 'The hub did not answer.', last_error_code = 'sync.temporary', last_success_at = '2026-11-20T10:00+08:00'")
        run = try node.run(["metrics"])
        #expect(run.stdout.contains("onething_sync_last_error_info{code=\"sync.temporary\"} 1.0\n"))
        #expect(run.stdout.contains("onething_sync_last_run_failed 1.0\n"))
        #expect(run.stdout.contains("onething_sync_last_success_timestamp_seconds 1795140000.0\n"))
        #expect(!run.stdout.contains("did not answer"))
        // Every sample line is `name{labels} value` or `name value`.
        for line in run.stdout.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.wholeMatch(of: /[a-z_]+(\{[a-z_]+="[^"\\\n]*"(,[a-z_]+="[^"\\\n]*")*\})? -?[0-9.e+]+/) != nil, "\(line)")
        }
    }
}
