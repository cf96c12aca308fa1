/// An integrated service bundle (一件事): one application, several items, several
/// departments.
public struct BundleDefinition: Codable, Sendable, Hashable {
    public var code: String
    public var names: LocalizedText
    public var leadDepartment: String
    public var cooperatingDepartments: [String]
    /// The persons or topics the form is grouped by, in screen order.
    public var groups: [FieldGroup]
    /// Every field of the form, each defined once, in screen order.
    public var fields: [FieldDefinition]
    public var items: [ItemDefinition]
    public var rules: [CrossFieldRule]

    public init(
        code: String, names: LocalizedText, leadDepartment: String, cooperatingDepartments: [String],
        groups: [FieldGroup], fields: [FieldDefinition], items: [ItemDefinition], rules: [CrossFieldRule] = []
    ) {
        self.code = code
        self.names = names
        self.leadDepartment = leadDepartment
        self.cooperatingDepartments = cooperatingDepartments
        self.groups = groups
        self.fields = fields
        self.items = items
        self.rules = rules
    }

    public func item(_ code: String) -> ItemDefinition? {
        items.first { $0.code == code }
    }

    public func field(_ id: String) -> FieldDefinition? {
        fields.first { $0.id == id }
    }
}

public struct FieldGroup: Codable, Sendable, Hashable {
    public var id: String
    public var label: LocalizedText

    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}
