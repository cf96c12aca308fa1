import Foundation
import NIOPosix

/// The file descriptors this process may open (RLIMIT_NOFILE, its soft limit) and how many it
/// has open, from which the default connection cap follows: every connection holds one, and
/// the hub must never run out (an `accept` that fails for want of a descriptor leaves the
/// listening socket readable, and the server spins on it while nothing is served).
package struct DescriptorBudget: Sendable, Hashable {
    /// RLIMIT_NOFILE's soft limit (an unlimited one counts as `ceiling`).
    package var limit: Int
    /// Descriptors open when measured (standard streams, the database, event loops, ...).
    package var inUse: Int

    /// No default cap goes past this many connections, however high the limit: each costs
    /// memory as well, and a provincial hub serves a few thousand nodes, which sync in turn.
    package static let ceiling = 16_384

    package init(limit: Int, inUse: Int) {
        self.limit = limit
        self.inUse = inUse
    }

    /// Descriptors kept free of connections: the database's reader connections as they
    /// open (each with its write-ahead log), files the hub opens while serving, and the
    /// moment between accepting a connection and closing the one it replaces. A sixteenth
    /// of the limit, and at least 64.
    package var reserve: Int { max(64, limit / 16) }

    /// The default cap on open connections: what the limit leaves after those in use and
    /// the reserve (at most `ceiling`, at least 8).
    package var defaultMaxConnections: Int {
        min(Self.ceiling, max(8, limit - inUse - reserve))
    }

    /// The most connections an operator may ask for: a cap past this would let the hub run
    /// out of descriptors.
    package var largestMaxConnections: Int {
        max(1, limit - inUse - Self.minimumReserve)
    }

    /// What an operator's own `--max-connections` must leave free at least.
    package static let minimumReserve = 32

    /// This process's limit and the descriptors it has open now.
    package static func measure() -> DescriptorBudget {
        DescriptorBudget(limit: softLimit(), inUse: openDescriptors())
    }

    /// Like `measure`, once the server's event loops (whose descriptors stay open) run.
    package static func measureForServing() -> DescriptorBudget {
        _ = MultiThreadedEventLoopGroup.singleton
        return measure()
    }

    static func softLimit() -> Int {
        var limits = rlimit()
        #if os(Linux)
            let status = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limits)
        #else
            let status = getrlimit(RLIMIT_NOFILE, &limits)
        #endif
        guard status == 0 else { return 1024 }
        return limits.rlim_cur > UInt64(Int32.max) ? ceiling * 2 : Int(limits.rlim_cur)
    }

    /// Open descriptors, from /proc/self/fd (Linux) or /dev/fd; the listing's own descriptor
    /// is not counted. Where neither can be read, a guess of 32.
    static func openDescriptors() -> Int {
        for directory in ["/proc/self/fd", "/dev/fd"] {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
                return max(0, names.count - 1)
            }
        }
        return 32
    }
}
