import Foundation
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// `ChangesPage.jsonBytes()` (the hub's writer) must give the document JSONEncoder gives.
@Suite("Pages of changes written as bytes")
struct ChangesPageBytesTests {
    static let texts = ["", "a", "陈小测", "line\nbreak", "tab\tand \"quotes\" \\ back", "\u{01}\u{1F}ctl", "福建省/福州市", "😀 emoji"]

    static func text(_ g: inout SplitMix64) -> String { texts[Int(g.next() % UInt64(texts.count))] }
    static func maybe(_ g: inout SplitMix64) -> String? { g.next() % 3 == 0 ? nil : text(&g) }

    static func randomPage(_ g: inout SplitMix64) -> ChangesPage {
        let states = ItemState.allCases
        let changes = (0..<Int(g.next() % 5)).map { n in
            ApplicationChange(
                cursor: Int64(g.next() % 1_000_000), applicationId: "OT-\(n)", provinceNo: "FJ000000000\(n)",
                hubRevision: Int(g.next() % 9) + 1, revision: Int(g.next() % 9),
                items: (0..<Int(g.next() % 4)).map { i in
                    ItemDecision(
                        item: "item-\(i)", state: states[Int(g.next() % UInt64(states.count))], reason: maybe(&g),
                        documents: g.next() % 2 == 0 ? nil : ["resident_id_number": text(&g), "z": text(&g)])
                },
                fields: Dictionary(uniqueKeysWithValues: (0..<Int(g.next() % 6)).map { ("field_\($0)_x", text(&g)) }),
                duplicate: g.next() % 2 == 0
                    ? nil : DuplicateMatch(provinceNo: "FJ0000000009", applicationId: "OT-9", nodeId: "ward-2", kind: .near),
                conflicts: (0..<Int(g.next() % 3)).map { i in
                    FieldConflict(field: "f\(i)", base: maybe(&g), local: maybe(&g), hub: maybe(&g))
                })
        }
        let catalog = g.next() % 4 == 0 ? CatalogUpdate(version: "2026.12-1", files: [.init(path: "a.json", text: "{\"x\":\"陈\"}")]) : nil
        return ChangesPage(changes: changes, nextCursor: Int64(g.next() % 1000), hasMore: g.next() % 2 == 0, catalog: catalog)
    }

    @Test("500 random pages: the same bytes as JSONEncoder, and they decode to the same page")
    func sameAsJSONEncoder() throws {
        var g = SplitMix64(seed: 0x5EED_C4A9)
        for _ in 0..<500 {
            let page = Self.randomPage(&g)
            let bytes = page.jsonBytes()
            #expect(try Oracle.decode(ChangesPage.self, from: Data(bytes)) == page)
            #expect(bytes == Array(try Oracle.encode(page)), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }
}
