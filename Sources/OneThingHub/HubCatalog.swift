package import OneThingModel
package import OneThingWire

/// The catalogue the hub checks pushed applications against and publishes to nodes that
/// report another version: the built-in one, or the files of `--catalog DIR`.
package struct HubCatalog: Sendable, Hashable {
    package let catalog: Catalog
    package let files: [CatalogFile]

    package var version: String { catalog.version }

    package init(files: [CatalogFile], today: CivilDate) throws(HubError) {
        do {
            catalog = try CatalogLoader.load(files: files, today: today)
        } catch {
            throw .invalidCatalog(error.lines)
        }
        self.files = files
    }

    /// The built-in catalogue, checked as of `today`.
    package static func embedded(today: CivilDate) throws(HubError) -> HubCatalog {
        try HubCatalog(files: CatalogLoader.embeddedFiles, today: today)
    }

    /// `catalog.json` and `bundles/*.json` of a directory.
    package static func load(directory: String, today: CivilDate) throws(HubError) -> HubCatalog {
        let files: [CatalogFile]
        do {
            files = try CatalogLoader.files(inDirectory: directory)
        } catch {
            throw .invalidCatalog(error.lines)
        }
        return try HubCatalog(files: files, today: today)
    }

    /// The update for a node on `nodeVersion`: nil when it already has this catalogue.
    package func update(forNodeVersion nodeVersion: String?) -> CatalogUpdate? {
        guard let nodeVersion, nodeVersion != version else { return nil }
        return CatalogUpdate(version: version, files: files.map { CatalogUpdate.File(path: $0.path, text: $0.text) })
    }
}
