import Foundation
import Testing
import TestSupport

@Suite("onething list / show / status")
struct ListShowStatusTests {
    static let birthItems = [
        "birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance",
        "medical-insurance-enrolment", "social-security-card",
    ]

    @Test func listOfAnEmptyDatabase() throws {
        let node = TestNode()
        let json = try node.run(["list", "--json"])
        #expect(json.code == 0, "\(json.stderr)")
        let object = try #require(json.json() as? [String: Any])
        #expect((object["applications"] as? [Any])?.isEmpty == true)

        let text = try node.run(["list"])
        #expect(text.code == 0)
        #expect(text.stdout.contains("No applications"))
    }

    @Test("list shows the newest --limit N (default 100) and says how many more; --all reads every one a page at a time")
    func listLimitAndAll() throws {
        let node = TestNode()
        let values = try exampleValues()
        let ids = try (0..<3).map { _ in try node.fileValid(values: values) }
        let limited = try node.run(["list", "--limit", "2", "--json"])
        let object = try #require(limited.json() as? [String: Any])
        #expect((object["applications"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[2], ids[1]])
        #expect(object["total"] as? Int == 3)
        let text = try node.run(["list", "--limit", "2"])
        #expect(text.code == 0)
        #expect(text.stdout.contains("The newest 2 of 3"))
        #expect(!text.stdout.contains(ids[0]))
        let all = try node.run(["list", "--all", "--json"])
        let allObject = try #require(all.json() as? [String: Any], "\(all.stdout)")
        #expect((allObject["applications"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ids.reversed())
        #expect(allObject["total"] as? Int == 3)
        let allText = try node.run(["list", "--all"])
        #expect(ids.allSatisfy { allText.stdout.contains($0) })
        #expect(!allText.stdout.contains("The newest"))
        #expect(try node.run(["list", "--limit", "0"]).code == 64)
        let none = try node.run(["list", "--all", "--state", "accepted", "--json"])
        #expect(((none.json() as? [String: Any])?["applications"] as? [Any])?.isEmpty == true)
    }

    @Test func listJSONShowsQueuedApplicationsWithPendingItems() throws {
        let node = TestNode()
        let id = try node.fileValid(values: try exampleValues())
        let result = try node.run(["list", "--json"])
        let object = try #require(result.json() as? [String: Any])
        #expect(Set(object.keys) == ["applications", "total"])
        #expect(object["total"] as? Int == 1)
        let apps = try #require(object["applications"] as? [[String: Any]])
        try #require(apps.count == 1)
        let app = apps[0]
        #expect(app["id"] as? String == id)
        #expect(app["bundle"] as? String == "birth")
        #expect(app["state"] as? String == "queued")
        #expect(app["revision"] as? Int == 1)
        #expect((app["filed_at"] as? String)?.isEmpty == false)
        let items = try #require(app["items"] as? [[String: Any]])
        #expect(items.compactMap { $0["item"] as? String } == Self.birthItems)
        #expect(items.allSatisfy { $0["state"] as? String == "pending" })
    }

    /// The contract: "list ... the province number (受理编号)" — before the hub accepted
    /// the application it is not known, which a script should see as `province_no: null`
    /// (as `show --json` gives it), not as a missing key.
    @Test func listJSONHasTheProvinceNumberKeyAsNull() throws {
        let node = TestNode()
        _ = try node.fileValid(values: try exampleValues())
        let app = try #require(try node.listed().first)
        #expect(app.keys.contains("province_no"), "keys: \(app.keys.sorted())")

        #expect(app["province_no"] == nil || app["province_no"] is NSNull)
    }

    @Test func listIsNewestFirstAndTextShowsEveryId() throws {
        let node = TestNode()
        let first = try node.fileValid(values: try exampleValues())
        let second = try node.fileValid("school-enrolment", values: try exampleValues("school-enrolment"))
        let ids = try node.listed().compactMap { $0["id"] as? String }
        #expect(ids == [second, first])

        let text = try node.run(["list"])
        #expect(text.code == 0)
        #expect(text.stdout.contains(first) && text.stdout.contains(second))
        #expect(text.stdout.contains("queued"))
        #expect(text.stdout.contains("school-enrolment"))
    }

    @Test func listTextShowsNoPersonalData() throws {
        let node = TestNode()
        let values = try exampleValues()
        _ = try node.fileValid(values: values)
        let text = try node.run(["list"])
        for field in ["mother_name", "mother_id_number", "mother_phone"] {
            let value = try #require(values[field] as? String)
            #expect(!text.stdout.contains(value), "list shows \(field)")
        }
    }

    @Test func listByState() throws {
        let node = TestNode()
        let id = try node.fileValid(values: try exampleValues())
        let queued = try node.run(["list", "--state", "queued", "--json"])
        #expect(queued.code == 0)
        let apps = (queued.json() as? [String: Any])?["applications"] as? [[String: Any]]
        #expect(apps?.compactMap { $0["id"] as? String } == [id])

        let sent = try node.run(["list", "--state", "sent", "--json"])
        #expect(sent.code == 0)
        #expect(((sent.json() as? [String: Any])?["applications"] as? [Any])?.isEmpty == true)

        let sentText = try node.run(["list", "--state", "accepted"])
        #expect(sentText.code == 0)
        #expect(!sentText.stdout.contains(id))
    }

    @Test func listWithAnUnknownStateIsAUsageError() throws {
        let node = TestNode()
        let result = try node.run(["list", "--state", "bogus"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("queued"), "the message lists the states: \(result.stderr)")
    }

    @Test func showJSONHasFieldsItemsAndProvinceNumber() throws {
        let node = TestNode()
        let values = try exampleValues()
        let id = try node.fileValid(values: values)
        let shown = try node.shown(id)
        #expect(shown["id"] as? String == id)
        #expect(shown["bundle"] as? String == "birth")
        #expect(shown["state"] as? String == "queued")
        #expect(shown["revision"] as? Int == 1)
        #expect(shown["region"] as? String == "350100")
        #expect(shown.keys.contains("province_no"))
        #expect(shown["province_no"] is NSNull)
        let fields = try #require(shown["fields"] as? [String: Any])
        #expect(fields["mother_name"] as? String == values["mother_name"] as? String)
        #expect(fields["mother_id_number"] as? String == values["mother_id_number"] as? String)
        // The node adds the newborn's provisional identity (LS- and the application id's ten characters).
        #expect(Set(fields.keys) == Set(values.keys).union(["newborn_provisional_id"]))
        #expect(fields["newborn_provisional_id"] as? String == "LS-" + String(id.dropFirst(3)))
        let items = try #require(shown["items"] as? [[String: Any]])
        #expect(items.compactMap { $0["item"] as? String } == Self.birthItems)
        #expect(items.allSatisfy { $0["state"] as? String == "pending" })
        #expect((shown["situations"] as? [String]) == ["mother-household"])
    }

    @Test func showTextIsForAPerson() throws {
        let node = TestNode()
        let id = try node.fileValid(values: try exampleValues())
        let result = try node.run(["show", id])
        #expect(result.code == 0)
        #expect(result.stdout.contains(id))
        #expect(result.stdout.contains("queued"))
        #expect(result.stdout.contains("not yet assigned"))
        #expect(result.stdout.contains("birth-certificate"))
        #expect(result.stdout.contains("林测试"))
    }

    @Test func showAcceptsALowerCaseId() throws {
        let node = TestNode()
        let id = try node.fileValid(values: try exampleValues())
        let result = try node.run(["show", id.lowercased(), "--json"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect((result.json() as? [String: Any])?["id"] as? String == id)
    }

    @Test(arguments: ["OT-0000000000", "not-an-id"])
    func showOfAnUnknownIdIsADataError(id: String) throws {
        let node = TestNode()
        _ = try node.fileValid(values: try exampleValues())
        let result = try node.run(["show", id])
        #expect(result.code == 65)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)

        let json = try node.run(["show", id, "--json"])
        #expect(json.code == 65)
        #expect(JSONFailure(json.stderr)?.code == 65, "\(json.stderr)")
    }

    @Test func showWithoutAnIdIsAUsageError() throws {
        let node = TestNode()
        #expect(try node.run(["show"]).code == 64)
    }

    @Test func statusJSONBeforeInit() throws {
        let node = TestNode()
        let status = try node.status()
        #expect(status.keys.contains("node"))
        #expect(status["node"] is NSNull)
        let applications = try #require(status["applications"] as? [String: Any])
        #expect(applications["queued"] as? Int == 0)
        let outbox = try #require(status["outbox"] as? [String: Any])
        #expect(outbox["queued"] as? Int == 0)
        #expect(status["last_success_at"] is NSNull)
    }

    @Test func statusCountsWhatWasFiled() throws {
        let node = TestNode()
        _ = try node.fileValid(values: try exampleValues())
        _ = try node.fileValid("school-enrolment", values: try exampleValues("school-enrolment"))
        let status = try node.status()
        let applications = try #require(status["applications"] as? [String: Any])
        #expect(applications["queued"] as? Int == 2)
        #expect(applications["sent"] as? Int == 0)
        #expect(applications["accepted"] as? Int == 0)
        #expect(applications["quarantined"] as? Int == 0)
        #expect((status["outbox"] as? [String: Any])?["queued"] as? Int == 2)
    }

    @Test func statusTextSaysTheNodeIsNotSetUp() throws {
        let node = TestNode()
        _ = try node.fileValid(values: try exampleValues())
        let result = try node.run(["status"])
        #expect(result.code == 0)
        #expect(result.stdout.contains("not set up"), "\(result.stdout)")
        #expect(result.stdout.contains("1 queued"), "\(result.stdout)")
        #expect(result.stdout.contains("never"), "no sync yet: \(result.stdout)")
    }
}
