import OneThingTerminal
import OneThingModel
import OneThingWire

/// `catalog show BUNDLE --json`: items and fields, each field with id, type, required and
/// a valid example; the system fields, duplicate key and prefill sources as declared.
struct CatalogShowJSON: Encodable {
    struct Item: Encodable {
        var code: String
        var names: LocalizedText
        var department: String
        var promisedDays: Int
        var dependsOn: [String]
        var materials: [LocalizedText]
        var situations: [Situation]
        var fields: [String]
        var needs: [String]
        var issues: [IssuedDocument]
        var offered: Bool
    }

    struct Field: Encodable {
        var id: String
        var label: LocalizedText
        var group: String
        var type: FieldType
        var required: Bool
        var requiredWhen: Condition?
        var shownWhen: Condition?
        var constraints: Constraints?
        var options: [ChoiceOption]?
        var example: String
        var hint: LocalizedText?
        var items: [String]
    }

    var catalogVersion: String
    var region: String
    var code: String
    var names: LocalizedText
    var leadDepartment: String
    var cooperatingDepartments: [String]
    var groups: [FieldGroup]
    var items: [Item]
    var fields: [Field]
    var rules: [CrossFieldRule]
    var systemFields: [SystemField]
    var duplicateKey: DuplicateKeyDefinition?
    var prefill: [PrefillMapping]

    init(bundle: BundleDefinition, offered: [String], region: String, version: String, today: CivilDate) {
        catalogVersion = version
        self.region = region
        code = bundle.code
        names = bundle.names
        leadDepartment = bundle.leadDepartment
        cooperatingDepartments = bundle.cooperatingDepartments
        groups = bundle.groups
        items = bundle.items.map {
            Item(code: $0.code, names: $0.names, department: $0.department, promisedDays: $0.promisedDays,
                 dependsOn: $0.dependsOn, materials: $0.materials, situations: $0.situations, fields: $0.fields,
                 needs: $0.needs, issues: $0.issues, offered: offered.contains($0.code))
        }
        fields = bundle.fields.map { field in
            Field(id: field.id, label: field.label, group: field.group, type: field.type, required: field.required,
                  requiredWhen: field.requiredWhen, shownWhen: field.shownWhen, constraints: field.constraints,
                  options: field.options, example: CatalogExamples.value(for: field, today: today), hint: field.hint,
                  items: bundle.items.filter { $0.fields.contains(field.id) }.map(\.code))
        }
        rules = bundle.rules
        systemFields = bundle.systemFields
        duplicateKey = bundle.duplicateKey
        prefill = bundle.prefill
    }
}

/// `catalog show BUNDLE` for a person.
enum CatalogShowText {
    static func print(_ bundle: BundleDefinition, catalog: Catalog, offered: [String], region: Region, today: CivilDate) {
        let lead = catalog.department(bundle.leadDepartment)?.names.zh ?? bundle.leadDepartment
        Output.line("\(bundle.names.zh) / \(bundle.names.en) (\(bundle.code)), catalogue \(catalog.version)")
        Output.line("Lead department: \(lead); cooperating: \(bundle.cooperatingDepartments.map { catalog.department($0)?.names.zh ?? $0 }.joined(separator: "、"))")
        Output.line("Region \(region.code) \(region.names.zh) offers \(offered.count) of \(bundle.items.count) items.")
        Output.line()
        Output.line(TextTable.render(
            header: ["ITEM", "名称", "DEPARTMENT", "DAYS", "NEEDS FIRST", "OFFERED"],
            rows: bundle.items.map { item in
                [item.code, item.names.zh, catalog.department(item.department)?.names.zh ?? item.department,
                 String(item.promisedDays), item.dependsOn.isEmpty ? "-" : item.dependsOn.joined(separator: ","),
                 offered.contains(item.code) ? "yes" : "no"]
            }))
        for item in bundle.items where !item.materials.isEmpty || !item.situations.isEmpty {
            Output.line()
            Output.line("\(item.code): materials: \(item.materials.map(\.zh).joined(separator: "、"))")
            for situation in item.situations {
                Output.line("  situation \(situation.id): \(situation.names.zh) / \(situation.names.en)")
            }
        }
        for group in bundle.groups {
            let fields = bundle.fields.filter { $0.group == group.id }
            if fields.isEmpty { continue }
            Output.line()
            Output.line("[\(group.label.zh) / \(group.label.en)]")
            Output.line(TextTable.render(
                header: ["FIELD", "LABEL", "TYPE", "REQUIRED", "EXAMPLE"],
                rows: fields.map { field in
                    [field.id, field.label.zh, field.type.rawValue, requirement(field),
                     CatalogExamples.value(for: field, today: today)]
                }))
        }
    }

    private static func requirement(_ field: FieldDefinition) -> String {
        if field.required { return field.shownWhen == nil ? "yes" : "when shown" }
        return field.requiredWhen == nil ? "no" : "in situation"
    }
}

/// JSON objects whose keys keep the form's order (`catalog example`).
enum OrderedJSON {
    static func object(_ pairs: [(String, String)]) -> String {
        let body = pairs.map { "  \(string($0.0)): \($0.1)" }.joined(separator: ",\n")
        return "{\n\(body)\n}"
    }

    /// A field value as JSON: numbers for integer and decimal fields, true/false for boolean.
    static func value(_ text: String, type: FieldType) -> String {
        switch type {
        case .integer, .decimal: Double(text) != nil ? text : string(text)
        case .boolean: text == "true" || text == "false" ? text : string(text)
        default: string(text)
        }
    }

    /// A JSON string, escaped by the same writer as frozen payloads.
    static func string(_ s: String) -> String {
        JSONCodec.text(s)
    }
}
