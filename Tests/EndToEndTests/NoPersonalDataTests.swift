import Foundation
import TestSupport
import Testing

/// Runs the node's and the hub's commands with known synthetic personal values, including
/// refusals and failures, and scans every diagnostic (stderr of each command, the hub's
/// log) for those values: none may appear. (stdout of `show`, `conflicts show` and the like
/// is the clerk's own display of the application and is not scanned.)
@Suite("No personal data in diagnostics or logs", .serialized)
struct NoPersonalDataTests {
    @Test("every command's stderr and the hub's log are free of the applicant's values")
    func scan() throws {
        let loop = Loop()
        let hubLog = loop.dir.file("hub.log")
        let hub = try HubProcess(
            database: loop.hubDB, directory: loop.dir, arguments: [], environment: ["LOG_LEVEL": "debug"], logFile: hubLog)
        _ = try loop.setUpNode(url: hub.url)
        let example = try #require(try loop.node(["catalog", "example", "birth"]).json() as? [String: Any])
        let secrets = ["mother_id_number", "father_id_number", "mother_name", "father_name", "newborn_name", "mother_phone",
                       "bank_card_no", "household_address", "delivery_address", "marriage_certificate_no"]
            .compactMap { example[$0].map { "\($0)" } }
        #expect(secrets.count >= 8)
        var diagnostics: [(String, String)] = []
        func run(_ label: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = ["ONETHING_LOG_LEVEL": "debug"]) throws -> BuiltBinary.Run {
            let result = try loop.node.run(
                arguments + ["--db", loop.nodeDB], stdin: stdin.map { Data($0.utf8) }, environment: environment)
            diagnostics.append((label, result.stderr))
            return result
        }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: example), as: UTF8.self)
        let id = try run("apply", ["apply", "--bundle", "birth", "--data", "-"], stdin: text).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try run("apply duplicate", ["apply", "--bundle", "birth", "--data", "-", "--json"], stdin: text)
        // Refusals: a wrong check digit, a bad phone, garbage JSON, an unknown field.
        var wrong = example
        wrong["mother_phone"] = "1234567"
        _ = try run("apply refused", ["apply", "--bundle", "birth", "--data", "-"], stdin: String(decoding: try JSONSerialization.data(withJSONObject: wrong), as: UTF8.self))
        _ = try run("apply garbage", ["apply", "--bundle", "birth", "--data", "-"], stdin: "{\"mother_name\": \"\(example["mother_name"] ?? "")\"")
        _ = try run("amend refused", ["amend", id, "--data", "-"], stdin: "{\"mother_phone\": \"\(example["mother_id_number"] ?? "")\"}")
        _ = try run("amend", ["amend", id, "--data", "-"], stdin: "{\"mother_phone\": \"13900000009\"}")
        _ = try run("sync", ["sync", "--json"])
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        _ = try loop.hub(["amend", number, "--data", "-"], stdin: "{\"delivery_address\": \"福建省福州市台江区测试街9号\"}")
        _ = try run("amend conflicting", ["amend", id, "--data", "-"], stdin: "{\"delivery_address\": \"福建省福州市仓山区样例路3号\"}")
        _ = try run("sync with a conflict", ["sync"])
        _ = try run("conflicts list", ["conflicts", "list", "--json"])
        _ = try run("resolve", ["conflicts", "resolve", id, "--keep", "hub"])
        _ = try run("sync again", ["sync"])
        _ = try run("status", ["status", "--json"])
        _ = try run("audit", ["audit", "--json"])
        _ = try run("show of an unknown id", ["show", "OT-0000000000"])
        hub.stop()
        _ = try run("sync with the hub down", ["sync", "--retry-budget", "0"])
        let log = (try? String(contentsOfFile: hubLog, encoding: .utf8)) ?? ""
        #expect(!log.isEmpty, "the hub's log was captured")
        diagnostics.append(("hub log", log))
        for (label, output) in diagnostics {
            for secret in secrets where output.contains(secret) {
                Issue.record("\(label) printed an applicant's value (\(secret.count) characters) on stderr or in the log")
            }
        }
    }
}
