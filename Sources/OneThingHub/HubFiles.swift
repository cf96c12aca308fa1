import Foundation

/// Creates the hub database file (0600) and its folder (0700) when missing: the file holds
/// personal data of mothers and children. SQLite gives the WAL and shared-memory files the
/// same permissions as the database.
enum HubFiles {
    static func prepare(path: String) throws(HubError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .cannotOpen(path: path, reason: "its folder is a file")
            }
        } else {
            do {
                try fm.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotOpen(path: path, reason: "its folder cannot be created")
            }
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return }
            throw .cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        close(fd)
    }
}
