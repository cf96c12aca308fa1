import Foundation
import TestSupport
import Testing

@testable import OneThingModel

/// Catalogues far larger than any real one: a dependency chain and a cycle 15,000 items
/// deep, which crashed the recursive checker. Checked to the end without a crash, refused
/// for their size, with every other result as before. No timing is asserted.
@Suite struct DeepCatalogueTests {
    static let depth = 15_000

    /// `deep-0` -> `deep-1` -> ... -> `deep-14999` (each depends on the one after it, so a
    /// search from `deep-0` goes all the way down), after the six real birth items; the last
    /// depends on the household registration, or, `closed`, on `deep-0`.
    static func chain(closed: Bool = false) -> [ItemDefinition] {
        (0..<depth).map { index in
            let next = index == depth - 1 ? (closed ? "deep-0" : "household-registration") : "deep-\(index + 1)"
            return ItemDefinition(
                code: "deep-\(index)", names: LocalizedText(zh: "事项\(index)", en: "Item \(index)"),
                department: "health", promisedDays: 1, dependsOn: [next], fields: ["newborn_name"])
        }
    }

    /// The embedded catalogue with `items` added to the birth bundle, all offered in Fuzhou.
    static func catalogue(adding items: [ItemDefinition]) throws -> Catalog {
        var catalog = try CatalogFixture.catalog()
        catalog.birth.items += items
        catalog.editRegion(CatalogFixture.fuzhou) { region in
            region.menus["birth", default: []] += items.map(\.code)
        }
        return catalog
    }

    static func sizeProblem(_ count: Int) -> CatalogProblem {
        CatalogProblem(
            file: "bundles/birth.json", path: "items",
            message:
                "The bundle has \(count) items; a bundle holds at most \(CatalogLimits.itemsPerBundle) (a real one has a handful). Check that this is the bundle file you meant, or split it into bundles of related items."
        )
    }

    /// Runs `body` on a thread with a 512 KiB stack, as secondary threads have on some
    /// systems: a walk that recursed once per item would overflow it long before 15,000.
    static func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    @Test func aChain15000DeepIsCheckedAndRefusedForItsSize() async throws {
        let catalog = try Self.catalogue(adding: Self.chain())
        let (cycle, problems) = await Self.onSmallStack {
            (DependencyOrder.cycle(in: catalog.birth.items), CatalogFixture.check(catalog))
        }
        #expect(cycle == nil)
        // The size is the only problem: no cycle, and every dependency is offered.
        #expect(problems == [Self.sizeProblem(Self.depth + 6)])
    }

    @Test func aCycle15000LongIsFoundWhole() async throws {
        let catalog = try Self.catalogue(adding: Self.chain(closed: true))
        let (found, problems) = await Self.onSmallStack {
            (DependencyOrder.cycle(in: catalog.birth.items), CatalogFixture.check(catalog))
        }
        let cycle = try #require(found)
        // From deep-0 through deep-1 ... deep-14999 back to deep-0.
        let expected = (0..<Self.depth).map { "deep-\($0)" } + ["deep-0"]
        #expect(cycle == expected)
        #expect(problems.count == 2, "\(problems.map(\.description).joined(separator: "\n").prefix(2000))")
        #expect(problems.first == Self.sizeProblem(Self.depth + 6))
        let cycleProblem = try #require(problems.last)
        #expect(cycleProblem.path == "items")
        #expect(
            cycleProblem.message
                == "The items depend on each other in a cycle: deep-0 -> deep-1 -> deep-2 -> deep-3 -> deep-4 -> deep-5 -> deep-6 -> deep-7 -> deep-8 -> deep-9 -> ... (14981 more items) ... -> deep-14991 -> deep-14992 -> deep-14993 -> deep-14994 -> deep-14995 -> deep-14996 -> deep-14997 -> deep-14998 -> deep-14999 -> deep-0."
        )
        #expect(CatalogFixture.isSentence(cycleProblem.message))
    }

    @Test func missingDependenciesOfADeepChain() throws {
        let bundle = try Self.catalogue(adding: Self.chain()).birth
        let everything = bundle.items.map(\.code)
        #expect(DependencyOrder.missingDependencies(of: everything, in: bundle).isEmpty)
        let withoutOne = everything.filter { $0 != "deep-7000" }
        let missing = DependencyOrder.missingDependencies(of: withoutOne, in: bundle)
        #expect(missing.count == 1)
        #expect(missing.first?.item == "deep-6999")
        #expect(missing.first?.missing == ["deep-7000"])
    }

    /// The path nodes take for a catalogue the hub sends: files decoded and checked whole.
    @Test func theLoaderRefusesADeepCatalogueFileWithAProblem() async throws {
        let catalog = try Self.catalogue(adding: Self.chain(closed: true))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let birth = String(decoding: try encoder.encode(catalog.birth), as: UTF8.self)
        let head = try #require(
            JSONSerialization.jsonObject(with: Data(try CatalogFixture.file(CatalogFile.headPath).text.utf8))
                as? [String: Any])
        var regions = try #require(head["regions"] as? [[String: Any]])
        let fuzhou = try #require(regions.firstIndex { $0["code"] as? String == CatalogFixture.fuzhou })
        var menus = try #require(regions[fuzhou]["menus"] as? [String: Any])
        menus["birth"] = ((menus["birth"] as? [String]) ?? []) + (0..<Self.depth).map { "deep-\($0)" }
        regions[fuzhou]["menus"] = menus
        var edited = head
        edited["regions"] = regions
        let headText = String(decoding: try JSONSerialization.data(withJSONObject: edited), as: UTF8.self)
        let files = EmbeddedCatalog.files.map { file in
            switch file.path {
            case CatalogFile.headPath: CatalogFile(path: file.path, text: headText)
            case "bundles/birth.json": CatalogFile(path: file.path, text: birth)
            default: file
            }
        }
        let result = await Self.onSmallStack { () -> Result<Catalog, ModelError> in
            do throws(ModelError) {
                return .success(try CatalogLoader.load(files: files, today: CatalogFixture.today))
            } catch {
                return .failure(error)
            }
        }
        guard case .failure(let error) = result, error.code == .invalidCatalog else {
            Issue.record("expected invalidCatalog, got \(String(describing: result).prefix(500))")
            return
        }
        let problems = error.catalogProblems
        #expect(problems.count == 2)
        #expect(problems.first == Self.sizeProblem(Self.depth + 6))
        #expect(problems.last?.message.contains("cycle: deep-0 -> deep-1 -> deep-2") == true)
    }

    /// A `not` nested far deeper than JSON decoding allows is a decoding problem of its
    /// file, not a crash.
    @Test func aConditionNestedThousandsDeepIsADecodingProblem() throws {
        let nested = String(repeating: #"{"not":"#, count: Self.depth) + #"{"item":"birth-certificate"}"#
            + String(repeating: "}", count: Self.depth)
        var bundle = try CatalogFixture.catalog().birth
        let placeholder = Condition(item: "placeholder-for-the-nested-condition")
        bundle.editItem("birth-certificate") {
            $0.situations.append(Situation(id: "deep", names: LocalizedText(zh: "深", en: "Deep"), when: placeholder))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(bundle), as: UTF8.self)
        let marker = String(decoding: try encoder.encode(placeholder), as: UTF8.self)
        let range = try #require(text.range(of: marker))
        var edited = text
        edited.replaceSubrange(range, with: nested)
        let file = try CatalogFixture.file("bundles/birth.json")
        let files = EmbeddedCatalog.files.map { $0.path == file.path ? CatalogFile(path: file.path, text: edited) : $0 }
        let error = #expect(throws: ModelError.self) {
            try CatalogLoader.load(files: files, today: CatalogFixture.today)
        }
        guard let problems = error?.catalogProblems, error?.code == .invalidCatalog else {
            Issue.record("expected invalidCatalog, got \(String(describing: error))")
            return
        }
        #expect(problems.map(\.file) == ["bundles/birth.json"])
    }

    /// Conditions nested as deep as decoding allows are checked in a loop, and their
    /// problems named by their full path.
    @Test func aDeeplyNestedConditionIsCheckedInALoop() throws {
        var catalog = try CatalogFixture.catalog()
        var condition = Condition(item: "passport")
        for _ in 0..<200 { condition = Condition(not: condition) }
        catalog.birth.editField("newborn_name") { $0.shownWhen = condition }
        let problems = CatalogFixture.check(catalog)
        let index = try #require(catalog.birth.fields.firstIndex { $0.id == "newborn_name" })
        #expect(
            problems.map(\.path)
                == ["fields[\(index)].shownWhen" + String(repeating: ".not", count: 200) + ".item"])
        #expect(problems.first?.message.contains("passport") == true)
    }

    /// The iterative search finds the same cycle as the recursive one it replaced, on
    /// seeded random dependency graphs (with self-dependencies, unknown codes and
    /// duplicated items).
    @Test func theCycleSearchAgreesWithTheRecursiveOne() {
        var random = SplitMix64(seed: 20_261_213)
        var withCycle = 0
        for _ in 0..<3_000 {
            let count = Int(random.next() % 9) + 1
            let codes = (0..<count).map { "i\($0)" }
            var items = codes.map { code in
                let edges = Int(random.next() % 4)
                let dependsOn = (0..<edges).map { _ in
                    random.next() % 10 == 0 ? "unknown" : codes[Int(random.next() % UInt64(count))]
                }
                return ItemDefinition(
                    code: code, names: LocalizedText(zh: code, en: code), department: "health", promisedDays: 1,
                    dependsOn: dependsOn, fields: ["f"])
            }
            if random.next() % 8 == 0, let copy = items.first {
                var duplicate = copy
                duplicate.dependsOn = [codes[Int(random.next() % UInt64(count))]]
                items.append(duplicate)
            }
            items.shuffle(using: &random)
            let found = DependencyOrder.cycle(in: items)
            #expect(found == Self.recursiveCycle(in: items), "\(items.map { ($0.code, $0.dependsOn) })")
            if found != nil { withCycle += 1 }
        }
        // Both kinds of graph were tried.
        #expect(withCycle > 100 && withCycle < 2_900)
    }

    /// The recursive search as it was before, as the reference for small graphs.
    static func recursiveCycle(in items: [ItemDefinition]) -> [String]? {
        let byCode = Dictionary(items.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Bool] = [:]
        var path: [String] = []
        func visit(_ code: String) -> [String]? {
            if let done = state[code] {
                if done { return nil }
                let start = path.firstIndex(of: code) ?? 0
                return Array(path[start...]) + [code]
            }
            state[code] = false
            path.append(code)
            for next in byCode[code]?.dependsOn ?? [] where byCode[next] != nil {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            state[code] = true
            return nil
        }
        for item in items {
            if let cycle = visit(item.code) { return cycle }
        }
        return nil
    }

    @Test func shortCyclesAreShownWhole() {
        let codes = (0...20).map { "c\($0)" }
        #expect(BundleChecker.describe(codes) == codes.joined(separator: " -> "))
        let longer = (0...21).map { "c\($0)" }
        #expect(
            BundleChecker.describe(longer)
                == "c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> c7 -> c8 -> c9 -> ... (2 more items) ... -> c12 -> c13 -> c14 -> c15 -> c16 -> c17 -> c18 -> c19 -> c20 -> c21"
        )
    }

    @Test func referencedFieldsFollowsSituationsOnceEach() throws {
        var bundle = try CatalogFixture.catalog().birth
        // Ten situations of one name, each naming that name again: followed once, not 10^16 times.
        let loop = (0..<10).map { _ in
            Situation(id: "loop", names: LocalizedText(zh: "环", en: "Loop"), when: Condition(situation: "loop"))
        }
        bundle.editItem("birth-certificate") { $0.situations += loop }
        let condition = Condition(not: Condition(situation: "loop"))
        #expect(condition.referencedFields(in: bundle).isEmpty)
        let reading = Condition(not: Condition(field: "household_parent", equals: "father"))
        #expect(reading.referencedFields(in: bundle) == ["household_parent"])
    }
}
