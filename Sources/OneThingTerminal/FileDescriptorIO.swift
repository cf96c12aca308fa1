#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking reads and writes on the terminal's file descriptors.
enum FileDescriptorIO {
    enum Readiness: Equatable {
        case readable
        case timedOut
        /// A signal (SIGWINCH) interrupted the wait.
        case interrupted
        /// The terminal went away (hang-up, or an error on the descriptor).
        case closed
    }

    /// Waits until `descriptor` has input; a negative timeout waits for ever.
    static func waitReadable(_ descriptor: Int32, timeoutMilliseconds: Int) -> Readiness {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let timeout = Int32(clamping: timeoutMilliseconds < 0 ? -1 : timeoutMilliseconds)
        let result = poll(&request, 1, timeout)
        if result < 0 { return errno == EINTR ? .interrupted : .closed }
        if result == 0 { return .timedOut }
        if request.revents & Int16(POLLIN) != 0 { return .readable }
        return .closed
    }

    /// Reads what is available (at most 4096 bytes); nil at end of input or on an error.
    static func read(_ descriptor: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.read(descriptor, raw.baseAddress, raw.count)
                #else
                Darwin.read(descriptor, raw.baseAddress, raw.count)
                #endif
            }
            if count > 0 { return Array(buffer[0..<count]) }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN { return [] }
            return nil
        }
    }

    /// Writes every byte unless the descriptor fails (a terminal that went away).
    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                #else
                let written = Darwin.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                #endif
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else if written < 0, errno == EAGAIN {
                    var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&request, 1, 100)
                } else {
                    return
                }
            }
        }
    }
}
