import Foundation
import OneThingDatabase

extension NodeStore {
    /// For the commands that only read (`list`, `show`, `status`): the database opened as
    /// `open` does, or, when it cannot be written (a file system remounted read-only after an
    /// I/O error, a read-only file or folder), opened read-only (`isReadOnly`,
    /// `DatabaseFile.openReadOnly`), so that staff can still look applications up.
    package static func openForReading(path: String) throws(StoreError) -> NodeStore {
        do {
            return try open(path: path)
        } catch {
            guard let failure = error.database, [.readOnly, .cannotOpen, .io].contains(failure.code),
                FileManager.default.fileExists(atPath: path)
            else { throw error }
            do {
                return NodeStore(path: path, queue: try file(path).openReadOnly(), isReadOnly: true)
            } catch {
                throw .database(error)
            }
        }
    }
}
