import Foundation
import Testing

@testable import OneThingModel

private typealias F = CatalogFixture

/// The codes of the model's problems and errors: stable names, one per rule, carried by
/// every problem the validators report, with the messages unchanged.
@Suite struct ProblemCodeTests {
    /// Raw values are what message tables and scripts key on: they never change.
    static let stable: [(ProblemCode, String)] = [
        (.unclassified, "unclassified"),
        (.controlCharacter, "value.control_character"),
        (.idNumberCheckCharacter, "value.id_number_check_character"),
        (.idNumberBirthTooEarly, "value.id_number_birth_too_early"),
        (.bankCardCheckDigit, "value.bank_card_check_digit"),
        (.mobilePrefix, "value.mobile_prefix"),
        (.nameLength, "value.name_length"),
        (.wrongKind, "value.wrong_kind"),
        (.notAnOption, "value.not_an_option"),
        (.belowMinimum, "value.below_minimum"),
        (.dateTooOld, "value.date_too_old"),
        (.noSuchBundle, "form.no_such_bundle"),
        (.required, "form.required"),
        (.itemNeedsOthers, "form.item_needs_others"),
        (.systemField, "form.system_field"),
        (.parentAgeAtBirth, "rule.parent_age_at_birth"),
        (.idNumberOfSex, "rule.id_number_of_sex"),
    ]

    @Test func rawValuesAreStable() {
        for (code, raw) in Self.stable { #expect(code.rawValue == raw) }
    }

    @Test func everyCodeIsUniqueAndNamedByItsArea() {
        let codes = ProblemCode.model.map(\.rawValue)
        #expect(Set(codes).count == codes.count, "\(codes)")
        for code in codes where code != "unclassified" {
            #expect(
                ["value.", "form.", "rule."].contains { code.hasPrefix($0) }
                    && code.allSatisfy { $0.isLowercase || $0 == "_" || $0 == "." }, "\(code)")
        }
        for (code, _) in Self.stable { #expect(ProblemCode.model.contains(code)) }
    }

    @Test func everyRuleKindHasItsCode() {
        let codes = CrossFieldRule.Kind.allCases.map(ProblemCode.rule)
        #expect(Set(codes).count == CrossFieldRule.Kind.allCases.count)
        #expect(codes.allSatisfy { ProblemCode.model.contains($0) && $0.rawValue.hasPrefix("rule.") })
    }

    @Test func jsonCarriesTheCodeFieldAndMessageOnly() throws {
        let problem = FieldProblem(.required, field: "mother_phone", message: "Required.", arguments: ["items": "a"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(problem), as: UTF8.self)
        #expect(json == #"{"code":"form.required","field":"mother_phone","message":"Required."}"#)
        let formLevel = String(decoding: try encoder.encode(FieldProblem(.noItems, field: nil, message: "None.")), as: UTF8.self)
        #expect(formLevel == #"{"code":"form.no_items","message":"None."}"#)
    }
}

extension ProblemCodeTests {
    /// Every value problem: its code, and its message as before.
    @Test(arguments: [
        ("11010519491231002", ProblemCode.idNumberLength,
         "An identity number has exactly 18 characters: 17 digits followed by a digit or the letter X."),
        ("110105194912310020", .idNumberCheckCharacter,
         "The check character does not match the first 17 digits; re-read the number from the identity card."),
        ("110105179912310021", .idNumberBirthTooEarly,
         "The birth date in the identity number (digits 7 to 14) is before the year 1800; check these digits."),
    ])
    func idNumberProblems(_ input: String, _ code: ProblemCode, _ message: String) {
        guard case .failure(let problem) = ResidentIDNumber.parse(input, today: F.today) else {
            Issue.record("\(input) was accepted")
            return
        }
        #expect(problem.code == code)
        #expect(problem.message == message)
    }

    @Test func theYearOfTheEarliestBirthIsAnArgument() {
        guard case .failure(let problem) = ResidentIDNumber.parse("110105179912310021", today: F.today) else { return }
        #expect(problem.arguments == ["year": "1800"])
    }

    @Test func aNameOfTheWrongLengthNamesTheBounds() {
        guard case .failure(let problem) = PersonName.normalise("王", minLength: 2, maxLength: 30) else {
            Issue.record("accepted")
            return
        }
        #expect(problem.code == .nameLength)
        #expect(problem.arguments == ["min": "2", "max": "30"])
        #expect(problem.message == "A name must be between 2 and 30 characters long.")
    }

    @Test func formProblemsCarryTheirCodeAndArguments() throws {
        let catalog = try F.catalog()
        let inputs = try F.exampleInputs(catalog, bundle: "birth")
        let unknown = try F.validate(catalog, region: F.fuzhou, bundle: "death", items: nil, inputs: inputs).problems
        #expect(unknown.map(\.code) == [.noSuchBundle])
        #expect(unknown.first?.arguments == ["bundle": "death", "bundles": "birth, school-enrolment"])
        #expect(unknown.first?.message == "There is no bundle \"death\"; the bundles are: birth, school-enrolment.")

        var missing = try F.exampleInputs(catalog, bundle: "birth", items: ["maternity-insurance"])
        missing["bank_card_no"] = nil
        let required = try F.validate(catalog, region: F.fuzhou, bundle: "birth", items: ["maternity-insurance"], inputs: missing)
        #expect(required.problems.map(\.code) == [.required])
        #expect(required.problems.first?.arguments == ["items": "maternity-insurance"])
        #expect(required.problems.first?.description == "bank_card_no: Required for maternity-insurance, and missing.")
    }

    /// Every field of every bundle given a run of bad values: each problem has a code of the
    /// model (none unclassified), and a value's problem keeps its value problem's code.
    @Test func everyProblemTheValidatorFindsHasAModelCode() throws {
        let catalog = try F.catalog()
        let bad: [FieldInput] = [
            .text(""), .text("x"), .text("\u{1B}[2J"), .text("\u{202E}x"), .text("99999999999999999999"),
            .number(-1), .number(1e300), .bool(false), .bool(true), .unsupported(kind: "null"), .text("2999-01-01T00:00"),
        ]
        var seen = Set<ProblemCode>()
        for bundle in catalog.bundles {
            let inputs = try F.exampleInputs(catalog, bundle: bundle.code)
            for field in bundle.fields {
                for value in bad {
                    var damaged = inputs
                    damaged[field.id] = value
                    let found = try F.validate(catalog, region: F.fuzhou, bundle: bundle.code, items: nil, inputs: damaged)
                    for problem in found.problems {
                        #expect(problem.code != .unclassified, "\(field.id): \(problem)")
                        #expect(ProblemCode.model.contains(problem.code), "\(field.id): \(problem.code)")
                        seen.insert(problem.code)
                    }
                }
            }
        }
        #expect(seen.count >= 15, "\(seen.map(\.rawValue).sorted())")
    }
}

/// `ModelError`: its codes, and its lines as before.
@Suite struct ModelErrorTests {
    @Test func codesAreStableAndUnique() {
        let expected = [
            (ModelError.Code.invalidCatalog, "model.invalid_catalog"),
            (.catalogUnreadable, "model.catalog_unreadable"),
            (.invalidApplication, "model.invalid_application"),
        ]
        #expect(expected.map(\.0) == ModelError.Code.all)
        for (code, raw) in expected { #expect(code.rawValue == raw) }
        #expect(Set(ModelError.Code.all.map(\.rawValue)).count == ModelError.Code.all.count)
    }

    @Test func messagesAreUnchanged() {
        let unreadable = ModelError.catalogUnreadable(path: "/etc/onething/catalog", reason: "it is not a directory")
        #expect(unreadable.code == .catalogUnreadable)
        #expect(
            unreadable.lines == [
                "The catalogue at /etc/onething/catalog cannot be used: it is not a directory. Check the path, or leave out --catalog to use the built-in catalogue."
            ])
        #expect(unreadable.description == unreadable.lines[0])
        let invalid = ModelError.invalidCatalog([
            CatalogProblem(file: "catalog.json", path: "version", message: "The catalogue version is empty."),
            CatalogProblem(file: "bundles/birth.json", path: "", message: "The file is not valid JSON."),
        ])
        #expect(invalid.lines == ["catalog.json: version: The catalogue version is empty.", "bundles/birth.json: The file is not valid JSON."])
        #expect(invalid.message == invalid.lines.joined(separator: "\n"))
        let refused = ModelError.invalidApplication([FieldProblem(.required, field: "mother_name", message: "Missing.")])
        #expect(refused.lines == ["mother_name: Missing."])
    }
}
