import Foundation
import Testing
import TestSupport

@testable import OneThingModel

/// Shared by the catalogue and form tests: the embedded catalogue at a fixed moment, and
/// helpers to build and validate applications from its examples.
enum CatalogFixture {
    /// A fixed filing moment (China Standard Time); `today` is its date.
    static let now = CivilDateTime(date: CivilDate(year: 2026, month: 11, day: 20)!, hour: 10, minute: 0)
    static var today: CivilDate { now.date }

    static let fuzhou = "350100"
    static let xiamen = "350200"
    static let putian = "350300"
    static let nanping = "350700"
    static let regionCodes = [fuzhou, xiamen, putian, nanping]

    static let birthItems = [
        "birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance",
        "medical-insurance-enrolment", "social-security-card",
    ]
    static let schoolItems = ["enrolment-registration", "residence-check", "property-check", "vaccination-check"]

    /// The embedded catalogue, loaded and checked as the node loads it.
    static func catalog() throws -> Catalog {
        try CatalogLoader.load(files: EmbeddedCatalog.files, today: today)
    }

    static func file(_ path: String) throws -> CatalogFile {
        try #require(EmbeddedCatalog.files.first { $0.path == path })
    }

    static func region(_ code: String, in catalog: Catalog) throws -> Region {
        try #require(catalog.region(code))
    }

    /// Runs the checker the way the loader does, naming bundle files `bundles/CODE.json`.
    static func check(_ catalog: Catalog) -> [CatalogProblem] {
        CatalogChecker.check(catalog, bundleFile: { "bundles/\($0).json" }, today: today)
    }

    /// The items together with everything they depend on, in the bundle's order.
    static func withDependencies(_ codes: [String], in bundle: BundleDefinition) -> [String] {
        var wanted = Set<String>()
        var queue = codes
        while let code = queue.popLast() {
            guard wanted.insert(code).inserted else { continue }
            queue += bundle.item(code)?.dependsOn ?? []
        }
        return bundle.items.map(\.code).filter(wanted.contains)
    }

    /// The example application of `CatalogExamples` as validator input.
    static func exampleInputs(
        _ catalog: Catalog, bundle code: String, items: [String]? = nil, region: String = fuzhou
    ) throws -> [String: FieldInput] {
        let bundle = try #require(catalog.bundle(code))
        let region = try #require(catalog.region(region))
        let selected = items ?? catalog.menu(bundle: bundle, region: region).map(\.code)
        let application = CatalogExamples.application(bundle: bundle, items: selected, today: today)
        return Dictionary(uniqueKeysWithValues: application.map { ($0.field, FieldInput.text($0.value)) })
    }

    /// Validates and splits the outcome into the application (on success) and the problems.
    static func validate(
        _ catalog: Catalog, region: String = fuzhou, bundle: String, items: [String]?,
        inputs: [String: FieldInput]
    ) throws -> (application: ValidatedApplication?, problems: [FieldProblem]) {
        let validator = FormValidator(catalog: catalog, region: try #require(catalog.region(region)))
        switch validator.validate(bundle: bundle, items: items, inputs: inputs, now: now) {
        case .success(let application): return (application, [])
        case .failure(let failure): return (nil, failure.problems)
        }
    }

    /// A synthetic identity number with a correct check character.
    static func id(address: String = "350102", birth: String, sequence: String) -> String {
        let first17 = address + birth + sequence
        guard let check = ResidentIDNumber.checkCharacter(for: first17) else {
            Issue.record("test data must be 17 digits: \(first17)")
            return first17
        }
        return first17 + String(check)
    }

    /// A problem message reads as one sentence an operator can act on.
    static func isSentence(_ message: String) -> Bool {
        // It may start with a lower-case identifier ("min is larger than max.").
        guard let first = message.first, let last = message.last else { return false }
        return first.isLetter
            && (first.isUppercase || message.split(separator: " ").first?.allSatisfy(\.isASCII) == true)
            && last == "." && !message.contains("\n") && message.split(separator: " ").count >= 3
    }
}

@Suite struct EmbeddedCatalogTests {
    @Test func loadsWithoutProblems() throws {
        let catalog = try CatalogFixture.catalog()
        #expect(catalog.version == "2026.11-1")
        #expect(catalog.defaultRegion == "350100")
        #expect(catalog.bundles.map(\.code) == ["birth", "school-enrolment"])
        #expect(catalog.regions.map(\.code) == CatalogFixture.regionCodes)
    }

    /// The examples must stay valid whatever the date: the birth time is moved to a week
    /// before the day the catalogue is checked as of, everything else is fixed in the past.
    /// Checked on the stated days a deployment meets: the day the catalogue was written, the
    /// first days of a month and a year, a leap day, a day years ahead.
    @Test(arguments: ["2026-11-26", "2026-12-01", "2027-01-01", "2028-02-29", "2028-03-01", "2031-12-31", "2040-06-15"])
    func loadsAsOfAnyDay(day: String) throws {
        let today = try #require(CivilDate.parse(day))
        let catalog = try CatalogLoader.embedded(today: today)
        #expect(catalog.version == "2026.11-1")
    }

    @Test func filesAreTheHeadAndOneFilePerBundle() throws {
        #expect(
            EmbeddedCatalog.fileList.map(\.path) == [
                "catalog.json", "bundles/birth.json", "bundles/school-enrolment.json",
            ])
        for file in EmbeddedCatalog.files where file.path != CatalogFile.headPath {
            let bundle = try JSONDecoder().decode(BundleDefinition.self, from: Data(file.text.utf8))
            #expect(file.path == "bundles/\(bundle.code).json")
        }
        _ = try JSONDecoder().decode(CatalogHead.self, from: Data(try CatalogFixture.file("catalog.json").text.utf8))
    }

    @Test func exportedToADirectoryItLoadsTheSame() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("onething-catalog-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("bundles"), withIntermediateDirectories: true)
        for file in EmbeddedCatalog.files {
            try Data(file.text.utf8).write(to: directory.appendingPathComponent(file.path))
        }
        let files = try CatalogLoader.files(inDirectory: directory.path)
        #expect(Set(files) == Set(EmbeddedCatalog.files))
        #expect(try CatalogLoader.load(files: files, today: CatalogFixture.today) == CatalogFixture.catalog())
    }

    @Test func departments() throws {
        let catalog = try CatalogFixture.catalog()
        #expect(
            catalog.departments.map(\.code) == [
                "health", "disease-control", "public-security", "medical-insurance", "human-resources", "education",
                "natural-resources",
            ])
        for department in catalog.departments {
            #expect(!department.names.zh.isEmpty && !department.names.en.isEmpty)
        }
        let birth = try #require(catalog.bundle("birth"))
        #expect(birth.leadDepartment == "health")
        #expect(birth.names.zh == "出生一件事")
        let school = try #require(catalog.bundle("school-enrolment"))
        #expect(school.leadDepartment == "education")
        #expect(school.names.zh == "入学一件事")
        // Every department doing an item of a bundle is its lead or a cooperating department.
        for bundle in catalog.bundles {
            let involved = Set([bundle.leadDepartment] + bundle.cooperatingDepartments)
            for item in bundle.items {
                #expect(involved.contains(item.department), "\(bundle.code)/\(item.code)")
            }
        }
    }

    @Test func birthItems() throws {
        let birth = try #require(try CatalogFixture.catalog().bundle("birth"))
        #expect(birth.items.map(\.code) == CatalogFixture.birthItems)
        let departments = Dictionary(uniqueKeysWithValues: birth.items.map { ($0.code, $0.department) })
        #expect(
            departments == [
                "birth-certificate": "health", "vaccination-certificate": "disease-control",
                "household-registration": "public-security", "maternity-insurance": "medical-insurance",
                "medical-insurance-enrolment": "medical-insurance", "social-security-card": "human-resources",
            ])
        for item in birth.items {
            #expect((1...5).contains(item.promisedDays), "\(item.code)")
            #expect(!item.materials.isEmpty, "\(item.code)")
        }
        let household = try #require(birth.item("household-registration"))
        #expect(household.situations.map(\.id) == ["mother-household", "father-household"])
    }

    @Test func schoolItems() throws {
        let school = try #require(try CatalogFixture.catalog().bundle("school-enrolment"))
        #expect(school.items.map(\.code) == CatalogFixture.schoolItems)
        #expect(school.item("property-check")?.department == "natural-resources")
        #expect(school.item("residence-check")?.department == "public-security")
        #expect(school.item("vaccination-check")?.department == "disease-control")
        #expect(school.item("enrolment-registration")?.department == "education")
    }

    @Test func dependencies() throws {
        let catalog = try CatalogFixture.catalog()
        var dependsOn: [String: [String]] = [:]
        for bundle in catalog.bundles {
            for item in bundle.items where !item.dependsOn.isEmpty {
                dependsOn[item.code] = item.dependsOn
            }
        }
        #expect(
            dependsOn == [
                "medical-insurance-enrolment": ["household-registration"],
                "social-security-card": ["household-registration"],
            ])
    }

    @Test(arguments: [
        (CatalogFixture.fuzhou, 6, true),
        (CatalogFixture.xiamen, 6, false),
        (CatalogFixture.putian, 3, true),
        (CatalogFixture.nanping, 6, true),
    ])
    func regionMenus(region code: String, birthItems: Int, offersSchool: Bool) throws {
        let catalog = try CatalogFixture.catalog()
        let region = try CatalogFixture.region(code, in: catalog)
        let birth = try #require(catalog.bundle("birth"))
        let school = try #require(catalog.bundle("school-enrolment"))
        #expect(catalog.menu(bundle: birth, region: region).count == birthItems)
        #expect(
            catalog.menu(bundle: school, region: region).map(\.code) == (offersSchool ? CatalogFixture.schoolItems : [])
        )
        #expect(region.schoolCutoff == "08-31")
        #expect(!region.names.zh.isEmpty && !region.names.en.isEmpty)
    }

    @Test func putianOffersThreeBirthItems() throws {
        let catalog = try CatalogFixture.catalog()
        let birth = try #require(catalog.bundle("birth"))
        let putian = try CatalogFixture.region(CatalogFixture.putian, in: catalog)
        #expect(
            catalog.menu(bundle: birth, region: putian).map(\.code) == [
                "birth-certificate", "vaccination-certificate", "household-registration",
            ])
    }

    @Test func everyFieldIsListedByAnItemAndDefinedOnce() throws {
        for bundle in try CatalogFixture.catalog().bundles {
            let ids = bundle.fields.map(\.id)
            #expect(Set(ids).count == ids.count, "\(bundle.code)")
            let listed = Set(bundle.items.flatMap(\.fields))
            #expect(listed == Set(ids), "\(bundle.code)")
            let groups = bundle.groups.map(\.id)
            for field in bundle.fields {
                #expect(groups.contains(field.group), "\(field.id)")
                #expect(!field.label.zh.isEmpty && !field.label.en.isEmpty, "\(field.id)")
            }
        }
    }

    @Test func birthFormShape() throws {
        let birth = try #require(try CatalogFixture.catalog().bundle("birth"))
        #expect(birth.groups.map(\.id) == ["newborn", "mother", "father", "household", "benefit", "delivery"])
        // The bank card is asked only for the maternity benefit.
        #expect(birth.items.filter { $0.fields.contains("bank_card_no") }.map(\.code) == ["maternity-insurance"])
        let time = try #require(birth.field("birth_time"))
        #expect(time.type == .datetime)
        #expect(time.constraints?.notFuture == true)
        #expect(time.constraints?.maxAgeDays == 183)
        #expect(birth.field("birth_certificate_no")?.required == false)
        #expect(birth.field("father_household_no")?.requiredWhen == Condition(situation: "father-household"))
        #expect(Set(birth.rules.map(\.kind)) == [.parentAgeAtBirth, .distinct, .idNumberOfSex])
    }

    @Test func schoolFormShape() throws {
        let school = try #require(try CatalogFixture.catalog().bundle("school-enrolment"))
        let stages = try #require(school.rules.first { $0.kind == .schoolAgeAtCutoff }?.stages)
        #expect(stages == ["kindergarten": [3, 5], "primary": [6, 8], "junior": [11, 14]])
        #expect(Set(school.rules.map(\.kind)) == [.schoolAgeAtCutoff, .sexMatchesIdNumber, .distinct])
        #expect(school.field("records_consent")?.type == .boolean)
        #expect(school.field("property_certificate_no")?.shownWhen == Condition(field: "housing_type", equals: "owned"))
        #expect(school.field("residence_permit_no")?.requiredWhen == Condition(field: "housing_type", equals: "rented"))
    }

    @Test func everyExampleIsAValidValue() throws {
        for bundle in try CatalogFixture.catalog().bundles {
            for field in bundle.fields {
                let example = CatalogExamples.value(for: field, today: CatalogFixture.today)
                let result = FieldValueValidator.validate(.text(example), as: field, now: CatalogFixture.now)
                #expect(
                    (try? result.get()) == example, "\(bundle.code).\(field.id) example is not valid and normalised")
            }
        }
    }

    @Test func identityExamplesAreConsistent() throws {
        let catalog = try CatalogFixture.catalog()
        let birth = try #require(catalog.bundle("birth"))
        let school = try #require(catalog.bundle("school-enrolment"))
        func id(_ bundle: BundleDefinition, _ field: String) throws -> ResidentIDNumber {
            try ResidentIDNumber.parse(try #require(bundle.field(field)).example, today: CatalogFixture.today).get()
        }
        #expect(try id(birth, "mother_id_number").sex == .female)
        #expect(try id(birth, "father_id_number").sex == .male)
        #expect(try id(birth, "mother_id_number").addressCode.hasPrefix("35"))
        let child = try id(school, "child_id_number")
        #expect(child.sex.rawValue == school.field("child_sex")?.example)
        // Seven years old on the 2027 cut-off: a primary-school starter.
        #expect(child.birthDate.age(on: CivilDate(year: 2027, month: 8, day: 31)!) == 7)
        #expect(school.field("school_year")?.example == "2027")
        #expect(school.field("stage")?.example == "primary")
    }

    static let bundleRegions: [(String, String)] = [
        ("birth", CatalogFixture.fuzhou), ("birth", CatalogFixture.xiamen), ("birth", CatalogFixture.putian),
        ("birth", CatalogFixture.nanping), ("school-enrolment", CatalogFixture.fuzhou),
        ("school-enrolment", CatalogFixture.putian), ("school-enrolment", CatalogFixture.nanping),
    ]

    @Test(arguments: bundleRegions)
    func exampleApplicationsPass(bundle code: String, region regionCode: String) throws {
        let catalog = try CatalogFixture.catalog()
        let bundle = try #require(catalog.bundle(code))
        let region = try CatalogFixture.region(regionCode, in: catalog)
        let menu = catalog.menu(bundle: bundle, region: region).map(\.code)
        #expect(!menu.isEmpty)
        var selections = [menu] + menu.map { CatalogFixture.withDependencies([$0], in: bundle) }
        selections.append(menu.filter { bundle.item($0)?.dependsOn.isEmpty == true })
        for items in selections {
            let inputs = try CatalogFixture.exampleInputs(catalog, bundle: code, items: items, region: regionCode)
            let outcome = try CatalogFixture.validate(
                catalog, region: regionCode, bundle: code, items: items, inputs: inputs)
            #expect(outcome.problems == [], "\(code) \(regionCode) \(items)")
            let application = try #require(outcome.application)
            #expect(application.items == items)
            #expect(application.region == regionCode)
            #expect(application.catalogVersion == "2026.11-1")
            #expect(Set(application.fields.keys) == Set(inputs.keys))
            for (id, input) in inputs {
                #expect(FieldInput.text(application.fields[id] ?? "") == input, "\(id) is not kept as given")
            }
        }
    }

    @Test func exampleBirthApplicationIsInTheMothersHousehold() throws {
        let catalog = try CatalogFixture.catalog()
        let inputs = try CatalogFixture.exampleInputs(catalog, bundle: "birth")
        #expect(inputs["household_parent"] == .text("mother"))
        #expect(inputs["mother_household_no"] != nil)
        #expect(inputs["father_household_no"] == nil)
        #expect(inputs["birth_time"] == .text("2026-11-13T08:30"))
        let application = try #require(
            try CatalogFixture.validate(catalog, bundle: "birth", items: nil, inputs: inputs).application)
        #expect(application.items == CatalogFixture.birthItems)
        #expect(application.situations == ["mother-household"])
    }

    @Test func exampleSchoolApplicationOwnsItsHome() throws {
        let catalog = try CatalogFixture.catalog()
        let inputs = try CatalogFixture.exampleInputs(catalog, bundle: "school-enrolment")
        #expect(inputs["housing_type"] == .text("owned"))
        #expect(inputs["property_certificate_no"] != nil)
        let application = try #require(
            try CatalogFixture.validate(catalog, bundle: "school-enrolment", items: nil, inputs: inputs).application)
        #expect(application.situations == ["owned-home"])
    }
}
