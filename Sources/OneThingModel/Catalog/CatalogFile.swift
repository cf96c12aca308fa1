/// The text of one catalogue file, by its path relative to the catalogue directory:
/// `catalog.json` for the head, `bundles/CODE.json` for each bundle.
package struct CatalogFile: Sendable, Hashable {
    package var path: String
    package var text: String

    package init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    package static let headPath = "catalog.json"
    package static let bundleDirectory = "bundles"
}
