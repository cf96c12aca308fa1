import Foundation

/// Writes a whole file or nothing: the bytes go to a temporary file (0600, created
/// exclusively) beside the target, are flushed to disk, then renamed over it, and the
/// directory is flushed; on any failure the temporary file is removed and the target is
/// untouched. A reader (a registrar's spreadsheet, node_exporter) never sees half a file.
package enum AtomicFile {
    package static func write(_ bytes: some Collection<UInt8>, to path: String) throws(CLIFailure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path, errno) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        let written = FileDescriptorOutput.writeAll(fd, Array(bytes))
        let synced = written == 0 ? (fsync(fd) == 0 ? 0 : errno) : written
        close(fd)
        guard synced == 0 else { throw failure(path, synced) }
        guard rename(temporary, path) == 0 else { throw failure(path, errno) }
        ok = true
        let dir = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> CLIFailure {
        CLIFailure.io("Cannot write \(path): \(String(cString: strerror(code))); nothing was written there. Check the directory, its permissions and free space.")
    }
}

/// Writing to a file descriptor until every byte is out.
package enum FileDescriptorOutput {
    /// 0 when everything was written, else the errno that stopped it.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    /// Everything to stdout, or an I/O failure (a closed pipe, a full disk).
    package static func standardOutput(_ text: String) throws(CLIFailure) {
        let code = writeAll(STDOUT_FILENO, Array(text.utf8))
        guard code == 0 else {
            throw CLIFailure.io("Cannot write to standard output: \(String(cString: strerror(code))).")
        }
    }
}
