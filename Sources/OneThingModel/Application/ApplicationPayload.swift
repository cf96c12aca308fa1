/// The frozen content of one outbox entry: what the hub receives for one revision of an
/// application. Encoded canonically (sorted keys; OneThingWire describes its JSON) so that
/// its hash is stable.
package struct ApplicationPayload: Sendable, Hashable {
    package var applicationId: String
    package var revision: Int
    package var baseRevision: Int?
    package var bundle: String
    package var items: [String]
    package var fields: [String: String]
    package var situations: [String]
    package var catalogVersion: String
    package var region: String
    package var operatorId: String?
    /// Conflicted fields whose value in this revision is a person's decision
    /// (`onething conflicts resolve`); the hub closes its conflict records for them. Left
    /// out of the JSON when empty, so that payloads frozen before it hash alike.
    package var resolves: [String]
    /// When the application was filed at the node (`YYYY-MM-DDTHH:MM+08:00`), the moment the
    /// hub checks every revision as of; absent from entries frozen before it was sent.
    package var filedAt: String?

    package init(
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
    package init(
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
