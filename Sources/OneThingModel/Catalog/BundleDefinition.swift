/// An integrated service bundle (一件事): one application, several items, several
/// departments.
package struct BundleDefinition: Codable, Sendable, Hashable {
    package var code: String
    package var names: LocalizedText
    package var leadDepartment: String
    package var cooperatingDepartments: [String]
    /// The persons or topics the form is grouped by, in screen order.
    package var groups: [FieldGroup]
    /// Every field of the form, each defined once, in screen order.
    package var fields: [FieldDefinition]
    package var items: [ItemDefinition]
    package var rules: [CrossFieldRule]
    /// Fields not on the form, set by the node at filing or by the hub from issued documents.
    package var systemFields: [SystemField]
    /// Which fields make two applications the same case (nil: no duplicate check).
    package var duplicateKey: DuplicateKeyDefinition?
    /// Records the form can be filled from (the hospital's delivery list).
    package var prefill: [PrefillMapping]

    package init(
        code: String, names: LocalizedText, leadDepartment: String, cooperatingDepartments: [String],
        groups: [FieldGroup], fields: [FieldDefinition], items: [ItemDefinition], rules: [CrossFieldRule] = [],
        systemFields: [SystemField] = [], duplicateKey: DuplicateKeyDefinition? = nil, prefill: [PrefillMapping] = []
    ) {
        self.code = code
        self.names = names
        self.leadDepartment = leadDepartment
        self.cooperatingDepartments = cooperatingDepartments
        self.groups = groups
        self.fields = fields
        self.items = items
        self.rules = rules
        self.systemFields = systemFields
        self.duplicateKey = duplicateKey
        self.prefill = prefill
    }

    enum CodingKeys: String, CodingKey {
        case code, names, leadDepartment, cooperatingDepartments, groups, fields, items, rules, systemFields, duplicateKey,
            prefill
    }

    /// The declarations added after the first catalogues (system fields, duplicate key,
    /// prefill) are optional, so that a catalogue written before them still loads.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        names = try c.decode(LocalizedText.self, forKey: .names)
        leadDepartment = try c.decode(String.self, forKey: .leadDepartment)
        cooperatingDepartments = try c.decode([String].self, forKey: .cooperatingDepartments)
        groups = try c.decode([FieldGroup].self, forKey: .groups)
        fields = try c.decode([FieldDefinition].self, forKey: .fields)
        items = try c.decode([ItemDefinition].self, forKey: .items)
        rules = try c.decode([CrossFieldRule].self, forKey: .rules)
        systemFields = try c.decodeIfPresent([SystemField].self, forKey: .systemFields) ?? []
        duplicateKey = try c.decodeIfPresent(DuplicateKeyDefinition.self, forKey: .duplicateKey)
        prefill = try c.decodeIfPresent([PrefillMapping].self, forKey: .prefill) ?? []
    }

    package func item(_ code: String) -> ItemDefinition? {
        items.first { $0.code == code }
    }

    package func field(_ id: String) -> FieldDefinition? {
        fields.first { $0.id == id }
    }
}

package struct FieldGroup: Codable, Sendable, Hashable {
    package var id: String
    package var label: LocalizedText

    package init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}
