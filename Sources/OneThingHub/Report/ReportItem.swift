package import OneThingModel
package import OneThingWire

/// One item of one application with what the reform's figures are computed from: which
/// node filed it, when the hub received it, when it was last decided, how often it was
/// returned, and the citizen's rating of the application.
package struct ReportItem: Sendable, Hashable {
    package var provinceNo: String
    package var bundle: String
    package var item: String
    package var nodeId: String
    package var state: ItemState
    /// Nil for an application received before the hub recorded times.
    package var receivedAt: Timestamp?
    package var decidedAt: Timestamp?
    package var returns: Int
    package var rating: Int?

    package init(
        provinceNo: String, bundle: String, item: String, nodeId: String, state: ItemState, receivedAt: Timestamp?,
        decidedAt: Timestamp?, returns: Int = 0, rating: Int? = nil
    ) {
        self.provinceNo = provinceNo
        self.bundle = bundle
        self.item = item
        self.nodeId = nodeId
        self.state = state
        self.receivedAt = receivedAt
        self.decidedAt = decidedAt
        self.returns = returns
        self.rating = rating
    }

    /// Approved, issued or rejected: the department is done with it.
    package var isFinal: Bool { [.approved, .issued, .rejected].contains(state) }
}
