/// The text of one catalogue file, by its path relative to the catalogue directory:
/// `catalog.json` for the head, `bundles/CODE.json` for each bundle.
public struct CatalogFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    public static let headPath = "catalog.json"
    public static let bundleDirectory = "bundles"
}
