import Foundation
@testable import OneThingHub
import OneThingWire
import TestSupport
import Testing

/// The stored field maps and name lists: written and read by the codec; the same text as
/// JSONEncoder with sorted keys wrote them before the codec (so rows written then read the
/// same) and the same values.
@Suite("Stored JSON of field maps and lists")
struct StoredJSONTests {
    static let texts = ["", "a", "陈小测", "line\nbreak", "tab\t\"q\" \\ /", "\u{01}\u{1F}", "😀", "福建省福州市鼓楼区示例街道测试社区1号"]

    @Test("1,000 random maps and lists: the same text as JSONEncoder, read back to the same value either way")
    func sameAsJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var g = SplitMix64(seed: 0x570_4ED)
        for _ in 0..<1000 {
            let map = Dictionary(
                uniqueKeysWithValues: (0..<Int(g.next() % 30)).map { ("field_\($0)", Self.texts[Int(g.next() % UInt64(Self.texts.count))]) })
            let list = (0..<Int(g.next() % 8)).map { _ in Self.texts[Int(g.next() % UInt64(Self.texts.count))] }
            let mapText = StoredJSON.encode(map)
            let listText = StoredJSON.encode(list)
            #expect(mapText == String(decoding: try encoder.encode(map), as: UTF8.self))
            #expect(listText == String(decoding: try encoder.encode(list), as: UTF8.self))
            #expect(try JSONDecoder().decode([String: String].self, from: Data(mapText.utf8)) == map)
            #expect(try StoredJSON.decode([String: String].self, from: mapText, table: "t", key: "k") == map)
            #expect(try StoredJSON.decode([String].self, from: listText, table: "t", key: "k") == list)
        }
    }

    @Test("damaged text is a damaged row naming table and key", arguments: ["", "{", "{\"a\":1}", "[\"a\",]", "{\"a\":\"b\"} x", "null", "{\"a\":\"b\",\"a\":\"c\"}"])
    func damaged(_ text: String) {
        #expect(throws: HubError.damagedRow(table: "applications", key: "FJ0000000001")) {
            try StoredJSON.decode([String: String].self, from: text, table: "applications", key: "FJ0000000001")
        }
    }
}
