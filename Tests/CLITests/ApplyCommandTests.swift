import Foundation
import OneThingModel
import Testing
import TestSupport

@Suite("onething apply --data")
struct ApplyCommandTests {
    @Test func theExampleIsFiledAndItsIdPrinted() throws {
        let node = TestNode()
        let result = try node.apply(data: try jsonData(try exampleValues()))
        #expect(result.code == 0, "\(result.stderr)")
        let printed = lines(result.stdout)
        #expect(printed.count == 1)
        #expect(isApplicationID(printed.first ?? ""), "\(result.stdout)")
        #expect(try node.listedIDs() == Set(printed))
    }

    @Test func jsonPrintsAnObjectWithTheId() throws {
        let node = TestNode()
        let result = try node.apply(data: try jsonData(try exampleValues()), json: true)
        #expect(result.code == 0, "\(result.stderr)")
        let object = try #require(result.json() as? [String: Any])
        let id = try #require(object["id"] as? String)
        #expect(isApplicationID(id))
        #expect(try node.listedIDs() == [id])
    }

    @Test func dataFromAFileIsFiled() throws {
        let node = TestNode()
        let path = try node.write("form.json", try jsonData(try exampleValues("school-enrolment")))
        let result = try node.run(["apply", "--bundle", "school-enrolment", "--data", path])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(isApplicationID(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func eachFilingGetsANewId() throws {
        let node = TestNode()
        let values = try exampleValues()
        let first = try node.fileValid(values: values)
        let second = try node.fileValid(values: values)
        #expect(first != second)
        #expect(try node.listedIDs() == [first, second])
    }

    @Test func aSyntheticMotherIsStoredNormalised() throws {
        let node = TestNode()
        var values = try exampleValues()
        let born = try #require(CivilDate(year: 1992, month: 2, day: 29))
        let mother = SyntheticPeople.idNumber(born: born, sex: .female, serial: 7)
        // Lower-case check character and surrounding spaces are normalised away.
        values["mother_id_number"] = " " + mother.lowercased() + " "
        values["mother_name"] = "林测试"
        values["mother_phone"] = "138 0000 0011"
        let id = try node.fileValid(values: values)
        let fields = try #require(try node.shown(id)["fields"] as? [String: Any])
        #expect(fields["mother_id_number"] as? String == mother)
        #expect(fields["mother_name"] as? String == "林测试")
        #expect(fields["mother_phone"] as? String == "13800000011")
    }

    @Test func fullWidthDigitsInAPhoneAreNormalised() throws {
        let node = TestNode()
        var values = try exampleValues()
        values["mother_phone"] = "１３８００００００１１"
        values["delivery_phone"] = "＋８６ １３８００００００１２"
        let id = try node.fileValid(values: values)
        let fields = try #require(try node.shown(id)["fields"] as? [String: Any])
        #expect(fields["mother_phone"] as? String == "13800000011")
        #expect(fields["delivery_phone"] as? String == "13800000012")
    }

    @Test func numbersAndBooleansAreAcceptedAsJSONValues() throws {
        let node = TestNode()
        var values = try exampleValues("school-enrolment")
        values["school_year"] = 2027
        values["records_consent"] = true
        let id = try node.fileValid("school-enrolment", values: values)
        let fields = try #require(try node.shown(id)["fields"] as? [String: Any])
        #expect(fields["school_year"] as? String == "2027")
        #expect(fields["records_consent"] as? String == "true")
    }

    // MARK: refusals

    /// What a refusal must look like: exit 65, the problem on stderr, nothing on stdout,
    /// nothing stored, and no applicant value echoed.
    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        var bundle = "birth"
        var items: [String]? = nil
        /// The bytes on stdin.
        var body: @Sendable () throws -> Data
        /// A field the message must name.
        var field: String? = nil
        /// Text that must not appear in any diagnostic.
        var secret: String? = nil
        var testDescription: String { name }
    }

    static func changed(_ change: @escaping @Sendable (inout [String: Any]) -> Void) -> @Sendable () throws -> Data {
        {
            var values = try exampleValues()
            change(&values)
            return try jsonData(values)
        }
    }

    static let badIDNumber: String = {
        let good = "350102199503120020"  // the catalogue's example mother
        return String(good.dropLast()) + "1"
    }()

    static let refusals: [Refusal] = [
        Refusal(name: "malformed JSON", body: { Data(#"{"newborn_name": "陈小测", "#.utf8) }),
        Refusal(name: "a JSON array", body: { try jsonData([try exampleValues()]) }),
        Refusal(name: "a JSON string", body: { Data(#""陈小测""#.utf8) }),
        Refusal(name: "empty input", body: { Data() }),
        Refusal(name: "invalid UTF-8 bytes", body: {
            var data = Data(#"{"newborn_name": ""#.utf8)
            data.append(contentsOf: [0xE9, 0x99, 0xC8, 0xFF, 0xFE])
            data.append(contentsOf: Data(#""}"#.utf8))
            return data
        }),
        Refusal(name: "an unknown bundle", bundle: "no-such-bundle", body: { try jsonData(try exampleValues()) }),
        Refusal(
            name: "an unknown item", items: ["birth-certificate", "flying-lessons"],
            body: { try jsonData(try exampleValues()) }),
        Refusal(
            name: "an unknown school item", bundle: "school-enrolment", items: ["school-bus"],
            body: { try jsonData(try exampleValues("school-enrolment")) }),
        Refusal(
            name: "an item without the item it depends on", items: ["medical-insurance-enrolment"],
            body: { try jsonData(try exampleValues(items: ["household-registration", "medical-insurance-enrolment"])) }),
        Refusal(
            name: "an unknown field", body: changed { $0["favourite_colour_zz"] = "蓝色示例" }, field: "favourite_colour_zz",
            secret: "蓝色示例"),
        Refusal(name: "a missing required field", body: changed { $0["mother_name"] = nil }, field: "mother_name"),
        Refusal(
            name: "an invalid ID number", body: changed { $0["mother_id_number"] = ApplyCommandTests.badIDNumber },
            field: "mother_id_number", secret: badIDNumber),
        Refusal(
            name: "an ESC sequence in a name", body: changed { $0["newborn_name"] = "陈\u{1B}[31m小测" },
            field: "newborn_name", secret: "小测"),
        Refusal(
            name: "a control character in a name", body: changed { $0["mother_name"] = "林测\u{07}试" },
            field: "mother_name", secret: "林测"),
        Refusal(
            name: "a bidi override in an address", body: changed { $0["household_address"] = "福建省\u{202E}示例路9号" },
            field: "household_address", secret: "示例路9号"),
        Refusal(
            name: "a phone with too few digits", body: changed { $0["mother_phone"] = "1380000" }, field: "mother_phone",
            secret: "1380000"),
        Refusal(
            name: "a name with digits", body: changed { $0["father_name"] = "陈示例9号" }, field: "father_name",
            secret: "陈示例9号"),
        Refusal(
            name: "the same ID number for both parents",
            body: changed { $0["father_id_number"] = $0["mother_id_number"] }, secret: "350102199503120020"),
        Refusal(name: "a null value", body: changed { $0["mother_name"] = NSNull() }, field: "mother_name"),
        Refusal(
            name: "a birth in the future",
            body: changed { $0["birth_time"] = "2099-01-01T08:00" }, field: "birth_time", secret: "2099-01-01"),
    ]

    @Test(arguments: refusals)
    func aRefusedApplicationStoresNothing(_ refusal: Refusal) throws {
        let node = TestNode()
        let before = try node.fileValid(values: try exampleValues())
        let body = try refusal.body()

        let result = try node.apply(refusal.bundle, items: refusal.items, data: body)
        #expect(result.code == 65, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty, "a refusal prints no id: \(result.stdout)")
        #expect(!result.stderr.isEmpty, "a refusal says why")
        if let field = refusal.field {
            #expect(result.stderr.contains(field), "\(result.stderr)")
        }
        if let secret = refusal.secret {
            #expect(!result.stderr.contains(secret), "the diagnostic repeats the applicant's value: \(result.stderr)")
        }
        #expect(!result.stderr.contains("\u{1B}"), "the diagnostic carries an escape character")

        let json = try node.apply(refusal.bundle, items: refusal.items, data: body, json: true)
        #expect(json.code == 65)
        #expect(json.stdout.isEmpty)
        let failure = try #require(JSONFailure(json.stderr), "not a JSON error object: \(json.stderr)")
        #expect(failure.code == 65)
        #expect(!failure.problems.isEmpty)
        for problem in failure.problems {
            #expect((problem["message"] as? String)?.isEmpty == false)
        }
        if let field = refusal.field {
            #expect(failure.fields.contains(field), "\(json.stderr)")
        }
        if let secret = refusal.secret {
            #expect(!json.stderr.contains(secret), "the JSON diagnostic repeats the applicant's value: \(json.stderr)")
        }

        #expect(try node.listedIDs() == [before], "a refused application was stored")
        let status = try node.status()
        #expect((status["applications"] as? [String: Any])?["queued"] as? Int == 1)
        #expect((status["outbox"] as? [String: Any])?["queued"] as? Int == 1)
    }

    @Test func everyProblemIsReportedOnItsOwnLine() throws {
        let node = TestNode()
        var values = try exampleValues()
        values["mother_id_number"] = Self.badIDNumber
        values["mother_phone"] = "1380000"
        values["father_name"] = nil
        let result = try node.apply(data: try jsonData(values))
        #expect(result.code == 65)
        let problemLines = lines(result.stderr)
        for field in ["mother_id_number", "mother_phone", "father_name"] {
            #expect(problemLines.filter { $0.contains(field) }.count == 1, "\(field): \(result.stderr)")
        }

        let json = try node.apply(data: try jsonData(values), json: true)
        let failure = try #require(JSONFailure(json.stderr))
        #expect(Set(failure.fields).isSuperset(of: ["mother_id_number", "mother_phone", "father_name"]))
    }

    @Test func aValueOfTheWrongJSONTypeIsRefused() throws {
        let node = TestNode()
        var values = try exampleValues()
        values["mother_phone"] = 13_800_000_011  // as a number, a phone can lose digits
        let result = try node.apply(data: try jsonData(values), json: true)
        #expect(result.code == 65)
        #expect(JSONFailure(result.stderr)?.fields == ["mother_phone"])
        #expect(try node.listedIDs().isEmpty)
    }

    /// A JSON key is input too: echoing it raw lets a file put escape sequences on the
    /// operator's terminal (clear the screen, retitle the window).
    @Test func anUnknownFieldNameIsNotEchoedWithControlCharacters() throws {
        let node = TestNode()
        var values = try exampleValues()
        values["\u{1B}]0;pwned\u{07}zz\u{1B}[2J"] = "x"
        let result = try node.apply(data: try jsonData(values))
        #expect(result.code == 65)
        #expect(result.stderr.contains("zz"), "the unknown field is named: \(result.stderr)")
        let batch = try node.run(["apply", "--bundle", "birth", "--ndjson", "-"], stdin: Data((try jsonLine(values) + "\n").utf8))
        #expect(batch.code == 65)
        #expect(!result.stderr.contains("\u{1B}"), "stderr carries ESC")
        #expect(!result.stderr.contains("\u{07}"), "stderr carries BEL")
        #expect(!batch.stdout.contains("\u{1B}"), "the batch result line carries ESC")

        #expect(try node.listedIDs().isEmpty)
    }

    struct RuleCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bundle: String
        var field: String
        var change: @Sendable (inout [String: Any]) throws -> Void
        var testDescription: String { name }
    }

    static let ruleCases: [RuleCase] = [
        RuleCase(name: "a mother aged 11 at the birth", bundle: "birth", field: "birth_time") { values in
            let born = try #require(CivilDate(year: 2015, month: 1, day: 1))
            values["mother_id_number"] = SyntheticPeople.idNumber(born: born, sex: .female, serial: 1)
        },
        RuleCase(name: "a child's sex that contradicts the ID number", bundle: "school-enrolment", field: "child_sex") {
            $0["child_sex"] = "female"
        },
        RuleCase(name: "a child too young for primary school", bundle: "school-enrolment", field: "stage") { values in
            let born = try #require(CivilDate(year: 2024, month: 5, day: 16))
            values["child_id_number"] = SyntheticPeople.idNumber(born: born, sex: .male, serial: 2)
        },
        RuleCase(name: "a guardian with the child's ID number", bundle: "school-enrolment", field: "guardian_id_number") {
            $0["guardian_id_number"] = $0["child_id_number"]
        },
    ]

    @Test(arguments: ruleCases)
    func crossFieldRulesRefuseTheApplication(_ rule: RuleCase) throws {
        let node = TestNode()
        var values = try exampleValues(rule.bundle)
        try rule.change(&values)
        let result = try node.apply(rule.bundle, data: try jsonData(values), json: true)
        #expect(result.code == 65, "\(result.stderr)")
        #expect(JSONFailure(result.stderr)?.fields.contains(rule.field) == true, "\(result.stderr)")
        #expect(try node.listedIDs().isEmpty)
    }

    @Test func aLowerCaseXCheckCharacterIsStoredUpperCase() throws {
        let node = TestNode()
        let born = try #require(CivilDate(year: 1990, month: 1, day: 1))
        let withX = try #require(
            (0..<50).map { SyntheticPeople.idNumber(born: born, sex: .female, serial: $0) }.first { $0.hasSuffix("X") })
        var values = try exampleValues()
        values["mother_id_number"] = withX.lowercased()
        let id = try node.fileValid(values: values)
        #expect((try node.shown(id)["fields"] as? [String: Any])?["mother_id_number"] as? String == withX)
    }

    @Test func debugLoggingShowsNoApplicantData() throws {
        let node = TestNode()
        let values = try exampleValues()
        let result = try node.run(
            ["apply", "--bundle", "birth", "--data", "-"], stdin: try jsonData(values),
            environment: ["ONETHING_LOG_LEVEL": "debug"])
        #expect(result.code == 0, "\(result.stderr)")
        for field in ["mother_name", "mother_id_number", "mother_phone", "father_id_number", "bank_card_no", "household_address"] {
            let value = try #require(values[field] as? String)
            #expect(!result.stderr.contains(value), "the debug log shows \(field)")
        }
    }

    @Test func theOperatorIsRecordedAndMustBeAnId() throws {
        let node = TestNode()
        let data = try jsonData(try exampleValues())
        let bad = try node.run(["apply", "--bundle", "birth", "--data", "-", "--operator", "Clerk Seven"], stdin: data)
        #expect(bad.code == 64)
        let good = try node.run(["apply", "--bundle", "birth", "--data", "-", "--operator", "clerk-7", "--json"], stdin: data)
        #expect(good.code == 0, "\(good.stderr)")
        let id = try #require((good.json() as? [String: Any])?["id"] as? String)
        #expect(try node.shown(id)["operator"] as? String == "clerk-7")
        #expect(try node.listedIDs() == [id])
    }

    @Test func aDirectoryAsDataIsAnIOError() throws {
        let node = TestNode()
        let result = try node.run(["apply", "--bundle", "birth", "--data", node.dir.path])
        #expect(result.code == 74)
    }

    // MARK: usage and I/O

    @Test func dataAndNdjsonTogetherIsAUsageError() throws {
        let node = TestNode()
        let path = try node.write("form.json", try jsonData(try exampleValues()))
        let result = try node.run(["apply", "--bundle", "birth", "--data", path, "--ndjson", path])
        #expect(result.code == 64)
        #expect(result.stderr.contains("--data") && result.stderr.contains("--ndjson"), "\(result.stderr)")
        #expect(try node.listedIDs().isEmpty)
    }

    @Test func neitherDataNorNdjsonIsAUsageError() throws {
        let node = TestNode()
        let result = try node.run(["apply", "--bundle", "birth"])
        #expect(result.code == 64)
        #expect(result.stdout.isEmpty)
    }

    @Test func aMissingBundleIsAUsageError() throws {
        let node = TestNode()
        let result = try node.run(["apply", "--data", "-"], stdin: try jsonData(try exampleValues()))
        #expect(result.code == 64)
    }

    @Test func anUnknownFlagIsAUsageError() throws {
        let node = TestNode()
        let result = try node.run(["apply", "--bundle", "birth", "--data", "-", "--colour", "blue"], stdin: Data("{}".utf8))
        #expect(result.code == 64)
    }

    @Test func emptyItemsIsAUsageError() throws {
        let node = TestNode()
        let result = try node.run(["apply", "--bundle", "birth", "--items", ",", "--data", "-"], stdin: try jsonData(try exampleValues()))
        #expect(result.code == 64)
    }

    @Test func aNonexistentDataFileIsAnIOError() throws {
        let node = TestNode()
        let missing = node.file("no-such-form.json")
        let result = try node.run(["apply", "--bundle", "birth", "--data", missing])
        #expect(result.code == 74)
        #expect(result.stderr.contains("no-such-form.json"))
        #expect(try node.listedIDs().isEmpty)
    }

    @Test func anUnreadableDataFileIsAnIOError() throws {
        // root can read any file, whatever its mode
        guard getuid() != 0 else { return }
        let node = TestNode()
        let path = try node.write("form.json", try jsonData(try exampleValues()), mode: 0o000)
        let result = try node.run(["apply", "--bundle", "birth", "--data", path])
        #expect(result.code == 74)
    }
}
