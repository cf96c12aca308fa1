import Foundation
package import OneThingModel

/// A catalogue with a third bundle added from catalogue files alone, as a province would:
/// the built-in files exported, the bundle file `Tests/Catalogues/death/bundles/death.json`
/// (身后一件事, synthetic) added, and the head given the bundle's new department (civil
/// affairs), a menu in Fuzhou and a version of its own. No Swift in Sources knows it.
package enum ThirdBundleCatalogue {
    package static let version = "2026.12-death"
    package static let bundle = "death"
    package static let region = "350100"
    /// Its items, in the bundle's order.
    package static let items = ["death-certificate", "household-cancellation", "cremation", "pension-settlement"]

    /// The bundle file as written in the fixture directory.
    package static func bundleText() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Catalogues/death/bundles/death.json")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The catalogue's files: the built-in ones with the head edited, and the new bundle.
    package static func files() throws -> [CatalogFile] {
        try CatalogLoader.embeddedFiles.map { file in
            file.path == CatalogFile.headPath ? CatalogFile(path: file.path, text: try head(file.text)) : file
        } + [CatalogFile(path: "\(CatalogFile.bundleDirectory)/\(bundle).json", text: try bundleText())]
    }

    /// Writes the files under `directory` (`catalog.json`, `bundles/*.json`), for `--catalog DIR`.
    package static func write(to directory: String) throws {
        for file in try files() {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The loaded catalogue, checked as of `today`.
    package static func catalog(today: CivilDate) throws -> Catalog {
        try CatalogLoader.load(files: try files(), today: today)
    }

    private static func head(_ text: String) throws -> String {
        guard var head = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            var departments = head["departments"] as? [[String: Any]], var regions = head["regions"] as? [[String: Any]],
            let fuzhou = regions.firstIndex(where: { $0["code"] as? String == region }),
            var menus = regions[fuzhou]["menus"] as? [String: Any]
        else { throw CocoaError(.fileReadCorruptFile) }
        head["version"] = version
        departments.append([
            "code": "civil-affairs", "names": ["zh": "民政局（殡葬管理）", "en": "Civil Affairs Bureau (funeral services)"],
        ])
        head["departments"] = departments
        menus[bundle] = items
        regions[fuzhou]["menus"] = menus
        head["regions"] = regions
        let data = try JSONSerialization.data(withJSONObject: head, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
