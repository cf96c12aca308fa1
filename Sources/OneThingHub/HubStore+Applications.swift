import GRDB
import OneThingModel
public import OneThingWire

extension HubStore {
    /// Every application the hub holds, by province number.
    public func applications() async throws(HubError) -> [HubApplication] {
        try await read { db in
            try ApplicationRecord.fetchAll(db).map { record in
                try record.hubApplication(items: try ItemRecord.fetchAll(db, provinceNo: record.provinceNo), db)
            }
        }
    }

    public func application(_ provinceNo: String) async throws(HubError) -> HubApplication {
        try await read { db in try ApplicationRecord.hubApplication(db, provinceNo: provinceNo) }
    }

    /// An application and the definition of its bundle as filed (`FiledBundle`).
    func recordAndBundle(_ provinceNo: String) async throws(HubError) -> (ApplicationRecord, BundleDefinition?) {
        try await read { db in
            guard let record = try ApplicationRecord.fetch(db, provinceNo: provinceNo) else {
                throw HubError.noSuchApplication(provinceNo: provinceNo)
            }
            return (record, try record.filedBundle(db))
        }
    }
}
