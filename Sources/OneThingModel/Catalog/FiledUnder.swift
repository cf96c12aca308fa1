/// Where the node and the hub look up the rules of an application's bundle (its system
/// fields, the documents its items issue, its duplicate key): the catalogue it was filed
/// under.
///
/// - The built-in catalogue when the version is its own. A version names one content; a
///   copy kept under the same version by an earlier release (written before bundles declared
///   these rules, which were Swift then) has the same form, and the built-in one has the rules.
/// - Else the catalogue kept under that version (the node remembers every catalogue it
///   worked with or received; the hub every one it served).
/// - Else, for an application of a catalogue nobody kept, the built-in bundle of that code.
package enum FiledUnder {
    package static func bundle(
        _ code: String, version: String, kept: (String) throws -> Catalog?
    ) rethrows -> BundleDefinition? {
        let builtIn = CatalogLoader.builtIn
        if let builtIn, builtIn.version == version, let bundle = builtIn.bundle(code) { return bundle }
        if let bundle = try kept(version)?.bundle(code) { return bundle }
        return builtIn?.bundle(code)
    }
}
