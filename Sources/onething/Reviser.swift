import Foundation
import OneThingCLI
import OneThingModel
import OneThingStore

/// The next revision of an application from the command line (`amend`, `conflicts
/// resolve`), through `NodeStore.revise`, which the kiosk uses too.
struct Reviser {
    let context: NodeContext
    let operatorId: String?

    /// A change of one field: a new value, or `nil` to remove an optional field.
    typealias Changes = [String: FieldInput?]

    func revise(
        _ id: String, changes: Changes, resolves: [String: ConflictResolution] = [:]
    ) throws(CLIFailure) -> AmendResult {
        let outcome = try context.storeCall { () throws(StoreError) in
            try context.store.revise(
                id, changes: changes, resolves: resolves, catalog: context.catalog, region: context.region,
                operatorId: operatorId, at: context.clock.now())
        }
        switch outcome {
        case .failure(let refused):
            throw CLIFailure.data(refused.problems)
        case .success(let result):
            Diagnostics.logger.debug(
                "revised application",
                metadata: ["id": "\(id)", "revision": "\(result.revision)", "fields": "\(result.changed.joined(separator: ","))"])
            return result
        }
    }
}
