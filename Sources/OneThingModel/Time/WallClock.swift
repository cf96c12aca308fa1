import Foundation

/// Where the program learns what time it is: the one dependency through which filing
/// times, "not in the future", "at most six months old", ages, retention, draft and audit
/// times, catalogue checks and the hub's decisions see the date. Only the executables'
/// entry points take `.system`; everything else receives a clock, so that a test states
/// the moment it means (`.fixed`) and everything derived from it agrees, on any date and
/// in any time zone. (GRDB's `TransactionClock` plays the same part for its timestamps.)
///
/// Elapsed time (retry budgets, the idle timeout, request durations) is measured on the
/// monotonic `ContinuousClock`, which no calendar date affects.
package struct WallClock: Sendable {
    private let read: @Sendable () -> Timestamp

    /// A clock that answers `read()`.
    package init(_ read: @escaping @Sendable () -> Timestamp) {
        self.read = read
    }

    /// The moment now, to the minute.
    package func now() -> Timestamp {
        read()
    }

    /// The date now in China Standard Time.
    package func today() -> CivilDate {
        read().date
    }

    /// The system's real-time clock. For the executables' entry points only.
    package static let system = WallClock {
        Timestamp(epochSeconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// A clock that always answers `moment`.
    package static func fixed(_ moment: Timestamp) -> WallClock {
        WallClock { moment }
    }
}
