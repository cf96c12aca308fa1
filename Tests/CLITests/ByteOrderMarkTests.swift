import Foundation
import Testing
import TestSupport

/// Files written by Windows tools start with a UTF-8 byte order mark (EF BB BF): `apply`
/// reads `--data` and `--ndjson` input without it. (The token file: `init` and `sync`
/// against a real hub, in EndToEndTests.)
@Suite("A UTF-8 byte order mark at the start of input")
struct ByteOrderMarkTests {
    static let bom = Data([0xEF, 0xBB, 0xBF])

    @Test func aDataFileWithAByteOrderMarkFiles() throws {
        let node = TestNode()
        let path = try node.write("form.json", Self.bom + (try jsonData(try exampleValues())))
        let result = try node.run(["apply", "--bundle", "birth", "--data", path])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(isApplicationID(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try node.listed().count == 1)
    }

    @Test func dataOnStdinWithAByteOrderMarkFiles() throws {
        let node = TestNode()
        let result = try node.apply(data: Self.bom + (try jsonData(try exampleValues())))
        #expect(result.code == 0, "\(result.stderr)")
    }

    @Test func anNDJSONFileWithAByteOrderMarkFilesEveryLine() throws {
        let node = TestNode()
        let batch = try (0..<3).map { try BatchReimportTests.line(40 + $0) }.joined(separator: "\r\n") + "\r\n"
        let path = try node.write("export.ndjson", Self.bom + Data(batch.utf8))
        let result = try node.run(["apply", "--bundle", "birth", "--ndjson", path])
        #expect(result.code == 0, "\(result.stderr)\n\(result.stdout)")
        let out = lines(result.stdout)
        #expect(out.count == 3)
        #expect(out.first?.hasPrefix("line 1: OT-") == true, "the first line is filed too: \(result.stdout)")
        #expect(try node.listed().count == 3)
    }

    @Test func aByteOrderMarkInsideAValueIsStillRefused() throws {
        let node = TestNode()
        var values = try exampleValues()
        values["mother_name"] = "\u{FEFF}" + ((values["mother_name"] as? String) ?? "")
        let result = try node.apply(data: try jsonData(values), json: true)
        #expect(result.code == 65)
        #expect(JSONFailure(result.stderr)?.fields == ["mother_name"], "\(result.stderr)")
    }
}
