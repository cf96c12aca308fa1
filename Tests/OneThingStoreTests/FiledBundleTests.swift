import Foundation
import OneThingModel
import OneThingStore
import OneThingWire
import TestSupport
import Testing

/// The store takes an application's rules (provisional identities, system fields, the
/// duplicate key) from the catalogue it was filed under: a bundle of a catalogue the node
/// remembered (one no Swift knows), and the built-in bundles under the built-in version
/// even when a copy kept under that version predates the declarations.
@Suite("Rules from the catalogue an application was filed under")
struct FiledBundleTests {
    let dir = TemporaryDirectory()

    /// The third bundle's example, validated under its catalogue, which the node remembers.
    func thirdBundle(_ store: NodeStore) throws -> (ValidatedApplication, Catalog) {
        let catalog = try ThirdBundleCatalogue.catalog(today: TestMoment.filing.date)
        try store.rememberCatalog(version: catalog.version, files: try ThirdBundleCatalogue.files())
        let bundle = try #require(catalog.bundle(ThirdBundleCatalogue.bundle))
        let region = try #require(catalog.region(ThirdBundleCatalogue.region))
        let inputs = CatalogExamples.application(bundle: bundle, items: ThirdBundleCatalogue.items, today: TestMoment.filing.date)
            .reduce(into: [String: FieldInput]()) { $0[$1.field] = .text($1.value) }
        let valid = try FormValidator(catalog: catalog, region: region)
            .validate(bundle: bundle.code, items: nil, inputs: inputs, now: TestMoment.filing.civil).get()
        return (valid, catalog)
    }

    @Test("a remembered catalogue's bundle: its provisional case number, its duplicate key, its system field refused by amend")
    func rememberedBundle() throws {
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let (application, catalog) = try thirdBundle(store)
        let first = try store.file(application, filedAt: TestMoment.filing)
        let stored = try store.application(id: first.id)
        #expect(stored.fields["death_case_provisional"] == "SH-" + first.id.dropFirst(3))
        let second = try store.file(application, filedAt: TestMoment.filing)
        #expect(second.possibleDuplicates.map(\.id) == [first.id])
        let region = try #require(catalog.region(ThirdBundleCatalogue.region))
        let refused = try store.revise(
            first.id, changes: ["death_certificate_no": .text("SW0000000001")], catalog: catalog, region: region, operatorId: nil,
            at: TestMoment.filing)
        guard case .failure(let problems) = refused else {
            Issue.record("a system field was amended")
            return
        }
        #expect(problems.problems.map(\.field) == ["death_certificate_no"])
        let changed = try store.revise(
            first.id, changes: ["applicant_phone": .text("13900000005")], catalog: catalog, region: region, operatorId: nil,
            at: TestMoment.filing)
        guard case .success = changed else {
            Issue.record("a form field was not amended: \(changed)")
            return
        }
        #expect(try store.application(id: first.id).fields["death_case_provisional"] == stored.fields["death_case_provisional"])
        let deceased = try #require(application.fields["deceased_id_number"])
        #expect(
            try store.searchApplications(deceased, keyedBundles: catalog.bundlesWithDuplicateKey).map(\.id).sorted()
                == [first.id, second.id].sorted())
    }

    @Test("under the built-in version the built-in bundle rules, though a copy kept under that version lacks the declarations")
    func builtInVersionWins() throws {
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let builtIn = try #require(CatalogLoader.builtIn)
        // A copy of the version as an earlier release kept it: no system fields, no duplicate key.
        let older = try CatalogLoader.embeddedFiles.map { file in
            guard file.path == "bundles/birth.json" else { return file }
            var object = try #require(try JSONSerialization.jsonObject(with: Data(file.text.utf8)) as? [String: Any])
            for key in ["systemFields", "duplicateKey", "prefill"] { object[key] = nil }
            return CatalogFile(path: file.path, text: String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        try store.rememberCatalog(version: builtIn.version, files: older)
        let filed = try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing)
        #expect(try store.application(id: filed.id).fields["newborn_provisional_id"] == "LS-" + filed.id.dropFirst(3))
        #expect(try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing).possibleDuplicates.map(\.id) == [filed.id])
    }
}
