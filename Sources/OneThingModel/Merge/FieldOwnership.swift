/// Who may change which field of an application. Citizen-supplied fields (every field of
/// the catalogue's forms) are edited at the node, and an officer may correct them on the
/// hub. The fields below are not on any form: the node sets the provisional identity when
/// it files, and the hub sets the issued resident ID number; nobody edits them by hand.
public enum FieldOwnership {
    /// The newborn's provisional identifier (Xiamen's 虚拟身份), given by the node at filing
    /// so that the departments can work before the household registration exists.
    public static let newbornProvisionalID = "newborn_provisional_id"
    /// The newborn's resident ID number, issued by the household registration (hub-owned).
    public static let newbornIDNumber = "newborn_id_number"

    /// Fields the hub owns: a node's value never replaces the hub's.
    public static let hubOwned: Set<String> = [newbornIDNumber]
    /// Fields the node sets itself and a person never edits.
    public static let nodeOwned: Set<String> = [newbornProvisionalID]

    public static func isSystemField(_ id: String) -> Bool {
        hubOwned.contains(id) || nodeOwned.contains(id)
    }

    /// The provisional identifier of a newborn filed under `applicationId`: `LS-` (临时) and
    /// the application id's ten characters, unique because the application id is.
    public static func provisionalID(applicationId: String) -> String {
        "LS-" + applicationId.dropFirst(3)
    }

    /// The fields of a form only (without the system fields), as validation sees them.
    public static func formFields(_ fields: [String: String]) -> [String: String] {
        fields.filter { !isSystemField($0.key) }
    }
}

extension FieldOwnership {
    /// The document a birth's household registration issues: the newborn's resident ID number.
    public static let residentIDDocument = "resident_id_number"

    /// The hub-owned fields a department's approval fills in from the documents it issues:
    /// the household registration of a birth issues the newborn's resident ID number.
    public static func issuedFields(bundle: String, item: String, documents: [String: String]?) -> [String: String] {
        guard let issued = issues(bundle: bundle, item: item), let id = documents?[issued.document] else { return [:] }
        return [issued.field: id]
    }

    /// The document an item's approval issues and the field it fills, if any.
    public static func issues(bundle: String, item: String) -> (document: String, field: String)? {
        bundle == "birth" && item == "household-registration" ? (residentIDDocument, newbornIDNumber) : nil
    }
}

extension FieldOwnership {
    /// Who the number an item's approval issues belongs to, and so what it must agree with:
    /// the newborn of a birth (birth time and sex on the form).
    public static func issuedIdentity(bundle: String, item: String) -> IssuedIdentity? {
        issues(bundle: bundle, item: item) == nil ? nil : IssuedIdentity(birthField: "birth_time", sexField: "newborn_sex")
    }
}
