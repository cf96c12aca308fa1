/// Checks one bundle definition against itself and the catalogue head. Look-ups go through
/// sets and dictionaries made once, and conditions are walked in a loop, so the time is
/// about linear in the bundle's size and the stack does not grow with it.
struct BundleChecker {
    let bundle: BundleDefinition
    let catalog: Catalog
    let today: CivilDate
    let add: (String, String) -> Void
    let itemCodes: Set<String>
    let fieldsByID: [String: FieldDefinition]
    let systemFieldsByID: [String: SystemField]
    private let groupIDs: Set<String>
    private let situationIDs: Set<String>
    private let departmentCodes: Set<String>

    init(bundle: BundleDefinition, catalog: Catalog, today: CivilDate, add: @escaping (String, String) -> Void) {
        self.bundle = bundle
        self.catalog = catalog
        self.today = today
        self.add = add
        itemCodes = Set(bundle.items.map(\.code))
        fieldsByID = Dictionary(bundle.fields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        systemFieldsByID = Dictionary(bundle.systemFields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        groupIDs = Set(bundle.groups.map(\.id))
        situationIDs = Set(bundle.items.flatMap(\.situations).map(\.id))
        departmentCodes = Set(catalog.departments.map(\.code))
    }

    func check() {
        if bundle.items.count > CatalogLimits.itemsPerBundle {
            add(
                "items",
                "The bundle has \(bundle.items.count) items; a bundle holds at most \(CatalogLimits.itemsPerBundle) (a real one has a handful). Check that this is the bundle file you meant, or split it into bundles of related items.")
        }
        if !Identifier.isCode(bundle.code) {
            add("code", "A bundle code is lower-case letters, digits and hyphens, such as \"birth\".")
        }
        checkDepartment(bundle.leadDepartment, at: "leadDepartment")
        for (i, code) in bundle.cooperatingDepartments.enumerated() {
            checkDepartment(code, at: "cooperatingDepartments[\(i)]")
        }
        for (i, id) in CatalogChecker.duplicates(bundle.groups.map(\.id)) {
            add("groups[\(i)].id", "The group \"\(id)\" is defined twice.")
        }
        for (i, id) in CatalogChecker.duplicates(bundle.fields.map(\.id)) {
            add("fields[\(i)].id", "The field \"\(id)\" is defined twice; define each field once and list it in every item that needs it.")
        }
        for (i, code) in CatalogChecker.duplicates(bundle.items.map(\.code)) {
            add("items[\(i)].code", "The item code \"\(code)\" is used twice.")
        }
        let situations = bundle.items.flatMap(\.situations)
        for (_, id) in CatalogChecker.duplicates(situations.map(\.id)) {
            add("items", "The situation \"\(id)\" is defined twice.")
        }
        for (i, field) in bundle.fields.enumerated() {
            checkField(field, at: "fields[\(i)]")
        }
        let usedFields = Set(bundle.items.flatMap(\.fields))
        for (i, field) in bundle.fields.enumerated() where !usedFields.contains(field.id) {
            add("fields[\(i)]", "No item lists the field \"\(field.id)\"; list it in the items that need it or remove it.")
        }
        for (i, item) in bundle.items.enumerated() {
            checkItem(item, at: "items[\(i)]")
        }
        if let cycle = DependencyOrder.cycle(in: bundle.items) {
            add("items", "The items depend on each other in a cycle: \(Self.describe(cycle)).")
        }
        for (i, rule) in bundle.rules.enumerated() {
            checkRule(rule, at: "rules[\(i)]")
        }
        checkDeclarations()
    }

    /// `a -> b -> a`; a very long cycle by its first and last codes and how many are left out.
    static func describe(_ cycle: [String]) -> String {
        let shown = CatalogLimits.cycleCodesShown
        guard cycle.count > shown + 1 else { return cycle.joined(separator: " -> ") }
        let head = cycle.prefix(shown / 2).joined(separator: " -> ")
        let tail = cycle.suffix(shown / 2).joined(separator: " -> ")
        return "\(head) -> ... (\(cycle.count - shown) more items) ... -> \(tail)"
    }

    private func checkDepartment(_ code: String, at path: String) {
        if !departmentCodes.contains(code) {
            add(path, "There is no department \"\(code)\" in catalog.json.")
        }
    }

    private func checkField(_ field: FieldDefinition, at path: String) {
        if !Identifier.isFieldID(field.id) {
            add("\(path).id", "A field id is lower-case letters, digits and underscores, starting with a letter.")
        }
        if !groupIDs.contains(field.group) {
            add("\(path).group", "There is no group \"\(field.group)\" in this bundle's groups.")
        }
        if field.required && field.requiredWhen != nil {
            add("\(path).requiredWhen", "The field is always required, so requiredWhen has no effect; remove one of them.")
        }
        if let condition = field.requiredWhen { checkCondition(condition, at: "\(path).requiredWhen") }
        if let condition = field.shownWhen { checkCondition(condition, at: "\(path).shownWhen") }
        switch (field.type, field.options) {
        case (.choice, nil), (.choice, .some([])):
            add("\(path).options", "A choice field needs at least one option.")
        case (.choice, let options?):
            for (i, value) in CatalogChecker.duplicates(options.map(\.value)) {
                add("\(path).options[\(i)]", "The option \"\(value)\" is listed twice.")
            }
        case (_, .some):
            add("\(path).options", "Only choice fields have options.")
        default: break
        }
        if let constraints = field.constraints {
            checkConstraints(constraints, of: field, at: "\(path).constraints")
        } else if field.type == .code {
            add("\(path).constraints.pattern", "A code field needs a pattern that its values match.")
        }
        let example = CatalogExamples.value(for: field, today: today)
        if case .failure(let problem) = FieldValueValidator.validate(
            .text(example), as: field, now: CivilDateTime(date: today, hour: 12, minute: 0))
        {
            add("\(path).example", "The example is not a valid value: \(problem.message)")
        }
    }

    func checkConstraints(_ c: Constraints, of field: FieldDefinition, at path: String) {
        if let min = c.minLength, let max = c.maxLength, min > max {
            add(path, "minLength is larger than maxLength.")
        }
        if let min = c.min, let max = c.max, min > max {
            add(path, "min is larger than max.")
        }
        if (c.min != nil || c.max != nil) && ![.integer, .decimal].contains(field.type) {
            add(path, "min and max apply to integer and decimal fields only.")
        }
        if c.mustBeTrue != nil && field.type != .boolean {
            add(path, "mustBeTrue applies to boolean fields only.")
        }
        if (c.notFuture != nil || c.maxAgeDays != nil) && ![.date, .datetime].contains(field.type) {
            add(path, "notFuture and maxAgeDays apply to date and datetime fields only.")
        }
        if let pattern = c.pattern {
            if field.type != .code && field.type != .text {
                add("\(path).pattern", "A pattern applies to code and text fields only.")
            } else if (try? Regex(pattern)) == nil {
                add("\(path).pattern", "The pattern is not a valid regular expression.")
            }
        } else if field.type == .code {
            add("\(path).pattern", "A code field needs a pattern that its values match.")
        }
    }

    private func checkItem(_ item: ItemDefinition, at path: String) {
        if !Identifier.isCode(item.code) {
            add("\(path).code", "An item code is lower-case letters, digits and hyphens.")
        }
        checkDepartment(item.department, at: "\(path).department")
        if item.promisedDays < 1 {
            add("\(path).promisedDays", "The promised time limit must be at least one working day.")
        }
        for (i, dependency) in item.dependsOn.enumerated() {
            if dependency == item.code {
                add("\(path).dependsOn[\(i)]", "An item cannot depend on itself.")
            } else if !itemCodes.contains(dependency) {
                add("\(path).dependsOn[\(i)]", "There is no item \"\(dependency)\" in this bundle.")
            }
        }
        checkIssues(of: item, at: path)
        if item.fields.isEmpty {
            add("\(path).fields", "The item asks for no field; list the fields its department needs.")
        }
        for (i, id) in item.fields.enumerated() where fieldsByID[id] == nil {
            add("\(path).fields[\(i)]", "There is no field \"\(id)\" in this bundle's fields.")
        }
        for (i, id) in CatalogChecker.duplicates(item.fields) {
            add("\(path).fields[\(i)]", "The field \"\(id)\" is listed twice.")
        }
        for (i, situation) in item.situations.enumerated() {
            checkCondition(situation.when, at: "\(path).situations[\(i)].when")
        }
    }

    /// Walks a condition and the conditions inside it (`not`) in a loop, not by recursion.
    private func checkCondition(_ condition: Condition, at path: String) {
        var condition = condition
        var path = path
        while true {
            guard let shape = condition.shape else {
                add(path, "A condition has exactly one of: field with equals or in, item, situation, not.")
                return
            }
            switch shape {
            case .fieldEquals(let id, let value): checkFieldValues(id, [value], at: path)
            case .fieldIn(let id, let values): checkFieldValues(id, values, at: path)
            case .item(let code):
                if !itemCodes.contains(code) { add("\(path).item", "There is no item \"\(code)\" in this bundle.") }
            case .situation(let id):
                if !situationIDs.contains(id) {
                    add("\(path).situation", "There is no situation \"\(id)\" in this bundle.")
                }
            case .not(let inner):
                condition = inner
                path += ".not"
                continue
            }
            return
        }
    }

    private func checkFieldValues(_ id: String, _ values: [String], at path: String) {
        guard let field = fieldsByID[id] else {
            add("\(path).field", "There is no field \"\(id)\" in this bundle.")
            return
        }
        if let options = field.options {
            for value in values where !options.contains(where: { $0.value == value }) {
                add(path, "The field \"\(id)\" has no option \"\(value)\".")
            }
        }
    }

    private func checkRule(_ rule: CrossFieldRule, at path: String) {
        for role in CrossFieldRule.roles(of: rule.kind) {
            guard let id = rule.fields[role] else {
                add("\(path).fields", "The rule \(rule.kind.rawValue) needs the role \"\(role)\".")
                continue
            }
            if fieldsByID[id] == nil {
                add("\(path).fields.\(role)", "There is no field \"\(id)\" in this bundle.")
            }
        }
        switch rule.kind {
        case .parentAgeAtBirth:
            if rule.min == nil || rule.max == nil {
                add(path, "The rule parentAgeAtBirth needs min and max ages.")
            }
        case .schoolAgeAtCutoff:
            guard let stages = rule.stages, !stages.isEmpty else {
                add("\(path).stages", "The rule schoolAgeAtCutoff needs an age range per stage.")
                return
            }
            for (stage, range) in stages.sorted(by: { $0.key < $1.key }) where range.count != 2 || range[0] > range[1] {
                add("\(path).stages.\(stage)", "An age range is [min, max] with min no larger than max.")
            }
        case .idNumberOfSex:
            if rule.sex == nil {
                add("\(path).sex", "The rule idNumberOfSex needs \"sex\": \"male\" or \"female\".")
            }
        case .sexMatchesIdNumber, .distinct: break
        }
    }
}

/// The shapes of catalogue identifiers.
enum Identifier {
    static func isCode(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isFieldID(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
