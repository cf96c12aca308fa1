import Foundation
import OneThingModel
@testable import OneThingWire
import Testing

/// The descriptions against the protocol document, sync/openapi.yaml, which is written
/// independently of them: every route and its methods, and every schema's members and
/// which of them must be present.
@Suite("The codec's descriptions against sync/openapi.yaml")
struct SpecAgreementTests {
    static let document: [Substring] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = (try? String(contentsOf: root.appendingPathComponent("sync/openapi.yaml"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }()

    /// The lines of the document's top-level section `name` (up to the next one).
    static func section(_ name: String, indent: Int) -> ArraySlice<Substring> {
        let heading = String(repeating: " ", count: indent) + name + ":"
        guard let start = document.firstIndex(where: { $0 == heading }) else { return [] }
        let end = document[(start + 1)...].firstIndex { line in
            let spaces = line.prefix { $0 == " " }.count
            return !line.trimmingCharacters(in: .whitespaces).isEmpty && spaces <= indent
        } ?? document.endIndex
        return document[(start + 1)..<end]
    }

    /// `key:` lines at exactly `indent` spaces.
    static func keys(_ lines: ArraySlice<Substring>, indent: Int) -> [(name: String, line: Int)] {
        lines.indices.compactMap { index in
            let line = lines[index]
            guard line.prefix(while: { $0 == " " }).count == indent, line.hasSuffix(":") else { return nil }
            return (String(line.dropFirst(indent).dropLast()), index)
        }
    }

    static let schemas: [String: any JSONRecord.Type] = [
        "Health": Health.self, "Error": ErrorBody.self, "PushRequest": PushRequest.self, "PushEntry": PushEntry.self,
        "ApplicationPayload": ApplicationPayload.self, "PushResponse": PushResponse.self, "HubState": HubState.self,
        "PushResult": PushResult.self, "MergeOutcome": MergeOutcome.self, "FieldConflict": FieldConflict.self,
        "DuplicateMatch": DuplicateMatch.self, "RatingsRequest": RatingsRequest.self, "RatingsResponse": RatingsResponse.self,
        "ChangesPage": ChangesPage.self, "ApplicationChange": ApplicationChange.self, "ItemDecision": ItemDecision.self,
        "CatalogUpdate": CatalogUpdate.self, "HubApplication": HubApplication.self, "AmendRequest": AmendRequest.self,
        "DecisionRequest": DecisionRequest.self,
    ]

    @Test("the routes are the document's paths, with its methods")
    func routes() {
        let paths = Self.section("paths", indent: 0)
        #expect(!paths.isEmpty, "sync/openapi.yaml was not found")
        var documented: [String: [String]] = [:]
        let found = Self.keys(paths, indent: 2)
        for (n, path) in found.enumerated() {
            let end = n + 1 < found.count ? found[n + 1].line : paths.endIndex
            documented[path.name] = Self.keys(paths[path.line..<end], indent: 4).map { $0.name.uppercased() }
        }
        let routes = Dictionary(uniqueKeysWithValues: WireRoute.all.map { ($0.template, $0.methods) })
        #expect(routes == documented)
    }

    @Test("every schema of the document is a record with exactly its members, the required ones required")
    func schemas() throws {
        let all = Self.keys(Self.document[...], indent: 4)
        let start = try #require(Self.document.firstIndex { $0 == "  schemas:" })
        let schemas = all.filter { $0.line > start }
        #expect(Set(schemas.map(\.name)) == Set(Self.schemas.keys))
        var compared = 0
        for (n, schema) in schemas.enumerated() {
            let end = n + 1 < schemas.count ? schemas[n + 1].line : Self.document.endIndex
            let body = Self.document[schema.line..<end]
            guard let type = Self.schemas[schema.name] else { continue }
            let properties = Self.section("properties", indent: 6, in: body)
            let members = Set(Self.keys(properties, indent: 8).map(\.name))
            let required = Self.required(body)
            let described = type.describedKeys
            #expect(Set(described.all) == members, "\(schema.name)")
            #expect(Set(described.required) == required, "\(schema.name)")
            #expect(!members.isEmpty, "\(schema.name)")
            compared += 1
        }
        #expect(compared == Self.schemas.count)
    }

    static func section(_ name: String, indent: Int, in lines: ArraySlice<Substring>) -> ArraySlice<Substring> {
        let heading = String(repeating: " ", count: indent) + name + ":"
        guard let start = lines.firstIndex(where: { $0 == heading }) else { return [] }
        let end = lines[(start + 1)...].firstIndex { $0.prefix { $0 == " " }.count <= indent } ?? lines.endIndex
        return lines[(start + 1)..<end]
    }

    /// `required: [a, b]` directly in the schema (not in a nested one).
    static func required(_ lines: ArraySlice<Substring>) -> Set<String> {
        guard let line = lines.first(where: { $0.hasPrefix("      required: [") }) else { return [] }
        let list = line.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }
}

extension JSONRecord {
    /// The member keys of the description, in order, and those that must be present.
    static var describedKeys: (all: [String], required: [String]) {
        let shape = Self.jsonShape
        let all = (0..<shape.keys.count).map(shape.keys.name)
        return (all, all.indices.filter { shape.requiredMask & (1 << UInt64($0)) != 0 }.map { all[$0] })
    }
}
