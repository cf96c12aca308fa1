/// The frozen content of one outbox entry: what the hub receives for one revision of an
/// application. Encoded canonically (sorted keys; OneThingWire describes its JSON) so that
/// its hash is stable.
public struct ApplicationPayload: Sendable, Hashable {
    public var applicationId: String
    public var revision: Int
    public var baseRevision: Int?
    public var bundle: String
    public var items: [String]
    public var fields: [String: String]
    public var situations: [String]
    public var catalogVersion: String
    public var region: String
    public var operatorId: String?
    /// Conflicted fields whose value in this revision is a person's decision
    /// (`onething conflicts resolve`); the hub closes its conflict records for them. Left
    /// out of the JSON when empty, so that payloads frozen before it hash alike.
    public var resolves: [String]
    /// When the application was filed at the node (`YYYY-MM-DDTHH:MM+08:00`), the moment the
    /// hub checks every revision as of; absent from entries frozen before it was sent.
    public var filedAt: String?

    public init(
        applicationId: String, revision: Int, baseRevision: Int?, application: ValidatedApplication,
        operatorId: String?, filedAt: String? = nil
    ) {
        self.filedAt = filedAt
        self.applicationId = applicationId
        self.revision = revision
        self.baseRevision = baseRevision
        self.bundle = application.bundle
        self.items = application.items
        self.fields = application.fields
        self.situations = application.situations
        self.catalogVersion = application.catalogVersion
        self.region = application.region
        self.operatorId = operatorId
        self.resolves = []
    }

    /// Every field as given (a payload read from the wire).
    public init(
        applicationId: String, revision: Int, baseRevision: Int?, bundle: String, items: [String], fields: [String: String],
        situations: [String], catalogVersion: String, region: String, operatorId: String?, resolves: [String] = [],
        filedAt: String? = nil
    ) {
        self.filedAt = filedAt
        self.applicationId = applicationId
        self.revision = revision
        self.baseRevision = baseRevision
        self.bundle = bundle
        self.items = items
        self.fields = fields
        self.situations = situations
        self.catalogVersion = catalogVersion
        self.region = region
        self.operatorId = operatorId
        self.resolves = resolves
    }
}
