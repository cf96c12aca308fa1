import Foundation

/// The database file on disk, before and beside SQLite: created 0600 in a 0700 folder when
/// missing (the file holds personal data of mothers and children; SQLite gives the WAL and
/// shared-memory files the same permissions as the database), symbolic links followed,
/// and whether the file, its folder or its file system can be written.
package enum DatabaseFiles {
    /// Creates the file (0600) and its folder (0700) when missing; nothing when it exists.
    package static func prepare(path: String) throws(DatabaseFailure) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return }
        // The path may be a symbolic link whose target does not exist yet (a link made ahead
        // of a restore, or into a data volume): the file is created where the link points,
        // 0600, rather than left to SQLite, which would create it with the process's umask.
        let target = try finalTarget(of: path)
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .cannotOpen(path: path, reason: "its folder cannot be created") }
        } else {
            do {
                try fm.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotOpen(path: path, reason: "its folder cannot be created")
            }
        }
        let fd = Foundation.open(target, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return }
            if code == EROFS || code == EACCES || code == EPERM { throw DatabaseFailure(.readOnly, path: path) }
            throw .cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        close(fd)
    }

    /// Where `path` leads once every symbolic link on it is followed (relative link targets
    /// are read from the link's folder); `path` itself when it is not a link.
    package static func finalTarget(of path: String) throws(DatabaseFailure) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/")
                ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        throw .cannotOpen(path: path, reason: "it is a chain of too many symbolic links")
    }

    /// True when an existing file cannot even be read by this process (its mode or owner).
    /// (Root passes permission checks.)
    package static func isUnreadable(path: String) -> Bool {
        FileManager.default.fileExists(atPath: path) && access(path, R_OK) != 0
    }

    /// True when the existing database file cannot be written by this process: a read-only
    /// file system (an ext4 volume remounts read-only after an I/O error), or permissions.
    /// (Root passes permission checks; a read-only file system stops root too.)
    package static func isReadOnly(path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        if access(path, W_OK) != 0 { return true }
        var info = statvfs()
        return statvfs(path, &info) == 0 && info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// True when SQLite cannot make the write-ahead log or shared-memory file next to the
    /// database: the folder cannot be written and one of them is missing.
    package static func folderIsReadOnly(path: String) -> Bool {
        let target = (try? finalTarget(of: path)) ?? path
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        guard access(folder, W_OK) != 0 else { return false }
        let fm = FileManager.default
        return !fm.fileExists(atPath: target + "-wal") || !fm.fileExists(atPath: target + "-shm")
    }

    /// True when a write-ahead log or shared-memory file is beside the database (a writer has
    /// it open, or did not close it cleanly).
    package static func hasLogFiles(path: String) -> Bool {
        let target = (try? finalTarget(of: path)) ?? path
        let fm = FileManager.default
        return fm.fileExists(atPath: target + "-wal") || fm.fileExists(atPath: target + "-shm")
    }

    /// The size of the write-ahead log beside the database (0 when there is none).
    package static func walSize(path: String) -> Int {
        let target = (try? finalTarget(of: path)) ?? path
        var info = stat()
        guard stat(target + "-wal", &info) == 0 else { return 0 }
        return Int(info.st_size)
    }

    /// `file:PATH?immutable=1`, the path percent-encoded as SQLite's URI filenames need.
    package static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + encoded + "?immutable=1"
    }
}
