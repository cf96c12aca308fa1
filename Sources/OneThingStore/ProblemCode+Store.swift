package import OneThingModel

extension ProblemCode {
    /// An imported line's `_source_id` that is not a short string or whole number.
    package static let invalidSourceID = ProblemCode("store.invalid_source_id")

    /// Every problem code of the store, for tables and their tests.
    package static let store: [ProblemCode] = [.invalidSourceID]
}
