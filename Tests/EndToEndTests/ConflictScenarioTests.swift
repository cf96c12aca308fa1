import Foundation
import OneThingModel
import TestSupport
import Testing

/// The situations of conflict-aware sync as they happen at a ward or a school, each run
/// against the real hub with the real `onething` binary; both sides' final state asserted.
@Suite("Conflict-aware sync: corrections, concurrent changes, duplicates, provisional identity", .serialized)
struct ConflictScenarioTests {
    static let officerAddress = "福建省福州市鼓楼区测试路9号"
    static let officerDelivery = "福建省福州市台江区测试街9号"
    static let clerkDelivery = "福建省福州市仓山区样例路3号"

    /// Files one example birth, syncs it and returns (application id, province number).
    func filedAndSynced(_ loop: Loop) throws -> (String, String) {
        let id = try #require(try loop.file().first)
        let run = try loop.node(["sync"])
        #expect(run.code == 0, "sync: \(run.stderr)")
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        return (id, number)
    }

    @Test("1. returned for correction while an officer changed the application: merged, a conflict decided, re-submitted")
    func correctionWithConcurrentChanges() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let (id, number) = try filedAndSynced(loop)

        // The department returns an item; the node learns of it.
        #expect(try loop.hub(["decide", number, "birth-certificate", "return", "--reason", "请核对证件邮寄地址 / check the delivery address"]).code == 0)
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.nodeShow(id).items()["birth-certificate"] == "returned")

        // Meanwhile an officer corrects the household address and the delivery address.
        let officer = #"{"household_address": "\#(Self.officerAddress)", "delivery_address": "\#(Self.officerDelivery)"}"#
        #expect(try loop.hub(["amend", number, "--data", "-"], stdin: officer).code == 0)

        // The clerk corrects the delivery address and the mother's phone, and re-submits.
        let clerk = #"{"delivery_address": "\#(Self.clerkDelivery)", "mother_phone": "13900000009"}"#
        let amended = try loop.node(["amend", id, "--data", "-"], stdin: clerk)
        #expect(amended.code == 0, "amend: \(amended.stderr)")
        #expect(amended.stdout.contains("revision 2"))
        let synced = try loop.node(["sync"])
        #expect(synced.code == 0, "sync: \(synced.stderr)")
        #expect(synced.stdout.contains("1 conflict waits for a decision"))

        // Different fields merged; the same field became a conflict, the hub's value holding.
        var hubSide = try loop.hubShow(number)
        var fields = try #require(hubSide["fields"] as? [String: String])
        #expect(fields["household_address"] == Self.officerAddress)
        #expect(fields["mother_phone"] == "13900000009")
        #expect(fields["delivery_address"] == Self.officerDelivery)
        #expect((hubSide["conflicts"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["delivery_address"])
        #expect(hubSide.items()["birth-certificate"] == "in_progress", "the corrected revision reopens the returned item")
        var nodeSide = try loop.nodeShow(id)
        #expect(nodeSide["open_conflicts"] as? Int == 1)
        #expect((nodeSide["fields"] as? [String: String])?["household_address"] == Self.officerAddress)
        #expect(nodeSide.items()["birth-certificate"] == "in_progress")
        let listed = try loop.node(["conflicts", "list", "--json"]).json() as? [String: Any]
        let conflict = try #require((listed?["conflicts"] as? [[String: Any]])?.first)
        #expect(conflict["field"] as? String == "delivery_address")
        #expect(conflict["local"] as? String == Self.clerkDelivery)
        #expect(conflict["hub"] as? String == Self.officerDelivery)
        #expect(conflict["base"] as? String != nil)
        #expect(try loop.node(["conflicts", "show", id]).stdout.contains(Self.clerkDelivery))

        // The clerk decides for the node's value: a new revision, pushed on the next sync.
        let resolved = try loop.node(["conflicts", "resolve", id, "--keep", "local", "--operator", "clerk-7"])
        #expect(resolved.code == 0, "resolve: \(resolved.stderr)")
        #expect(try loop.node(["sync"]).code == 0)
        hubSide = try loop.hubShow(number)
        fields = try #require(hubSide["fields"] as? [String: String])
        #expect(fields["delivery_address"] == Self.clerkDelivery)
        #expect(fields["household_address"] == Self.officerAddress)
        #expect((hubSide["conflicts"] as? [Any])?.isEmpty == true)
        #expect(hubSide["revision"] as? Int == 3)
        nodeSide = try loop.nodeShow(id)
        #expect(nodeSide["open_conflicts"] as? Int == 0)
        #expect((nodeSide["fields"] as? [String: String])?["delivery_address"] == Self.clerkDelivery)
        #expect(nodeSide["state"] as? String == "accepted")
        let kinds = ((nodeSide["history"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("merged") && kinds.contains("conflict") && kinds.contains("resolved"))
        // Nothing left over on either side.
        #expect(try loop.node(["conflicts", "list"]).stdout.contains("No conflicts"))
        #expect(try loop.node(["sync"]).stdout.isEmpty)
    }

    @Test("2. the same newborn from two kiosks, a lost receipt, a child enrolled at two schools: matched, both kept")
    func duplicates() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode("ward-1", url: hub.url)
        let secondKiosk = loop.dir.file("kiosk-2.sqlite")
        _ = try loop.setUpNode("ward-2", url: hub.url, db: secondKiosk)
        let (first, firstNumber) = try filedAndSynced(loop)

        let other = try #require(try loop.file(db: secondKiosk).first)
        #expect(try loop.node(["sync"], db: secondKiosk).code == 0)
        let shown = try loop.nodeShow(other, db: secondKiosk)
        let duplicate = try #require(shown["duplicate"] as? [String: Any])
        #expect(duplicate["province_no"] as? String == firstNumber)
        #expect(duplicate["application_id"] as? String == first)
        #expect(duplicate["node_id"] as? String == "ward-1")
        #expect(duplicate["kind"] as? String == "exact")
        #expect((shown["province_no"] as? String) != firstNumber, "kept as its own application")
        #expect(try loop.node(["show", other], db: secondKiosk).stdout.contains("Possible duplicate (exact) of \(firstNumber)"))
        let hubSide = try loop.hubShow(try #require(shown["province_no"] as? String))
        #expect((hubSide["duplicate"] as? [String: Any])?["province_no"] as? String == firstNumber)

        // The receipt was lost and the clerk files again at the first kiosk: warned at once.
        let example = try loop.node(["catalog", "example", "birth"]).stdout
        let again = try loop.node(["apply", "--bundle", "birth", "--data", "-", "--json"], stdin: example)
        #expect(again.code == 0)
        #expect(again.stderr.contains("may duplicate \(first)"))
        #expect(!again.stderr.contains("350102"), "the warning names ids, never the values that matched")
        let warned = again.json() as? [String: Any]
        #expect((warned?["possible_duplicates"] as? [[String: Any]])?.first?["id"] as? String == first)

        // School enrolment: the same child and school year from two schools.
        let school = loop.dir.file("school-2.sqlite")
        _ = try loop.setUpNode("school-2", url: hub.url, db: school)
        let enrolled = try #require(try loop.file("school-enrolment").first)
        #expect(try loop.node(["sync"]).code == 0)
        let elsewhere = try #require(try loop.file("school-enrolment", db: school).first)
        #expect(try loop.node(["sync"], db: school).code == 0)
        let match = try loop.nodeShow(elsewhere, db: school)["duplicate"] as? [String: Any]
        #expect(match?["application_id"] as? String == enrolled)
        #expect(match?["kind"] as? String == "exact")
        #expect(try loop.hubApplications().count == 5)
    }

    @Test("3. edits while queued replace the unsent revision; edits while in flight become the next revision")
    func editsWhileQueuedOrInFlight() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file().first)
        let queuedEdit = try loop.node(["amend", id, "--data", "-", "--json"], stdin: #"{"mother_phone": "13900000001"}"#)
        #expect(queuedEdit.code == 0, "amend: \(queuedEdit.stderr)")
        #expect((queuedEdit.json() as? [String: Any])?["replaced_queued_entry"] as? Bool == true)
        #expect(try loop.sql("SELECT COUNT(*), MAX(revision) FROM outbox WHERE application_id = '\(id)'") == "1|1")

        // A sync run is interrupted with the entry in flight (sent, no answer recorded).
        _ = try loop.sql("UPDATE outbox SET state = 'in_flight', attempts = 1")
        _ = try loop.sql("UPDATE applications SET state = 'sent'")
        let inFlightEdit = try loop.node(["amend", id, "--data", "-", "--json"], stdin: #"{"mother_phone": "13900000002"}"#)
        #expect((inFlightEdit.json() as? [String: Any])?["revision"] as? Int == 2)
        #expect(try loop.sql("SELECT revision, state FROM outbox WHERE application_id = '\(id)' ORDER BY seq") == "1|in_flight\n2|queued")

        #expect(try loop.node(["sync"]).code == 0)
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        let hubSide = try loop.hubShow(number)
        #expect(hubSide["revision"] as? Int == 2)
        #expect((hubSide["fields"] as? [String: String])?["mother_phone"] == "13900000002")
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state = 'acked'") == "2")
        let nodeSide = try loop.nodeShow(id)
        #expect(nodeSide["revision"] as? Int == 2)
        #expect((nodeSide["fields"] as? [String: String])?["mother_phone"] == "13900000002")
        #expect(nodeSide["open_conflicts"] as? Int == 0)
        // A correction months after filing is checked as of the filing (the birth is not
        // "too old" now): the node's clock 200 days ahead changes nothing.
        if SkewedClock.isAvailable {
            let later = try loop.node.run(
                ["amend", id, "--data", "-", "--db", loop.nodeDB], stdin: Data(#"{"mother_phone": "13900000004"}"#.utf8),
                environment: SkewedClock.environment("+200d"), launcher: SkewedClock.launcher("+200d"))
            #expect(later.code == 0, "amend 200 days later: \(later.stderr)")
        }
        // A field the system owns cannot be amended; nothing is stored.
        let refused = try loop.node(["amend", id, "--data", "-"], stdin: #"{"newborn_provisional_id": "LS-XXXXXXXXXX"}"#)
        #expect(refused.code == 65)
        #expect(try loop.sql("SELECT COUNT(*) FROM outbox") == (SkewedClock.isAvailable ? "3" : "2"))
    }

    @Test("4. a provisional identity until the household registration issues the resident ID number")
    func provisionalIdentity() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        let (id, number) = try filedAndSynced(loop)
        let provisional = "LS-" + id.dropFirst(3)
        #expect((try loop.nodeShow(id)["fields"] as? [String: String])?["newborn_provisional_id"] == provisional)
        #expect(try loop.node(["show", id]).stdout.contains("provisional \(provisional)"))
        #expect(try loop.hubShow(number).items()["social-security-card"] == "waiting")

        let issued = try loop.newbornID(number)
        // A number that is not this newborn's is refused, each way it can differ, and changes nothing.
        let fields = try #require(try loop.hubShow(number)["fields"] as? [String: String])
        let born = try #require(fields["birth_time"].flatMap(CivilDateTime.parse)?.date)
        let sex = try #require(fields["newborn_sex"].flatMap(Sex.init(rawValue:)))
        let otherSex: Sex = sex == .male ? .female : .male
        var xiamen = Array(SyntheticPeople.idNumber(born: born, sex: sex, serial: 5).prefix(17))
        xiamen.replaceSubrange(0..<6, with: "350203")
        let notTheNewborns = [
            ("birth_time", SyntheticPeople.idNumber(born: born.adding(days: 1), sex: sex, serial: 5)),
            ("newborn_sex", SyntheticPeople.idNumber(born: born, sex: otherSex, serial: 5)),
            ("region", String(xiamen) + String(try #require(ResidentIDNumber.checkCharacter(for: String(xiamen))))),
        ]
        for (what, wrong) in notTheNewborns {
            let refused = try loop.hub(["decide", number, "household-registration", "approve", "--document", "resident_id_number=\(wrong)"])
            #expect(refused.code == 65, "\(what): \(refused.stderr)")
            #expect(refused.stderr.contains(what) && !refused.stderr.contains(wrong), "\(what): \(refused.stderr)")
        }
        #expect(try loop.hubShow(number).items()["household-registration"] == "in_progress")
        let decided = try loop.hub(["decide", number, "household-registration", "approve", "--document", "resident_id_number=\(issued)"])
        #expect(decided.code == 0, "decide: \(decided.stderr)")
        let hubSide = try loop.hubShow(number)
        #expect(hubSide.items()["social-security-card"] == "in_progress")
        #expect(hubSide.items()["medical-insurance-enrolment"] == "in_progress")
        #expect((hubSide["fields"] as? [String: String])?["newborn_id_number"] == issued)

        #expect(try loop.node(["sync"]).code == 0)
        let nodeSide = try loop.nodeShow(id)
        #expect((nodeSide["fields"] as? [String: String])?["newborn_id_number"] == issued)
        #expect(nodeSide.items()["social-security-card"] == "in_progress")
        #expect(try loop.node(["show", id]).stdout.contains("\(issued) (issued; replaces the provisional \(provisional))"))
        // A later node edit keeps the hub's issued number (the hub owns it).
        #expect(try loop.node(["amend", id, "--data", "-"], stdin: #"{"mother_phone": "13900000003"}"#).code == 0)
        #expect(try loop.node(["sync"]).code == 0)
        #expect((try loop.hubShow(number)["fields"] as? [String: String])?["newborn_id_number"] == issued)
        #expect((try loop.nodeShow(id)["fields"] as? [String: String])?["newborn_id_number"] == issued)
    }
}
