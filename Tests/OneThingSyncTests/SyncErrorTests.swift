import Testing

import OneThingStore
@testable import OneThingSync

/// `SyncError`, `TransportError` and `TLSProblem`: a code per failure, stable raw values,
/// and the messages as before.
@Suite struct SyncErrorTests {
    static let sync: [(SyncError.Code, String)] = [
        (.hubRefused, "sync.hub_refused"),
        (.secureConnection, "sync.secure_connection"),
        (.temporary, "sync.temporary"),
        (.protocolViolation, "sync.protocol_violation"),
        (.locked, "sync.locked"),
        (.lockUnusable, "sync.lock_unusable"),
        (.store, "sync.store"),
        (.configuration, "sync.configuration"),
    ]

    static let transport: [(TransportError.Code, String)] = [
        (.unreachable, "transport.unreachable"),
        (.timedOut, "transport.timed_out"),
        (.tls, "transport.tls"),
        (.responseTooLarge, "transport.response_too_large"),
        (.failed, "transport.failed"),
        (.configuration, "transport.configuration"),
        (.invalidHubURL, "transport.invalid_hub_url"),
        (.clientCertificateUnusable, "transport.client_certificate_unusable"),
        (.caFileUnusable, "transport.ca_file_unusable"),
        (.secretFileMissing, "transport.secret_file_missing"),
        (.secretFileNotRegular, "transport.secret_file_not_regular"),
        (.secretFileReadableByOthers, "transport.secret_file_readable_by_others"),
    ]

    @Test func everyCodeIsListedStableAndUnique() {
        #expect(Self.sync.map(\.0) == SyncError.Code.all)
        for (code, raw) in Self.sync { #expect(code.rawValue == raw) }
        #expect(Self.transport.map(\.0) == TransportError.Code.all)
        for (code, raw) in Self.transport { #expect(code.rawValue == raw) }
        let all = SyncError.Code.all.map(\.rawValue) + TransportError.Code.all.map(\.rawValue)
            + TLSProblem.allCases.map(\.rawValue)
        #expect(Set(all).count == all.count)
        #expect(TLSProblem.allCases.allSatisfy { $0.rawValue.hasPrefix("tls.") })
        #expect(TLSProblem.hubCertificateExpired.rawValue == "tls.hub_certificate_expired")
    }

    @Test(arguments: [
        (SyncError.hubRefused(status: 401, message: "The token is wrong."),
         "The hub refused this node (HTTP 401): The token is wrong. Check the node id and token file (`onething init`); the queue is kept."),
        (.temporary("The hub answered HTTP 503."), "The hub answered HTTP 503. Everything is kept for the next run."),
        (.secureConnection("The handshake failed."), "The handshake failed. Everything not yet delivered is kept for the next run."),
        (.protocolViolation("the cursor went backwards."),
         "The hub's answer cannot be used: the cursor went backwards. Everything is kept for the next run; if this repeats, report it to the hub operator."),
        (.locked(path: "/srv/node.sqlite.sync-lock"),
         "Another sync is running (it holds /srv/node.sqlite.sync-lock); this run did nothing. Cron will try again."),
        (.lockUnusable(path: "/srv/node.sqlite.sync-lock", reason: "Permission denied"),
         "Cannot create the sync lock file /srv/node.sqlite.sync-lock: Permission denied."),
        (.configuration("The token file is empty."), "The token file is empty."),
        (.store(.noSuchApplication(id: "OT-AAAAAAAAAA")), "There is no application OT-AAAAAAAAAA in this database."),
    ])
    func syncMessagesAreUnchanged(_ error: SyncError, _ message: String) {
        #expect(error.description == message)
    }

    @Test(arguments: [
        (TransportError.unreachable(host: "hub.example:8443", detail: "Couldn't connect to server"),
         "Cannot reach the hub at hub.example:8443: Couldn't connect to server."),
        (.timedOut(host: "hub.example:8443", seconds: 60), "The hub at hub.example:8443 did not answer within 60 seconds."),
        (.responseTooLarge(host: "hub.example:8443", limitBytes: 1024),
         "The hub at hub.example:8443 sent a response larger than 1024 bytes; it was refused."),
        (.failed(host: "hub.example:8443", detail: "the request was cancelled"),
         "The exchange with the hub at hub.example:8443 failed: the request was cancelled."),
        (.secretFileReadableByOthers(what: "client key", path: "/etc/onething/client.key"),
         "The client key /etc/onething/client.key can be read by other users; run `chmod 600 /etc/onething/client.key` and try again."),
        (.secretFileMissing(what: "client key", path: "/etc/onething/client.key"),
         "The client key /etc/onething/client.key does not exist; check the path."),
        (.tls(host: "hub.example:8443", problem: .hubCertificateExpired, detail: "certificate has expired"),
         "The hub at hub.example:8443 presented an expired certificate, or one not valid yet (certificate has expired). The hub's operator must renew it; check this machine's clock too."),
    ])
    func transportMessagesAreUnchanged(_ error: TransportError, _ message: String) {
        #expect(error.description == message)
    }

    @Test func onlyReachabilityIsTemporary() {
        for code in TransportError.Code.all {
            let error = TransportError(code, host: "h", detail: "d")
            let temporary = [.unreachable, .timedOut, .responseTooLarge, .failed].contains(code)
            #expect(error.isTemporary == temporary, "\(code)")
            #expect(error.isConfiguration == !(temporary || code == .tls), "\(code)")
        }
    }
}
