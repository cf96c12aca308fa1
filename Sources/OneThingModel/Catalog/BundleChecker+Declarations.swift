/// The checks of what a bundle declares beyond its form: system fields, the documents its
/// items issue and the fields items wait for, its duplicate key and its prefill sources.
/// Every field, item, document or record field they name must exist.
extension BundleChecker {
    func checkDeclarations() {
        for (i, id) in CatalogChecker.duplicates(bundle.systemFields.map(\.id)) {
            add("systemFields[\(i)].id", "The system field \"\(id)\" is defined twice.")
        }
        let issued = Set(bundle.items.flatMap(\.issues).map(\.field))
        for (i, field) in bundle.systemFields.enumerated() {
            checkSystemField(field, issued: issued, at: "systemFields[\(i)]")
        }
        if let key = bundle.duplicateKey {
            checkFormField(key.person, at: "duplicateKey.person")
            checkFormField(key.event, at: "duplicateKey.event")
            if let ordinal = key.ordinal { checkFormField(ordinal, at: "duplicateKey.ordinal") }
        }
        for (i, source) in CatalogChecker.duplicates(bundle.prefill.map(\.source)) {
            add("prefill[\(i)].source", "The record source \"\(source)\" is mapped twice; map each source once.")
        }
        for (i, mapping) in bundle.prefill.enumerated() {
            checkPrefill(mapping, at: "prefill[\(i)]")
        }
    }

    /// The documents an item issues and the issued fields it waits for.
    func checkIssues(of item: ItemDefinition, at path: String) {
        let hubFields = bundle.hubSetFields
        for (i, need) in item.needs.enumerated() where systemFieldsByID[need]?.setBy != .hub {
            let known = hubFields.isEmpty ? "this bundle declares none" : "known: \(hubFields.joined(separator: ", "))"
            add(
                "\(path).needs[\(i)]",
                "The field \"\(need)\" is not one another item issues (a system field with \"setBy\": \"hub\"); \(known).")
        }
        for (i, document) in CatalogChecker.duplicates(item.issues.map(\.document)) {
            add("\(path).issues[\(i)].document", "The document \"\(document)\" is issued twice by this item.")
        }
        for (i, issue) in item.issues.enumerated() {
            let at = "\(path).issues[\(i)]"
            if !Identifier.isFieldID(issue.document) {
                add("\(at).document", "A document name is lower-case letters, digits and underscores, starting with a letter.")
            }
            guard let field = systemFieldsByID[issue.field], field.setBy == .hub else {
                add(
                    "\(at).field",
                    "There is no system field \"\(issue.field)\" with \"setBy\": \"hub\" in this bundle; an issued document fills one. Declare it under systemFields.")
                continue
            }
            if let auto = issue.autoIssue { checkAutoIssue(auto, for: field, at: "\(at).autoIssue") }
        }
    }

    private func checkSystemField(_ field: SystemField, issued: Set<String>, at path: String) {
        if !Identifier.isFieldID(field.id) {
            add("\(path).id", "A field id is lower-case letters, digits and underscores, starting with a letter.")
        }
        if fieldsByID[field.id] != nil {
            add(
                "\(path).id",
                "The id \"\(field.id)\" is also a field of the form; a system field is not on the form, so give it an id of its own.")
        }
        switch field.setBy {
        case .node:
            if let provisional = field.provisional {
                if !Self.isProvisionalPrefix(provisional.prefix) {
                    add(
                        "\(path).provisional.prefix",
                        "The prefix is 1 to 8 upper-case letters, digits and hyphens, such as \"LS-\".")
                }
            } else {
                add(
                    "\(path).provisional",
                    "A field the node sets is a provisional identity; give \"provisional\": {\"prefix\": \"LS-\"} (the prefix and the application id's ten characters).")
            }
            for (key, present) in [("type", field.type != nil), ("replaces", field.replaces != nil), ("agreesWith", field.agreesWith != nil)]
            where present {
                add("\(path).\(key)", "Only a field the hub sets has \(key); remove it or set \"setBy\": \"hub\".")
            }
        case .hub:
            if field.provisional != nil {
                add("\(path).provisional", "Only a field the node sets has a provisional identity; remove it or set \"setBy\": \"node\".")
            }
            if !issued.contains(field.id) {
                add(
                    path,
                    "No item issues \"\(field.id)\"; name it in the \"issues\" of the item whose approval gives it, or remove it.")
            }
            checkIssuedValue(field, at: path)
        }
    }

    /// The type an issued value is checked against, and what an issued ID number agrees with.
    private func checkIssuedValue(_ field: SystemField, at path: String) {
        guard let form = field.asFormField else {
            add("\(path).type", "A field the hub sets needs a type its issued values are checked against, such as \"idNumber\" or \"code\".")
            return
        }
        if [.choice, .boolean].contains(form.type) {
            add("\(path).type", "An issued document is a number or text, not a \(form.type.rawValue).")
        }
        if let constraints = field.constraints {
            checkConstraints(constraints, of: form, at: "\(path).constraints")
        } else if form.type == .code {
            add("\(path).constraints.pattern", "A code field needs a pattern that its values match.")
        }
        if let replaced = field.replaces, systemFieldsByID[replaced]?.setBy != .node {
            add(
                "\(path).replaces",
                "There is no system field \"\(replaced)\" with \"setBy\": \"node\" in this bundle; an issued field replaces a provisional identity.")
        }
        guard let identity = field.agreesWith else { return }
        if form.type != .idNumber {
            add("\(path).agreesWith", "agreesWith applies to fields of type idNumber only.")
        }
        if let birth = identity.birthField {
            if let birthField = checkFormField(birth, at: "\(path).agreesWith.birthDate"),
                ![.date, .datetime].contains(birthField.type)
            {
                add("\(path).agreesWith.birthDate", "The field \"\(birth)\" is not a date or datetime field.")
            }
        }
        if let sex = identity.sexField {
            // A choice without options is reported on the field itself.
            if let sexField = checkFormField(sex, at: "\(path).agreesWith.sex"), let options = sexField.options, !options.isEmpty,
                !Set(Sex.allCases.map(\.rawValue)).isSubset(of: options.map(\.value))
            {
                add("\(path).agreesWith.sex", "The field \"\(sex)\" is not a choice with the options male and female.")
            }
        }
    }

    private func checkAutoIssue(_ auto: AutoIssue, for field: SystemField, at path: String) {
        switch auto.kind {
        case .residentIdNumber:
            if field.type != .idNumber || field.agreesWith?.birthField == nil || field.agreesWith?.sexField == nil {
                add(
                    "\(path).kind",
                    "A synthetic resident ID number is made for a field of type idNumber whose agreesWith names birthDate and sex; \"\(field.id)\" is not one.")
            }
        case .serial:
            guard let prefix = auto.prefix, !prefix.isEmpty else {
                add("\(path).prefix", "A serial needs a prefix, such as \"HH\": the value is the prefix and the province number's ten digits.")
                return
            }
            guard let form = field.asFormField else { return }  // reported on the field
            let sample = AutoIssue.serial(prefix: prefix, provinceNo: "FJ0000000001")
            if case .failure(let problem) = FieldValueValidator.validate(
                .text(sample), as: form, now: CivilDateTime(date: today, hour: 12, minute: 0))
            {
                add("\(path).prefix", "A serial with this prefix is not a valid value of \"\(field.id)\": \(problem.message)")
            }
        }
    }

    private func checkPrefill(_ mapping: PrefillMapping, at path: String) {
        guard let source = RecordSource(rawValue: mapping.source) else {
            let known = RecordSource.allCases.map(\.rawValue).joined(separator: ", ")
            add("\(path).source", "There is no record source \"\(mapping.source)\"; the node imports: \(known).")
            return
        }
        if mapping.fields.isEmpty {
            add("\(path).fields", "The mapping fills no field; map the record's fields to the form's.")
        }
        let recordFields = Set(source.fields)
        var filled: [String: String] = [:]
        for (recordField, formField) in mapping.fields.sorted(by: { $0.key < $1.key }) {
            let at = "\(path).fields.\(recordField)"
            if !recordFields.contains(recordField) {
                add(
                    at,
                    "A \(source.rawValue) record has no field \"\(recordField)\"; its fields are: \(source.fields.joined(separator: ", ")).")
            }
            checkFormField(formField, at: at)
            if let other = filled[formField] {
                add(at, "The form field \"\(formField)\" is already filled from \"\(other)\"; fill each field from one record field.")
            }
            filled[formField] = recordField
        }
        for (i, id) in mapping.mustMatch.enumerated() where filled[id] == nil {
            add(
                "\(path).mustMatch[\(i)]",
                "The field \"\(id)\" is not filled from the \(source.rawValue) record, so there is nothing to compare it with; list fields the mapping fills.")
        }
    }

    /// Reports a form field that does not exist; returns it when it does.
    @discardableResult
    private func checkFormField(_ id: String, at path: String) -> FieldDefinition? {
        guard let field = fieldsByID[id] else {
            add(path, "There is no field \"\(id)\" in this bundle's fields.")
            return nil
        }
        return field
    }

    /// Short, and safe to print and type: upper-case ASCII letters, digits and hyphens.
    static func isProvisionalPrefix(_ prefix: String) -> Bool {
        (1...8).contains(prefix.unicodeScalars.count)
            && prefix.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
