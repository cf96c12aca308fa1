public import Foundation
import OneThingModel

extension ChangesPage {
    /// Reads a page of changes from JSON bytes with `JSONReader`: what `WireCoding.decode`
    /// gives for a valid page (unknown keys ignored, `revision` and `conflicts` optional as
    /// from older hubs, absent and null optionals alike), at a fraction of its cost; the node
    /// reads every decision through here. The rare catalogue update is handed to JSONDecoder.
    public static func decode(json data: Data) throws(WireDecodingError) -> ChangesPage {
        try JSONReader.document(data) { (r: inout JSONReader) throws(WireDecodingError) in try read(&r) }
    }

    private static func read(_ r: inout JSONReader) throws(WireDecodingError) -> ChangesPage {
        var changes: [ApplicationChange]?
        var nextCursor: Int64?
        var hasMore: Bool?
        var catalog: CatalogUpdate?
        try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
            switch key {
            case "changes":
                var list: [ApplicationChange] = []
                try JSONReader.array(&r) { (r: inout JSONReader) throws(WireDecodingError) in list.append(try ApplicationChange.read(&r)) }
                changes = list
            case "next_cursor": nextCursor = try r.int64()
            case "has_more": hasMore = try r.bool()
            case "catalog":
                if r.null() { return }
                let start = r.offset
                try JSONReader.skipValue(&r)
                do {
                    catalog = try JSONDecoder().decode(CatalogUpdate.self, from: Data(r.slice(from: start)))
                } catch {
                    throw WireDecodingError(message: "the catalog update is not one", offset: start)
                }
            default: try JSONReader.skipValue(&r)
            }
        }
        guard let changes, let nextCursor, let hasMore else {
            throw r.error("a page of changes lacks changes, next_cursor or has_more")
        }
        return ChangesPage(changes: changes, nextCursor: nextCursor, hasMore: hasMore, catalog: catalog)
    }
}

extension ApplicationChange {
    static func read(_ r: inout JSONReader) throws(WireDecodingError) -> ApplicationChange {
        var cursor: Int64?
        var applicationId: String?
        var provinceNo: String?
        var hubRevision: Int?
        var revision = 0
        var items: [ItemDecision]?
        var fields: [String: String]?
        var duplicate: DuplicateMatch?
        var conflicts: [FieldConflict] = []
        var purged = false
        try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
            switch key {
            case "cursor": cursor = try r.int64()
            case "application_id": applicationId = try r.string()
            case "province_no": provinceNo = try r.string()
            case "hub_revision": hubRevision = try r.int()
            case "revision": revision = r.null() ? 0 : try r.int()
            case "items":
                var list: [ItemDecision] = []
                try JSONReader.array(&r) { (r: inout JSONReader) throws(WireDecodingError) in list.append(try ItemDecision.read(&r)) }
                items = list
            case "fields": fields = try JSONReader.stringMap(&r)
            case "duplicate": duplicate = r.null() ? nil : try DuplicateMatch.read(&r)
            case "purged": purged = r.null() ? false : try r.bool()
            case "conflicts":
                if r.null() { conflicts = []; return }
                var list: [FieldConflict] = []
                try JSONReader.array(&r) { (r: inout JSONReader) throws(WireDecodingError) in list.append(try FieldConflict.read(&r)) }
                conflicts = list
            default: try JSONReader.skipValue(&r)
            }
        }
        guard let cursor, let applicationId, let provinceNo, let hubRevision, let items, let fields else {
            throw r.error("a change lacks one of cursor, application_id, province_no, hub_revision, items, fields")
        }
        return ApplicationChange(
            cursor: cursor, applicationId: applicationId, provinceNo: provinceNo, hubRevision: hubRevision, revision: revision,
            items: items, fields: fields, duplicate: duplicate, conflicts: conflicts, purged: purged)
    }
}

extension ItemDecision {
    static func read(_ r: inout JSONReader) throws(WireDecodingError) -> ItemDecision {
        var item: String?
        var state: ItemState?
        var reason: String?
        var documents: [String: String]?
        try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
            switch key {
            case "item": item = try r.string()
            case "state":
                let text = try r.string()
                guard let known = ItemState(rawValue: text) else { throw r.error("an item state is not one of the protocol's") }
                state = known
            case "reason": reason = r.null() ? nil : try r.string()
            case "documents": documents = r.null() ? nil : try JSONReader.stringMap(&r)
            default: try JSONReader.skipValue(&r)
            }
        }
        guard let item, let state else { throw r.error("an item decision lacks item or state") }
        return ItemDecision(item: item, state: state, reason: reason, documents: documents)
    }
}

extension DuplicateMatch {
    static func read(_ r: inout JSONReader) throws(WireDecodingError) -> DuplicateMatch {
        var provinceNo: String?
        var applicationId: String?
        var nodeId: String?
        var kind: DuplicateKind?
        try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
            switch key {
            case "province_no": provinceNo = try r.string()
            case "application_id": applicationId = try r.string()
            case "node_id": nodeId = try r.string()
            case "kind":
                guard let known = DuplicateKind(rawValue: try r.string()) else { throw r.error("a duplicate kind is not exact or near") }
                kind = known
            default: try JSONReader.skipValue(&r)
            }
        }
        guard let provinceNo, let applicationId, let nodeId, let kind else {
            throw r.error("a duplicate lacks province_no, application_id, node_id or kind")
        }
        return DuplicateMatch(provinceNo: provinceNo, applicationId: applicationId, nodeId: nodeId, kind: kind)
    }
}

extension FieldConflict {
    static func read(_ r: inout JSONReader) throws(WireDecodingError) -> FieldConflict {
        var field: String?
        var base: String?
        var local: String?
        var hub: String?
        try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
            switch key {
            case "field": field = try r.string()
            case "base": base = r.null() ? nil : try r.string()
            case "local": local = r.null() ? nil : try r.string()
            case "hub": hub = r.null() ? nil : try r.string()
            default: try JSONReader.skipValue(&r)
            }
        }
        guard let field else { throw r.error("a conflict lacks its field") }
        return FieldConflict(field: field, base: base, local: local, hub: hub)
    }
}
