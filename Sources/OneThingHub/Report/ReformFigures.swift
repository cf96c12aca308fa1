/// The reform's figures for one item of one bundle (`onething-hub report`).
package struct ItemFigures: Sendable, Hashable, Codable {
    package var bundle: String
    package var item: String
    package var department: String
    /// The department's Chinese name, as the catalogue gives it.
    package var departmentName: String
    /// The promised time limit (承诺时限), in working days; 0 when the catalogue no longer
    /// has the item.
    package var promisedDays: Int
    /// Items of applications received in the range.
    package var received = 0
    /// Items finally decided (approved, issued or rejected) in the range.
    package var decided = 0
    package var approved = 0
    package var rejected = 0
    /// Returns for correction of the items received in the range.
    package var returns = 0
    /// Working days from receipt to the final decision, of the items decided in the range
    /// whose receipt the hub recorded: median and 90th percentile (nearest rank).
    package var medianDays: Int?
    package var p90Days: Int?
    /// Of those, decided within the promised days.
    package var onTime = 0
    /// Items not yet decided, and not waiting for the citizen's correction, past their
    /// promised days now (whenever received).
    package var overdueNow = 0

    enum CodingKeys: String, CodingKey {
        case bundle, item, department, received, decided, approved, rejected, returns
        case departmentName = "department_name", promisedDays = "promised_days", medianDays = "median_days"
        case p90Days = "p90_days", onTime = "on_time", overdueNow = "overdue_now"
    }
}

/// The figures of one node (a maternity ward's or a school's window).
package struct NodeFigures: Sendable, Hashable, Codable {
    package var node: String
    /// Applications received in the range.
    package var received = 0
    /// Items finally decided in the range.
    package var decided = 0
    package var overdueNow = 0
    /// Ratings (好差评) of the applications received in the range, by level 1 (very
    /// dissatisfied) to 5 (very satisfied): `ratings[0]` counts level 1.
    package var ratings = [0, 0, 0, 0, 0]

    enum CodingKeys: String, CodingKey {
        case node, received, decided, ratings
        case overdueNow = "overdue_now"
    }
}

/// Ratings of one bundle's applications received in the range, by level 1 to 5.
package struct BundleRatings: Sendable, Hashable, Codable {
    package var bundle: String
    package var ratings = [0, 0, 0, 0, 0]
}
