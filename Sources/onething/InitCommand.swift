import ArgumentParser
import Foundation
import OneThingCLI
import OneThingModel
import OneThingStore
import OneThingWire

struct InitCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set the node up: its database, its identity and the hub it syncs to.",
        discussion: """
            Run once when installing the node (the field technician's step), and again to change the hub or
            token file. The hub gives the node id and token: `onething-hub nodes add NODE_ID` prints the token;
            save it in a file only the node's user can read (chmod 600) and pass that file here. The token
            itself is never copied into the database.

            Example:
              onething init --hub https://hub.example.gov.cn --node-id fz-maternity-1 --token-file /etc/onething/token
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The hub's base URL: https, or http to a loopback address only.", valueName: "url"))
    var hub: String

    @Option(name: .customLong("node-id"), help: ArgumentHelp("This node's id as registered on the hub.", valueName: "id"))
    var nodeId: String

    @Option(name: .customLong("token-file"), help: ArgumentHelp("File holding the node's token (mode 600).", valueName: "file"))
    var tokenFile: String

    @Option(help: ArgumentHelp("The region code whose menus this window offers (default: the catalogue's default, 350100 Fuzhou).", valueName: "code"))
    var region: String?

    func validate() throws {
        do {
            _ = try HubURL(hub)
        } catch .plainHTTPToNetwork {
            // A configuration problem (78), refused in perform.
        } catch {
            throw ValidationError("--hub: \(error.message)")
        }
        guard NodeIdentifier.isValid(nodeId) else {
            throw ValidationError("--node-id must be 1 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.")
        }
    }

    func perform() throws(CLIFailure) {
        do {
            _ = try HubURL(hub)
        } catch .plainHTTPToNetwork {
            throw CLIFailure.config(
                "--hub \(hub) is plain http to another machine, which would send applicants' data unencrypted. Use the hub's https URL (and --ca-file, --client-cert, --client-key on `onething sync` as its operator says); plain http is accepted to a loopback address (127.0.0.1, localhost, ::1) only.")
        } catch {
            // Every other problem was refused as a usage error (64) in validate().
        }
        let tokenPath = URL(fileURLWithPath: tokenFile).standardizedFileURL.path
        try TokenFile.check(tokenPath)
        let context = try NodeContext.open(global)
        let regionCode = region ?? context.config?.region ?? context.catalog.defaultRegion
        guard let chosen = context.catalog.region(regionCode) else {
            throw CLIFailure.usage("There is no region \(regionCode); the regions are: \(context.catalog.regions.map(\.code).joined(separator: ", ")).")
        }
        let config = NodeConfig(nodeId: nodeId, hubURL: hub, tokenFile: tokenPath, region: chosen.code)
        let change = try context.storeCall { () throws(StoreError) in try context.store.saveNodeConfig(config) }
        if case .refusedNodeIdChange(let current) = change {
            throw CLIFailure.config("This database already belongs to node \(current) and has sent applications under that id; use a new database (--db) for a new node id.")
        }
        if global.json {
            Output.json(InitResult(nodeId: nodeId, hub: hub, region: chosen.code, db: context.store.path, tokenFile: tokenPath))
        } else {
            Output.line("Node \(nodeId) is set up: region \(chosen.code) (\(chosen.names.zh) \(chosen.names.en)), syncs to \(hub).")
            Output.line("Database: \(context.store.path). Next: `onething sync` from cron (see sync/onething.cron).")
        }
    }

    struct InitResult: Encodable {
        var nodeId, hub, region, db, tokenFile: String
    }
}

enum NodeIdentifier {
    static func isValid(_ s: String) -> Bool {
        guard (1...64).contains(s.count), let first = s.unicodeScalars.first,
            ("a"..."z").contains(first) || ("0"..."9").contains(first)
        else { return false }
        return s.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }
}

/// The token file must exist, be a regular file, and be readable by its owner only: the
/// token lets anyone push applications in the node's name.
enum TokenFile {
    /// The token, after the same checks as `init`.
    static func read(_ path: String) throws(CLIFailure) -> String {
        try check(path)
        return try contents(path)
    }

    /// The token as written in the file: without a UTF-8 byte order mark (Notepad writes one)
    /// and surrounding white space, the same for `init`'s check and for `sync`.
    private static func contents(_ path: String) throws(CLIFailure) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure.config("The token file \(path) cannot be read by this user.")
        }
        return String(decoding: ByteOrderMark.stripped(data), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func check(_ path: String) throws(CLIFailure) {
        switch SecretFile.problem(at: path) {
        case .missing:
            throw CLIFailure.config("The token file \(path) does not exist; save the token that `onething-hub nodes add` printed there.")
        case .notRegularFile:
            throw CLIFailure.config("The token file \(path) is not a regular file.")
        case .readableByOthers:
            throw CLIFailure.config("The token file \(path) can be read by other users; run `chmod 600 \(path)` and try again.")
        case .unreadable, nil:
            break  // told below, when reading it
        }
        let token = try contents(path)
        guard token.count >= 16, !token.contains(where: { $0.isWhitespace }) else {
            throw CLIFailure.config("The token file \(path) does not hold a token (one line of at least 16 characters).")
        }
        // A token goes into an HTTP header: visible ASCII only. Anything else is an encoding
        // the hub would never match (a file saved as UTF-16), found here rather than as 69
        // on every sync.
        guard token.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw CLIFailure.config("The token file \(path) holds characters a token does not have; save it again as plain text (UTF-8), the token on one line.")
        }
    }
}
