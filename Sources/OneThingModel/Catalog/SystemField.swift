/// A field of an application that is not on the form: the system sets it, nobody types it
/// or amends it. The node sets a provisional identity when it files (Xiamen's 虚拟身份 for
/// a newborn, so that the departments can work before the household registration exists);
/// the hub sets a field from a document an item's approval issues (the newborn's resident
/// ID number from the household registration).
///
/// ```json
/// { "id": "newborn_provisional_id", "label": {...}, "setBy": "node", "provisional": { "prefix": "LS-" } }
/// { "id": "newborn_id_number", "label": {...}, "setBy": "hub", "type": "idNumber",
///   "replaces": "newborn_provisional_id",
///   "agreesWith": { "birthDate": "birth_time", "sex": "newborn_sex", "inRegion": true } }
/// ```
package struct SystemField: Codable, Sendable, Hashable {
    package enum Setter: String, Codable, Sendable, CaseIterable {
        /// The node, when it files the application.
        case node
        /// The hub, from a document an item's approval issues (see `ItemDefinition.issues`).
        case hub
    }

    package var id: String
    package var label: LocalizedText
    package var setBy: Setter
    /// What an issued value must be (hub fields): its type and constraints, as a form field's.
    package var type: FieldType?
    package var constraints: Constraints?
    /// The provisional identity the node gives (node fields).
    package var provisional: ProvisionalIdentity?
    /// The node field this issued field takes the place of (the provisional identity).
    package var replaces: String?
    /// What an issued resident ID number must agree with (hub fields of type `idNumber`).
    package var agreesWith: IssuedIdentity?

    package init(
        id: String, label: LocalizedText, setBy: Setter, type: FieldType? = nil, constraints: Constraints? = nil,
        provisional: ProvisionalIdentity? = nil, replaces: String? = nil, agreesWith: IssuedIdentity? = nil
    ) {
        self.id = id
        self.label = label
        self.setBy = setBy
        self.type = type
        self.constraints = constraints
        self.provisional = provisional
        self.replaces = replaces
        self.agreesWith = agreesWith
    }

    /// The field as a form field of its type, for checking an issued value with the form's
    /// own checks (nil when it declares no type).
    package var asFormField: FieldDefinition? {
        type.map { type in
            FieldDefinition(id: id, label: label, group: "", type: type, constraints: constraints, example: "")
        }
    }
}

/// The provisional identity the node gives at filing: the prefix and the application id's
/// ten characters (after `OT-`), unique because the application id is.
package struct ProvisionalIdentity: Codable, Sendable, Hashable {
    package var prefix: String

    package init(prefix: String) {
        self.prefix = prefix
    }

    package func value(applicationId: String) -> String {
        prefix + applicationId.dropFirst(3)
    }
}
