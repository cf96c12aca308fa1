import Testing

@testable import OneThingModel

private typealias F = CatalogFixture

/// The example application of a bundle for the region's whole menu, as validator input.
private func example(_ bundle: String = "birth", items: [String]? = nil, region: String = F.fuzhou) throws -> [String:
    FieldInput]
{
    try F.exampleInputs(try F.catalog(), bundle: bundle, items: items, region: region)
}

private func validate(
    _ inputs: [String: FieldInput], bundle: String = "birth", items: [String]? = nil, region: String = F.fuzhou,
    catalog: Catalog? = nil
) throws -> (application: ValidatedApplication?, problems: [FieldProblem]) {
    try F.validate(catalog ?? F.catalog(), region: region, bundle: bundle, items: items, inputs: inputs)
}

/// The single problem of an outcome, or nil (recording an issue) when there is not exactly one.
private func onlyProblem(
    _ outcome: (application: ValidatedApplication?, problems: [FieldProblem]),
    sourceLocation: SourceLocation = #_sourceLocation
) -> FieldProblem? {
    #expect(outcome.application == nil, sourceLocation: sourceLocation)
    #expect(outcome.problems.count == 1, "\(outcome.problems)", sourceLocation: sourceLocation)
    return outcome.problems.count == 1 ? outcome.problems[0] : nil
}

/// The problems of an outcome by field id (nil for form-level problems).
private func problemFields(_ outcome: (application: ValidatedApplication?, problems: [FieldProblem])) -> Set<String?> {
    Set(outcome.problems.map(\.field))
}

private let birthDay = "20261113"  // the birth-time example moved to a week before `now`

/// Every check of `FormValidator`, grouped by what is checked.
@Suite struct FormValidatorTests {}

extension FormValidatorTests {
    @Suite struct Items {
        @Test func unknownBundle() throws {
            let problem = onlyProblem(try validate(try example(), bundle: "death"))
            #expect(problem?.field == nil)
            #expect(problem?.message == "There is no bundle \"death\"; the bundles are: birth, school-enrolment.")
        }

        @Test func unknownItem() throws {
            let problem = onlyProblem(try validate(try example(), items: ["birth-certificate", "passport"]))
            #expect(problem?.field == nil)
            #expect(problem?.message.contains("no item \"passport\"") == true)
            #expect(problem?.message.contains("birth-certificate, vaccination-certificate") == true)
        }

        @Test func itemNotOfferedInPutian() throws {
            let problem = onlyProblem(
                try validate(try example(), items: ["birth-certificate", "maternity-insurance"], region: F.putian))
            #expect(problem?.field == nil)
            #expect(
                problem?.message
                    == "The item \"maternity-insurance\" is not offered in region 350300; this region offers: birth-certificate, vaccination-certificate, household-registration."
            )
        }

        @Test func putianDefaultsToItsThreeItems() throws {
            let inputs = try example(items: ["birth-certificate", "vaccination-certificate", "household-registration"])
            let outcome = try validate(inputs, region: F.putian)
            #expect(outcome.problems == [])
            #expect(
                outcome.application?.items == [
                    "birth-certificate", "vaccination-certificate", "household-registration",
                ])
            #expect(outcome.application?.region == F.putian)
        }

        @Test func itemWithoutItsDependency() throws {
            let problem = onlyProblem(
                try validate(try example(items: ["social-security-card"]), items: ["social-security-card"]))
            #expect(problem?.field == nil)
            #expect(
                problem?.message
                    == "The item \"social-security-card\" needs household-registration to be decided first; select it too."
            )
        }

        @Test func twoItemsWithoutTheirDependency() throws {
            let items = ["birth-certificate", "medical-insurance-enrolment", "social-security-card"]
            let outcome = try validate(try example(items: items), items: items)
            #expect(outcome.problems.count == 2)
            #expect(outcome.problems.allSatisfy { $0.field == nil && $0.message.contains("household-registration") })
        }

        @Test func noItemSelected() throws {
            let problem = onlyProblem(try validate(try example(), items: []))
            #expect(problem?.message.contains("No item is selected") == true)
        }

        @Test func itemListedTwice() throws {
            let items = ["birth-certificate", "birth-certificate"]
            let problem = onlyProblem(try validate(try example(items: ["birth-certificate"]), items: items))
            #expect(problem?.message.contains("listed twice") == true)
        }

        @Test func itemsAreKeptInTheBundlesOrder() throws {
            let items = ["household-registration", "birth-certificate"]
            let outcome = try validate(try example(items: items), items: items)
            #expect(outcome.application?.items == ["birth-certificate", "household-registration"])
        }

        @Test func itemProblemsComeBeforeFieldChecks() throws {
            // With the items wrong, the fields are not judged: they depend on the items.
            let problem = onlyProblem(try validate(["mother_phone": .text("not a phone")], items: ["passport"]))
            #expect(problem?.field == nil)
        }
    }
}

extension FormValidatorTests {
    @Suite struct Fields {
        @Test func unknownField() throws {
            var inputs = try example()
            inputs["favourite_colour"] = .text("blue")
            let problem = onlyProblem(try validate(inputs))
            #expect(problem?.field == "favourite_colour")
            #expect(problem?.message.contains("no such field") == true)
        }

        @Test func missingRequiredFieldNamesTheItemsNeedingIt() throws {
            var inputs = try example()
            inputs["mother_id_number"] = nil
            let problem = onlyProblem(try validate(inputs))
            #expect(problem?.field == "mother_id_number")
            #expect(
                problem?.message
                    == "Required for birth-certificate, household-registration, maternity-insurance, medical-insurance-enrolment, social-security-card, and missing."
            )
        }

        @Test func missingFieldOfOneItem() throws {
            let items = ["maternity-insurance"]
            var inputs = try example(items: items)
            inputs["bank_card_no"] = nil
            let problem = onlyProblem(try validate(inputs, items: items))
            #expect(problem?.field == "bank_card_no")
            #expect(problem?.message == "Required for maternity-insurance, and missing.")
        }

        @Test func optionalFieldMayBeLeftOut() throws {
            var inputs = try example()
            inputs["birth_certificate_no"] = nil
            #expect(try validate(inputs).problems == [])
        }

        @Test func fieldNotAskedForTheSelectedItems() throws {
            let items = ["birth-certificate"]
            var inputs = try example(items: items)
            #expect(inputs["bank_card_no"] == nil)
            inputs["bank_card_no"] = .text("6222020000000007")
            let problem = onlyProblem(try validate(inputs, items: items))
            #expect(problem?.field == "bank_card_no")
            #expect(
                problem?.message == "Not asked for the selected items (only for maternity-insurance); leave it out.")
        }

        @Test func bankCardIsAskedOnlyWithMaternityInsurance() throws {
            let without = try example(items: ["birth-certificate", "household-registration"])
            #expect(without["bank_card_no"] == nil && without["bank_branch"] == nil)
            let with = try example(items: ["maternity-insurance"])
            #expect(with["bank_card_no"] != nil && with["bank_branch"] != nil)
        }

        @Test func multipleProblemsAreReportedTogether() throws {
            var inputs = try example()
            inputs["mother_name"] = nil
            inputs["mother_phone"] = .text("1380000000")
            inputs["birth_weight_g"] = .text("heavy")
            inputs["favourite_colour"] = .text("blue")
            inputs["father_household_no"] = .text("000654321")
            inputs["father_id_number"] = inputs["mother_id_number"]
            let outcome = try validate(inputs)
            #expect(outcome.application == nil)
            #expect(
                problemFields(outcome) == [
                    "mother_name", "mother_phone", "birth_weight_g", "favourite_colour", "father_household_no",
                    "father_id_number",
                ])
            // The father's ID number, a copy of the mother's, is refused twice: equal to hers,
            // and a woman's.
            #expect(outcome.problems.count == 7)
        }

        @Test func resultHoldsOnlyTheAskedFields() throws {
            let items = ["vaccination-certificate"]
            let outcome = try validate(try example(items: items), items: items)
            let application = try #require(outcome.application)
            let vaccination = try #require(try F.catalog().bundle("birth")?.item("vaccination-certificate"))
            #expect(Set(application.fields.keys) == Set(vaccination.fields))
            #expect(application.situations == [])
        }
    }
}

extension FormValidatorTests {
    @Suite struct Situations {
        @Test func fatherHouseholdRequiresTheFatherFieldsAndRefusesTheMotherOnes() throws {
            var inputs = try example()
            inputs["household_parent"] = .text("father")
            let outcome = try validate(inputs)
            #expect(outcome.application == nil)
            let byField = Dictionary(uniqueKeysWithValues: outcome.problems.map { ($0.field ?? "", $0.message) })
            #expect(
                byField == [
                    "father_household_no": "Required for household-registration, and missing.",
                    "mother_household_no": "Not asked in this situation; leave it out.",
                ])
        }

        @Test func fatherHouseholdPasses() throws {
            var inputs = try example()
            inputs["household_parent"] = .text("father")
            inputs["mother_household_no"] = nil
            inputs["father_household_no"] = .text("000654321")
            inputs["head_of_household_name"] = .text("陈示例")
            let application = try #require(try validate(inputs).application)
            #expect(application.situations == ["father-household"])
            #expect(application.fields["father_household_no"] == "000654321")
            #expect(application.fields["mother_household_no"] == nil)
        }

        @Test func motherHouseholdRefusesTheFatherFields() throws {
            var inputs = try example()
            inputs["father_household_no"] = .text("000654321")
            let problem = onlyProblem(try validate(inputs))
            #expect(problem?.field == "father_household_no")
            #expect(problem?.message == "Not asked in this situation; leave it out.")
        }

        @Test func motherHouseholdRequiresTheMotherHouseholdNumber() throws {
            var inputs = try example()
            inputs["mother_household_no"] = nil
            let problem = onlyProblem(try validate(inputs))
            #expect(problem?.field == "mother_household_no")
            #expect(problem?.message == "Required for household-registration, and missing.")
        }

        @Test func situationFieldsNeedTheirItem() throws {
            let items = ["birth-certificate"]
            var inputs = try example(items: items)
            inputs["household_parent"] = .text("father")
            inputs["father_household_no"] = .text("000654321")
            let outcome = try validate(inputs, items: items)
            #expect(problemFields(outcome) == ["household_parent", "father_household_no"])
            #expect(outcome.problems.allSatisfy { $0.message.contains("only for household-registration") })
        }

        @Test func anInvalidHouseholdParentDoesNotAlsoReportTheFieldsItShows() throws {
            var inputs = try example()
            inputs["household_parent"] = .text("grandmother")
            let problem = onlyProblem(try validate(inputs))
            #expect(problem?.field == "household_parent")
            #expect(problem?.message == "Expected one of: mother, father.")
        }

        @Test func rentedHomeNeedsTheResidencePermitNotTheTitle() throws {
            var inputs = try example("school-enrolment")
            inputs["housing_type"] = .text("rented")
            inputs["residence_permit_no"] = nil
            let outcome = try validate(inputs, bundle: "school-enrolment")
            let byField = Dictionary(uniqueKeysWithValues: outcome.problems.map { ($0.field ?? "", $0.message) })
            #expect(
                byField == [
                    "property_certificate_no": "Not asked in this situation; leave it out.",
                    "residence_permit_no": "Required for residence-check, and missing.",
                ])
        }

        @Test func rentedHomePasses() throws {
            var inputs = try example("school-enrolment")
            inputs["housing_type"] = .text("rented")
            inputs["property_certificate_no"] = nil
            let application = try #require(try validate(inputs, bundle: "school-enrolment").application)
            #expect(application.situations == ["rented-home"])
        }

        @Test func ownedHomeNeedsTheTitleNotThePermit() throws {
            var inputs = try example("school-enrolment")
            inputs["residence_permit_no"] = nil
            inputs["residence_permit_since"] = nil
            #expect(try validate(inputs, bundle: "school-enrolment").problems == [])
            inputs["property_certificate_no"] = nil
            let problem = onlyProblem(try validate(inputs, bundle: "school-enrolment"))
            #expect(problem?.field == "property_certificate_no")
            #expect(problem?.message == "Required for property-check, and missing.")
        }
    }
}

/// One invalid value of one field, and words its problem names.
struct InvalidValue: Sendable, CustomTestStringConvertible {
    var bundle: String
    var field: String
    var input: FieldInput
    var mentions: String

    static func birth(_ field: String, _ input: FieldInput, _ mentions: String) -> InvalidValue {
        InvalidValue(bundle: "birth", field: field, input: input, mentions: mentions)
    }

    static func birth(_ field: String, _ text: String, _ mentions: String) -> InvalidValue {
        birth(field, .text(text), mentions)
    }

    static func school(_ field: String, _ text: String, _ mentions: String) -> InvalidValue {
        InvalidValue(bundle: "school-enrolment", field: field, input: .text(text), mentions: mentions)
    }

    var testDescription: String { "\(field) \(input)" }
}

private let invalidValues: [InvalidValue] = [
    .birth("newborn_name", "陈3", "digits"),
    .birth("mother_name", "林Test", "entirely"),
    .birth("father_name", "陈", "between 2 and 30"),
    .birth("birth_place", "医院", "between 4 and 100"),
    .birth("bank_branch", "   ", "empty"),
    .birth("delivery_address", "福建省福州市\n鼓楼区示例路1号", "control character"),
    .birth("mother_id_number", "350102199503120021", "check character"),
    .birth("father_id_number", "350102930708003", "15-digit"),
    .birth("father_id_number", "990102199307080033", "province"),
    .birth("mother_phone", "1380000000", "11 digits"),
    .birth("delivery_phone", "23800000003", "starts with 1"),
    .birth("father_phone", .number(13_800_000_002), "JSON string"),
    .birth("birth_time", "2026-02-30T10:00", "real date and time"),
    .birth("birth_time", "2026-11-20T10:01", "future"),
    .birth("birth_time", "2026-05-01T10:00", "183 days"),
    .birth("birth_weight_g", "3.2kg", "whole number"),
    .birth("birth_weight_g", "7000", "at most 6500"),
    .birth("birth_weight_g", .number(400), "at least 500"),
    .birth("gestational_weeks", "45", "22 to 44"),
    .birth("birth_order", "0", "at least 1"),
    .birth("birth_length_cm", "五十", "decimal point"),
    .birth("birth_length_cm", "70.5", "at most 65"),
    .birth("newborn_sex", "boy", "male, female"),
    .birth("head_relation", "cousin", "child, grandchild, other"),
    .birth("bank_card_no", "6222020000000008", "check digit"),
    .birth("bank_card_no", "62220200", "between 12 and 19"),
    .birth("birth_certificate_no", "3350000001", "letter"),
    .birth("marriage_certificate_no", "J350102-20-000123", "document number"),
    .birth("mother_household_no", "户号123", "document number"),
    .birth("mother_name", .unsupported(kind: "null"), "not null"),
    .birth("birth_place", .bool(true), "not true or false"),
    .school("residence_permit_since", "2023-02-29", "real calendar date"),
    .school("residence_permit_since", "2027-01-01", "future"),
    .school("records_consent", "yes", "true or false"),
    .school("school_year", "2019", "at least 2020"),
    .school("stage", "university", "kindergarten, primary, junior"),
    .school("property_certificate_no", "闽(2021)厦门市不动产权第12345号", "document number"),
    .school("residence_permit_no", "居住证1234", "document number"),
    .school("guardian_id_number", "35020319881002005x", "check character"),
]

/// A synthetic mother's number (born 1995-03-12, even sequence) whose check character is X.
private func motherIDEndingInX() -> String? {
    for n in stride(from: 2, to: 1000, by: 2) {
        let sequence = String(String(1000 + n).dropFirst())
        let id = F.id(birth: "19950312", sequence: sequence)
        if id.hasSuffix("X") { return id }
    }
    return nil
}

extension FormValidatorTests {
    @Suite struct Values {
        @Test(arguments: invalidValues)
        func invalidValueNamesItsField(_ bad: InvalidValue) throws {
            var inputs = try example(bad.bundle)
            inputs[bad.field] = bad.input
            let problem = onlyProblem(try validate(inputs, bundle: bad.bundle))
            #expect(problem?.field == bad.field)
            #expect(problem?.message.contains(bad.mentions) == true, "\(problem?.message ?? "")")
            if case .text(let text) = bad.input, text.count > 2 {
                #expect(problem?.message.contains(text) == false)
            }
        }

        @Test func noProblemMessageRepeatsTheInput() throws {
            let bad: [String: String] = [
                "newborn_name": "陈小测9", "mother_id_number": "350102199503120021",
                "father_id_number": "35010219930708003",
                "mother_phone": "1391234567", "bank_card_no": "6222020000000008",
                "marriage_certificate_no": "Z350102-2020-00012",
                "birth_place": "产院", "birth_time": "2026-11-31T08:30", "birth_weight_g": "6543",
                "birth_length_cm": "66.6",
                "birth_certificate_no": "Q35000000", "head_relation": "landlord",
                "delivery_address": "福建\u{202E}鼓楼区示例路1号",
            ]
            var inputs = try example()
            for (field, value) in bad { inputs[field] = .text(value) }
            let outcome = try validate(inputs)
            #expect(problemFields(outcome) == Set(bad.keys))
            for problem in outcome.problems {
                for value in bad.values {
                    #expect(!problem.message.contains(value), "\(problem.field ?? "") repeats an input value")
                }
                #expect(!problem.description.contains("6222020000000008"))
            }
        }

        @Test func valuesAreNormalised() throws {
            let motherID = try #require(motherIDEndingInX())
            var inputs = try example()
            inputs["mother_phone"] = .text("１３８００００００01")
            inputs["mother_id_number"] = .text(motherID.lowercased())
            inputs["delivery_phone"] = .text("+86 138-0000-0003")
            inputs["marriage_certificate_no"] = .text("j350102-2020-000123")
            inputs["newborn_name"] = .text("  陈小测　")
            inputs["birth_length_cm"] = .text("50.50")
            inputs["birth_weight_g"] = .number(3250)
            inputs["birth_time"] = .text("2026-11-13 08:30")
            inputs["bank_card_no"] = .text("6222 0200 0000 0007")
            inputs["birth_certificate_no"] = .text("q350000001")
            let fields = try #require(try validate(inputs).application?.fields)
            #expect(fields["mother_phone"] == "13800000001")
            #expect(fields["mother_id_number"] == motherID)
            #expect(fields["mother_id_number"]?.hasSuffix("X") == true)
            #expect(fields["delivery_phone"] == "13800000003")
            #expect(fields["marriage_certificate_no"] == "J350102-2020-000123")
            #expect(fields["newborn_name"] == "陈小测")
            #expect(fields["birth_length_cm"] == "50.5")
            #expect(fields["birth_weight_g"] == "3250")
            #expect(fields["birth_time"] == "2026-11-13T08:30")
            #expect(fields["bank_card_no"] == "6222020000000007")
            #expect(fields["birth_certificate_no"] == "Q350000001")
        }

        @Test func schoolValuesAreNormalised() throws {
            var inputs = try example("school-enrolment")
            inputs["property_certificate_no"] = .text("闽（2021）厦门市不动产权第００１２３４５号")
            inputs["records_consent"] = .bool(true)
            inputs["school_year"] = .number(2027)
            inputs["residence_permit_no"] = .text("jz20240001")
            let fields = try #require(try validate(inputs, bundle: "school-enrolment").application?.fields)
            #expect(fields["property_certificate_no"] == "闽(2021)厦门市不动产权第0012345号")
            #expect(fields["records_consent"] == "true")
            #expect(fields["school_year"] == "2027")
            #expect(fields["residence_permit_no"] == "JZ20240001")
        }
    }
}

extension FormValidatorTests {
    @Suite struct CrossFieldRules {
        @Test func motherTooYoung() throws {
            var inputs = try example()
            // Born ten years before the child.
            inputs["mother_id_number"] = .text(F.id(birth: "20161113", sequence: "002"))
            let problem = onlyProblem(try validate(inputs))
            #expect(problem?.field == "birth_time")
            #expect(
                problem?.message
                    == "By the birth date inside mother_id_number, the parent would be younger than 14 at the birth; check both values."
            )
        }

        @Test func motherTooOld() throws {
            var inputs = try example(items: ["maternity-insurance"])
            inputs["mother_id_number"] = .text(F.id(birth: "19600101", sequence: "002"))
            let problem = onlyProblem(try validate(inputs, items: ["maternity-insurance"]))
            #expect(problem?.field == "birth_time")
            #expect(problem?.message.contains("older than 60") == true)
        }

        @Test(arguments: [("20121113", true), ("20121114", false), ("19651114", true), ("19651113", false)])
        func motherAgeBoundaries(born: String, accepted: Bool) throws {
            var inputs = try example()
            inputs["mother_id_number"] = .text(F.id(birth: born, sequence: "002"))
            #expect(try validate(inputs).problems.isEmpty == accepted)
            #expect(birthDay == "20261113")
        }

        @Test func theRuleWaitsForBothFields() throws {
            // Vaccination certificate asks the birth time but not the mother's ID: no age check.
            let items = ["vaccination-certificate"]
            #expect(try validate(try example(items: items), items: items).problems == [])
        }

        @Test func identicalParentIDs() throws {
            var inputs = try example()
            inputs["father_id_number"] = inputs["mother_id_number"]
            let outcome = try validate(inputs)
            // Equal to the mother's, and so a woman's: both rules name the father's field.
            #expect(outcome.problems.map(\.field) == ["father_id_number", "father_id_number"])
            #expect(outcome.problems.contains { $0.message == "Must differ from mother_id_number." })
        }

        @Test func identicalChildAndGuardianIDs() throws {
            var inputs = try example("school-enrolment")
            inputs["guardian_id_number"] = inputs["child_id_number"]
            let problem = onlyProblem(try validate(inputs, bundle: "school-enrolment"))
            #expect(problem?.field == "guardian_id_number")
            #expect(problem?.message == "Must differ from child_id_number.")
        }

        @Test func sexMismatch() throws {
            var inputs = try example("school-enrolment")
            inputs["child_sex"] = .text("female")
            let problem = onlyProblem(try validate(inputs, bundle: "school-enrolment"))
            #expect(problem?.field == "child_sex")
            #expect(problem?.message == "Does not match the sex encoded in child_id_number; check both values.")
        }

        @Test func sexMatchesAGirl() throws {
            var inputs = try example("school-enrolment")
            inputs["child_sex"] = .text("female")
            inputs["child_id_number"] = .text(F.id(address: "350203", birth: "20200516", sequence: "002"))
            #expect(try validate(inputs, bundle: "school-enrolment").problems == [])
        }

        @Test func schoolAgeTooYoung() throws {
            var inputs = try example("school-enrolment")
            inputs["child_id_number"] = .text(F.id(address: "350203", birth: "20220301", sequence: "001"))
            let problem = onlyProblem(try validate(inputs, bundle: "school-enrolment"))
            #expect(problem?.field == "stage")
            #expect(
                problem?.message
                    == "On the cut-off date 2027-08-31 the child is 5 years old; this stage takes children aged 6 to 8."
            )
        }

        @Test func schoolAgeTooOld() throws {
            var inputs = try example("school-enrolment")
            inputs["stage"] = .text("kindergarten")
            let problem = onlyProblem(try validate(inputs, bundle: "school-enrolment"))
            #expect(problem?.field == "stage")
            #expect(problem?.message.contains("is 7 years old; this stage takes children aged 3 to 5") == true)
        }

        @Test(arguments: [
            ("primary", "20210831", 2027, true), ("primary", "20210901", 2027, false),
            ("primary", "20180901", 2027, true), ("primary", "20180831", 2027, false),
            ("kindergarten", "20240831", 2027, true), ("kindergarten", "20240901", 2027, false),
            ("junior", "20160831", 2027, true), ("junior", "20160901", 2027, false),
            ("junior", "20120901", 2027, true), ("junior", "20120831", 2027, false),
            ("primary", "20200516", 2029, false), ("primary", "20200516", 2026, true),
        ])
        func schoolAgeAtTheCutoff(stage: String, born: String, year: Int, accepted: Bool) throws {
            var inputs = try example("school-enrolment")
            inputs["stage"] = .text(stage)
            inputs["school_year"] = .text(String(year))
            inputs["child_id_number"] = .text(F.id(address: "350203", birth: born, sequence: "001"))
            let outcome = try validate(inputs, bundle: "school-enrolment")
            #expect(outcome.problems.isEmpty == accepted, "\(outcome.problems)")
            if !accepted {
                #expect(problemFields(outcome) == ["stage"])
            }
        }

        @Test func theRegionsCutoffIsUsed() throws {
            var catalog = try F.catalog()
            let index = try #require(catalog.regions.firstIndex { $0.code == F.fuzhou })
            catalog.regions[index].schoolCutoff = "09-30"
            var inputs = try example("school-enrolment")
            inputs["child_id_number"] = .text(F.id(address: "350203", birth: "20210915", sequence: "001"))
            #expect(try validate(inputs, bundle: "school-enrolment", catalog: catalog).problems == [])
            #expect(try validate(inputs, bundle: "school-enrolment").problems.map(\.field) == ["stage"])
        }
    }
}

/// The checks the real forms make: a mother's ID number is a woman's (the 17th digit even)
/// and a father's a man's (odd), each rule on its own and at both sides.
@Suite("Parents' ID numbers carry the parent's sex")
struct ParentSexTests {
    static func id(_ sex: Sex, serial: Int) -> String {
        // Born 1994-03-12 in Gulou district; the sequence's parity gives the sex.
        let first17 = "35010219940312" + String(900 + serial * 2 + (sex == .male ? 1 : 0))
        return first17 + String(ResidentIDNumber.checkCharacter(for: first17) ?? "0")
    }

    @Test(arguments: [
        (Sex.female, Sex.male, [String]()),
        (Sex.male, Sex.male, ["mother_id_number"]),
        (Sex.female, Sex.female, ["father_id_number"]),
        (Sex.male, Sex.female, ["father_id_number", "mother_id_number"]),  // parents swapped
    ])
    func parentsSexes(mother: Sex, father: Sex, refused: [String]) throws {
        var inputs = try example()
        inputs["mother_id_number"] = .text(Self.id(mother, serial: 1))
        inputs["father_id_number"] = .text(Self.id(father, serial: 2))
        let outcome = try validate(inputs)
        #expect(outcome.problems.compactMap(\.field).sorted() == refused, "\(outcome.problems)")
        #expect(!outcome.problems.contains { $0.message.contains(Self.id(mother, serial: 1)) }, "never the value")
    }

    @Test("the catalogue checker refuses idNumberOfSex without its sex")
    func checkerNeedsTheSex() throws {
        var files = CatalogLoader.embeddedFiles
        let index = try #require(files.firstIndex { $0.path.hasSuffix("birth.json") })
        files[index].text = files[index].text.replacingOccurrences(
            of: #"{ "kind": "idNumberOfSex", "fields": { "id": "mother_id_number" }, "sex": "female" }"#,
            with: #"{ "kind": "idNumberOfSex", "fields": { "id": "mother_id_number" } }"#)
        #expect(throws: ModelError.self) { try CatalogLoader.load(files: files, today: CivilDate.latestChecked) }
    }
}
