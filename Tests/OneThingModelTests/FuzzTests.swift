import Foundation
import OneThingModel
import TestSupport
import Testing

/// Seeded fuzzing of what comes from outside: field values typed or imported, whole
/// applications as JSON objects, and catalogue files. Every case must end in a value or a
/// clear problem (a non-empty message that does not echo the input); none may crash. The
/// seed is in every failure message, so a failing case can be replayed.
@Suite("Fuzzing inputs and catalogue files")
struct FuzzTests {
    typealias Generator = SplitMix64

    static let seed = UInt64(ProcessInfo.processInfo.environment["ONETHING_FUZZ_SEED"] ?? "") ?? 20_261_126

    /// Pieces that trip parsers: digits, CJK, control and format characters, escapes,
    /// lone surrogate-like sequences in text form, huge numbers, separators.
    static let alphabet: [String] = [
        "0", "1", "9", "X", "x", "-", ":", "T", " ", ".", ",", "\"", "\\", "{", "}", "[", "]", "陈", "测", "试", "·",
        "\u{1B}[2J", "\u{0}", "\u{7}", "\r\n", "\u{202E}", "\u{200B}", "\u{FEFF}", "\u{FFFD}", "🙂", "e9999", "NaN",
        "2026-02-29", "2026-11-20T08:30", "35010219950312002", "13800000000", "6222020000000007", "Q35000000",
        String(repeating: "9", count: 40), String(repeating: "长", count: 70),
    ]

    static func randomText(_ g: inout Generator, maxPieces: Int = 8) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &g)).map { _ in alphabet.randomElement(using: &g) ?? "" }.joined()
    }

    @Test("60,000 field values of every field type: a value or a clear problem, never a crash")
    func fieldValues() throws {
        var g = Generator(seed: Self.seed)
        let catalog = try CatalogLoader.embedded(today: TestMoment.filing.date)
        let fields = catalog.bundles.flatMap(\.fields)
        let now = TestMoment.filing.civil
        for n in 0..<60_000 {
            let field = fields[n % fields.count]
            let input: FieldInput
            let kind = Int.random(in: 0..<10, using: &g)
            switch kind {
            case 0: input = .number(Double.random(in: -1e12...1e12, using: &g))
            case 1: input = .bool(Bool.random(using: &g))
            case 2: input = .unsupported(kind: "null")
            case 3: input = .text(field.example + Self.randomText(&g, maxPieces: 2))
            default: input = .text(Self.randomText(&g))
            }
            switch FieldValueValidator.validate(input, as: field, now: now) {
            case .success(let value):
                #expect(!value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x1B }, "seed \(Self.seed) case \(n): a control character was accepted into \(field.id)")
            case .failure(let problem):
                #expect(!problem.message.isEmpty, "seed \(Self.seed) case \(n)")
                // (Inputs built from the field's own example may share words with the message
                // that lists the allowed options; they are not checked for echoes.)
                if kind != 3, case .text(let text) = input, text.count >= 6, !text.allSatisfy(\.isNumber) {
                    #expect(!problem.message.contains(text), "seed \(Self.seed) case \(n): the message echoes the input")
                }
            }
        }
    }

    @Test("20,000 whole applications: validated or refused with problems naming fields")
    func applications() throws {
        var g = Generator(seed: Self.seed &+ 1)
        let catalog = try CatalogLoader.embedded(today: TestMoment.filing.date)
        guard let region = catalog.region(catalog.defaultRegion) else { return }
        let validator = FormValidator(catalog: catalog, region: region)
        let now = TestMoment.filing.civil
        for n in 0..<20_000 {
            let bundle = catalog.bundles[n % catalog.bundles.count]
            var inputs: [String: FieldInput] = [:]
            for example in CatalogExamples.application(bundle: bundle, items: bundle.items.map(\.code), today: now.date) {
                inputs[example.field] = .text(example.value)
            }
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                let id = Bool.random(using: &g) ? (bundle.fields.randomElement(using: &g)?.id ?? "x") : Self.randomText(&g, maxPieces: 2)
                inputs[id] = Int.random(in: 0..<5, using: &g) == 0 ? nil : .text(Self.randomText(&g))
            }
            let items: [String]? = Bool.random(using: &g) ? nil : bundle.items.map(\.code).filter { _ in Bool.random(using: &g) }
            switch validator.validate(bundle: bundle.code, items: items, inputs: inputs, now: now) {
            case .success(let application):
                #expect(!application.items.isEmpty, "seed \(Self.seed) case \(n)")
            case .failure(let refused):
                #expect(!refused.problems.isEmpty, "seed \(Self.seed) case \(n)")
                #expect(refused.problems.allSatisfy { !$0.message.isEmpty }, "seed \(Self.seed) case \(n)")
            }
        }
    }

    @Test("10,000 damaged catalogue files: loaded or refused with problems, never a crash")
    func catalogueFiles() throws {
        var g = Generator(seed: Self.seed &+ 2)
        let files = CatalogLoader.embeddedFiles
        let today = TestMoment.filing.date
        var refused = 0
        for n in 0..<10_000 {
            var damaged = files
            let index = Int.random(in: 0..<damaged.count, using: &g)
            var bytes = Array(damaged[index].text.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &g) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &g)
                switch Int.random(in: 0..<4, using: &g) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(Array(Self.randomText(&g, maxPieces: 1).utf8).first ?? 0x20, at: at)
                case 2: bytes[at] = UInt8.random(in: 0...255, using: &g)
                default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...200, using: &g)))
                }
            }
            damaged[index].text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try CatalogLoader.load(files: damaged, today: today)
            } catch {
                refused += 1
                #expect(!error.lines.isEmpty, "seed \(Self.seed) case \(n)")
            }
        }
        #expect(refused > 5_000, "most damaged catalogues are refused (\(refused))")
    }

    @Test("deep nesting and huge documents are refused cleanly")
    func pathologicalJSON() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        var files = CatalogLoader.embeddedFiles
        files[0].text = deep
        #expect(throws: ModelError.self) { try CatalogLoader.load(files: files, today: TestMoment.filing.date) }
        files[0].text = "{\"version\": \"" + String(repeating: "长", count: 2_000_000) + "\"}"
        #expect(throws: ModelError.self) { try CatalogLoader.load(files: files, today: TestMoment.filing.date) }
    }
}
