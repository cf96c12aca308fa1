/// An application that passed every check: normalised values, ready to be stored.
public struct ValidatedApplication: Sendable, Hashable {
    public var bundle: String
    /// Selected item codes in the bundle's order.
    public var items: [String]
    /// Field id -> normalised value, only the fields the form asks.
    public var fields: [String: String]
    public var catalogVersion: String
    public var region: String
    /// The handling situations that hold, for the departments.
    public var situations: [String]

    public init(
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
