extension Buffer: CustomStringConvertible {
    /// The size and every row between bars (styles are not shown), for test failures. A frame
    /// may hold an applicant's data: never write it to a log.
    package var description: String {
        "Buffer \(width)x\(height)\n" + lines.map { "|\($0)|" }.joined(separator: "\n")
    }
}
