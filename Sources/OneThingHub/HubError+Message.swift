extension HubError {
    package var message: String {
        let provinceNo = provinceNo ?? "?"
        let id = id ?? "?"
        let item = item ?? "?"
        return switch code {
        case .database:
            database?.description ?? "The hub's database failed."
        case .internalFailure:
            "The hub failed to encode \(what ?? "a value"); nothing of this operation was stored. Please report this."
        case .unauthorized:
            "The request is not authorised: the bearer token is missing, wrong or revoked, or does not belong to the node in the path. Check the node's token file, or register the node again with `onething-hub nodes add`."
        case .adminDisabled:
            "The admin API is disabled on this hub; start it with `onething-hub serve --admin-token-file FILE` to enable it."
        case .badRequest, .invalidDecision:
            detail ?? ""
        case .tooLarge:
            "The request body is larger than the \((limitBytes ?? 0) / (1024 * 1024)) MiB this hub accepts; send smaller batches."
        case .badGzip:
            "The request body is marked Content-Encoding: gzip but is not valid gzip data; nothing was applied."
        case .invalidNodeId:
            "\"\(id)\" is not a valid node id: use 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit."
        case .nodeExists:
            "The node \(id) is already registered; its token cannot be shown again. Revoke it with `onething-hub nodes revoke \(id)` and register a new id if the token was lost."
        case .noSuchNode:
            "There is no node \(id) on this hub; `onething-hub nodes list` shows the registered nodes."
        case .noSuchApplication:
            "There is no application \(provinceNo) on this hub; `onething-hub list` shows the province numbers."
        case .noSuchItem:
            "The application \(provinceNo) has no item \(item); `onething-hub show \(provinceNo)` lists its items."
        case .notDecidable:
            "The item \(item) of \(provinceNo) cannot be decided now: it \(why ?? "cannot be decided")."
        case .missingReason:
            "A decision to \(decision ?? "?") needs a reason for the applicant (\"reason\" in the request); nothing was recorded."
        case .missingDocument:
            "Approving \(item) issues the \(document ?? "?") that \(waiting.joined(separator: ", ")) wait for; give it with the decision (\"documents\" in the request). Nothing was recorded."
        case .invalidFields:
            problems.map(\.description).joined(separator: "\n")
        case .invalidCatalog:
            (["The hub's catalogue cannot be used:"] + lines).joined(separator: "\n")
        case .adminTokenUnusable:
            "The token file \(path ?? "?") cannot be used: \(reason ?? "?"). Write a long random token into it (one line) and start the hub again."
        case .tlsFileUnusable:
            "The file \(path ?? "?") given to \(option ?? "?") cannot be used: \(reason ?? "?"). Fix it (or give another file with \(option ?? "?")) and start the hub again."
        case .plainHTTPOnNetwork:
            "The hub will not serve plain http on \(host ?? "?"): applicants' data would cross the network unencrypted. Give its certificate and key with --tls-cert FILE --tls-key FILE (and --tls-client-ca FILE to require node certificates), or listen on a loopback address (127.0.0.1, ::1, localhost) for tests and demos."
        case .invalidDatabaseURL:
            "The database URL cannot be used: \(detail ?? "?")"
        case .notOnPostgreSQL:
            "`onething-hub \(what ?? "?")` works on the SQLite file only. Back up a hub on PostgreSQL with pg_dump and restore it with pg_restore; the hub notices a database that went back in time at the first sync of a node that knows more than it holds, draws a new identity and moves province numbers to a fresh block. Nothing was changed."
        default:
            detail ?? code.rawValue
        }
    }
}
