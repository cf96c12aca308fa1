import Foundation
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// Hub answers damaged every way (truncated, bytes flipped, wrong types, invalid UTF-8,
/// deep nesting): decoding gives a page or an error, never a crash or a half-read page.
@Suite("Fuzzing hub responses")
struct ResponseFuzzTests {
    typealias Generator = SplitMix64

    static let seed = UInt64(ProcessInfo.processInfo.environment["ONETHING_FUZZ_SEED"] ?? "") ?? 20_261_127

    static func samplePage() -> [UInt8] {
        let change = ApplicationChange(
            cursor: 7, applicationId: "OT-0000000001", provinceNo: "FJ0000000001", hubRevision: 3, revision: 2,
            items: [ItemDecision(item: "birth-certificate", state: .returned, reason: "请补充 / add")],
            fields: ["mother_name": "林测试", "delivery_address": "福建省福州市鼓楼区示例路1号"],
            conflicts: [FieldConflict(field: "delivery_address", base: "a", local: "b", hub: "c")])
        return JSONCodec.encode(ChangesPage(changes: [change, change], nextCursor: 8, hasMore: true))
    }

    @Test("20,000 damaged pages of changes and push answers decode or fail cleanly")
    func damagedAnswers() throws {
        var g = Generator(seed: Self.seed)
        let page = Self.samplePage()
        let push = JSONCodec.encode(PushResponse(
            results: [PushResult(seq: 1, idempotencyKey: "k-1", status: .accepted, provinceNo: "FJ0000000001", hubRevision: 1)],
            lastAppliedSeq: 1))
        var decoded = 0
        for n in 0..<20_000 {
            var bytes = n % 2 == 0 ? page : push
            switch Int.random(in: 0..<5, using: &g) {
            case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &g)))
            case 1:
                for _ in 0..<Int.random(in: 1...4, using: &g) {
                    bytes[Int.random(in: 0..<bytes.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
                }
            case 2:
                let at = Int.random(in: 0..<bytes.count, using: &g)
                bytes.insert(contentsOf: Array(["\"", "[", "{", "null", "1e999", "\"\\ud800\"", "\u{FF}"].randomElement(using: &g)!.utf8), at: at)
            case 3:
                let text = String(decoding: bytes, as: UTF8.self)
                    .replacingOccurrences(of: "\"cursor\":7", with: ["\"cursor\":\"7\"", "\"cursor\":-1", "\"cursor\":7.5", "\"cursor\":null"].randomElement(using: &g)!)
                bytes = Array(text.utf8)
            default:
                bytes = Array(String(repeating: "[", count: Int.random(in: 1...50_000, using: &g)).utf8)
            }
            if n % 2 == 0 {
                if (try? JSONCodec.decode(ChangesPage.self, from: Data(bytes))) != nil { decoded += 1 }
            } else if (try? JSONCodec.decode(PushResponse.self, from: Data(bytes))) != nil {
                decoded += 1
            }
        }
        // Most damage must be refused; what still decodes is well-formed JSON of the right
        // shape (a flipped byte inside a string), which the store then checks as usual.
        #expect(decoded < 10_000, "only \(20_000 - decoded) of 20,000 damaged answers were refused (seed \(Self.seed))")
    }
}
