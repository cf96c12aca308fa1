/// The bundle's cross-field rules, run on normalised values. A rule whose fields are
/// missing or already invalid is skipped: those fields have their own problem.
struct CrossFieldChecks {
    let bundle: BundleDefinition
    let region: Region
    let values: [String: String]
    let invalid: Set<String>

    func run() -> [FieldProblem] {
        bundle.rules.compactMap(check)
    }

    private func value(_ rule: CrossFieldRule, _ role: String) -> (id: String, value: String)? {
        guard let id = rule.fields[role], !invalid.contains(id), let value = values[id] else { return nil }
        return (id, value)
    }

    /// The rule's own message when the catalogue gives one, else `fallback`; coded by the
    /// rule's kind either way.
    private func problem(
        _ rule: CrossFieldRule, field: String, _ fallback: String, arguments: [String: String] = [:]
    ) -> FieldProblem {
        FieldProblem(.rule(rule.kind), field: field, message: rule.message?.en ?? fallback, arguments: arguments)
    }

    private func check(_ rule: CrossFieldRule) -> FieldProblem? {
        switch rule.kind {
        case .parentAgeAtBirth: parentAge(rule)
        case .schoolAgeAtCutoff: schoolAge(rule)
        case .sexMatchesIdNumber: sexMatches(rule)
        case .distinct: distinct(rule)
        case .idNumberOfSex: idNumberOfSex(rule)
        }
    }

    private func birthDate(ofID text: String) -> CivilDate? {
        guard text.count == 18 else { return nil }
        return CivilDate.parseCompact(String(text.dropFirst(6).prefix(8)))
    }

    private func parentAge(_ rule: CrossFieldRule) -> FieldProblem? {
        guard let parent = value(rule, "parentId"), let birth = value(rule, "birth"),
            let parentBorn = birthDate(ofID: parent.value),
            let childBorn = CivilDateTime.parse(birth.value)?.date ?? CivilDate.parse(birth.value),
            let min = rule.min, let max = rule.max
        else { return nil }
        let age = parentBorn.age(on: childBorn)
        guard age < min || age > max else { return nil }
        return problem(
            rule, field: birth.id,
            "By the birth date inside \(parent.id), the parent would be \(age < min ? "younger than \(min)" : "older than \(max)") at the birth; check both values.",
            arguments: age < min ? ["parent_field": parent.id, "min": String(min)] : ["parent_field": parent.id, "max": String(max)])
    }

    private func schoolAge(_ rule: CrossFieldRule) -> FieldProblem? {
        guard let child = value(rule, "childId"), let stage = value(rule, "stage"),
            let year = value(rule, "schoolYear"), let schoolYear = Int(year.value),
            let born = birthDate(ofID: child.value),
            let range = rule.stages?[stage.value], range.count == 2
        else { return nil }
        let cutoff = MonthDay(region.schoolCutoff ?? "08-31")?.date(in: schoolYear)
        guard let cutoff else { return nil }
        let age = born.age(on: cutoff)
        guard age < range[0] || age > range[1] else { return nil }
        return problem(
            rule, field: stage.id,
            "On the cut-off date \(cutoff) the child is \(age) years old; this stage takes children aged \(range[0]) to \(range[1]).",
            arguments: ["cutoff": cutoff.description, "age": String(age), "min": String(range[0]), "max": String(range[1])])
    }

    private func sexMatches(_ rule: CrossFieldRule) -> FieldProblem? {
        guard let id = value(rule, "id"), let sex = value(rule, "sex"), id.value.count == 18,
            let sequence = Int(String(id.value.dropFirst(14).prefix(3)))
        else { return nil }
        let fromID = sequence % 2 == 1 ? Sex.male.rawValue : Sex.female.rawValue
        guard sex.value != fromID else { return nil }
        return problem(
            rule, field: sex.id, "Does not match the sex encoded in \(id.id); check both values.", arguments: ["id_field": id.id])
    }

    private func idNumberOfSex(_ rule: CrossFieldRule) -> FieldProblem? {
        guard let id = value(rule, "id"), let expected = rule.sex, id.value.count == 18,
            let sequence = Int(String(id.value.dropFirst(14).prefix(3)))
        else { return nil }
        let fromID: Sex = sequence % 2 == 1 ? .male : .female
        guard fromID != expected else { return nil }
        return problem(
            rule, field: id.id,
            expected == .female
                ? "The 17th digit says this ID number is a man's; it must be a woman's (odd digits are men's, even women's)."
                : "The 17th digit says this ID number is a woman's; it must be a man's (odd digits are men's, even women's).",
            arguments: ["sex": expected.rawValue])
    }

    private func distinct(_ rule: CrossFieldRule) -> FieldProblem? {
        guard let a = value(rule, "a"), let b = value(rule, "b"), a.value == b.value else { return nil }
        return problem(rule, field: b.id, "Must differ from \(a.id).", arguments: ["other_field": a.id])
    }
}
