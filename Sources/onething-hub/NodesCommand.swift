import OneThingCLI
import OneThingTerminal
import ArgumentParser
import OneThingHub

/// `onething-hub nodes add|list|rotate|revoke`: the nodes allowed to sync with this hub.
struct NodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes",
        abstract: "Register, list, re-key and revoke nodes.",
        subcommands: [Add.self, List.self, Rotate.self, Revoke.self])

    struct Add: HubSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a node and print its token (once: only its hash is kept).")

        @OptionGroup var options: HubOptions
        @OptionGroup var output: JSONOption
        @Argument(help: ArgumentHelp("The node's id: a-z, 0-9, '.', '_', '-' (at most 64).", valueName: "node-id"))
        var nodeId: String

        var printsJSON: Bool { output.json }

        func perform() async throws(CLIFailure) {
            let store = try await options.openStore()
            try await NodesCommand.issueToken(
                nodeId, json: output.json, note: "Registered node \(nodeId). Give it the token above; it is not shown again."
            ) { () throws(HubError) in try await store.addNode(nodeId) }
        }
    }

    struct List: HubSubcommand {
        static let configuration = CommandConfiguration(abstract: "List the registered nodes.")

        @OptionGroup var options: HubOptions
        @OptionGroup var output: JSONOption

        var printsJSON: Bool { output.json }

        struct Listing: Encodable {
            var nodes: [NodeInfo]
        }

        func perform() async throws(CLIFailure) {
            let store = try await options.openStore()
            let nodes: [NodeInfo]
            do {
                nodes = try await store.nodes()
            } catch {
                throw CLIFailure(error)
            }
            if output.json {
                try Output.json(Listing(nodes: nodes))
            } else if nodes.isEmpty {
                Output.line("No node is registered; add one with `onething-hub nodes add NODE_ID`.")
            } else {
                Output.line(
                    TextTable.render(
                        header: ["NODE", "STATUS", "LAST SEQ"],
                        rows: nodes.map { [$0.nodeId, $0.revoked ? "revoked" : "active", String($0.lastSeq)] }))
            }
        }
    }

    struct Rotate: HubSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a node a new token (printed once); the old one is refused at once.",
            discussion: """
                For a token that was lost or leaked. Nothing of the node is lost: it keeps its queue and its
                applications, and goes on syncing once its token file holds the new token. A revoked node is
                active again with the new token.
                """)

        @OptionGroup var options: HubOptions
        @OptionGroup var output: JSONOption
        @Argument(help: ArgumentHelp("The node's id.", valueName: "node-id"))
        var nodeId: String

        var printsJSON: Bool { output.json }

        func perform() async throws(CLIFailure) {
            let store = try await options.openStore()
            try await NodesCommand.issueToken(
                nodeId, json: output.json,
                note: "New token for node \(nodeId); the old one no longer works. Write it into the node's token file (mode 600); it is not shown again."
            ) { () throws(HubError) in try await store.rotateNode(nodeId) }
        }
    }

    struct Revoke: HubSubcommand {
        static let configuration = CommandConfiguration(
            abstract: "Refuse a node's token from now on (its applications stay).")

        @OptionGroup var options: HubOptions
        @Argument(help: ArgumentHelp("The node's id.", valueName: "node-id"))
        var nodeId: String

        func perform() async throws(CLIFailure) {
            let store = try await options.openStore()
            do {
                try await store.revokeNode(nodeId)
            } catch {
                throw CLIFailure(error)
            }
            Output.line("revoked \(nodeId)")
        }
    }

    /// Prints a token that `issue` made (to stdout, once, alone on its line or as JSON) and the
    /// note that goes with it on stderr: what `add` and `rotate` share.
    static func issueToken(
        _ nodeId: String, json: Bool, note: String, _ issue: () async throws(HubError) -> String
    ) async throws(CLIFailure) {
        let token: String
        do {
            token = try await issue()
        } catch {
            throw CLIFailure(error)
        }
        if json {
            try Output.json(["node_id": nodeId, "token": token])
        } else {
            Output.line(token)
        }
        Output.diagnostic(note)
    }
}
