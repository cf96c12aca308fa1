public import OneThingModel
public import OneThingWire

/// What the store tells after filing: enough for a receipt.
public struct FiledApplication: Sendable, Hashable {
    public var id: String
    public var outboxSeq: Int64
    public var idempotencyKey: String
    public var payloadSHA256: String
    /// Applications filed here before for the same person and event: a warning, not a refusal.
    public var possibleDuplicates: [LocalDuplicate] = []
}

/// An application of this node that looks like the same person and event.
public struct LocalDuplicate: Sendable, Hashable, Codable {
    public var id: String
    public var kind: DuplicateKind

    public init(id: String, kind: DuplicateKind) {
        self.id = id
        self.kind = kind
    }
}

/// One line of `onething list`.
public struct ApplicationSummary: Sendable, Hashable, Codable {
    public var id: String
    public var bundle: String
    public var state: ApplicationState
    public var revision: Int
    public var provinceNo: String?
    public var filedAt: Timestamp
    public var items: [ItemStatus]

    enum CodingKeys: String, CodingKey {
        case id, bundle, state, revision, provinceNo, filedAt, items
    }

    /// Unknown values are written as null, so scripts always find every key.
    public func encode(to encoder: any Encoder) throws {
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

public struct ItemStatus: Sendable, Hashable, Codable {
    public var item: String
    public var state: ItemState
    public var reason: String?
    /// Documents issued with the decision (the newborn's resident ID number, ...).
    public var documents: [String: String]?

    enum CodingKeys: String, CodingKey {
        case item, state, reason, documents
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        try c.encode(state, forKey: .state)
        try c.encode(reason, forKey: .reason)
        try c.encode(documents, forKey: .documents)
    }
}

/// One application in full, for `onething show`.
public struct ApplicationDetail: Sendable, Hashable {
    public var summary: ApplicationSummary
    public var region: String
    public var catalogVersion: String
    public var fields: [String: String]
    public var situations: [String]
    public var hubRevision: Int?
    public var stateReason: String?
    public var operatorId: String?
    public var updatedAt: Timestamp
    /// The hub revision the working copy was last merged with (0: none yet).
    public var hubFieldsRevision: Int = 0
    /// Another application the hub matched this one with.
    public var duplicate: DuplicateMatch?
    /// How many conflicts wait for a person's decision.
    public var openConflicts: Int = 0
}

/// Where the node is set to sync to. The token itself is never stored here: only the path
/// of the file that holds it.
public struct NodeConfig: Sendable, Hashable, Codable {
    public var nodeId: String
    public var hubURL: String
    public var tokenFile: String
    public var region: String

    public init(nodeId: String, hubURL: String, tokenFile: String, region: String) {
        self.nodeId = nodeId
        self.hubURL = hubURL
        self.tokenFile = tokenFile
        self.region = region
    }
}

/// `onething status`: the queue and the last sync.
public struct QueueStatus: Sendable, Hashable, Codable {
    public var applications: [String: Int]
    public var outbox: [String: Int]
    public var lastSuccessAt: Timestamp?
    public var lastAttemptAt: Timestamp?
    public var lastError: String?
}

extension QueueStatus {
    /// Outbox entries the hub has not acknowledged: queued, and in flight (sent by a sync
    /// that was stopped before the answer came; the next sync sends them again).
    public var waitingToSend: Int { (outbox["queued"] ?? 0) + (outbox["in_flight"] ?? 0) }
}

/// One page of `NodeStore.applicationPage`: `next` is where the following page starts
/// (nil: this was the last).
public struct ApplicationPage: Sendable, Hashable {
    public var applications: [ApplicationSummary]
    public var next: Int64?

    public init(applications: [ApplicationSummary], next: Int64?) {
        self.applications = applications
        self.next = next
    }
}
