import Foundation
import Hummingbird
import OneThingModel
import OneThingWire

/// The admin API (`/v1/admin/...`): what officers, tests and demos use to look at
/// applications and record the departments' decisions.
extension HubRoutes {
    func adminList(_ request: Request) async throws(HubError) -> Response {
        try authenticateAdmin(request)
        return reply(HubApplicationList(applications: try await store.applications()), request)
    }

    func adminShow(_ request: Request, provinceNo: String) async throws(HubError) -> Response {
        try authenticateAdmin(request)
        return reply(try await store.application(provinceNo), request)
    }

    func adminAmend(_ request: Request, provinceNo: String) async throws(HubError) -> Response {
        try authenticateAdmin(request)
        let data = try await HTTPBody.read(request, limit: configuration.maxBodyBytes)
        let amend = try HTTPBody.decode(AmendRequest.self, from: data, what: "amend request")
        let application = try await store.amend(
            provinceNo: provinceNo, fields: amend.fields, officer: amend.officer, catalog: configuration.catalog, now: configuration.clock.now().civil)
        logger.info(
            "amend", metadata: ["province_no": "\(provinceNo)", "fields": "\(amend.fields.count)", "hub_revision": "\(application.hubRevision)"])
        return reply(application, request)
    }

    func adminDecide(_ request: Request, provinceNo: String, item: String) async throws(HubError) -> Response {
        try authenticateAdmin(request)
        let data = try await HTTPBody.read(request, limit: configuration.maxBodyBytes)
        let decision = try HTTPBody.decode(DecisionRequest.self, from: data, what: "decision request")
        let application = try await store.decide(
            provinceNo: provinceNo, item: item, decision, at: configuration.clock.now().description)
        logger.info(
            "decision", metadata: ["province_no": "\(provinceNo)", "item": "\(item)", "decision": "\(decision.decision.rawValue)"])
        return reply(application, request)
    }

    /// Without `--admin-token-file` the admin API is off; with it, the bearer token must match.
    private func authenticateAdmin(_ request: Request) throws(HubError) {
        guard let expected = configuration.adminToken else { throw .adminDisabled }
        guard let token = Self.bearerToken(request),
            Digest.constantTimeEqual(Digest.sha256Hex(token), Digest.sha256Hex(expected))
        else {
            throw .unauthorized
        }
    }
}
