/// An application that passed every check: normalised values, ready to be stored.
package struct ValidatedApplication: Sendable, Hashable {
    package var bundle: String
    /// Selected item codes in the bundle's order.
    package var items: [String]
    /// Field id -> normalised value, only the fields the form asks.
    package var fields: [String: String]
    package var catalogVersion: String
    package var region: String
    /// The handling situations that hold, for the departments.
    package var situations: [String]

    package init(
        bundle: String, items: [String], fields: [String: String], catalogVersion: String, region: String,
        situations: [String]
    ) {
        self.bundle = bundle
        self.items = items
        self.fields = fields
        self.catalogVersion = catalogVersion
        self.region = region
        self.situations = situations
    }
}
