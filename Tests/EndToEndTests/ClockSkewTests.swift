import Foundation
import TestSupport
import Testing

/// No decision depends on a wall clock: the same scenario, with the node's and the hub's
/// clocks shifted a day apart in either direction (libfaketime), ends in the same state on
/// both sides as with true clocks. Timestamps (shown to people, and the hub's records of
/// when it received and decided) and random ids differ and are left out of the comparison.
@Suite("Clock skew changes no outcome", .serialized)
struct ClockSkewTests {
    @Test(
        "the same outcome with clocks skewed a day either way",
        .enabled(if: SkewedClock.isAvailable, "libfaketime is not installed (scripts/install-deps.sh installs it)"))
    func sameOutcome() throws {
        let example = try Loop().node(["catalog", "example", "birth"]).stdout
        let reference = try outcome(nodeClock: nil, hubClock: nil, example: example)
        let nodeBehind = try outcome(nodeClock: "-1d", hubClock: "+1d", example: example)
        let nodeAhead = try outcome(nodeClock: "+1d", hubClock: "-1d", example: example)
        #expect(nodeBehind == reference)
        #expect(nodeAhead == reference)
        // The scenario did exercise what matters: a merge, a conflict and its resolution, an issued ID.
        #expect(reference.contains("\"household_address\":\"福建省福州市鼓楼区测试路9号\""))
        let exampleFields = (try JSONSerialization.jsonObject(with: Data(example.utf8)) as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
        let issued = try #require(SyntheticPeople.newbornID(of: exampleFields))
        #expect(reference.contains("\"newborn_id_number\":\"\(issued)\""))
        #expect(reference.contains("\"kind\":\"resolved\""))
    }

    /// Runs the scenario and returns both sides' final state as comparable JSON text.
    func outcome(nodeClock: String?, hubClock: String?, example: String) throws -> String {
        let loop = Loop(nodeClock: nodeClock, hubClock: hubClock)
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let apply = try loop.node(["apply", "--bundle", "birth", "--data", "-"], stdin: example)
        #expect(apply.code == 0, "apply (\(nodeClock ?? "true clock")): \(apply.stderr)")
        let id = apply.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try loop.node(["sync"]).code == 0)
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        #expect(try loop.hub(["amend", number, "--data", "-"], stdin: #"{"household_address": "福建省福州市鼓楼区测试路9号", "delivery_address": "福建省福州市台江区测试街9号"}"#).code == 0)
        #expect(try loop.node(["amend", id, "--data", "-"], stdin: #"{"delivery_address": "福建省福州市仓山区样例路3号", "mother_phone": "13900000009"}"#).code == 0)
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.hub(["decide", number, "household-registration", "approve", "--document", "resident_id_number=\(try loop.newbornID(number))"]).code == 0)
        #expect(try loop.node(["conflicts", "resolve", id, "--keep", "local"]).code == 0)
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.node(["sync"]).code == 0)

        var node = try loop.nodeShow(id)
        var hubSide = try loop.hubShow(number)
        for key in ["id", "filed_at", "updated_at"] { node[key] = nil }
        hubSide["application_id"] = nil
        // When the hub received and decided: its clock's readings, skewed on purpose here.
        hubSide["received_at"] = nil
        hubSide["items"] = (hubSide["items"] as? [[String: Any]])?.map { $0.filter { $0.key != "decided_at" } }
        node["fields"] = (node["fields"] as? [String: String])?.filter { $0.key != "newborn_provisional_id" }
        hubSide["fields"] = (hubSide["fields"] as? [String: String])?.filter { $0.key != "newborn_provisional_id" }
        let data = try JSONSerialization.data(withJSONObject: ["node": node, "hub": hubSide], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
