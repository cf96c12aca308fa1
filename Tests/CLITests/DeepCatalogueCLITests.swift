import Foundation
import Testing
import TestSupport

/// A catalogue 15,000 items deep (a dependency chain) through the real binaries: refused with
/// a message, not a crash, by `onething catalog check`, by the node run on it, and by the hub
/// asked to serve it. The checker walks without recursion.
@Suite("A catalogue 15,000 items deep, on the real binaries")
struct DeepCatalogueCLITests {
    static let depth = 15_000

    /// The exported catalogue with a chain `deep-0` -> ... -> `deep-14999` -> the household
    /// registration added to the birth bundle and to Fuzhou's birth menu.
    func deepCatalogue(_ node: TestNode) throws -> String {
        let dir = node.file("catalog")
        let export = try node.run(["catalog", "export", dir])
        try #require(export.code == 0, "\(export.stderr)")
        let birthPath = dir + "/bundles/birth.json"
        var birth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: birthPath))) as? [String: Any])
        var items = try #require(birth["items"] as? [[String: Any]])
        let template = try #require(items.first)
        for index in 0..<Self.depth {
            var item = template
            item["code"] = "deep-\(index)"
            item["names"] = ["zh": "测试事项\(index)", "en": "Test item \(index)"]
            item["dependsOn"] = [index == Self.depth - 1 ? "household-registration" : "deep-\(index + 1)"]
            items.append(item)
        }
        birth["items"] = items
        try JSONSerialization.data(withJSONObject: birth).write(to: URL(fileURLWithPath: birthPath))

        let cataloguePath = dir + "/catalog.json"
        var catalogue = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cataloguePath))) as? [String: Any])
        var regions = try #require(catalogue["regions"] as? [[String: Any]])
        let fuzhou = try #require(regions.firstIndex { $0["code"] as? String == "350100" })
        var menus = try #require(regions[fuzhou]["menus"] as? [String: Any])
        menus["birth"] = (menus["birth"] as? [String] ?? []) + (0..<Self.depth).map { "deep-\($0)" }
        regions[fuzhou]["menus"] = menus
        catalogue["regions"] = regions
        try JSONSerialization.data(withJSONObject: catalogue).write(to: URL(fileURLWithPath: cataloguePath))
        return dir
    }

    @Test("catalog check, the node and the hub refuse it for its size, each with a message; none crashes")
    func refusedNotCrashed() throws {
        let node = TestNode()
        let dir = try deepCatalogue(node)

        let check = try node.run(["catalog", "check", dir])
        #expect(check.code == 65, "catalog check exited \(check.code): \(check.stderr)")
        #expect((check.stdout + check.stderr).contains("at most"), "\(check.stdout)\(check.stderr)")

        let list = try node.run(["catalog", "list", "--catalog", dir])
        #expect(list.code == 78, "a node on it exited \(list.code): \(list.stderr)")
        #expect(list.stderr.contains("at most"), "\(list.stderr)")

        // Under timeout(1): a hub that took the catalogue would serve for ever; it fails the test instead.
        let serve = try BuiltBinary("onething-hub").run(
            ["serve", "--catalog", dir, "--port", "0", "--db", node.file("hub.sqlite")], launcher: ["/usr/bin/timeout", "120"])
        #expect(serve.code == 78, "the hub on it exited \(serve.code): \(serve.stderr)")
        #expect(serve.stderr.contains("at most"), "\(serve.stderr)")
    }
}
