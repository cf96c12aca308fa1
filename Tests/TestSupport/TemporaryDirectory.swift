import Foundation

/// A fresh directory under the system temp folder, removed when the value goes away.
package final class TemporaryDirectory: @unchecked Sendable {
    package let path: String

    package init(_ label: String = "onething-test") {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/\(label)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    package func file(_ name: String) -> String {
        path + "/" + name
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
