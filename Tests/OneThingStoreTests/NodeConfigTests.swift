import GRDB
import OneThingStore
import TestSupport
import Testing

@Suite("Node configuration")
struct NodeConfigTests {
    @Test("init is stored and can change the hub")
    func saveAndUpdate() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        #expect(try store.nodeConfig() == nil)
        let config = NodeConfig(nodeId: "ward-1", hubURL: "http://127.0.0.1:1", tokenFile: "/tmp/t", region: "350100")
        #expect(try store.saveNodeConfig(config) == .created)
        #expect(try store.nodeConfig() == config)
        var moved = config
        moved.hubURL = "https://hub.example.gov.cn"
        #expect(try store.saveNodeConfig(moved) == .updated)
        #expect(try store.nodeConfig()?.hubURL == "https://hub.example.gov.cn")
    }

    @Test("the node id cannot change once entries have left the node")
    func nodeIdChange() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let store = try NodeStore.open(path: path)
        let config = NodeConfig(nodeId: "ward-1", hubURL: "http://127.0.0.1:1", tokenFile: "/tmp/t", region: "350100")
        _ = try store.saveNodeConfig(config)
        try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing)
        var renamed = config
        renamed.nodeId = "ward-2"
        #expect(try store.saveNodeConfig(renamed) == .updated)  // nothing sent yet: allowed
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE outbox SET state = 'acked'") }
        renamed.nodeId = "ward-3"
        #expect(try store.saveNodeConfig(renamed) == .refusedNodeIdChange(current: "ward-2"))
        #expect(try store.nodeConfig()?.nodeId == "ward-2")
    }
}
