public import Logging
public import OneThingModel
import OneThingWire

/// `serve --auto-decide SECONDS`, for demos: every round approves every item that is
/// `in_progress` at the round's start, so dependency order follows by itself (what an
/// approval releases is approved in the next round). The household registration of a
/// birth comes with a synthetic resident ID number for the newborn, so it is `issued`.
public struct AutoDecider: Sendable {
    let store: any HubStorage
    let interval: Duration
    let logger: Logger
    /// The wall clock: when the decisions it makes are recorded.
    let clock: WallClock

    public static let birthBundle = "birth"
    public static let householdRegistration = "household-registration"
    public static let residentIDDocument = "resident_id_number"

    public init(store: any HubStorage, interval: Duration, logger: Logger, clock: WallClock) {
        self.clock = clock
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    /// Rounds until the task is cancelled. A failing round is logged and the next one tries again.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            do {
                let count = try await round()
                if count > 0 { logger.info("auto-decide approved items", metadata: ["count": "\(count)"]) }
            } catch {
                logger.error("auto-decide round failed: \(error.description)")
            }
        }
    }

    /// One round; returns how many items it approved.
    @discardableResult
    public func round() async throws(HubError) -> Int {
        var approved = 0
        for work in try await store.itemsInProgress() {
            let application = work
            var documents: [String: String]?
            if application.bundle == Self.birthBundle && work.item == Self.householdRegistration,
                let id = SyntheticIdentity.residentIDNumber(
                    region: application.region,
                    birthTime: application.fields["birth_time"] ?? "",
                    sex: application.fields["newborn_sex"] ?? "",
                    serial: Int(application.provinceNo.dropFirst(2)) ?? 0)
            {
                documents = [Self.residentIDDocument: id]
            }
            do {
                _ = try await store.decide(
                    provinceNo: work.provinceNo, item: work.item, DecisionRequest(decision: .approve, documents: documents),
                    at: clock.now().description)
                approved += 1
            } catch .notDecidable {
                continue  // decided by an officer in the meantime
            }
        }
        return approved
    }
}
