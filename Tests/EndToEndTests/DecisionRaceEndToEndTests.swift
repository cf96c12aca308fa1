import Foundation
import TestSupport
import Testing

/// The race of issue 13 on the real binaries: the hub returns an item for correction; before
/// the node pulls that, the clerk corrects an unrelated field. The return is not cleared by
/// a correction that never saw it.
@Suite("A return is answered only by a correction that saw it")
struct DecisionRaceEndToEndTests {
    @Test("a correction made before the return was pulled leaves the item returned; the node shows the return and keeps it in its history")
    func returnNotClearedByAnUnrelatedCorrection() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file(count: 1).first)
        #expect(try loop.node(["sync"]).code == 0)
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        let reason = "银行卡户名与母亲姓名不一致，请提供母亲本人名下的借记卡"
        #expect(try loop.hub(["decide", number, "vaccination-certificate", "return", "--reason", reason]).code == 0)
        // The clerk corrects the mother's phone before the node has pulled the return.
        #expect(try loop.node(["amend", id, "--data", "-"], stdin: #"{"mother_phone": "13900000009"}"#).code == 0)
        #expect(try loop.node(["sync"]).code == 0)

        #expect(try loop.hubShow(number).items()["vaccination-certificate"] == "returned", "the hub keeps the return")
        let shown = try loop.nodeShow(id)
        #expect(shown.items()["vaccination-certificate"] == "returned")
        let item = (shown["items"] as? [[String: Any]])?.first { $0["item"] as? String == "vaccination-certificate" }
        #expect(item?["reason"] as? String == reason, "the node shows the return's reason")
        let history = (shown["history"] as? [[String: Any]]) ?? []
        #expect(history.contains { $0["kind"] as? String == "returned" }, "the node's history records it: \(history)")
        #expect(try loop.node(["show", id]).stdout.contains("returned"))

        // The clerk answers the return: the item goes back to the department.
        #expect(try loop.node(["amend", id, "--data", "-"], stdin: #"{"delivery_phone": "13900000008"}"#).code == 0)
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.hubShow(number).items()["vaccination-certificate"] == "in_progress")
    }
}
