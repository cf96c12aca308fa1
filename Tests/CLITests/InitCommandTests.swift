import Foundation
import Testing
import TestSupport

@Suite("onething init")
struct InitCommandTests {
    /// Synthetic 32-character token.
    static let token = "tok3nSynthetic0123456789abcdefXY"

    func tokenFile(_ node: TestNode, mode: Int = 0o600, text: String = token + "\n") throws -> String {
        try node.write("node.token", Data(text.utf8), mode: mode)
    }

    func initArgs(_ tokenPath: String, hub: String = "http://127.0.0.1:9", nodeId: String = "fz-maternity-test-1") -> [String] {
        ["init", "--hub", hub, "--node-id", nodeId, "--token-file", tokenPath]
    }

    /// Every file in the node's directory other than the token file itself.
    func stateFiles(_ node: TestNode) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: node.dir.path)
            .filter { $0 != "node.token" }.map { node.file($0) }
    }

    @Test func initWithATokenFileSetsTheNodeUp() throws {
        let node = TestNode()
        let token = try tokenFile(node)
        let result = try node.run(initArgs(token))
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("fz-maternity-test-1"))

        let status = try node.status()
        let configured = try #require(status["node"] as? [String: Any], "status --json: \(status)")
        #expect(configured["node_id"] as? String == "fz-maternity-test-1")
        #expect(configured["hub"] as? String == "http://127.0.0.1:9")
        #expect(configured["region"] as? String == "350100")

        let text = try node.run(["status"])
        #expect(text.stdout.contains("fz-maternity-test-1"))
        #expect(!text.stdout.contains("not set up"))
    }

    @Test func initJSONDescribesTheNode() throws {
        let node = TestNode()
        let token = try tokenFile(node)
        let result = try node.run(initArgs(token, hub: "https://hub.example.gov.cn") + ["--json", "--region", "350300"])
        #expect(result.code == 0, "\(result.stderr)")
        let object = try #require(result.json() as? [String: Any])
        #expect(object["node_id"] as? String == "fz-maternity-test-1")
        #expect(object["hub"] as? String == "https://hub.example.gov.cn")
        #expect(object["region"] as? String == "350300")
    }

    @Test func theTokenNeverAppearsInOutputOrDatabase() throws {
        let node = TestNode()
        let token = try tokenFile(node)
        var outputs: [BuiltBinary.Run] = []
        outputs.append(try node.run(initArgs(token)))
        outputs.append(try node.run(initArgs(token) + ["--json"]))
        outputs.append(try node.run(["status"]))
        outputs.append(try node.run(["status", "--json"]))
        outputs.append(try node.apply(data: try jsonData(try exampleValues())))
        outputs.append(try node.run(["list", "--json"]))
        outputs.append(try node.run(initArgs(token, hub: "http://example.org")))
        outputs.append(try node.run(initArgs(token, nodeId: "Bad Node")))
        for run in outputs {
            #expect(!run.stdout.contains(Self.token) && !run.stderr.contains(Self.token))
        }
        let id = try #require(try node.listedIDs().first)
        let shown = try node.run(["show", id, "--json"])
        #expect(!shown.stdout.contains(Self.token))
        for path in try stateFiles(node) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.range(of: Data(Self.token.utf8)) == nil, "the token was copied into \(path)")
        }
    }

    @Test func aTokenFileOthersCanReadIsAConfigurationError() throws {
        let node = TestNode()
        let token = try tokenFile(node, mode: 0o644)
        let result = try node.run(initArgs(token))
        #expect(result.code == 78)
        #expect(result.stderr.contains("chmod 600"), "\(result.stderr)")
        #expect(!result.stderr.contains(Self.token))
        #expect(result.stdout.isEmpty)
        if FileManager.default.fileExists(atPath: node.db) {
            #expect(try node.status()["node"] is NSNull, "a refused init sets nothing up")
        }
    }

    @Test func aGroupReadableTokenFileIsAConfigurationError() throws {
        let node = TestNode()
        let token = try tokenFile(node, mode: 0o640)
        #expect(try node.run(initArgs(token)).code == 78)
    }

    @Test func aMissingTokenFileIsAConfigurationError() throws {
        let node = TestNode()
        let result = try node.run(initArgs(node.file("no-such-token")))
        #expect(result.code == 78)
        #expect(result.stderr.contains("no-such-token"))
    }

    @Test func aTokenFileThatIsADirectoryIsAConfigurationError() throws {
        let node = TestNode()
        let dir = node.file("tokendir")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir)
        #expect(try node.run(initArgs(dir)).code == 78)
    }

    @Test func aTokenFileWithoutATokenIsAConfigurationError() throws {
        let node = TestNode()
        let token = try tokenFile(node, text: "short\n")
        #expect(try node.run(initArgs(token)).code == 78)
    }

    /// The rules `sync` applies (OneThingWire's HubURL): a user name or password in the URL is
    /// refused at `init`, not stored for `sync` to refuse later.
    @Test(arguments: [
        "ftp://127.0.0.1", "hub.example.gov.cn", "https://", "https://hub.example.gov.cn/?x=1",
        "https://hub.example.gov.cn/#top", "https://user:pw@hub.example.gov.cn", "http://user@127.0.0.1:8080",
    ])
    func anUnacceptableHubIsAUsageError(hub: String) throws {
        let node = TestNode()
        let token = try tokenFile(node)
        let result = try node.run(initArgs(token, hub: hub))
        #expect(result.code == 64, "\(hub): \(result.stderr)")
        #expect(result.stderr.contains("--hub"))
    }

    /// Plain http is allowed to a loopback address only (a configuration error otherwise,
    /// naming https); a DNS name that merely begins with "127." can point anywhere.
    @Test(arguments: [
        "http://example.org", "http://hub.example.gov.cn:8080", "http://192.0.2.1:8080",
        "http://127.0.0.1.example.org:8080", "http://127.example.org",
    ])
    func plainHTTPToAnotherMachineIsAConfigurationError(hub: String) throws {
        let node = TestNode()
        let token = try tokenFile(node)
        let result = try node.run(initArgs(token, hub: hub))
        #expect(result.code == 78, "\(hub) was accepted: \(result.stdout)")
        #expect(result.stderr.contains("https"))
        #expect(result.stderr.contains("loopback"))

    }

    @Test(arguments: ["http://localhost:8080", "http://127.0.0.1:9", "http://[::1]:9", "https://hub.example.gov.cn"])
    func anAcceptableHubIsTaken(hub: String) throws {
        let node = TestNode()
        let token = try tokenFile(node)
        let result = try node.run(initArgs(token, hub: hub))
        #expect(result.code == 0, "\(hub): \(result.stderr)")
        #expect((try node.status()["node"] as? [String: Any])?["hub"] as? String == hub)
    }

    @Test(arguments: ["FZ-Node-1", "fz node 1", "-fz-node", "", "fz/node", "节点一", String(repeating: "a", count: 65)])
    func aBadNodeIdIsAUsageError(nodeId: String) throws {
        let node = TestNode()
        let token = try tokenFile(node)
        let result = try node.run(initArgs(token, nodeId: nodeId))
        #expect(result.code == 64, "\(nodeId): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: node.db), "a refused init creates no database")
    }

    @Test func anUnknownRegionIsRefused() throws {
        let node = TestNode()
        let token = try tokenFile(node)
        let result = try node.run(initArgs(token) + ["--region", "999999"])
        #expect(result.code == 64, "\(result.stderr)")
        #expect((try node.status()["node"]) is NSNull)
    }

    @Test func initCanBeRunAgainToChangeTheHub() throws {
        let node = TestNode()
        let token = try tokenFile(node)
        #expect(try node.run(initArgs(token)).code == 0)
        #expect(try node.run(initArgs(token, hub: "https://hub.example.gov.cn")).code == 0)
        let configured = try node.status()["node"] as? [String: Any]
        #expect(configured?["hub"] as? String == "https://hub.example.gov.cn")
        #expect(configured?["node_id"] as? String == "fz-maternity-test-1")
    }

    @Test func applicationsFiledBeforeInitAreKept() throws {
        let node = TestNode()
        let id = try node.fileValid(values: try exampleValues())
        let token = try tokenFile(node)
        #expect(try node.run(initArgs(token)).code == 0)
        #expect(try node.listedIDs() == [id])
    }

    @Test func aPutianNodeRefusesItemsPutianDoesNotOffer() throws {
        let node = TestNode()
        let token = try tokenFile(node)
        #expect(try node.run(initArgs(token) + ["--region", "350300"]).code == 0)
        // The default items are the region's menu: the three Putian items.
        let example = try node.example("birth")
        let filed = try node.apply(data: try jsonData(example))
        #expect(filed.code == 0, "\(filed.stderr)")
        let id = filed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let items = (try node.shown(id)["items"] as? [[String: Any]])?.compactMap { $0["item"] as? String }
        #expect(items == ["birth-certificate", "vaccination-certificate", "household-registration"])

        let refused = try node.apply(
            items: ["birth-certificate", "maternity-insurance"], data: try jsonData(try exampleValues()))
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("maternity-insurance"))
        #expect(try node.listedIDs() == [id])
    }
}
