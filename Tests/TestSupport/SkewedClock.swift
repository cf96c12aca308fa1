import Foundation

/// Runs a process with its wall clock shifted, through Debian's `faketime` launcher
/// (libfaketime; installed by scripts/install-deps.sh), for the tests that show no decision
/// depends on wall clocks. Not a test double: the real binaries run, only their view of the
/// date differs. (Setting LD_PRELOAD by hand loses a Swift program's arguments here; the
/// launcher sets libfaketime up properly.)
package enum SkewedClock {
    package static let launcherPath = "/usr/bin/faketime"

    package static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: launcherPath) }

    /// The launcher for `offset` as faketime reads it, such as "+1d" or "-1d"; empty for the
    /// real clock.
    package static func launcher(_ offset: String?) -> [String] {
        guard let offset else { return [] }
        return [launcherPath, "-f", offset]
    }

    /// Keeps the monotonic clock true: timers and timeouts must not jump.
    package static func environment(_ offset: String?) -> [String: String] {
        offset == nil ? [:] : ["FAKETIME_DONT_FAKE_MONOTONIC": "1"]
    }
}
