import Foundation
import OneThingModel
import Testing
import TestSupport

@Suite("onething operators, import deliveries, amend and conflicts from the command line")
struct OperatorsImportCLITests {
    @Test("operators add reads the PIN from stdin, refuses a bad one, and never prints it")
    func operators() throws {
        let node = TestNode()
        let added = try node.run(["operators", "add", "clerk-1", "--name", "林测试"], stdin: Data("246810\n".utf8))
        #expect(added.code == 0, "\(added.stderr)")
        #expect(!added.stdout.contains("246810") && !added.stderr.contains("246810"))
        let bad = try node.run(["operators", "add", "clerk-2", "--name", "陈示例"], stdin: Data("12ab\n".utf8))
        #expect(bad.code == 65)
        let again = try node.run(["operators", "add", "clerk-1", "--name", "x"], stdin: Data("246810\n".utf8))
        #expect(again.code == 65)
        let usage = try node.run(["operators", "add", "clerk 3", "--name", "x"], stdin: Data("246810\n".utf8))
        #expect(usage.code == 64)
        let listed = try node.run(["operators", "list", "--json"]).json() as? [String: Any]
        #expect((listed?["operators"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["clerk-1"])
        #expect(try node.run(["operators", "unlock", "clerk-1"]).code == 0)
        #expect(try node.run(["operators", "unlock", "nobody"]).code == 65)
    }

    @Test("import deliveries: CSV with Chinese headers and labels; a bad row is reported by line and field, not value")
    func deliveries() throws {
        let node = TestNode()
        let today = TestMoment.machine.today()
        let birth = today.adding(days: -2).description + "T08:30"
        let csv = """
            母亲姓名,mother_id_number,birth_time,newborn_sex,birth_weight_g,birth_length_cm,gestational_weeks
            林测试,350102199503120020,\(birth),女,3250,50.5,39
            陈示例,350102199503120021,\(birth),男,3100,49,38
            """
        let path = node.file("deliveries.csv")
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try node.run(["import", "deliveries", path])
        #expect(run.code == 65, "the second ID number has a wrong check digit")
        #expect(run.stdout.contains("1 deliveries imported"))
        #expect(run.stderr.contains("line 3"))
        #expect(run.stderr.contains("mother_id_number"))
        #expect(!run.stderr.contains("350102199503120021"))
        let again = try node.run(["import", "deliveries", path, "--json"])
        #expect((again.json() as? [String: Any])?["new"] as? Int == 0, "importing again updates")
    }

    @Test("import deliveries as JSON: numbers taken for the numeric fields; true, null or a number elsewhere refused naming the record and field")
    func deliveriesJSON() throws {
        let node = TestNode()
        let birth = TestMoment.machine.today().adding(days: -2).description + "T08:30"
        let good = #"{"mother_name":"林测试","mother_id_number":"350102199503120020","birth_time":"\#(birth)","newborn_sex":"女","birth_weight_g":3250,"birth_length_cm":50.5,"gestational_weeks":39}"#
        let flag = good.replacingOccurrences(of: #""newborn_sex":"女""#, with: #""newborn_sex":true"#)
        let empty = good.replacingOccurrences(of: #""mother_name":"林测试""#, with: #""mother_name":null"#)
        let path = node.file("deliveries.json")
        try ("[" + [good, flag, empty].joined(separator: ",\n") + "]").write(toFile: path, atomically: true, encoding: .utf8)
        let run = try node.run(["import", "deliveries", path])
        #expect(run.code == 65)
        #expect(run.stdout.contains("1 deliveries imported"), "\(run.stderr)")
        #expect(run.stderr.contains("record 2") && run.stderr.contains("newborn_sex") && run.stderr.contains("true or false"), "\(run.stderr)")
        #expect(run.stderr.contains("record 3") && run.stderr.contains("mother_name"), "\(run.stderr)")
        #expect(!run.stderr.contains("林测试"))

        let lines = node.file("deliveries.ndjson")
        try [good, good.replacingOccurrences(of: #""mother_id_number":"350102199503120020""#, with: #""mother_id_number":350102199503120020"#)]
            .joined(separator: "\n").write(toFile: lines, atomically: true, encoding: .utf8)
        let ndjson = try node.run(["import", "deliveries", lines])
        #expect(ndjson.code == 65)
        #expect(ndjson.stderr.contains("line 2") && ndjson.stderr.contains("mother_id_number") && ndjson.stderr.contains("JSON string"), "\(ndjson.stderr)")

        try #"[{"mother_name":"a"},{"mother_name":"b","mother_name":"c"}]"#.write(toFile: path, atomically: true, encoding: .utf8)
        let twice = try node.run(["import", "deliveries", path])
        #expect(twice.code == 65)
        #expect(twice.stderr.contains("[1].mother_name") && twice.stderr.contains("twice"), "\(twice.stderr)")
    }
}
