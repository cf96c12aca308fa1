package import OneThingModel

// The model's types that travel or are stored as JSON, described here (the model does not
// know JSON). `ApplicationPayload` has its own file.

extension FieldConflict: JSONRecord {
    package static let jsonShape = JSONShape("a conflict", blank: FieldConflict(field: "", base: nil, local: nil, hub: nil))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout FieldConflict) throws(C.Failure) {
        try c.optional("base", &v.base)
        try c.required("field", &v.field)
        try c.optional("hub", &v.hub)
        try c.optional("local", &v.local)
    }
}

extension CatalogFile: JSONRecord {
    package static let jsonShape = JSONShape("a catalogue file", blank: CatalogFile(path: "", text: ""))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout CatalogFile) throws(C.Failure) {
        try c.required("path", &v.path)
        try c.required("text", &v.text)
    }
}

extension ItemState: JSONStringEnum {}
