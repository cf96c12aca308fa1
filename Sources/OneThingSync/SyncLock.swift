import Foundation

/// One sync at a time per node database: an exclusive `flock` on `<db>.sync-lock`. The
/// kernel drops it when the process ends, however it ends, so a killed run never leaves a
/// stale lock behind.
package final class SyncLock {
    package let path: String
    private let fd: Int32

    /// Takes the lock without waiting, or throws `SyncError.locked`.
    package init(databasePath: String) throws(SyncError) {
        path = databasePath + ".sync-lock"
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .lockUnusable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .locked(path: path)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
