/// Sizes that no real catalogue comes near. The checker reports a bundle past them as a
/// problem, so a damaged or hostile catalogue (from a file, or from the hub) is refused with
/// a message rather than kept; every walk over the catalogue is iterative as well, so a
/// catalogue past them is still checked to the end and never crashes the checker.
package enum CatalogLimits {
    /// Items in one bundle. A real bundle (一件事) has a handful: the birth bundle six, the
    /// school enrolment two; a province's largest runs to a few dozen.
    package static let itemsPerBundle = 200

    /// A dependency cycle longer than this is shown by its first and last codes in a
    /// problem message, so that the message stays readable.
    static let cycleCodesShown = 20
}
