package import OneThingModel
package import OneThingWire

/// What the store tells after filing: enough for a receipt.
package struct FiledApplication: Sendable, Hashable {
    package var id: String
    package var outboxSeq: Int64
    package var idempotencyKey: String
    package var payloadSHA256: String
    /// Applications filed here before for the same person and event: a warning, not a refusal.
    package var possibleDuplicates: [LocalDuplicate] = []
}

/// An application of this node that looks like the same person and event.
package struct LocalDuplicate: Sendable, Hashable, Codable {
    package var id: String
    package var kind: DuplicateKind

    package init(id: String, kind: DuplicateKind) {
        self.id = id
        self.kind = kind
    }
}

/// One line of `onething list`.
package struct ApplicationSummary: Sendable, Hashable, Codable {
    package var id: String
    package var bundle: String
    package var state: ApplicationState
    package var revision: Int
    package var provinceNo: String?
    package var filedAt: Timestamp
    package var items: [ItemStatus]

    enum CodingKeys: String, CodingKey {
        case id, bundle, state, revision, provinceNo, filedAt, items
    }

    /// Unknown values are written as null, so scripts always find every key.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(bundle, forKey: .bundle)
        try c.encode(state, forKey: .state)
        try c.encode(revision, forKey: .revision)
        try c.encode(provinceNo, forKey: .provinceNo)
        try c.encode(filedAt, forKey: .filedAt)
        try c.encode(items, forKey: .items)
    }
}

package struct ItemStatus: Sendable, Hashable, Codable {
    package var item: String
    package var state: ItemState
    package var reason: String?
    /// Documents issued with the decision (the newborn's resident ID number, ...).
    package var documents: [String: String]?

    enum CodingKeys: String, CodingKey {
        case item, state, reason, documents
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        try c.encode(state, forKey: .state)
        try c.encode(reason, forKey: .reason)
        try c.encode(documents, forKey: .documents)
    }
}

/// One application in full, for `onething show`.
package struct ApplicationDetail: Sendable, Hashable {
    package var summary: ApplicationSummary
    package var region: String
    package var catalogVersion: String
    package var fields: [String: String]
    package var situations: [String]
    package var hubRevision: Int?
    package var stateReason: String?
    package var operatorId: String?
    package var updatedAt: Timestamp
    /// The hub revision the working copy was last merged with (0: none yet).
    package var hubFieldsRevision: Int = 0
    /// Another application the hub matched this one with.
    package var duplicate: DuplicateMatch?
    /// How many conflicts wait for a person's decision.
    package var openConflicts: Int = 0
}

/// Where the node is set to sync to. The token itself is never stored here: only the path
/// of the file that holds it.
package struct NodeConfig: Sendable, Hashable, Codable {
    package var nodeId: String
    package var hubURL: String
    package var tokenFile: String
    package var region: String

    package init(nodeId: String, hubURL: String, tokenFile: String, region: String) {
        self.nodeId = nodeId
        self.hubURL = hubURL
        self.tokenFile = tokenFile
        self.region = region
    }
}

/// `onething status`: the queue and the last sync.
package struct QueueStatus: Sendable, Hashable, Codable {
    package var applications: [String: Int]
    package var outbox: [String: Int]
    package var lastSuccessAt: Timestamp?
    package var lastAttemptAt: Timestamp?
    package var lastError: String?
}

extension QueueStatus {
    /// Outbox entries the hub has not acknowledged: queued, and in flight (sent by a sync
    /// that was stopped before the answer came; the next sync sends them again).
    package var waitingToSend: Int { (outbox["queued"] ?? 0) + (outbox["in_flight"] ?? 0) }
}

/// One page of `NodeStore.applicationPage`: `next` is where the following page starts
/// (nil: this was the last).
package struct ApplicationPage: Sendable, Hashable {
    package var applications: [ApplicationSummary]
    package var next: Int64?

    package init(applications: [ApplicationSummary], next: Int64?) {
        self.applications = applications
        self.next = next
    }
}
