/// The bundles a node offers, versioned. Every application records the version it was
/// filed under.
public struct Catalog: Sendable, Hashable {
    public var version: String
    public var defaultRegion: String
    public var departments: [Department]
    public var regions: [Region]
    public var bundles: [BundleDefinition]

    public init(
        version: String, defaultRegion: String, departments: [Department], regions: [Region],
        bundles: [BundleDefinition]
    ) {
        self.version = version
        self.defaultRegion = defaultRegion
        self.departments = departments
        self.regions = regions
        self.bundles = bundles
    }

    public func bundle(_ code: String) -> BundleDefinition? {
        bundles.first { $0.code == code }
    }

    public func region(_ code: String) -> Region? {
        regions.first { $0.code == code }
    }

    public func department(_ code: String) -> Department? {
        departments.first { $0.code == code }
    }

    /// The items of `bundle` that `region` offers, in the bundle's order.
    public func menu(bundle: BundleDefinition, region: Region) -> [ItemDefinition] {
        guard let codes = region.menus[bundle.code] else { return [] }
        return bundle.items.filter { codes.contains($0.code) }
    }
}

/// The head of the catalogue, kept in `catalog.json`; the bundles live in `bundles/*.json`.
public struct CatalogHead: Codable, Sendable, Hashable {
    public var version: String
    public var defaultRegion: String
    public var departments: [Department]
    public var regions: [Region]
}

public struct Department: Codable, Sendable, Hashable {
    public var code: String
    public var names: LocalizedText

    public init(code: String, names: LocalizedText) {
        self.code = code
        self.names = names
    }
}

/// A region (city) and the items of each bundle its windows offer.
public struct Region: Codable, Sendable, Hashable {
    /// The GB/T 2260 code of the city, e.g. `350100` for Fuzhou.
    public var code: String
    public var names: LocalizedText
    /// Bundle code -> the item codes offered here.
    public var menus: [String: [String]]
    /// The school-age cut-off date (`MM-DD`) of the school year, e.g. `08-31`.
    public var schoolCutoff: String?

    public init(code: String, names: LocalizedText, menus: [String: [String]], schoolCutoff: String? = nil) {
        self.code = code
        self.names = names
        self.menus = menus
        self.schoolCutoff = schoolCutoff
    }
}
