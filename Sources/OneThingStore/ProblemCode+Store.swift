public import OneThingModel

extension ProblemCode {
    /// An imported line's `_source_id` that is not a short string or whole number.
    public static let invalidSourceID = ProblemCode("store.invalid_source_id")

    /// Every problem code of the store, for tables and their tests.
    public static let store: [ProblemCode] = [.invalidSourceID]
}
