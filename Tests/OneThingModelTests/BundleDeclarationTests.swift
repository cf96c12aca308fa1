import Foundation
import TestSupport
import Testing

@testable import OneThingModel

/// What bundles declare beyond their form (system fields, issued documents, duplicate keys,
/// prefill): the built-in bundles' declarations give the behaviour the node and the hub
/// had in Swift, and every field, item, document or record field a declaration names must
/// exist, or the checker refuses it with the file and path.
@Suite struct BundleDeclarationTests {
    let catalog: Catalog
    let birth: BundleDefinition
    let school: BundleDefinition

    init() throws {
        catalog = try CatalogFixture.catalog()
        birth = try #require(catalog.bundle("birth"))
        school = try #require(catalog.bundle("school-enrolment"))
    }

    @Test("a birth: the provisional identity LS- and the application id's ten characters; the household registration issues the newborn's number")
    func birthIdentities() throws {
        #expect(birth.provisionalFields(applicationId: "OT-ABCDEFGHJK") == ["newborn_provisional_id": "LS-ABCDEFGHJK"])
        #expect(birth.hubSetFields == ["newborn_id_number"])
        #expect(birth.isSystemField("newborn_provisional_id") && birth.isSystemField("newborn_id_number"))
        #expect(!birth.isSystemField("mother_name"))
        #expect(
            birth.issuedFields(item: "household-registration", documents: ["resident_id_number": "X", "note": "Y"])
                == ["newborn_id_number": "X"])
        #expect(birth.issuedFields(item: "birth-certificate", documents: ["resident_id_number": "X"]).isEmpty)
        let identity = try #require(birth.systemField("newborn_id_number")?.agreesWith)
        #expect(identity == IssuedIdentity(birthField: "birth_time", sexField: "newborn_sex", inRegion: true))
        #expect(birth.issues(of: "household-registration").first?.autoIssue?.kind == .residentIdNumber)
        #expect(
            birth.formFields(["mother_name": "林测试", "newborn_provisional_id": "LS-1", "newborn_id_number": "1"])
                == ["mother_name": "林测试"])
        #expect(school.systemFields.isEmpty && school.provisionalFields(applicationId: "OT-ABCDEFGHJK").isEmpty)
    }

    @Test("duplicate keys: a birth by the mother, the birth day and the birth order; a school enrolment by the child and the year")
    func duplicateKeys() throws {
        let mother = "350102199503120020"
        let key = try #require(
            birth.duplicateKey(of: ["mother_id_number": mother, "birth_time": "2026-11-10T08:30", "birth_order": "2"]))
        #expect(key == DuplicateKey(person: "birth|" + mother, event: "2026-11-10", ordinal: "2"))
        #expect(birth.duplicateKey(of: ["mother_id_number": mother]) == nil)
        let child = "350203202005160018"
        #expect(
            school.duplicateKey(of: ["child_id_number": child, "school_year": "2027"])
                == DuplicateKey(person: "school-enrolment|" + child, event: "2027", ordinal: ""))
        #expect(catalog.bundlesWithDuplicateKey == ["birth", "school-enrolment"])
    }

    @Test("a delivery record fills the birth form as mapped; the mother and the birth time must still match it")
    func deliveryPrefill() throws {
        let (bundle, mapping) = try #require(catalog.bundle(prefilledFrom: .delivery))
        #expect(bundle.code == "birth")
        #expect(Set(mapping.fields.keys) == Set(RecordSource.delivery.fields))
        #expect(mapping.formValues(["mother_name": "林测试", "unknown": "x"]) == ["mother_name": "林测试"])
        #expect(mapping.mustMatch == ["mother_id_number", "mother_name", "birth_time"])
    }

    @Test("a catalogue written before these declarations still loads, with none of them")
    func olderCatalogueLoads() throws {
        let files = try EmbeddedCatalog.files.map { file in
            guard file.path == birthFile else { return file }
            var object = try #require(try JSONSerialization.jsonObject(with: Data(file.text.utf8)) as? [String: Any])
            for key in ["systemFields", "duplicateKey", "prefill"] { object[key] = nil }
            var items = try #require(object["items"] as? [[String: Any]])
            for index in items.indices {
                items[index]["issues"] = nil
                items[index]["needs"] = nil
            }
            object["items"] = items
            return CatalogFile(path: file.path, text: String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        let older = try CatalogLoader.load(files: files, today: CatalogFixture.today)
        let bundle = try #require(older.bundle("birth"))
        #expect(bundle.systemFields.isEmpty && bundle.duplicateKey == nil && bundle.prefill.isEmpty)
        #expect(bundle.items.allSatisfy { $0.issues.isEmpty })
    }

    @Test("a value of the wrong kind in a declaration is refused where it stands")
    func decodingProblem() throws {
        let problems = loadProblems(try editedFiles(birthFile, replacing: #""setBy": "node""#, with: #""setBy": "officer""#))
        #expect(problems.map(\.path) == ["systemFields[0].setBy"], "\(problems)")
        #expect(problems.allSatisfy { $0.file == birthFile })
    }

    @Test("a bundle added from catalogue files alone passes the checker and is filed with its own declarations")
    func thirdBundle() throws {
        let catalog = try ThirdBundleCatalogue.catalog(today: CatalogFixture.today)
        #expect(CatalogFixture.check(catalog) == [])
        let death = try #require(catalog.bundle(ThirdBundleCatalogue.bundle))
        #expect(death.provisionalFields(applicationId: "OT-ABCDEFGHJK") == ["death_case_provisional": "SH-ABCDEFGHJK"])
        #expect(death.issuedFields(item: "death-certificate", documents: ["death_certificate_no": "SW0000000001"])
            == ["death_certificate_no": "SW0000000001"])
        #expect(AutoIssue.serial(prefix: "SW", provinceNo: "FJ0000000042") == "SW0000000042")
        let region = try #require(catalog.region(ThirdBundleCatalogue.region))
        let inputs = CatalogExamples.application(bundle: death, items: ThirdBundleCatalogue.items, today: CatalogFixture.today)
            .reduce(into: [String: FieldInput]()) { $0[$1.field] = .text($1.value) }
        let valid = try FormValidator(catalog: catalog, region: region)
            .validate(bundle: death.code, items: nil, inputs: inputs, now: CatalogFixture.now).get()
        #expect(valid.items == ThirdBundleCatalogue.items)
        let key = try #require(death.duplicateKey(of: valid.fields))
        #expect(key.person == "death|350102194103029110" && key.event.count == 10)
    }
}

/// Each declaration naming what does not exist, and the problem the checker reports.
private let declarationCases: [BrokenCatalog] = [
    BrokenCatalog("a system field defined twice", [inBirth("systemFields[2].id", "newborn_id_number", "twice")]) {
        $0.birth.systemFields.append($0.birth.systemFields[1])
    },
    BrokenCatalog("a system field with a form field's id", [inBirth("systemFields[0].id", "mother_name", "form")]) {
        $0.birth.systemFields[0].id = "mother_name"
        $0.birth.systemFields[1].replaces = "mother_name"
    },
    BrokenCatalog("a node field without its provisional identity", [inBirth("systemFields[0].provisional", "prefix")]) {
        $0.birth.systemFields[0].provisional = nil
    },
    BrokenCatalog("a provisional prefix a terminal could choke on", [inBirth("systemFields[0].provisional.prefix", "LS-")]) {
        $0.birth.systemFields[0].provisional = ProvisionalIdentity(prefix: "ls\u{1B}")
    },
    BrokenCatalog("a hub field no item issues", [inBirth("systemFields[1]", "No item issues", "newborn_id_number")]) {
        $0.birth.editItem("household-registration") { $0.issues = [] }
    },
    BrokenCatalog("a hub field without a type", [
        inBirth("systemFields[1].type", "type"), inBirth("items[2].issues[0].autoIssue.kind", "idNumber"),
    ]) {
        $0.birth.systemFields[1].type = nil
        $0.birth.systemFields[1].agreesWith = nil
    },
    BrokenCatalog("replacing an unknown field", [inBirth("systemFields[1].replaces", "newborn_temp_id")]) {
        $0.birth.systemFields[1].replaces = "newborn_temp_id"
    },
    BrokenCatalog("an ID number agreeing with an unknown birth field", [inBirth("systemFields[1].agreesWith.birthDate", "born_at")]) {
        $0.birth.systemFields[1].agreesWith?.birthField = "born_at"
    },
    BrokenCatalog("an ID number agreeing with a birth field that is no date", [inBirth("systemFields[1].agreesWith.birthDate", "mother_name")]) {
        $0.birth.systemFields[1].agreesWith?.birthField = "mother_name"
    },
    BrokenCatalog("an ID number agreeing with an unknown sex field", [inBirth("systemFields[1].agreesWith.sex", "baby_sex")]) {
        $0.birth.systemFields[1].agreesWith?.sexField = "baby_sex"
    },
    BrokenCatalog("an item issuing into an unknown field", [
        inBirth("items[2].issues[0].field", "newborn_number"), inBirth("systemFields[1]", "No item issues"),
    ]) {
        $0.birth.editItem("household-registration") { $0.issues[0].field = "newborn_number" }
    },
    BrokenCatalog("an item issuing into the node's field", [
        inBirth("items[2].issues[0].field", "newborn_provisional_id", "hub"), inBirth("systemFields[1]", "No item issues"),
    ]) {
        $0.birth.editItem("household-registration") { $0.issues[0].field = "newborn_provisional_id" }
    },
    BrokenCatalog("a document name that is no identifier", [inBirth("items[2].issues[0].document", "document name")]) {
        $0.birth.editItem("household-registration") { $0.issues[0].document = "Resident ID" }
    },
    BrokenCatalog("an item waiting for an unknown field", [inBirth("items[4].needs[0]", "newborn_passport", "newborn_id_number")]) {
        $0.birth.editItem("medical-insurance-enrolment") { $0.needs = ["newborn_passport"] }
    },
    BrokenCatalog("a synthetic ID number for a field that cannot agree", [inBirth("items[2].issues[0].autoIssue.kind", "agreesWith")]) {
        $0.birth.systemFields[1].agreesWith?.sexField = nil
    },
    BrokenCatalog("a serial that is no valid value of its field", [inBirth("items[2].issues[0].autoIssue.prefix", "not a valid value")]) {
        $0.birth.editItem("household-registration") { $0.issues[0].autoIssue = AutoIssue(kind: .serial, prefix: "LS") }
    },
    BrokenCatalog("a duplicate key naming unknown fields", [
        inBirth("duplicateKey.person", "mother_passport"), inBirth("duplicateKey.event", "born"),
        inBirth("duplicateKey.ordinal", "twin_order"),
    ]) {
        $0.birth.duplicateKey = DuplicateKeyDefinition(person: "mother_passport", event: "born", ordinal: "twin_order")
    },
    BrokenCatalog("a prefill from an unknown source", [inBirth("prefill[0].source", "hospital", "delivery")]) {
        $0.birth.prefill[0].source = "hospital"
    },
    BrokenCatalog("a prefill from a record field the delivery has not", [inBirth("prefill[0].fields.placenta_weight", "placenta_weight")]) {
        $0.birth.prefill[0].fields["placenta_weight"] = "birth_weight_g"
        $0.birth.prefill[0].fields["birth_weight_g"] = nil
    },
    BrokenCatalog("a prefill into an unknown form field", [inBirth("prefill[0].fields.mother_name", "mom_name")]) {
        $0.birth.prefill[0].fields["mother_name"] = "mom_name"
        $0.birth.prefill[0].mustMatch = ["mother_id_number", "birth_time"]
    },
    BrokenCatalog("a field to match that the record does not fill", [inBirth("prefill[0].mustMatch[1]", "father_name")]) {
        $0.birth.prefill[0].mustMatch = ["mother_id_number", "father_name"]
    },
    BrokenCatalog("a second bundle filled from deliveries", [inSchool("prefill[0].source", "birth")]) {
        $0.school.prefill = [PrefillMapping(source: "delivery", fields: ["mother_name": "guardian_name"])]
    },
]

@Suite struct BundleDeclarationCheckerTests {
    @Test(arguments: declarationCases)
    func brokenDeclaration(_ broken: BrokenCatalog) throws {
        var catalog = try CatalogFixture.catalog()
        broken.breakIt(&catalog)
        expectProblems(CatalogFixture.check(catalog), broken.expected)
    }
}
