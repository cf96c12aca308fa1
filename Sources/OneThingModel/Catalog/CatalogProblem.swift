/// One thing wrong with a catalogue: the file, where in it (a JSON path such as
/// `items[2].dependsOn[0]`), and what to change.
package struct CatalogProblem: Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var path: String
    package var message: String

    package init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    package var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}
