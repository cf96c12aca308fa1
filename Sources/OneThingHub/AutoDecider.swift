package import Logging
package import OneThingModel
import OneThingWire

/// `serve --auto-decide SECONDS`, for demos: every round approves every item that is
/// `in_progress` at the round's start, so dependency order follows by itself (what an
/// approval releases is approved in the next round). An item whose catalogue entry issues a
/// document with an `autoIssue` rule comes with a synthetic value of it (the household
/// registration of a birth: the newborn's resident ID number), so it is `issued`.
package struct AutoDecider: Sendable {
    let store: any HubStorage
    let interval: Duration
    let logger: Logger
    /// The wall clock: when the decisions it makes are recorded.
    let clock: WallClock

    package init(store: any HubStorage, interval: Duration, logger: Logger, clock: WallClock) {
        self.clock = clock
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    /// Rounds until the task is cancelled. A failing round is logged and the next one tries again.
    package func run() async {
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
    package func round() async throws(HubError) -> Int {
        var approved = 0
        for work in try await store.itemsInProgress() {
            var documents: [String: String] = [:]
            for issue in work.filedBundle?.issues(of: work.item) ?? [] {
                guard let rule = issue.autoIssue, let field = work.filedBundle?.systemField(issue.field),
                    let value = SyntheticIdentity.value(rule, for: field, of: work)
                else { continue }
                documents[issue.document] = value
            }
            do {
                _ = try await store.decide(
                    provinceNo: work.provinceNo, item: work.item,
                    DecisionRequest(
                        decision: .approve, documents: documents.isEmpty ? nil : documents, officer: Attribution.automaticActor),
                    at: clock.now().description)
                approved += 1
            } catch where error.code == .notDecidable {
                continue  // decided by an officer in the meantime
            } catch where error.code == .missingDocument {
                continue  // a document others wait for that no autoIssue rule makes: an officer's to give
            }
        }
        return approved
    }
}
