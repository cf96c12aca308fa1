import Foundation
import Testing
import TestSupport

/// `catalog export`, `catalog check` and running the node with `--catalog DIR`.
@Suite("onething catalog export / check / --catalog")
struct CatalogFilesTests {
    /// Exports the built-in catalogue into NODE/catalog and returns the directory.
    func exported(_ node: TestNode) throws -> String {
        let dir = node.file("catalog")
        let result = try node.run(["catalog", "export", dir])
        #expect(result.code == 0, "\(result.stderr)")
        return dir
    }

    func birthFile(_ dir: String) -> String { dir + "/bundles/birth.json" }

    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: old), "\(old) is not in \(path)")
        try text.replacingCharacters(in: range, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    func problems(_ result: BuiltBinary.Run) throws -> [[String: Any]] {
        let object = try #require(result.json() as? [String: Any], "check --json prints an object: \(result.stdout)")
        #expect(object["valid"] as? Bool == false)
        return try #require(object["problems"] as? [[String: Any]])
    }

    @Test func exportThenCheckIsValid() throws {
        let node = TestNode()
        let dir = try exported(node)
        #expect(FileManager.default.fileExists(atPath: dir + "/catalog.json"))
        #expect(FileManager.default.fileExists(atPath: birthFile(dir)))
        #expect(FileManager.default.fileExists(atPath: dir + "/bundles/school-enrolment.json"))

        let check = try node.run(["catalog", "check", dir])
        #expect(check.code == 0, "\(check.stderr)")
        #expect(check.stdout.contains("valid"))

        let json = try node.run(["catalog", "check", dir, "--json"])
        #expect(json.code == 0)
        let object = try #require(json.json() as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        #expect((object["problems"] as? [Any])?.isEmpty == true)
    }

    @Test func exportRefusesADirectoryThatIsNotEmpty() throws {
        let node = TestNode()
        let dir = try exported(node)
        let before = try String(contentsOfFile: birthFile(dir), encoding: .utf8)
        try edit(birthFile(dir), replacing: "\"promisedDays\": 1", with: "\"promisedDays\": 2")
        let edited = try String(contentsOfFile: birthFile(dir), encoding: .utf8)
        let again = try node.run(["catalog", "export", dir])
        #expect(again.code == 64)
        #expect(try String(contentsOfFile: birthFile(dir), encoding: .utf8) == edited, "nothing is overwritten")
        #expect(before != edited)
    }

    @Test func anExportedCatalogueCanBeUsedWithCatalogOption() throws {
        let node = TestNode()
        let dir = try exported(node)
        // Offer only two birth items in Fuzhou.
        let head = dir + "/catalog.json"
        try edit(
            head,
            replacing: #""birth": ["birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance", "medical-insurance-enrolment", "social-security-card"]"#,
            with: #""birth": ["birth-certificate", "vaccination-certificate"]"#)
        #expect(try node.run(["catalog", "check", dir]).code == 0)
        let list = try node.run(["catalog", "list", "--json", "--catalog", dir])
        #expect(list.code == 0, "\(list.stderr)")
        let bundles = (list.json() as? [String: Any])?["bundles"] as? [[String: Any]]
        let birth = bundles?.first { $0["code"] as? String == "birth" }
        #expect(birth?["items"] as? [String] == ["birth-certificate", "vaccination-certificate"])

        // The same through the environment.
        let viaEnv = try node.run(["catalog", "list", "--json"], environment: ["ONETHING_CATALOG": dir])
        let envBirth = ((viaEnv.json() as? [String: Any])?["bundles"] as? [[String: Any]])?
            .first { $0["code"] as? String == "birth" }
        #expect(envBirth?["items"] as? [String] == ["birth-certificate", "vaccination-certificate"])
    }

    @Test func malformedJSONIsNamedWithItsFile() throws {
        let node = TestNode()
        let dir = try exported(node)
        try edit(birthFile(dir), replacing: "\"code\": \"birth\",", with: "\"code\": \"birth\",,")

        let check = try node.run(["catalog", "check", dir])
        #expect(check.code == 65)
        #expect(check.stderr.contains("bundles/birth.json"), "\(check.stderr)")

        let json = try node.run(["catalog", "check", dir, "--json"])
        #expect(json.code == 65)
        let found = try problems(json)
        #expect(found.contains { $0["file"] as? String == "bundles/birth.json" }, "\(found)")
        for problem in found {
            #expect(problem["file"] is String && problem["path"] is String && problem["message"] is String)
        }
    }

    @Test func anItemDependingOnAnUnknownItemIsNamedWithFileAndPath() throws {
        let node = TestNode()
        let dir = try exported(node)
        // medical-insurance-enrolment is the fifth item (items[4]).
        try edit(birthFile(dir), replacing: #""dependsOn": ["household-registration"]"#, with: #""dependsOn": ["no-such-item"]"#)

        let check = try node.run(["catalog", "check", dir])
        #expect(check.code == 65)
        #expect(check.stderr.contains("bundles/birth.json"), "\(check.stderr)")
        #expect(check.stderr.contains("items[4].dependsOn[0]"), "\(check.stderr)")

        let json = try node.run(["catalog", "check", dir, "--json"])
        #expect(json.code == 65)
        let found = try problems(json)
        let problem = found.first {
            $0["file"] as? String == "bundles/birth.json" && $0["path"] as? String == "items[4].dependsOn[0]"
        }
        #expect(problem != nil, "\(found)")
        #expect((problem?["message"] as? String)?.contains("no-such-item") == true)
    }

    @Test func aFieldWithAnInvalidExampleIsNamedWithFileAndPath() throws {
        let node = TestNode()
        let dir = try exported(node)
        // mother_id_number is fields[10]; change its check character.
        try edit(birthFile(dir), replacing: #""example": "350102199503120020""#, with: #""example": "350102199503120021""#)

        let check = try node.run(["catalog", "check", dir])
        #expect(check.code == 65)
        #expect(check.stderr.contains("bundles/birth.json"), "\(check.stderr)")
        #expect(check.stderr.contains("fields[10].example"), "\(check.stderr)")

        let json = try node.run(["catalog", "check", dir, "--json"])
        #expect(json.code == 65)
        let found = try problems(json)
        #expect(
            found.contains {
                $0["file"] as? String == "bundles/birth.json" && $0["path"] as? String == "fields[10].example"
            }, "\(found)")
    }

    /// A bundle file that is not UTF-8 was read, and is invalid: `catalog check` promises to
    /// report every problem with its file (exit 65), and `--json` to say {valid: false}.
    @Test func aBundleFileThatIsNotUTF8IsReportedAsAProblem() throws {
        let node = TestNode()
        let dir = try exported(node)
        var bytes = Data([0xFF, 0xFE])
        bytes.append(try Data(contentsOf: URL(fileURLWithPath: birthFile(dir))))
        try bytes.write(to: URL(fileURLWithPath: birthFile(dir)))

        let check = try node.run(["catalog", "check", dir])
        #expect(check.code != 0)
        #expect(check.stderr.contains("bundles/birth.json"), "\(check.stderr)")
        let json = try node.run(["catalog", "check", dir, "--json"])
        #expect(check.code == 65, "\(check.stderr)")
        #expect(json.code == 65)
        let object = json.json() as? [String: Any]
        #expect(object?["valid"] as? Bool == false, "stdout: \(json.stdout)")
        let files = (object?["problems"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
        #expect(files?.contains("bundles/birth.json") == true)
        // Used as the node's catalogue it is a configuration error.
        #expect(try node.run(["catalog", "list", "--catalog", dir]).code == 78)
    }

    @Test func exportIntoAPathUnderARegularFileIsAnIOError() throws {
        let node = TestNode()
        let plain = try node.write("plain", Data("x\n".utf8))
        let result = try node.run(["catalog", "export", plain + "/catalog"])
        #expect(result.code == 74, "\(result.stderr)")
    }

    @Test func checkOfAMissingDirectoryIsAnIOError() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "check", node.file("nowhere")])
        #expect(result.code == 74)
        #expect(result.stderr.contains("nowhere"))
    }

    @Test(arguments: [["catalog", "list"], ["catalog", "show", "birth"], ["status"], ["list"]])
    func aBrokenCatalogueIsAConfigurationError(command: [String]) throws {
        let node = TestNode()
        let dir = try exported(node)
        try edit(birthFile(dir), replacing: #""dependsOn": ["household-registration"]"#, with: #""dependsOn": ["no-such-item"]"#)
        let result = try node.run(command + ["--catalog", dir])
        #expect(result.code == 78, "\(command): \(result.stderr)")
        #expect(result.stderr.contains("bundles/birth.json"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func applyWithABrokenCatalogueStoresNothing() throws {
        let node = TestNode()
        let dir = try exported(node)
        let id = try node.fileValid(values: try exampleValues())
        try edit(birthFile(dir), replacing: "\"code\": \"birth\",", with: "\"code\": \"birth\",,")
        let result = try node.run(["apply", "--bundle", "birth", "--data", "-", "--catalog", dir], stdin: try jsonData(try exampleValues()))
        #expect(result.code == 78)
        #expect(try node.listedIDs() == [id])
    }
}
