import Foundation
import OneThingModel
import TestSupport
import Testing

/// A third bundle (身后一件事, `Tests/Catalogues/death`) added from catalogue files alone,
/// given with `--catalog DIR` to the real `onething` and `onething-hub`: filed with its
/// provisional case number, warned as a duplicate of the same death, synced, decided in
/// dependency order with its issued death certificate number checked against the field's
/// pattern, and the number pulled back in place of the provisional one. Nothing in Sources
/// knows the bundle.
@Suite("A third bundle from catalogue files alone", .serialized)
struct ThirdBundleTests {
    let bundle = ThirdBundleCatalogue.bundle

    /// A loop whose node and hub use the catalogue directory with the third bundle.
    func loopWithCatalogue() throws -> (Loop, String) {
        let loop = Loop()
        let directory = loop.dir.file("catalogue-death")
        try ThirdBundleCatalogue.write(to: directory)
        let checked = try loop.node(["catalog", "check", directory])
        #expect(checked.code == 0, "catalog check: \(checked.stdout)\(checked.stderr)")
        return (loop, directory)
    }

    /// The catalogue's example of the bundle as of now (the machine's clock, as the binary's).
    func example(_ loop: Loop, _ catalogue: String) throws -> String {
        let run = try loop.node(["catalog", "example", bundle, "--catalog", catalogue])
        #expect(run.code == 0, "catalog example: \(run.stderr)")
        return run.stdout
    }

    func items(_ application: [String: Any]) -> [String: String] { application.items() }

    @Test("filed, flagged as a duplicate, synced, decided in dependency order and the issued number pulled back")
    func filedSyncedDecided() throws {
        let (loop, catalogue) = try loopWithCatalogue()
        let hub = try loop.startHub(["--catalog", catalogue])
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let form = try example(loop, catalogue)

        let first = try loop.node(["apply", "--bundle", bundle, "--data", "-", "--json", "--catalog", catalogue], stdin: form)
        #expect(first.code == 0, "apply: \(first.stderr)")
        let id = try #require((first.json() as? [String: Any])?["id"] as? String, "\(first.stdout)")
        let provisional = "SH-" + id.dropFirst(3)
        let filed = try loop.nodeShow(id)
        #expect((filed["fields"] as? [String: String])?["death_case_provisional"] == provisional, "\(filed)")
        #expect(filed["catalog_version"] as? String == ThirdBundleCatalogue.version)
        let shown = try loop.node(["show", id, "--catalog", catalogue]).stdout
        #expect(shown.contains("provisional \(provisional) until Medical certificate of death issues it"), "\(shown)")

        // The same death filed again: the duplicate key (the deceased's ID number, the day) warns.
        let again = try loop.node(["apply", "--bundle", bundle, "--data", "-", "--json", "--catalog", catalogue], stdin: form)
        #expect(again.code == 0, "apply again: \(again.stderr)")
        let againJSON = try #require(again.json() as? [String: Any])
        let duplicates = againJSON["possible_duplicates"] as? [[String: Any]] ?? []
        #expect(duplicates.contains { $0["id"] as? String == id }, "\(again.stdout)")
        let secondId = try #require(againJSON["id"] as? String)

        let synced = try loop.node(["sync", "--catalog", catalogue])
        #expect(synced.code == 0, "sync: \(synced.stderr)")
        let number = try #require(try loop.nodeShow(id)["province_no"] as? String)
        let secondNumber = try #require(try loop.nodeShow(secondId)["province_no"] as? String)
        let duplicate = try loop.hubShow(secondNumber)["duplicate"] as? [String: Any]
        #expect(duplicate?["province_no"] as? String == number, "the hub matches it too: \(String(describing: duplicate))")
        let accepted = try loop.hubShow(number)
        #expect(
            items(accepted) == [
                "death-certificate": "in_progress", "household-cancellation": "waiting", "cremation": "waiting",
                "pension-settlement": "waiting",
            ], "\(accepted)")

        // Dependency order, and the issued document the waiting items need.
        let early = try loop.hub(["decide", number, "cremation", "approve"])
        #expect(early.code != 0 && early.stderr.contains("death-certificate"), "\(early.stderr)")
        let withoutNumber = try loop.hub(["decide", number, "death-certificate", "approve"])
        #expect(withoutNumber.code == 65 && withoutNumber.stderr.contains("--document death_certificate_no=VALUE"), "\(withoutNumber.stderr)")
        let malformed = try loop.hub(["decide", number, "death-certificate", "approve", "--document", "death_certificate_no=SW12"])
        #expect(malformed.code == 65 && malformed.stderr.contains("death_certificate_no"), "\(malformed.stderr)")
        let certificate = "SW2026000017"
        let decided = try loop.hub(["decide", number, "death-certificate", "approve", "--document", "death_certificate_no=\(certificate)"])
        #expect(decided.code == 0, "decide: \(decided.stderr)")
        let hubSide = try loop.hubShow(number)
        #expect((hubSide["fields"] as? [String: String])?["death_certificate_no"] == certificate)
        #expect(items(hubSide)["death-certificate"] == "issued")
        #expect(items(hubSide)["household-cancellation"] == "in_progress" && items(hubSide)["cremation"] == "in_progress")
        #expect(items(hubSide)["pension-settlement"] == "waiting")
        for item in ["household-cancellation", "cremation", "pension-settlement"] {
            let run = try loop.hub(["decide", number, item, "approve"])
            #expect(run.code == 0, "\(item): \(run.stderr)")
        }

        // Pulled back: the issued number in place of the provisional one; a system field.
        #expect(try loop.node(["sync", "--catalog", catalogue]).code == 0)
        let nodeSide = try loop.nodeShow(id)
        #expect((nodeSide["fields"] as? [String: String])?["death_certificate_no"] == certificate)
        #expect(Set(items(nodeSide).values) == ["issued", "approved"], "\(nodeSide)")
        let history = (nodeSide["history"] as? [[String: Any]]) ?? []
        #expect(history.contains { $0["kind"] as? String == "identity_issued" }, "\(history)")
        #expect(try loop.node(["show", id, "--catalog", catalogue]).stdout.contains("\(certificate) (issued; replaces the provisional \(provisional))"))
        let refused = try loop.node(
            ["amend", id, "--data", "-", "--catalog", catalogue], stdin: #"{"death_certificate_no": "SW0000000001"}"#)
        #expect(refused.code == 65 && refused.stderr.contains("death_certificate_no"), "\(refused.stderr)")
        let corrected = try loop.node(
            ["amend", id, "--data", "-", "--catalog", catalogue], stdin: #"{"applicant_phone": "13900000005"}"#)
        #expect(corrected.code == 0, "amend: \(corrected.stderr)")
        #expect(try loop.node(["sync", "--catalog", catalogue]).code == 0)
        let amended = try loop.hubShow(number)
        #expect((amended["fields"] as? [String: String])?["applicant_phone"] == "13900000005")
        #expect((amended["fields"] as? [String: String])?["death_certificate_no"] == certificate, "the hub keeps what it issued")
    }

    @Test("a demo hub decides it by the catalogue's autoIssue rule: SW and the province number's digits")
    func autoDecided() throws {
        let (loop, catalogue) = try loopWithCatalogue()
        let hub = try loop.startHub(["--catalog", catalogue, "--auto-decide", "0.5"])
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        let run = try loop.node(["apply", "--bundle", bundle, "--data", "-", "--catalog", catalogue], stdin: try example(loop, catalogue))
        #expect(run.code == 0, "apply: \(run.stderr)")
        let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var decided = false
        for _ in 0..<40 where !decided {
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try loop.node(["sync", "--catalog", catalogue]).code == 0)
            let states = try loop.nodeShow(id).items().values
            decided = states.count == ThirdBundleCatalogue.items.count && states.allSatisfy { ["approved", "issued"].contains($0) }
        }
        try #require(decided, "the demo hub decided every item")
        let shown = try loop.nodeShow(id)
        let number = try #require(shown["province_no"] as? String)
        #expect((shown["fields"] as? [String: String])?["death_certificate_no"] == AutoIssue.serial(prefix: "SW", provinceNo: number))
    }
}
