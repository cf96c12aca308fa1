import Testing

@testable import OneThingModel

/// One expected catalogue problem: the file, the JSON path, and words its message names.
struct ExpectedProblem: Sendable, Hashable, CustomStringConvertible {
    var file: String
    var path: String
    var mentions: [String]

    var description: String { "\(file): \(path)" }
}

private let head = "catalog.json"
let birthFile = "bundles/birth.json"
let schoolFile = "bundles/school-enrolment.json"

private func inHead(_ path: String, _ mentions: String...) -> ExpectedProblem {
    ExpectedProblem(file: head, path: path, mentions: mentions)
}

func inBirth(_ path: String, _ mentions: String...) -> ExpectedProblem {
    ExpectedProblem(file: birthFile, path: path, mentions: mentions)
}

func inSchool(_ path: String, _ mentions: String...) -> ExpectedProblem {
    ExpectedProblem(file: schoolFile, path: path, mentions: mentions)
}

/// Compares problems with expectations on file and path (as sets, the order is the
/// checker's), requires each message to name what it should, and to read as a sentence.
func expectProblems(
    _ problems: [CatalogProblem], _ expected: [ExpectedProblem], sourceLocation: SourceLocation = #_sourceLocation
) {
    let found = problems.map { "\($0.file): \($0.path)" }.sorted()
    #expect(found == expected.map(\.description).sorted(), "\(problems)", sourceLocation: sourceLocation)
    for expectation in expected {
        guard let problem = problems.first(where: { $0.file == expectation.file && $0.path == expectation.path })
        else { continue }
        for word in expectation.mentions {
            #expect(problem.message.contains(word), "\(problem) should mention \(word)", sourceLocation: sourceLocation)
        }
    }
    for problem in problems {
        #expect(
            CatalogFixture.isSentence(problem.message), "not a sentence: \(problem)", sourceLocation: sourceLocation)
    }
}

// MARK: - Editing a decoded catalogue

extension Catalog {
    var birth: BundleDefinition {
        get { bundle("birth") ?? bundles[0] }
        set { bundles[bundles.firstIndex { $0.code == "birth" } ?? 0] = newValue }
    }

    var school: BundleDefinition {
        get { bundle("school-enrolment") ?? bundles[1] }
        set { bundles[bundles.firstIndex { $0.code == "school-enrolment" } ?? 1] = newValue }
    }

    mutating func editRegion(_ code: String, _ edit: (inout Region) -> Void) {
        guard let index = regions.firstIndex(where: { $0.code == code }) else {
            Issue.record("no region \(code)")
            return
        }
        edit(&regions[index])
    }
}

extension BundleDefinition {
    mutating func editField(_ id: String, _ edit: (inout FieldDefinition) -> Void) {
        guard let index = fields.firstIndex(where: { $0.id == id }) else {
            Issue.record("no field \(id)")
            return
        }
        edit(&fields[index])
    }

    mutating func editItem(_ code: String, _ edit: (inout ItemDefinition) -> Void) {
        guard let index = items.firstIndex(where: { $0.code == code }) else {
            Issue.record("no item \(code)")
            return
        }
        edit(&items[index])
    }
}

/// A catalogue broken in one way, and the problems the checker must report.
struct BrokenCatalog: Sendable, CustomTestStringConvertible {
    var name: String
    var breakIt: @Sendable (inout Catalog) -> Void
    var expected: [ExpectedProblem]

    init(_ name: String, _ expected: [ExpectedProblem], _ breakIt: @escaping @Sendable (inout Catalog) -> Void) {
        self.name = name
        self.breakIt = breakIt
        self.expected = expected
    }

    var testDescription: String { name }
}

private let spareNote = FieldDefinition(
    id: "spare_note", label: LocalizedText(zh: "备注", en: "Note"), group: "delivery", type: .text,
    required: false, example: "请在工作日派送")

private let birthCases: [BrokenCatalog] = [
    BrokenCatalog("duplicate field id", [inBirth("fields[26].id", "newborn_name", "twice")]) {
        $0.birth.fields.append($0.birth.fields[0])
    },
    BrokenCatalog("unknown department of an item", [inBirth("items[2].department", "police")]) {
        $0.birth.editItem("household-registration") { $0.department = "police" }
    },
    BrokenCatalog("unknown lead department", [inSchool("leadDepartment", "schools")]) {
        $0.school.leadDepartment = "schools"
    },
    BrokenCatalog("unknown cooperating department", [inBirth("cooperatingDepartments[4]", "bank")]) {
        $0.birth.cooperatingDepartments.append("bank")
    },
    BrokenCatalog(
        "dependency cycle",
        [
            inBirth(
                "items", "cycle", "medical-insurance-enrolment -> social-security-card -> medical-insurance-enrolment")
        ]
    ) {
        $0.birth.editItem("medical-insurance-enrolment") { $0.dependsOn.append("social-security-card") }
        $0.birth.editItem("social-security-card") { $0.dependsOn.append("medical-insurance-enrolment") }
    },
    BrokenCatalog(
        "item depending on itself",
        [inBirth("items[0].dependsOn[0]", "itself"), inBirth("items", "birth-certificate -> birth-certificate")]
    ) {
        $0.birth.editItem("birth-certificate") { $0.dependsOn = ["birth-certificate"] }
    },
    BrokenCatalog(
        "unknown dependsOn",
        // Reported once, in the bundle; the regions are not told about an item that does not exist.
        [inBirth("items[3].dependsOn[0]", "passport")]
    ) {
        $0.birth.editItem("maternity-insurance") { $0.dependsOn = ["passport"] }
    },
    BrokenCatalog("field not used by any item", [inBirth("fields[26]", "spare_note")]) {
        $0.birth.fields.append(spareNote)
    },
    BrokenCatalog("item listing an unknown field", [inBirth("items[0].fields[16]", "shoe_size")]) {
        $0.birth.editItem("birth-certificate") { $0.fields.append("shoe_size") }
    },
    BrokenCatalog("field listed twice by an item", [inBirth("items[0].fields[16]", "mother_name", "twice")]) {
        $0.birth.editItem("birth-certificate") { $0.fields.append("mother_name") }
    },
    BrokenCatalog("item asking no field", [inBirth("items[5].fields", "no field")]) {
        $0.birth.editItem("social-security-card") { $0.fields = [] }
    },
    BrokenCatalog("promised time of zero days", [inBirth("items[3].promisedDays", "at least one")]) {
        $0.birth.editItem("maternity-insurance") { $0.promisedDays = 0 }
    },
    BrokenCatalog(
        "choice without options",
        // The example cannot be one of no options either.
        [inBirth("fields[1].options", "at least one option"), inBirth("fields[1].example", "not a valid value")]
    ) {
        $0.birth.editField("newborn_sex") { $0.options = nil }
    },
    BrokenCatalog(
        "choice with an empty option list",
        [inBirth("fields[1].options", "at least one option"), inBirth("fields[1].example", "not a valid value")]
    ) {
        $0.birth.editField("newborn_sex") { $0.options = [] }
    },
    BrokenCatalog("option listed twice", [inBirth("fields[16].options[2]", "mother", "twice")]) {
        $0.birth.editField("household_parent") {
            $0.options?.append(ChoiceOption(value: "mother", label: LocalizedText(zh: "母", en: "M")))
        }
    },
    BrokenCatalog("options on a non-choice field", [inBirth("fields[9].options", "Only choice fields")]) {
        $0.birth.editField("mother_name") {
            $0.options = [ChoiceOption(value: "x", label: LocalizedText(zh: "甲", en: "X"))]
        }
    },
    BrokenCatalog("code field without constraints", [inBirth("fields[12].constraints.pattern", "pattern")]) {
        $0.birth.editField("marriage_certificate_no") { $0.constraints = nil }
    },
    BrokenCatalog("code field without a pattern", [inBirth("fields[12].constraints.pattern", "pattern")]) {
        $0.birth.editField("marriage_certificate_no") { $0.constraints = Constraints(maxLength: 30) }
    },
    BrokenCatalog(
        "invalid regular expression",
        [
            inBirth("fields[12].constraints.pattern", "not a valid regular expression"),
            inBirth("fields[12].example", "not a valid value"),
        ]
    ) {
        $0.birth.editField("marriage_certificate_no") { $0.constraints?.pattern = "^[A-Z" }
    },
    BrokenCatalog("pattern on a mobile field", [inBirth("fields[11].constraints.pattern", "code and text")]) {
        $0.birth.editField("mother_phone") { $0.constraints = Constraints(pattern: "^1[0-9]{10}$") }
    },
    BrokenCatalog(
        "min larger than max",
        [inBirth("fields[3].constraints", "min is larger"), inBirth("fields[3].example", "not a valid value")]
    ) {
        $0.birth.editField("birth_weight_g") { $0.constraints = Constraints(min: 7000, max: 6500) }
    },
    BrokenCatalog("min on a text field", [inBirth("fields[7].constraints", "integer and decimal")]) {
        $0.birth.editField("birth_place") { $0.constraints?.min = 1 }
    },
    BrokenCatalog("maxAgeDays on an integer field", [inBirth("fields[5].constraints", "date and datetime")]) {
        $0.birth.editField("gestational_weeks") { $0.constraints?.maxAgeDays = 10 }
    },
    BrokenCatalog("unknown group", [inBirth("fields[9].group", "parents")]) {
        $0.birth.editField("mother_name") { $0.group = "parents" }
    },
    BrokenCatalog("field id not in snake_case", [inBirth("fields[26].id", "lower-case")]) {
        var field = spareNote
        field.id = "Spare-Note"
        $0.birth.fields.append(field)
        $0.birth.editItem("birth-certificate") { $0.fields.append("Spare-Note") }
    },
    BrokenCatalog("required and requiredWhen together", [inBirth("fields[18].requiredWhen", "no effect")]) {
        $0.birth.editField("father_household_no") { $0.required = true }
    },
    BrokenCatalog("condition with two forms", [inBirth("fields[18].shownWhen", "exactly one")]) {
        $0.birth.editField("father_household_no") {
            $0.shownWhen = Condition(field: "household_parent", equals: "father", item: "household-registration")
        }
    },
    BrokenCatalog("condition with both equals and in", [inBirth("fields[18].shownWhen", "exactly one")]) {
        $0.birth.editField("father_household_no") {
            $0.shownWhen = Condition(field: "household_parent", equals: "father", in: ["father"])
        }
    },
    BrokenCatalog("empty condition", [inBirth("fields[18].requiredWhen", "exactly one")]) {
        $0.birth.editField("father_household_no") { $0.requiredWhen = Condition() }
    },
    BrokenCatalog("condition on an unknown field", [inBirth("fields[18].shownWhen.field", "parent_choice")]) {
        $0.birth.editField("father_household_no") { $0.shownWhen = Condition(field: "parent_choice", equals: "father") }
    },
    BrokenCatalog("condition on an unknown option value", [inBirth("fields[18].shownWhen", "grandmother")]) {
        $0.birth.editField("father_household_no") {
            $0.shownWhen = Condition(field: "household_parent", equals: "grandmother")
        }
    },
    BrokenCatalog("in-condition with an unknown option value", [inSchool("fields[11].shownWhen", "leased")]) {
        $0.school.editField("property_certificate_no") {
            $0.shownWhen = Condition(field: "housing_type", in: ["owned", "leased"])
        }
    },
    BrokenCatalog(
        "condition on an unknown situation", [inBirth("fields[18].requiredWhen.situation", "grandparent-household")]
    ) {
        $0.birth.editField("father_household_no") { $0.requiredWhen = Condition(situation: "grandparent-household") }
    },
    BrokenCatalog("condition on an unknown item", [inBirth("fields[18].requiredWhen.item", "passport")]) {
        $0.birth.editField("father_household_no") { $0.requiredWhen = Condition(item: "passport") }
    },
    BrokenCatalog("negated condition on an unknown field", [inBirth("fields[18].shownWhen.not.field", "nobody")]) {
        $0.birth.editField("father_household_no") {
            $0.shownWhen = Condition(not: Condition(field: "nobody", equals: "x"))
        }
    },
    BrokenCatalog("situation on an unknown option value", [inBirth("items[2].situations[1].when", "grandfather")]) {
        $0.birth.editItem("household-registration") {
            $0.situations[1].when = Condition(field: "household_parent", equals: "grandfather")
        }
    },
    BrokenCatalog(
        "situation defined twice",
        // The field that names the renamed situation is told too.
        [
            inBirth("items", "mother-household", "twice"),
            inBirth("fields[18].requiredWhen.situation", "father-household"),
        ]
    ) {
        $0.birth.editItem("household-registration") { $0.situations[1].id = "mother-household" }
    },
    BrokenCatalog("rule missing a role", [inBirth("rules[0].fields", "parentId")]) {
        $0.birth.rules[0].fields["parentId"] = nil
    },
    BrokenCatalog("rule role naming an unknown field", [inBirth("rules[1].fields.b", "father_idnumber")]) {
        $0.birth.rules[1].fields["b"] = "father_idnumber"
    },
    BrokenCatalog("parent age rule without a maximum", [inBirth("rules[0]", "min and max")]) {
        $0.birth.rules[0].max = nil
    },
    BrokenCatalog(
        "school age rule with a reversed range", [inSchool("rules[0].stages.primary", "min no larger than max")]
    ) {
        $0.school.rules[0].stages?["primary"] = [8, 6]
    },
    BrokenCatalog("school age rule without stages", [inSchool("rules[0].stages", "age range")]) {
        $0.school.rules[0].stages = nil
    },
]

private let exampleCases: [BrokenCatalog] = [
    BrokenCatalog("ID example with a wrong check character", [inBirth("fields[10].example", "check character")]) {
        $0.birth.editField("mother_id_number") { $0.example = "350102199503120021" }
    },
    BrokenCatalog("bank card example failing Luhn", [inBirth("fields[22].example", "check digit")]) {
        $0.birth.editField("bank_card_no") { $0.example = "6222020000000008" }
    },
    BrokenCatalog("integer example out of range", [inBirth("fields[3].example", "at most 6500")]) {
        $0.birth.editField("birth_weight_g") { $0.example = "7000" }
    },
    BrokenCatalog("choice example not an option", [inBirth("fields[16].example", "mother, father")]) {
        $0.birth.editField("household_parent") { $0.example = "both" }
    },
    BrokenCatalog("name example with digits", [inBirth("fields[0].example", "digits")]) {
        $0.birth.editField("newborn_name") { $0.example = "陈1" }
    },
    BrokenCatalog("code example not matching its pattern", [inBirth("fields[12].example", "document number")]) {
        $0.birth.editField("marriage_certificate_no") { $0.example = "350102-2020-000123" }
    },
    BrokenCatalog("date example in the future", [inSchool("fields[13].example", "future")]) {
        $0.school.editField("residence_permit_since") { $0.example = "2099-01-01" }
    },
    BrokenCatalog("boolean example", [inSchool("fields[17].example", "true or false")]) {
        $0.school.editField("records_consent") { $0.example = "yes" }
    },
]

private let headCases: [BrokenCatalog] = [
    BrokenCatalog("empty version", [inHead("version", "version")]) { $0.version = " " },
    BrokenCatalog("duplicate department", [inHead("departments[7].code", "health", "twice")]) {
        $0.departments.append($0.departments[0])
    },
    BrokenCatalog("duplicate region", [inHead("regions[4].code", "350100", "twice")]) {
        $0.regions.append($0.regions[0])
    },
    BrokenCatalog("unknown default region", [inHead("defaultRegion", "350900")]) { $0.defaultRegion = "350900" },
    BrokenCatalog("unknown item in a region menu", [inHead("regions[0].menus.birth[6]", "passport")]) {
        $0.editRegion("350100") { $0.menus["birth"]?.append("passport") }
    },
    BrokenCatalog("unknown bundle in a region menu", [inHead("regions[1].menus.death", "death")]) {
        $0.editRegion("350200") { $0.menus["death"] = ["funeral"] }
    },
    BrokenCatalog(
        "menu item whose dependency the region lacks",
        [inHead("regions[2].menus.birth[2]", "social-security-card", "household-registration")]
    ) {
        $0.editRegion("350300") {
            $0.menus["birth"] = ["birth-certificate", "vaccination-certificate", "social-security-card"]
        }
    },
    BrokenCatalog(
        "menu without the dependency of two items",
        [
            inHead("regions[3].menus.birth[3]", "medical-insurance-enrolment"),
            inHead("regions[3].menus.birth[4]", "social-security-card"),
        ]
    ) {
        $0.editRegion("350700") { $0.menus["birth"]?.removeAll { $0 == "household-registration" } }
    },
    BrokenCatalog("empty menu", [inHead("regions[1].menus.birth", "empty")]) {
        $0.editRegion("350200") { $0.menus["birth"] = [] }
    },
    BrokenCatalog("region without menus", [inHead("regions[1].menus", "no bundle")]) {
        $0.editRegion("350200") { $0.menus = [:] }
    },
]

@Suite struct CatalogCheckerTests {
    @Test func embeddedCatalogHasNoProblem() throws {
        #expect(CatalogFixture.check(try CatalogFixture.catalog()) == [])
    }

    @Test(arguments: birthCases + exampleCases + headCases)
    func brokenCatalog(_ broken: BrokenCatalog) throws {
        var catalog = try CatalogFixture.catalog()
        broken.breakIt(&catalog)
        expectProblems(CatalogFixture.check(catalog), broken.expected)
    }

    @Test(arguments: ["31-08", "02-30", "8-31", "0831", "08-31-", "", "13-01", "08-32", "aa-bb"])
    func badSchoolCutoff(_ cutoff: String) throws {
        var catalog = try CatalogFixture.catalog()
        catalog.editRegion("350100") { $0.schoolCutoff = cutoff }
        expectProblems(CatalogFixture.check(catalog), [inHead("regions[0].schoolCutoff", "MM-DD")])
    }

    @Test(arguments: ["08-31", "09-01", "02-29", "12-31", "01-01"])
    func goodSchoolCutoff(_ cutoff: String) throws {
        var catalog = try CatalogFixture.catalog()
        catalog.editRegion("350300") { $0.schoolCutoff = cutoff }
        #expect(CatalogFixture.check(catalog) == [])
    }

    @Test func aRegionWithoutSchoolCutoffIsFine() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.editRegion("350200") { $0.schoolCutoff = nil }
        #expect(CatalogFixture.check(catalog) == [])
    }

    @Test func problemsAreReportedTogether() throws {
        var catalog = try CatalogFixture.catalog()
        catalog.defaultRegion = "350900"
        catalog.birth.editItem("birth-certificate") { $0.department = "hospital" }
        catalog.school.editField("stage") { $0.example = "university" }
        expectProblems(
            CatalogFixture.check(catalog),
            [
                inHead("defaultRegion", "350900"), inBirth("items[0].department", "hospital"),
                inSchool("fields[15].example", "kindergarten, primary, junior"),
            ])
    }

    @Test func descriptionNamesFileAndPath() {
        let problem = CatalogProblem(file: birthFile, path: "items[0].promisedDays", message: "Too short.")
        #expect(problem.description == "bundles/birth.json: items[0].promisedDays: Too short.")
        #expect(CatalogProblem(file: head, path: "", message: "Missing.").description == "catalog.json: Missing.")
    }
}

// MARK: - Loading files

/// The loader's problems for a set of files (empty when the catalogue loads).
func loadProblems(_ files: [CatalogFile]) -> [CatalogProblem] {
    do {
        _ = try CatalogLoader.load(files: files, today: CatalogFixture.today)
        return []
    } catch {
        guard error.code == .invalidCatalog else {
            Issue.record("unexpected error \(error)")
            return []
        }
        return error.catalogProblems
    }
}

/// The embedded files with the first occurrence of `old` in the file at `path` replaced.
func editedFiles(_ path: String, replacing old: String, with new: String) throws -> [CatalogFile] {
    try EmbeddedCatalog.files.map { file in
        guard file.path == path else { return file }
        let range = try #require(file.text.range(of: old), "\(path) has no \(old)")
        var edited = file
        edited.text.replaceSubrange(range, with: new)
        return edited
    }
}

/// A textual change to one embedded file and the single problem the loader must report.
struct BrokenText: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var old: String
    var new: String
    var expected: ExpectedProblem

    var testDescription: String { name }
}

private let textCases: [BrokenText] = [
    BrokenText(
        name: "promisedDays given as a string", file: birthFile, old: #""promisedDays": 1,"#,
        new: #""promisedDays": "one","#, expected: inBirth("items[0].promisedDays", "number")),
    BrokenText(
        name: "schoolCutoff given as a number", file: head, old: #""schoolCutoff": "08-31""#,
        new: #""schoolCutoff": 831"#, expected: inHead("regions[0].schoolCutoff", "string")),
    BrokenText(
        name: "menus given as a list", file: head, old: #""menus": {"#,
        new: #""menus": [], "unused": {"#, expected: inHead("regions[0].menus", "object")),
    BrokenText(
        name: "missing leadDepartment", file: schoolFile, old: #""leadDepartment": "education","#,
        new: "", expected: inSchool("leadDepartment", "\"leadDepartment\"", "missing")),
    BrokenText(
        name: "missing version", file: head, old: #""version": "2026.11-1","#,
        new: "", expected: inHead("version", "\"version\"", "missing")),
    BrokenText(
        name: "null example", file: birthFile, old: #""example": "陈小测""#,
        new: #""example": null"#, expected: inBirth("fields[0].example", "null")),
    BrokenText(
        name: "unknown field type", file: birthFile, old: #""type": "mobile""#,
        new: #""type": "telephone""#, expected: inBirth("fields[11].type", "not allowed")),
    BrokenText(
        name: "unknown rule kind", file: schoolFile, old: #""kind": "distinct""#,
        new: #""kind": "different""#, expected: inSchool("rules[2].kind", "not allowed")),
    BrokenText(
        name: "condition given as a string", file: birthFile, old: #""shownWhen": { "situation": "mother-household" }"#,
        new: #""shownWhen": "mother-household""#, expected: inBirth("fields[17].shownWhen", "object")),
    BrokenText(
        name: "required given as a string", file: schoolFile, old: #""required": true"#,
        new: #""required": "yes""#, expected: inSchool("fields[0].required", "boolean")),
    BrokenText(
        name: "malformed bundle JSON", file: birthFile, old: #""code": "birth","#,
        new: #""code": "birth""#, expected: inBirth("", "not valid JSON")),
    BrokenText(
        name: "malformed head JSON", file: head, old: "{", new: "{{", expected: inHead("", "not valid JSON")),
    BrokenText(
        name: "unknown department through the loader", file: birthFile, old: #""department": "health""#,
        new: #""department": "hospital""#, expected: inBirth("items[0].department", "hospital")),
]

extension CatalogCheckerTests {
    /// Problems found while reading the files, before the checker runs.
    @Suite struct Loading {
        @Test(arguments: textCases)
        func brokenText(_ broken: BrokenText) throws {
            let files = try editedFiles(broken.file, replacing: broken.old, with: broken.new)
            expectProblems(loadProblems(files), [broken.expected])
        }

        @Test func decodingProblemsInSeveralFilesAreReportedTogether() throws {
            var files = try editedFiles(birthFile, replacing: #""promisedDays": 1,"#, with: #""promisedDays": [1],"#)
            files = files.map { file in
                guard file.path == schoolFile else { return file }
                return CatalogFile(path: file.path, text: String(file.text.dropLast(2)))
            }
            expectProblems(
                loadProblems(files),
                [inBirth("items[0].promisedDays", "number"), inSchool("", "not valid JSON")])
        }

        @Test func fractionalWholeNumberIsReportedAgainstItsFile() throws {
            // Foundation on Linux reports a number that does not fit Int as invalid JSON with no
            // coding path, so only the file can be relied on here.
            let files = try editedFiles(birthFile, replacing: #""promisedDays": 1,"#, with: #""promisedDays": 1.5,"#)
            let problems = loadProblems(files)
            #expect(problems.map(\.file) == [birthFile])
            #expect(problems.allSatisfy { CatalogFixture.isSentence($0.message) })
        }

        @Test func missingHead() {
            let files = EmbeddedCatalog.files.filter { $0.path != "catalog.json" }
            expectProblems(loadProblems(files), [inHead("", "no catalog.json")])
        }

        @Test func noBundle() {
            let files = EmbeddedCatalog.files.filter { $0.path == "catalog.json" }
            expectProblems(
                loadProblems(files), [ExpectedProblem(file: "bundles", path: "", mentions: ["no bundle"])])
        }

        @Test func sameBundleInTwoFiles() throws {
            let birth = try CatalogFixture.file(birthFile)
            let files = EmbeddedCatalog.files + [CatalogFile(path: "bundles/birth-copy.json", text: birth.text)]
            expectProblems(loadProblems(files), [inBirth("code", "\"birth\"", "more than one file")])
        }

        @Test func problemsNameTheFileTheBundleCameFrom() throws {
            let files = try editedFiles(
                birthFile, replacing: #""department": "health""#, with: #""department": "hospital""#
            )
            .map { $0.path == birthFile ? CatalogFile(path: "bundles/birth-2027.json", text: $0.text) : $0 }
            expectProblems(
                loadProblems(files),
                [ExpectedProblem(file: "bundles/birth-2027.json", path: "items[0].department", mentions: ["hospital"])])
        }

        @Test func catalogueProblemLinesNameFileAndPath() throws {
            let files = try editedFiles(birthFile, replacing: #""promisedDays": 1,"#, with: #""promisedDays": "one","#)
            do {
                _ = try CatalogLoader.load(files: files, today: CatalogFixture.today)
                Issue.record("the broken catalogue loaded")
            } catch {
                #expect(error.lines == ["bundles/birth.json: items[0].promisedDays: Expected a value of type number."])
            }
        }
    }
}
