import Foundation
import OneThingModel
import Testing
import TestSupport

@Suite("onething apply --ndjson")
struct BatchApplyTests {
    /// A valid birth line for a synthetic mother (so that every line is a different person).
    func goodLine(_ serial: Int) throws -> String {
        var values = try exampleValues()
        let born = try #require(CivilDate(year: 1994, month: 3, day: 1 + serial % 28))
        values["mother_id_number"] = SyntheticPeople.idNumber(born: born, sex: .female, serial: serial)
        values["mother_name"] = SyntheticPeople.names[serial % SyntheticPeople.names.count]
        return try jsonLine(values)
    }

    static let badPhone = "13912"

    func invalidValueLine() throws -> String {
        var values = try exampleValues()
        values["mother_phone"] = Self.badPhone
        return try jsonLine(values)
    }

    let malformedLine = #"{"newborn_name": "陈小测", "newborn_sex": "#

    /// 5 lines: good, malformed, good, invalid value, good.
    func mixedBatch() throws -> String {
        [try goodLine(1), malformedLine, try goodLine(2), try invalidValueLine(), try goodLine(3)].joined(separator: "\n") + "\n"
    }

    @Test func aMixedBatchFilesTheGoodLinesAndReportsEveryLineInOrder() throws {
        let node = TestNode()
        let path = try node.write("batch.ndjson", Data(try mixedBatch().utf8))
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", path])
        #expect(result.code == 65, "\(result.stderr)")
        let out = lines(result.stdout)
        try #require(out.count == 5, "one result line per input line: \(result.stdout)")
        var filed: [String] = []
        for (index, line) in out.enumerated() {
            let prefix = "line \(index + 1): "
            #expect(line.hasPrefix(prefix), "\(line)")
            let rest = String(line.dropFirst(prefix.count))
            if [2, 4].contains(index + 1) {
                #expect(rest.hasPrefix("refused: "), "\(line)")
            } else {
                #expect(isApplicationID(rest), "\(line)")
                filed.append(rest)
            }
        }
        #expect(out[3].contains("mother_phone"), "the refusal names the field: \(out[3])")
        #expect(!result.stdout.contains(Self.badPhone) && !result.stderr.contains(Self.badPhone))
        #expect(Set(filed).count == 3)
        #expect(try node.listedIDs() == Set(filed), "the good lines stay filed")
        #expect(result.stderr.contains("2"), "stderr sums up the refusals: \(result.stderr)")
    }

    @Test func jsonGivesOneObjectPerLine() throws {
        let node = TestNode()
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", "-", "--json"], stdin: Data(try mixedBatch().utf8))
        #expect(result.code == 65)
        let objects = lines(result.stdout).map { parseJSON($0) as? [String: Any] }
        try #require(objects.count == 5, "\(result.stdout)")
        var ids: [String] = []
        for (index, object) in objects.enumerated() {
            let object = try #require(object, "line \(index + 1) of the output is not a JSON object")
            #expect(object["line"] as? Int == index + 1)
            if [2, 4].contains(index + 1) {
                #expect(object["id"] == nil || object["id"] is NSNull)
                let problems = try #require(object["problems"] as? [[String: Any]], "\(object)")
                #expect(!problems.isEmpty)
                for problem in problems { #expect((problem["message"] as? String)?.isEmpty == false) }
                if index + 1 == 4 {
                    #expect(problems.contains { $0["field"] as? String == "mother_phone" })
                }
            } else {
                let id = try #require(object["id"] as? String, "\(object)")
                #expect(isApplicationID(id))
                #expect(object["problems"] == nil || object["problems"] is NSNull)
                ids.append(id)
            }
        }
        #expect(try node.listed().count == 3)
        #expect(try node.listedIDs() == Set(ids))
    }

    @Test func blankLinesAreSkippedAndKeepTheirNumbers() throws {
        let node = TestNode()
        let batch = "\n" + (try goodLine(4)) + "\n   \n\t\n" + (try goodLine(5)) + "\r\n\n"
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", "-"], stdin: Data(batch.utf8))
        #expect(result.code == 0, "\(result.stderr)")
        let out = lines(result.stdout)
        #expect(out.count == 2, "\(result.stdout)")
        #expect(out.first?.hasPrefix("line 2: OT-") == true, "\(result.stdout)")
        #expect(out.last?.hasPrefix("line 5: OT-") == true, "\(result.stdout)")
        #expect(try node.listed().count == 2)
    }

    @Test func anAllValidBatchExitsZero() throws {
        let node = TestNode()
        let batch = try (10..<14).map { try goodLine($0) }.joined(separator: "\n")  // no final newline
        let path = try node.write("batch.ndjson", Data(batch.utf8))
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", path])
        #expect(result.code == 0, "\(result.stderr)")
        let out = lines(result.stdout)
        #expect(out.count == 4)
        for (index, line) in out.enumerated() {
            #expect(line.hasPrefix("line \(index + 1): OT-"), "\(line)")
        }
        #expect(try node.listed().count == 4)
    }

    @Test func aSchoolBatchWithItemsIsFiledWithThoseItems() throws {
        let node = TestNode()
        let items = ["enrolment-registration", "vaccination-check"]
        let line = try jsonLine(try exampleValues("school-enrolment", items: items))
        let result = try node.run(
            ["apply", "--bundle", "school-enrolment", "--items", items.joined(separator: ","), "--ndjson", "-", "--json"],
            stdin: Data((line + "\n" + line + "\n").utf8))
        #expect(result.code == 0, "\(result.stderr)")
        // Two identical lines are one application: the second answers with the first's id.
        let results = lines(result.stdout).compactMap { parseJSON($0) as? [String: Any] }
        #expect(results.count == 2)
        #expect(results.last?["already_filed"] as? Bool == true, "\(result.stdout)")
        #expect(results.first?["id"] as? String == results.last?["id"] as? String)
        let listed = try node.listed()
        #expect(listed.count == 1)
        for app in listed {
            let filedItems = (app["items"] as? [[String: Any]])?.compactMap { $0["item"] as? String }
            #expect(filedItems == items)
        }
    }

    @Test func aBatchOfOnlyRefusedLinesStoresNothing() throws {
        let node = TestNode()
        let batch = [malformedLine, try invalidValueLine(), "[1, 2, 3]"].joined(separator: "\n")
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", "-"], stdin: Data(batch.utf8))
        #expect(result.code == 65)
        let out = lines(result.stdout)
        #expect(out.count == 3)
        #expect(out.allSatisfy { $0.contains("refused") })
        #expect(try node.listedIDs().isEmpty)
    }

    @Test func anInvalidUTF8LineIsRefusedAndTheOthersFiled() throws {
        let node = TestNode()
        var batch = Data((try goodLine(20) + "\n").utf8)
        batch.append(contentsOf: Data(#"{"mother_name": ""#.utf8))
        batch.append(contentsOf: [0xC3, 0x28, 0xFF])
        batch.append(contentsOf: Data("\"}\n".utf8))
        batch.append(contentsOf: Data((try goodLine(21) + "\n").utf8))
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", "-"], stdin: batch)
        #expect(result.code == 65)
        let out = lines(result.stdout)
        #expect(out.count == 3)
        #expect(out.count == 3 && out[1].hasPrefix("line 2: refused"), "\(result.stdout)")
        #expect(try node.listed().count == 2)
    }

    @Test func aNonexistentBatchFileIsAnIOError() throws {
        let node = TestNode()
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", node.file("missing.ndjson")])
        #expect(result.code == 74)
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnknownBundleRefusesEveryLine() throws {
        let node = TestNode()
        let batch = [try goodLine(30), try goodLine(31)].joined(separator: "\n")
        let result = try node.run(["apply", "--bundle", "no-such-bundle", "--ndjson", "-"], stdin: Data(batch.utf8))
        #expect(result.code == 65)
        #expect(try node.listedIDs().isEmpty)
    }
}
