package import OneThingWire

extension HubRules {
    /// Every application the hub holds, by province number.
    package func applications() async throws(HubError) -> [HubApplication] {
        try await reading { db in
            try ApplicationRecord.fetchAll(db).map { record in
                try record.hubApplication(items: try ItemRecord.fetchAll(db, provinceNo: record.provinceNo), db)
            }
        }
    }

    package func application(_ provinceNo: String) async throws(HubError) -> HubApplication {
        try await reading { db in try ApplicationRecord.hubApplication(db, provinceNo: provinceNo) }
    }
}
