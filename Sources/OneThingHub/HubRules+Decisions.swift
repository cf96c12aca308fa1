import Foundation
import OneThingFailpoints
package import OneThingModel
package import OneThingWire

extension HubRules {
    /// Records a department's decision on one item (and what follows for the items that
    /// depend on it) and appends a change for the application's node.
    package func decide(provinceNo: String, item: String, _ request: DecisionRequest, at time: String) async throws(HubError)
        -> HubApplication
    {
        // Free text reaches the node's clerk and the officers' terminals: refused where it
        // enters when it holds anything that could act on a terminal.
        if let reason = request.reason, !DisplayText.isClean(reason) || reason.unicodeScalars.count > 500 {
            throw .invalidDecision(
                "The reason holds a control character, an escape sequence or a bidi override, or is longer than 500 characters; write it as plain text.")
        }
        if (request.documents ?? [:]).contains(where: { name, value in
            !DisplayText.isClean(name) || !DisplayText.isClean(value) || value.unicodeScalars.count > 200
        }) {
            throw .invalidDecision(
                "A document holds a control character, an escape sequence or a bidi override, or is longer than 200 characters; give it as plain text.")
        }
        let made = Attribution(at: time, by: try Self.officer(request.officer))
        return try await writing { db in
            guard var record = try ApplicationRecord.fetch(db, provinceNo: provinceNo, forUpdate: true) else {
                throw HubError.noSuchApplication(provinceNo: provinceNo)
            }
            let bundle = try record.filedBundle(db)
            var flow = ItemFlow(
                items: try ItemRecord.fetchAll(db, provinceNo: provinceNo), issued: record.issuedFieldIds(bundle))
            let issued = request.decision == .approve ? try Self.issuedFields(item, request.documents, bundle, record) : [:]
            if request.decision == .approve {
                for issue in bundle?.issues(of: item) ?? [] where issued[issue.field] == nil {
                    let waiting = flow.items.filter { $0.needs.contains(issue.field) }.map(\.item)
                    if !waiting.isEmpty {
                        throw HubError.missingDocument(item: item, document: issue.document, waiting: waiting)
                    }
                }
            }
            flow.issued.formUnion(issued.keys)
            let before = flow.items
            try flow.decide(
                item, request.decision, reason: request.reason, documents: request.documents, provinceNo: provinceNo)
            Self.attribute(&flow.items, before: before, made)
            if request.decision == .return, let index = flow.items.firstIndex(where: { $0.item == item }) {
                // A return is a hub revision of its own, so that a node revision made before
                // the node saw it (based on an earlier one) is not taken as its answer.
                record.hubRevision += 1
                flow.items[index].returnedAtRevision = record.hubRevision
                try record.update(db)
                try record.recordRevision(db, source: "officer", made)
            }
            for item in flow.items { try item.update(db, provinceNo: provinceNo) }
            if flow.items.allSatisfy({ [.approved, .issued, .rejected].contains($0.state) }) {
                // Every item is decided: the hub's retention period starts.
                try db.execute("UPDATE applications SET decided_at = COALESCE(decided_at, ?) WHERE province_no = ?", [time, provinceNo])
            }
            if !issued.isEmpty {
                // The issued number joins the fields as a new hub revision; the node takes it
                // in place of the provisional identity.
                record.fields.merge(issued) { _, new in new }
                record.hubRevision += 1
                try record.update(db)
                try record.recordRevision(db, source: "issued", made)
            }
            try record.recordChange(db)
            Failpoint.hit(.hubInsideDecision)
            return try record.hubApplication(items: flow.items, db)
        }
    }

    /// The officer a decision or amendment names: plain text of 1 to 64 characters (it is
    /// shown in the hub's views and reports).
    static func officer(_ given: String?) throws(HubError) -> String {
        guard let given else { return Attribution.adminAPIActor }
        let officer = given.trimmingCharacters(in: .whitespaces)
        guard !officer.isEmpty, officer.unicodeScalars.count <= 64, DisplayText.isClean(officer) else {
            throw .invalidDecision(
                "The officer must be an id of 1 to 64 characters of plain text (no control characters, escape sequences or bidi overrides).")
        }
        return officer
    }

    /// Records when and by whom on every item this decision decided (the item itself, and
    /// those a rejection took with it), and counts a return.
    private static func attribute(_ items: inout [ItemRecord], before: [ItemRecord], _ made: Attribution) {
        let decided: Set<ItemState> = [.approved, .issued, .rejected, .returned]
        for index in items.indices {
            let old = before.first { $0.item == items[index].item }
            guard decided.contains(items[index].state), old?.state != items[index].state || old?.reason != items[index].reason
            else { continue }
            items[index].decidedAt = made.time
            items[index].decidedBy = made.actor
            if items[index].state == .returned { items[index].returns += 1 }
        }
    }

    /// The hub-set fields an approval of `item` fills from its documents, each checked as its
    /// system field declares (type and constraints; an ID number against the person it
    /// belongs to), or `invalidDecision`.
    private static func issuedFields(
        _ item: String, _ documents: [String: String]?, _ bundle: BundleDefinition?, _ record: ApplicationRecord
    ) throws(HubError) -> [String: String] {
        guard let bundle else { return [:] }
        var issued: [String: String] = [:]
        for (field, value) in bundle.issuedFields(item: item, documents: documents).sorted(by: { $0.key < $1.key }) {
            guard let declared = bundle.systemField(field), let form = declared.asFormField else { continue }
            // Checked for its form (and an ID number's checksum); not against the hub's clock,
            // which no decision depends on.
            let clean: String
            switch FieldValueValidator.validate(.text(value), as: form, now: CivilDateTime(date: .latestChecked, hour: 0, minute: 0)) {
            case .failure(let problem):
                throw .invalidDecision("The issued \(field) is not a valid value: \(problem.message)")
            case .success(let value):
                clean = value
            }
            // An ID number belongs to the person the application is about: birth date, sex and
            // the issuing region agree with it, or it is someone else's.
            if let identity = declared.agreesWith, case .success(let number) = ResidentIDNumber.parse(clean, today: .latestChecked) {
                let problems = identity.problems(number, fields: record.fields, region: record.region)
                if !problems.isEmpty {
                    throw .invalidDecision(
                        "The issued \(field) (\(declared.label.en)) does not agree with this application: \(problems.joined(separator: "; ")). Check the number against the issuing department's record.")
                }
            }
            issued[field] = clean
        }
        return issued
    }

    /// Changes citizen fields on the hub side (an officer correcting an address): every
    /// field must exist in the bundle and pass its checks; then a new hub revision.
    package func amend(
        provinceNo: String, fields: [String: String], officer: String?, catalog: HubCatalog, now: CivilDateTime
    ) async throws(HubError) -> HubApplication {
        guard !fields.isEmpty else {
            throw .invalidFields([FieldProblem(.noChanges, field: nil, message: "Give at least one field to change.")])
        }
        let made = Attribution(at: Timestamp(now).description, by: try Self.officer(officer))
        return try await writing { db in
            guard var record = try ApplicationRecord.fetch(db, provinceNo: provinceNo, forUpdate: true) else {
                throw HubError.noSuchApplication(provinceNo: provinceNo)
            }
            guard record.purgedAt == nil else {
                throw HubError.invalidFields([
                    FieldProblem(.applicationPurged, field: nil, message: "The hub purged \(provinceNo)'s personal data after its retention period; it cannot be amended.")
                ])
            }
            // Checked under the catalogue the application was filed under (the hub keeps every
            // version it served): a newer catalogue's rules never refuse a field nobody touched.
            let filedUnder = try PayloadCheck(current: catalog, now: Timestamp(now)).catalog(version: record.catalogVersion, db)
                ?? catalog.catalog
            guard let bundle = filedUnder.bundle(record.bundle) else {
                throw HubError.invalidFields([
                    FieldProblem(
                        .catalogLacksBundle, field: nil,
                        message: "The hub's catalogue (version \(catalog.version)) has no bundle \(record.bundle), so its fields cannot be checked.")
                ])
            }
            var problems: [FieldProblem] = []
            var values: [String: String] = [:]
            for (id, value) in fields.sorted(by: { $0.key < $1.key }) {
                if bundle.isSystemField(id) {
                    problems.append(FieldProblem(.systemField, field: id, message: "This field is set by the system (the node at filing, or an item's decision), not by hand."))
                    continue
                }
                guard let field = bundle.field(id) else {
                    problems.append(FieldProblem(
                        .unknownField, field: id, message: "The \(bundle.code) form has no such field.", arguments: ["bundle": bundle.code]))
                    continue
                }
                switch FieldValueValidator.validate(.text(value), as: field, now: now) {
                case .success(let clean): values[id] = clean
                case .failure(let problem): problems.append(FieldProblem(field: id, problem: problem))
                }
            }
            guard problems.isEmpty else { throw HubError.invalidFields(problems) }
            record.fields.merge(values) { _, new in new }
            record.hubRevision += 1
            try record.update(db)
            try record.recordRevision(db, source: "officer", made)
            // An open conflict on a field the officer changed now compares with the new value.
            for (field, value) in values {
                try db.execute(
                    "UPDATE conflicts SET hub = ?, hub_revision = ? WHERE province_no = ? AND field = ? AND state = 'open'",
                    [value, record.hubRevision, provinceNo, field])
            }
            try record.recordChange(db)
            return try record.hubApplication(items: try ItemRecord.fetchAll(db, provinceNo: provinceNo), db)
        }
    }

    /// Items a department could decide now, in province-number order: what one round of
    /// `--auto-decide` approves.
    package func itemsInProgress() async throws(HubError) -> [ItemInProgress] {
        try await reading { db in
            var records: [String: (ApplicationRecord, BundleDefinition?)] = [:]
            return try ItemRecord.inProgress(db).compactMap { item -> ItemInProgress? in
                if records[item.provinceNo] == nil, let record = try ApplicationRecord.fetch(db, provinceNo: item.provinceNo) {
                    records[item.provinceNo] = (record, try record.filedBundle(db))
                }
                guard let (record, bundle) = records[item.provinceNo] else { return nil }
                return ItemInProgress(
                    provinceNo: record.provinceNo, item: item.item.item, bundle: record.bundle, region: record.region,
                    fields: record.fields, filedBundle: bundle)
            }
        }
    }
}
