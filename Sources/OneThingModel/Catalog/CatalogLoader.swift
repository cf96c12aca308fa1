import Foundation

/// Turns catalogue files into a checked `Catalog`, or every problem found in them.
package enum CatalogLoader {
    /// The catalogue built into the binary, checked as of `today`.
    package static func embedded(today: CivilDate) throws(ModelError) -> Catalog {
        try load(files: EmbeddedCatalog.files, today: today)
    }

    /// The built-in catalogue loaded once per process, checked as of the latest date the
    /// checks know (so that it never depends on the clock); nil only if it fails its own check.
    package static let builtIn: Catalog? = try? embedded(today: CivilDate.latestChecked)

    /// The files of the built-in catalogue, for `onething catalog export`.
    package static var embeddedFiles: [CatalogFile] { EmbeddedCatalog.files }

    package static func load(files: [CatalogFile], today: CivilDate) throws(ModelError) -> Catalog {
        var problems: [CatalogProblem] = []
        guard let headFile = files.first(where: { $0.path == CatalogFile.headPath }) else {
            throw .invalidCatalog([
                CatalogProblem(
                    file: CatalogFile.headPath, path: "",
                    message: "The catalogue has no catalog.json; it holds the version, departments and regions.")
            ])
        }
        let head: CatalogHead? = decode(CatalogHead.self, from: headFile, problems: &problems)
        var bundles: [BundleDefinition] = []
        var bundleFiles: [String: String] = [:]
        for file in files where file.path != CatalogFile.headPath {
            guard let bundle = decode(BundleDefinition.self, from: file, problems: &problems) else { continue }
            bundles.append(bundle)
            bundleFiles[bundle.code] = bundleFiles[bundle.code] ?? file.path
        }
        if bundles.isEmpty && problems.isEmpty {
            problems.append(
                CatalogProblem(
                    file: CatalogFile.bundleDirectory, path: "",
                    message: "The catalogue has no bundle; add one file per bundle under bundles/."))
        }
        guard let head, problems.isEmpty else { throw .invalidCatalog(problems) }
        let catalog = Catalog(
            version: head.version, defaultRegion: head.defaultRegion, departments: head.departments,
            regions: head.regions, bundles: bundles.sorted { $0.code < $1.code },
            workingCalendar: head.workingCalendar ?? .weekdays)
        problems = CatalogChecker.check(
            catalog, bundleFile: { bundleFiles[$0] ?? "\(CatalogFile.bundleDirectory)/\($0).json" }, today: today)
        guard problems.isEmpty else { throw .invalidCatalog(problems) }
        return catalog
    }

    /// Reads `catalog.json` and `bundles/*.json` from a directory.
    package static func files(inDirectory directory: String) throws(ModelError) -> [CatalogFile] {
        let fm = FileManager.default
        let headURL = URL(fileURLWithPath: directory).appendingPathComponent(CatalogFile.headPath)
        var files: [CatalogFile] = []
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .catalogUnreadable(path: directory, reason: "it is not a directory")
        }
        if fm.fileExists(atPath: headURL.path) {
            files.append(CatalogFile(path: CatalogFile.headPath, text: try readText(headURL)))
        }
        let bundleDir = URL(fileURLWithPath: directory).appendingPathComponent(CatalogFile.bundleDirectory)
        let names = (try? fm.contentsOfDirectory(atPath: bundleDir.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            let url = bundleDir.appendingPathComponent(name)
            files.append(CatalogFile(path: "\(CatalogFile.bundleDirectory)/\(name)", text: try readText(url)))
        }
        return files
    }

    private static func readText(_ url: URL) throws(ModelError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .catalogUnreadable(path: url.path, reason: "it cannot be read")
        }
        guard let text = InputText.validUTF8(data) else {
            throw .invalidCatalog([
                CatalogProblem(file: url.lastPathComponent == CatalogFile.headPath ? CatalogFile.headPath : "\(CatalogFile.bundleDirectory)/\(url.lastPathComponent)",
                               path: "", message: "The file is not valid UTF-8 text; save it as UTF-8.")
            ])
        }
        return text
    }

    private static func decode<T: Decodable>(
        _ type: T.Type, from file: CatalogFile, problems: inout [CatalogProblem]
    ) -> T? {
        do {
            return try JSONDecoder().decode(T.self, from: Data(file.text.utf8))
        } catch let error as DecodingError {
            problems.append(CatalogProblem(file: file.path, path: path(of: error), message: message(of: error)))
        } catch {
            problems.append(CatalogProblem(file: file.path, path: "", message: "The file is not valid JSON."))
        }
        return nil
    }

    static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        case .keyNotFound(let key, let c):
            return JSONPath.render(c.codingPath + [key])
        @unknown default: return ""
        }
        return JSONPath.render(context.codingPath)
    }

    static func message(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "Expected a value of type \(JSONPath.typeName(type))."
        case .valueNotFound(let type, _): "Expected a value of type \(JSONPath.typeName(type)), found null."
        case .keyNotFound(let key, _): "The required key \"\(key.stringValue)\" is missing."
        case .dataCorrupted(let c):
            c.codingPath.isEmpty
                ? "The file is not valid JSON." : "The value is not allowed here (\(c.debugDescription))."
        @unknown default: "The file cannot be decoded."
        }
    }
}

/// Renders coding paths as `items[2].fields[0]`.
enum JSONPath {
    static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type, is Double.Type: "number"
        case is Bool.Type: "boolean"
        default:
            String(describing: type).hasPrefix("Array") ? "array" : "object"
        }
    }
}
