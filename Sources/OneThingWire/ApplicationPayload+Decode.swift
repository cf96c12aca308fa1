public import OneThingModel

extension ApplicationPayload {
    /// Reads a frozen payload (the text a push entry carries) with `JSONReader`: what
    /// JSONDecoder gives for it (unknown keys ignored, absent and null optionals alike),
    /// at a fraction of the cost; the hub reads every pushed entry through here.
    public static func decode(json text: String) throws(WireDecodingError) -> ApplicationPayload {
        try JSONReader.document(text) { (r: inout JSONReader) throws(WireDecodingError) in try read(&r) }
    }

    private static func read(_ r: inout JSONReader) throws(WireDecodingError) -> ApplicationPayload {
        var applicationId, bundle, catalogVersion, region: String?
        var revision: Int?
        var baseRevision: Int?
        var items, situations: [String]?
        var fields: [String: String]?
        var operatorId: String?
        var resolves: [String]?
        var filedAt: String?
        func strings(_ r: inout JSONReader) throws(WireDecodingError) -> [String] {
            var list: [String] = []
            try JSONReader.array(&r) { (r: inout JSONReader) throws(WireDecodingError) in list.append(try r.string()) }
            return list
        }
        try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
            switch key {
            case "application_id": applicationId = try r.string()
            case "revision": revision = try r.int()
            case "base_revision": baseRevision = r.null() ? nil : try r.int()
            case "bundle": bundle = try r.string()
            case "items": items = try strings(&r)
            case "fields": fields = try JSONReader.stringMap(&r)
            case "situations": situations = try strings(&r)
            case "catalog_version": catalogVersion = try r.string()
            case "region": region = try r.string()
            case "operator": operatorId = r.null() ? nil : try r.string()
            case "resolves": resolves = r.null() ? nil : try strings(&r)
            case "filed_at": filedAt = r.null() ? nil : try r.string()
            default: try JSONReader.skipValue(&r)
            }
        }
        guard let applicationId, let revision, let bundle, let items, let fields, let situations, let catalogVersion, let region
        else {
            throw r.error(
                "the payload lacks one of application_id, revision, bundle, items, fields, situations, catalog_version, region")
        }
        return ApplicationPayload(
            applicationId: applicationId, revision: revision, baseRevision: baseRevision, bundle: bundle, items: items,
            fields: fields, situations: situations, catalogVersion: catalogVersion, region: region, operatorId: operatorId,
            resolves: resolves, filedAt: filedAt)
    }
}
