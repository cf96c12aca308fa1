import Foundation
import Testing
import TestSupport

@Suite("onething catalog list / show / example")
struct CatalogCommandTests {
    static let fuzhouBirthItems = [
        "birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance",
        "medical-insurance-enrolment", "social-security-card",
    ]
    static let putianBirthItems = ["birth-certificate", "vaccination-certificate", "household-registration"]

    @Test func listTextNamesBothBundlesAndTheItemsOffered() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "list"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("birth"))
        #expect(result.stdout.contains("school-enrolment"))
        #expect(result.stdout.contains("出生一件事"))
        #expect(result.stdout.contains("6 of 6"), "Fuzhou offers every birth item")
        #expect(result.stdout.contains("350100"))
        #expect(result.stderr.isEmpty)
    }

    @Test func listJSONGivesBundlesAndOfferedItems() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "list", "--json"])
        #expect(result.code == 0, "\(result.stderr)")
        let object = try #require(result.json() as? [String: Any])
        #expect(object["region"] as? String == "350100")
        #expect((object["catalog_version"] as? String)?.isEmpty == false)
        let bundles = try #require(object["bundles"] as? [[String: Any]])
        let codes = bundles.compactMap { $0["code"] as? String }
        #expect(Set(codes) == ["birth", "school-enrolment"])
        let birth = try #require(bundles.first { $0["code"] as? String == "birth" })
        #expect(birth["items"] as? [String] == Self.fuzhouBirthItems)
        let school = try #require(bundles.first { $0["code"] as? String == "school-enrolment" })
        #expect((school["items"] as? [String])?.count == 4)
        #expect((birth["names"] as? [String: Any])?["zh"] as? String == "出生一件事")
    }

    @Test func putianOffersThreeBirthItems() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "list", "--region", "350300", "--json"])
        #expect(result.code == 0, "\(result.stderr)")
        let object = try #require(result.json() as? [String: Any])
        #expect(object["region"] as? String == "350300")
        let bundles = try #require(object["bundles"] as? [[String: Any]])
        let birth = try #require(bundles.first { $0["code"] as? String == "birth" })
        #expect(birth["items"] as? [String] == Self.putianBirthItems)

        let text = try node.run(["catalog", "list", "--region", "350300"])
        #expect(text.code == 0)
        #expect(text.stdout.contains("3 of 6"))
    }

    @Test func unknownRegionIsAUsageError() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "list", "--region", "999999"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("999999"))
    }

    @Test func listFollowsTheRegionTheNodeWasSetUpWith() throws {
        let node = TestNode()
        let token = try node.write("token", Data("abcdefghijklmnopqrstuvwxyz012345\n".utf8), mode: 0o600)
        let setup = try node.run([
            "init", "--hub", "http://127.0.0.1:9", "--node-id", "pt-test-1", "--token-file", token, "--region", "350300",
        ])
        #expect(setup.code == 0, "\(setup.stderr)")
        let result = try node.run(["catalog", "list", "--json"])
        let object = try #require(result.json() as? [String: Any])
        #expect(object["region"] as? String == "350300")
        let birth = (object["bundles"] as? [[String: Any]])?.first { $0["code"] as? String == "birth" }
        #expect(birth?["items"] as? [String] == Self.putianBirthItems)
    }

    @Test(arguments: ["birth", "school-enrolment"])
    func showJSONDescribesEveryFieldAndItem(bundle: String) throws {
        let node = TestNode()
        let result = try node.run(["catalog", "show", bundle, "--json"])
        #expect(result.code == 0, "\(result.stderr)")
        let object = try #require(result.json() as? [String: Any])
        #expect(object["code"] as? String == bundle)
        let fields = try #require(object["fields"] as? [[String: Any]])
        #expect(!fields.isEmpty)
        for field in fields {
            let id = field["id"] as? String
            #expect(id?.isEmpty == false, "field without id: \(field)")
            #expect((field["type"] as? String)?.isEmpty == false, "field \(id ?? "?") has no type")
            #expect(field["required"] is Bool, "field \(id ?? "?") has no boolean required")
            #expect((field["example"] as? String)?.isEmpty == false, "field \(id ?? "?") has no example")
        }
        let ids = fields.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count, "field ids are unique")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(!items.isEmpty)
        for item in items {
            let code = item["code"] as? String ?? "?"
            #expect((item["promised_days"] as? Int).map { $0 > 0 } == true, "item \(code) has no promised_days")
            #expect(item["depends_on"] is [Any], "item \(code) has no depends_on array")
            #expect(item["offered"] is Bool)
            for field in item["fields"] as? [String] ?? [] {
                #expect(ids.contains(field), "item \(code) lists unknown field \(field)")
            }
        }
    }

    @Test func showJSONGivesDependenciesAndPromisedDaysOfBirthItems() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "show", "birth", "--json", "--region", "350300"])
        let object = try #require(result.json() as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        let byCode = Dictionary(uniqueKeysWithValues: items.compactMap { item in
            (item["code"] as? String).map { ($0, item) }
        })
        #expect(byCode["medical-insurance-enrolment"]?["depends_on"] as? [String] == ["household-registration"])
        #expect(byCode["social-security-card"]?["depends_on"] as? [String] == ["household-registration"])
        #expect(byCode["birth-certificate"]?["depends_on"] as? [String] == [])
        #expect(byCode["household-registration"]?["promised_days"] as? Int == 3)
        // Putian does not offer the insurance items.
        #expect(byCode["maternity-insurance"]?["offered"] as? Bool == false)
        #expect(byCode["birth-certificate"]?["offered"] as? Bool == true)
    }

    @Test func showTextListsItemsAndFields() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "show", "birth"])
        #expect(result.code == 0, "\(result.stderr)")
        for expected in ["birth-certificate", "medical-insurance-enrolment", "mother_id_number", "newborn_name", "出生一件事"] {
            #expect(result.stdout.contains(expected), "catalog show birth does not mention \(expected)")
        }
    }

    @Test func showOfAnUnknownBundleIsADataError() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "show", "no-such-bundle"])
        #expect(result.code == 65)
        #expect(result.stderr.contains("birth"), "the message lists the bundles there are")
        #expect(result.stdout.isEmpty)
    }

    struct ExampleCase: CustomTestStringConvertible, Sendable {
        var bundle: String
        var items: [String]?
        var testDescription: String { "\(bundle) \(items?.joined(separator: ",") ?? "(all)")" }
    }

    static let exampleCases: [ExampleCase] = [
        .init(bundle: "birth", items: nil),
        .init(bundle: "school-enrolment", items: nil),
        .init(bundle: "birth", items: ["birth-certificate"]),
        .init(bundle: "birth", items: ["vaccination-certificate", "maternity-insurance"]),
        .init(bundle: "birth", items: ["household-registration", "medical-insurance-enrolment"]),
        .init(bundle: "school-enrolment", items: ["enrolment-registration"]),
        .init(bundle: "school-enrolment", items: ["residence-check", "property-check"]),
    ]

    @Test(arguments: exampleCases)
    func exampleIsAcceptedByApply(_ example: ExampleCase) throws {
        let node = TestNode()
        var args = ["catalog", "example", example.bundle]
        if let items = example.items { args += ["--items", items.joined(separator: ",")] }
        let printed = try node.run(args)
        #expect(printed.code == 0, "\(printed.stderr)")
        let object = try #require(printed.json() as? [String: Any], "catalog example prints one JSON object")
        #expect(!object.isEmpty)

        // Feed the printed text itself, byte for byte, to apply.
        let filed = try node.apply(example.bundle, items: example.items, data: Data(printed.stdout.utf8))
        #expect(filed.code == 0, "apply refused the example: \(filed.stderr)")
        let id = filed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(isApplicationID(id), "apply printed \(filed.stdout)")
        let shown = try node.shown(id)
        if let items = example.items {
            let filedItems = (shown["items"] as? [[String: Any]])?.compactMap { $0["item"] as? String }
            #expect(filedItems.map(Set.init) == Set(items))
        }
    }

    static let singleItems: [ExampleCase] =
        ["birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance",
         "medical-insurance-enrolment", "social-security-card"].map { ExampleCase(bundle: "birth", items: [$0]) }
        + ["enrolment-registration", "residence-check", "property-check", "vaccination-check"]
        .map { ExampleCase(bundle: "school-enrolment", items: [$0]) }

    /// Items that cannot be applied for alone: they need household-registration first.

    /// The contract: `catalog example BUNDLE --items ...` prints a complete, VALID example
    /// application for those items. So either it refuses items that cannot be applied for
    /// as chosen, or what it prints is accepted by `apply` with the same items.
    @Test(arguments: singleItems)
    func anExampleItPrintsIsAlwaysAcceptedForTheSameItems(_ example: ExampleCase) throws {
        let node = TestNode()
        let items = example.items ?? []
        let check = {
            let printed = try node.run(["catalog", "example", example.bundle, "--items", items.joined(separator: ",")])
            guard printed.code == 0 else {
                #expect(printed.code == 65, "\(printed.stderr)")
                return
            }
            let filed = try node.apply(example.bundle, items: items, data: Data(printed.stdout.utf8))
            #expect(filed.code == 0, "catalog example exited 0, but apply refused what it printed: \(filed.stderr)")
        }
        try check()
    }

    @Test func anExampleForNoItemsIsRefused() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "example", "birth", "--items", ","])
        #expect(result.code == 64 || result.code == 65, "printed: \(result.stdout)")

    }

    @Test func exampleOfASubsetLeavesOutFieldsTheItemsDoNotAsk() throws {
        let node = TestNode()
        let full = try node.example("birth")
        let subset = try node.example("birth", items: ["birth-certificate"])
        #expect(full["bank_card_no"] != nil)
        #expect(subset["bank_card_no"] == nil, "the birth certificate does not ask for a bank card")
        #expect(subset["mother_id_number"] != nil)
        #expect(subset.count < full.count)
    }

    @Test func putianExampleIsAcceptedForPutiansItems() throws {
        let node = TestNode()
        let example = try node.example("birth", region: "350300")
        #expect(example["bank_card_no"] == nil, "Putian does not offer maternity insurance")
        let filed = try node.apply("birth", items: Self.putianBirthItems, data: try jsonData(example))
        #expect(filed.code == 0, "\(filed.stderr)")
    }

    @Test func exampleForAnItemTheRegionDoesNotOfferIsADataError() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "example", "birth", "--items", "maternity-insurance", "--region", "350300"])
        #expect(result.code == 65)
        #expect(result.stderr.contains("maternity-insurance"))
        #expect(result.stdout.isEmpty)
    }

    @Test func exampleOfAnUnknownBundleIsADataError() throws {
        let node = TestNode()
        let result = try node.run(["catalog", "example", "no-such-bundle"])
        #expect(result.code == 65)
        #expect(result.stdout.isEmpty)
    }

    @Test func catalogCommandsDoNotCreateTheDatabase() throws {
        let node = TestNode()
        #expect(try node.run(["catalog", "list"]).code == 0)
        #expect(try node.run(["catalog", "show", "birth"]).code == 0)
        #expect(try node.run(["catalog", "example", "birth"]).code == 0)
        #expect(!FileManager.default.fileExists(atPath: node.db))
    }
}
