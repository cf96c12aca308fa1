import Foundation
import Logging

/// swift-log on stderr; the level comes from $ONETHING_LOG_LEVEL (default warning). Log
/// messages carry ids, counts and codes only, never an applicant's values.
enum Diagnostics {
    static var logger: Logger { Logger(label: "onething") }

    static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["ONETHING_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .warning
            return handler
        }
    }
}
