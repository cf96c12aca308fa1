import Foundation
import OneThingModel
import Testing
import TestSupport

/// `apply --ndjson` run again on the same file (after it completed, or after it was killed
/// part-way) files no line twice: every line answers with its application's id.
@Suite("onething apply --ndjson, run again")
struct BatchReimportTests {
    /// A valid birth line for synthetic mother `serial` (0..<2,000 give different mothers).
    static func values(_ serial: Int) throws -> [String: Any] {
        var values = try exampleValues()
        let group = serial / 50
        let born = try #require(CivilDate(year: 1990 + group / 12, month: 1 + group % 12, day: 1 + serial % 28))
        values["mother_id_number"] = SyntheticPeople.idNumber(born: born, sex: .female, serial: serial)
        values["mother_name"] = SyntheticPeople.names[serial % SyntheticPeople.names.count]
        return values
    }

    static func line(_ serial: Int) throws -> String { try jsonLine(try values(serial)) }

    /// The JSON result lines of a run, by input line number.
    static func results(_ stdout: String) -> [Int: [String: Any]] {
        var out: [Int: [String: Any]] = [:]
        for text in lines(stdout) {
            guard let object = parseJSON(text) as? [String: Any], let line = object["line"] as? Int else { continue }
            out[line] = object
        }
        return out
    }

    func count(_ node: TestNode, _ table: String) throws -> Int {
        Int(try node.sql("SELECT COUNT(*) FROM \(table)")) ?? -1
    }

    @Test func theSameFileRunTwiceFilesNothingTheSecondTimeAndAnswersTheSameIDs() throws {
        let node = TestNode()
        let batch = try (0..<5).map { try Self.line($0) }.joined(separator: "\n") + "\n"
        let path = try node.write("batch.ndjson", Data(batch.utf8))
        let first = try node.run(["apply", "--bundle", "birth", "--ndjson", path, "--json"])
        #expect(first.code == 0, "\(first.stderr)")
        let firstResults = Self.results(first.stdout)
        #expect(firstResults.count == 5)
        #expect(firstResults.values.allSatisfy { $0["already_filed"] as? Bool == false })

        let second = try node.run(["apply", "--bundle", "birth", "--ndjson", path, "--json"])
        #expect(second.code == 0, "\(second.stderr)")
        let secondResults = Self.results(second.stdout)
        #expect(secondResults.count == 5, "a result line for every line: \(second.stdout)")
        for line in 1...5 {
            #expect(secondResults[line]?["already_filed"] as? Bool == true, "line \(line): \(second.stdout)")
            #expect(secondResults[line]?["id"] as? String == firstResults[line]?["id"] as? String, "line \(line) answers its id")
        }
        #expect(try count(node, "applications") == 5)
        #expect(try count(node, "outbox") == 5)

        let text = try node.run(["apply", "--bundle", "birth", "--ndjson", path])
        #expect(text.code == 0)
        let id1 = try #require(firstResults[1]?["id"] as? String)
        #expect(lines(text.stdout).first == "line 1: \(id1) (already filed)", "\(text.stdout)")
        #expect(try count(node, "applications") == 5)
    }

    @Test func whiteSpaceKeyOrderAndFullWidthDigitsDoNotMakeANewApplication() throws {
        let node = TestNode()
        let values = try Self.values(7)
        let plain = try jsonLine(values)
        // The same application written differently: keys in reverse order, spaces around
        // values and between tokens, the phone number in full-width digits.
        var parts: [String] = []
        for key in values.keys.sorted().reversed() {
            var value = try #require(values[key] as? String)
            if key == "mother_phone" {
                value = String(value.unicodeScalars.map { scalar in
                    ("0"..."9").contains(Character(scalar)) ? Character(Unicode.Scalar(scalar.value + 0xFEE0) ?? scalar) : Character(scalar)
                })
            }
            let encoded = String(decoding: try JSONSerialization.data(withJSONObject: ["  " + value + " "]), as: UTF8.self)
            parts.append("\"\(key)\" :  \(encoded.dropFirst().dropLast())")
        }
        let reworded = "{ " + parts.joined(separator: " ,\t") + " }"
        let batch = plain + "\n" + reworded + "\n"
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", "-", "--json"], stdin: Data(batch.utf8))
        #expect(result.code == 0, "\(result.stderr)")
        let results = Self.results(result.stdout)
        #expect(results[1]?["already_filed"] as? Bool == false)
        #expect(results[2]?["already_filed"] as? Bool == true, "the second spelling is the same line: \(result.stdout)")
        #expect(results[2]?["id"] as? String == results[1]?["id"] as? String)
        #expect(try count(node, "applications") == 1)
    }

    @Test func aLineWithASourceIDIsKeyedByItAndTheFieldIsNotAnApplicationField() throws {
        let node = TestNode()
        var first = try Self.values(11)
        first["_source_id"] = "HIS-2026-000117"
        var changed = first
        changed["mother_name"] = SyntheticPeople.names[3]  // corrected in the exporting system since
        var numeric = try Self.values(12)
        numeric["_source_id"] = 4711
        var other = try Self.values(11)
        other["_source_id"] = "HIS-2026-000118"  // the same content, another record: its own application
        let batch = try [first, changed, numeric, other].map { try jsonLine($0) }.joined(separator: "\n")
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", "-", "--json"], stdin: Data(batch.utf8))
        #expect(result.code == 0, "\(result.stderr)")
        let results = Self.results(result.stdout)
        #expect(results.count == 4)
        #expect(results[1]?["already_filed"] as? Bool == false)
        #expect(results[2]?["already_filed"] as? Bool == true)
        #expect(results[2]?["id"] as? String == results[1]?["id"] as? String)
        #expect(results[3]?["already_filed"] as? Bool == false)
        #expect(results[4]?["already_filed"] as? Bool == false)
        #expect(Set(results.values.compactMap { $0["id"] as? String }).count == 3)
        let id = try #require(results[1]?["id"] as? String)
        let fields = try #require(try node.shown(id)["fields"] as? [String: Any])
        #expect(fields["_source_id"] == nil, "the source id is not stored as a field")
        #expect(!result.stdout.contains("HIS-2026") && !result.stderr.contains("HIS-2026"))

        let again = try node.run(["apply", "--bundle", "birth", "--ndjson", "-", "--json"], stdin: Data(batch.utf8))
        #expect(again.code == 0)
        #expect(Self.results(again.stdout).values.allSatisfy { $0["already_filed"] as? Bool == true })
        #expect(try count(node, "applications") == 3)
    }

    @Test(arguments: [#"true"#, #"{"id": 1}"#, #""""#, #"1.5"#])
    func aSourceIDThatIsNotAnIDRefusesItsLine(_ value: String) throws {
        let node = TestNode()
        var line = try Self.line(13)
        line = "{\"_source_id\": \(value), " + line.dropFirst()
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", "-", "--json"], stdin: Data(line.utf8))
        #expect(result.code == 65, "\(result.stdout)")
        let problems = try #require(Self.results(result.stdout)[1]?["problems"] as? [[String: Any]])
        #expect(problems.contains { $0["field"] as? String == "_source_id" })
        #expect(try count(node, "applications") == 0)
    }

    @Test func theSourceIDFieldIsStillUnknownToApplyData() throws {
        let node = TestNode()
        var values = try Self.values(14)
        values["_source_id"] = "HIS-1"
        let result = try node.apply(data: try jsonData(values), json: true)
        #expect(result.code == 65, "--data files one application as before: \(result.stdout)")
        #expect(JSONFailure(result.stderr)?.fields.contains("_source_id") == true, "\(result.stderr)")
    }

    /// 2,000 lines, the import killed with SIGKILL once some lines are committed, then run
    /// again: every line filed exactly once, every line with a result line in the second run,
    /// and the lines the first run reported keep their ids.
    @Test func anImportKilledPartWayAndRunAgainFilesEveryLineExactlyOnce() throws {
        let node = TestNode()
        let total = 2_000
        let batch = try (0..<total).map { try Self.line($0) }.joined(separator: "\n") + "\n"
        let path = try node.write("export.ndjson", Data(batch.utf8))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: onething.path)
        process.arguments = ["apply", "--bundle", "birth", "--ndjson", path, "--json", "--db", node.db]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = Data()
        while lines(String(decoding: printed, as: UTF8.self)).count < 40 {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed.append(chunk)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the import ended before it was killed")
        printed.append(out.fileHandleForReading.readDataToEndOfFile())
        // Only complete lines count: the kill may cut the last one.
        let firstText = String(decoding: printed, as: UTF8.self)
        let firstResults = Self.results(firstText)
        let stored = try count(node, "applications")
        #expect(firstResults.count >= 40)
        #expect(stored >= firstResults.count, "a result line is written only after its commit")
        #expect(stored < total, "killed part-way")

        let second = try node.run(["apply", "--bundle", "birth", "--ndjson", path, "--json"])
        #expect(second.code == 0, "\(second.stderr)")
        let secondResults = Self.results(second.stdout)
        #expect(secondResults.count == total, "a result line for every line")
        #expect(Set(secondResults.keys) == Set(1...total))
        let already = secondResults.values.filter { $0["already_filed"] as? Bool == true }.count
        #expect(already == stored, "the lines committed before the kill, and only those, were filed before")
        for (line, result) in firstResults {
            #expect(secondResults[line]?["id"] as? String == result["id"] as? String, "line \(line) keeps its id")
        }
        #expect(Set(secondResults.values.compactMap { $0["id"] as? String }).count == total)
        #expect(try count(node, "applications") == total, "every line filed exactly once")
        #expect(try count(node, "outbox") == total)
        #expect(try node.sql("SELECT COUNT(DISTINCT import_key) FROM applications") == String(total))
        #expect(try node.sql("PRAGMA integrity_check") == "ok")
    }
}
