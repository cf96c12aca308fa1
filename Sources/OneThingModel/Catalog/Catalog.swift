/// The bundles a node offers, versioned. Every application records the version it was
/// filed under.
package struct Catalog: Sendable, Hashable {
    package var version: String
    package var defaultRegion: String
    package var departments: [Department]
    package var regions: [Region]
    package var bundles: [BundleDefinition]
    /// How working days are counted (promised time limits); Monday to Friday when the
    /// catalogue gives no calendar.
    package var workingCalendar: WorkingCalendar

    package init(
        version: String, defaultRegion: String, departments: [Department], regions: [Region],
        bundles: [BundleDefinition], workingCalendar: WorkingCalendar = .weekdays
    ) {
        self.workingCalendar = workingCalendar
        self.version = version
        self.defaultRegion = defaultRegion
        self.departments = departments
        self.regions = regions
        self.bundles = bundles
    }

    package func bundle(_ code: String) -> BundleDefinition? {
        bundles.first { $0.code == code }
    }

    package func region(_ code: String) -> Region? {
        regions.first { $0.code == code }
    }

    package func department(_ code: String) -> Department? {
        departments.first { $0.code == code }
    }

    /// The items of `bundle` that `region` offers, in the bundle's order.
    package func menu(bundle: BundleDefinition, region: Region) -> [ItemDefinition] {
        guard let codes = region.menus[bundle.code] else { return [] }
        return bundle.items.filter { codes.contains($0.code) }
    }
}

/// The head of the catalogue, kept in `catalog.json`; the bundles live in `bundles/*.json`.
package struct CatalogHead: Codable, Sendable, Hashable {
    package var version: String
    package var defaultRegion: String
    package var departments: [Department]
    package var regions: [Region]
    package var workingCalendar: WorkingCalendar?
}

package struct Department: Codable, Sendable, Hashable {
    package var code: String
    package var names: LocalizedText

    package init(code: String, names: LocalizedText) {
        self.code = code
        self.names = names
    }
}

/// A region (city) and the items of each bundle its windows offer.
package struct Region: Codable, Sendable, Hashable {
    /// The GB/T 2260 code of the city, e.g. `350100` for Fuzhou.
    package var code: String
    package var names: LocalizedText
    /// Bundle code -> the item codes offered here.
    package var menus: [String: [String]]
    /// The school-age cut-off date (`MM-DD`) of the school year, e.g. `08-31`.
    package var schoolCutoff: String?

    package init(code: String, names: LocalizedText, menus: [String: [String]], schoolCutoff: String? = nil) {
        self.code = code
        self.names = names
        self.menus = menus
        self.schoolCutoff = schoolCutoff
    }
}
