/// One government service item (政务服务事项) of a bundle, handled by one department.
package struct ItemDefinition: Codable, Sendable, Hashable {
    package var code: String
    package var names: LocalizedText
    /// The department code (see `Catalog.departments`).
    package var department: String
    /// Promised time limit (承诺时限) in working days.
    package var promisedDays: Int
    /// Items that must be decided before this one can be (前后置关系).
    package var dependsOn: [String]
    /// Documents the department needs (checked by shared-data look-up where possible).
    package var materials: [LocalizedText]
    /// Handling situations (办理情形), each named by a condition on the form.
    package var situations: [Situation]
    /// The ids of the bundle fields this item needs.
    package var fields: [String]
    /// Fields another item issues that this one waits for (the newborn's resident ID
    /// number from the household registration): system fields the hub sets.
    package var needs: [String]
    /// The documents this item's approval issues, each filling a system field the hub sets.
    package var issues: [IssuedDocument]

    package init(
        code: String, names: LocalizedText, department: String, promisedDays: Int,
        dependsOn: [String] = [], materials: [LocalizedText] = [], situations: [Situation] = [],
        fields: [String], needs: [String] = [], issues: [IssuedDocument] = []
    ) {
        self.needs = needs
        self.issues = issues
        self.code = code
        self.names = names
        self.department = department
        self.promisedDays = promisedDays
        self.dependsOn = dependsOn
        self.materials = materials
        self.situations = situations
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey {
        case code, names, department, promisedDays, dependsOn, materials, situations, fields, needs, issues
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        names = try c.decode(LocalizedText.self, forKey: .names)
        department = try c.decode(String.self, forKey: .department)
        promisedDays = try c.decode(Int.self, forKey: .promisedDays)
        dependsOn = try c.decodeIfPresent([String].self, forKey: .dependsOn) ?? []
        materials = try c.decodeIfPresent([LocalizedText].self, forKey: .materials) ?? []
        situations = try c.decodeIfPresent([Situation].self, forKey: .situations) ?? []
        fields = try c.decode([String].self, forKey: .fields)
        needs = try c.decodeIfPresent([String].self, forKey: .needs) ?? []
        issues = try c.decodeIfPresent([IssuedDocument].self, forKey: .issues) ?? []
    }
}

/// A handling situation of an item (办理情形), such as the newborn registered under the
/// father's household.
package struct Situation: Codable, Sendable, Hashable {
    package var id: String
    package var names: LocalizedText
    package var when: Condition

    package init(id: String, names: LocalizedText, when: Condition) {
        self.id = id
        self.names = names
        self.when = when
    }
}
