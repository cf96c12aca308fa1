/// One thing wrong with a catalogue: the file, where in it (a JSON path such as
/// `items[2].dependsOn[0]`), and what to change.
public struct CatalogProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}
