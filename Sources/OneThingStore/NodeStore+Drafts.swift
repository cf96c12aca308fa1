import Foundation
import GRDB
package import OneThingModel
package import OneThingWire

/// An unfinished application at the kiosk: what the clerk has typed so far.
package struct Draft: Sendable, Hashable {
    package var operatorId: String
    package var bundle: String
    package var items: [String]
    package var fields: [String: String]
    /// The field the clerk was on.
    package var focus: String?
    package var deliveryId: Int64?
    package var updatedAt: Timestamp

    package init(
        operatorId: String, bundle: String, items: [String], fields: [String: String], focus: String?,
        deliveryId: Int64? = nil, updatedAt: Timestamp
    ) {
        self.operatorId = operatorId
        self.bundle = bundle
        self.items = items
        self.fields = fields
        self.focus = focus
        self.deliveryId = deliveryId
        self.updatedAt = updatedAt
    }
}

extension NodeStore {
    /// Saves the operator's draft (one per operator), durably: a crash or power cut after
    /// this loses nothing of it.
    package func saveDraft(_ draft: Draft) throws(StoreError) {
        try write { db in
            try db.cachedStatement(sql: """
                    INSERT INTO drafts (operator_id, bundle, items, fields, focus, delivery_id, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (operator_id) DO UPDATE SET bundle = excluded.bundle, items = excluded.items,
                        fields = excluded.fields, focus = excluded.focus, delivery_id = excluded.delivery_id,
                        updated_at = excluded.updated_at
                    """).execute(arguments: [
                    draft.operatorId, draft.bundle, StoredFields.encode(draft.items), StoredFields.encode(draft.fields),
                    draft.focus, draft.deliveryId, draft.updatedAt.description,
                ])
        }
    }

    package func draft(operatorId: String) throws(StoreError) -> Draft? {
        try read { db in
            try DraftRow.fetchOne(db, sql: "SELECT * FROM drafts WHERE operator_id = ?", arguments: [operatorId])?.draft
        }
    }

    package func discardDraft(operatorId: String) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM drafts WHERE operator_id = ?", arguments: [operatorId]) }
    }

    /// Files the application and removes the operator's draft in ONE transaction: the
    /// receipt is shown only after both are on disk, and a crash in between leaves either
    /// the draft or the filed application, never both nor neither.
    package func fileFromDraft(
        _ application: ValidatedApplication, operatorId: String, filedAt: Timestamp
    ) throws(StoreError) -> FiledApplication {
        try file(application, operatorId: operatorId, filedAt: filedAt, discardingDraftOf: operatorId)
    }

    /// Records the citizen's satisfaction rating (好差评) of an application, 1 to 5.
    package func rate(applicationId: String, score: Int, operatorId: String?, at time: Timestamp) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO ratings (application_id, score, operator_id, rated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (application_id) DO UPDATE SET score = excluded.score, rated_at = excluded.rated_at, synced = 0
                    """,
                arguments: [applicationId, score, operatorId, time.description])
        }
    }

    /// Ratings not yet sent, of applications the hub has accepted (they have a province
    /// number), oldest first.
    package func unsentRatings(limit: Int) throws(StoreError) -> [Rating] {
        try read { db in
            try RatingRow.fetchAll(
                db,
                sql: """
                    SELECT r.* FROM ratings r JOIN applications a ON a.id = r.application_id
                    WHERE r.synced = 0 AND a.province_no IS NOT NULL ORDER BY r.rowid LIMIT ?
                    """,
                arguments: [limit]
            ).map(\.rating)
        }
    }

    package func markRatingsSent(_ applicationIds: [String]) throws(StoreError) {
        guard !applicationIds.isEmpty else { return }
        try write { db in
            try db.execute(
                sql: "UPDATE ratings SET synced = 1 WHERE application_id IN (\(databaseQuestionMarks(count: applicationIds.count)))",
                arguments: StatementArguments(applicationIds))
        }
    }
}
