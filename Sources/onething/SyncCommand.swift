import ArgumentParser
import Foundation
import OneThingCLI
import OneThingCurl
import OneThingModel
import OneThingStore
import OneThingSync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "One exchange with the hub: push what is queued, pull what changed. Safe to start from cron every minute.",
        discussion: """
            Pushes every queued application in batches, pulls every page of department decisions, and pushes
            again if pulling made new work. Quiet when there was nothing to do (cron mails whatever is printed);
            one summary line otherwise. Overlapping runs are safe: a second run exits 75 at once.

            Exit codes: 0 the exchange completed; 69 the hub refused the node (token, node id) or the TLS
            handshake failed (hub certificate not trusted by the CA file, expired or for another name; client
            certificate missing or refused); 74 the node database failed; 75 the hub was unreachable, timed out
            or answered 5xx, or another sync is running (everything is kept for the next run); 78 the node is not
            set up (`onething init`), its token or client key file is unusable or readable by others, or the hub
            URL is plain http to another machine.

            TLS options fall back to the environment: ONETHING_CA_FILE, ONETHING_CLIENT_CERT,
            ONETHING_CLIENT_KEY (see sync/onething-sync.env).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("retry-budget"), help: ArgumentHelp("Seconds this run may keep retrying a failing hub before exiting 75.", valueName: "seconds"))
    var retryBudget: Double = 20

    @Option(name: .customLong("batch-size"), help: ArgumentHelp("Applications per push request (1-500).", valueName: "n"))
    var batchSize: Int = 250

    @Option(name: .customLong("page-size"), help: ArgumentHelp("Changes per pull request (1-1000).", valueName: "n"))
    var pageSize: Int = 500

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds to wait for the connection.", valueName: "seconds"))
    var connectTimeout: Double = 10

    @Option(help: ArgumentHelp("Seconds one request may take in all.", valueName: "seconds"))
    var timeout: Double = 60

    @Option(name: .customLong("max-response-mb"), help: ArgumentHelp("Refuse hub responses larger than this.", valueName: "MiB"))
    var maxResponseMB: Int = 64

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("CA certificates to verify the hub with (PEM).", valueName: "file"))
    var caFile: String?

    @Option(name: .customLong("client-cert"), help: ArgumentHelp("Client certificate for mutual TLS (PEM).", valueName: "file"))
    var clientCert: String?

    @Option(name: .customLong("client-key"), help: ArgumentHelp("Client key for mutual TLS (PEM).", valueName: "file"))
    var clientKey: String?

    func validate() throws {
        guard (1...500).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 500.") }
        guard (1...1000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 1000.") }
        guard retryBudget >= 0, connectTimeout > 0, timeout > 0 else {
            throw ValidationError("--retry-budget, --connect-timeout and --timeout must be positive numbers of seconds.")
        }
        guard maxResponseMB >= 1 else { throw ValidationError("--max-response-mb must be at least 1.") }
    }

    func run() async throws {
        Diagnostics.bootstrap()
        try await CLIProgram.node.run(json: global.json) { () async throws(CLIFailure) in try await perform() }
    }

    func perform() async throws(CLIFailure) {
        let context = try NodeContext.open(global)
        guard let config = context.config else {
            throw CLIFailure.config("This node is not set up for sync yet: run `onething init --hub URL --node-id ID --token-file FILE`. Filed applications are kept.")
        }
        let token = try TokenFile.read(config.tokenFile)
        let lock: SyncLock
        do {
            lock = try SyncLock(databasePath: context.store.path)
        } catch {
            throw CLIFailure(error)
        }
        defer { withExtendedLifetime(lock) {} }
        let env = ProcessInfo.processInfo.environment
        var curl = CurlConfiguration(baseURL: config.hubURL)
        curl.connectTimeoutSeconds = connectTimeout
        curl.totalTimeoutSeconds = timeout
        curl.maxResponseBytes = maxResponseMB * 1024 * 1024
        curl.caFile = caFile ?? env["ONETHING_CA_FILE"]
        curl.clientCertificate = clientCert ?? env["ONETHING_CLIENT_CERT"]
        curl.clientKey = clientKey ?? env["ONETHING_CLIENT_KEY"]
        let transport: CurlTransport
        do {
            transport = try CurlTransport(configuration: curl)
        } catch {
            throw CLIFailure(error)
        }
        var options = SyncOptions()
        options.batchSize = batchSize
        options.pageSize = pageSize
        options.retryBudgetSeconds = retryBudget
        let showProgress = isatty(STDERR_FILENO) == 1 && !global.json
        let draw: @Sendable (Int, Int) -> Void = { done, total in ProgressBar.draw(done: done, total: total) }
        let engine = SyncEngine(
            store: context.store, transport: transport, nodeId: config.nodeId, token: token,
            catalogVersion: context.catalog.version, region: config.region, options: options, clock: context.clock,
            progress: showProgress ? draw : nil)
        let report: SyncReport
        do throws(SyncError) {
            report = try await engine.run()
        } catch {
            if showProgress { ProgressBar.finish() }
            throw CLIFailure(error)
        }
        if showProgress { ProgressBar.finish() }
        if let recovery = report.hubRecovery {
            Output.diagnostic("onething: \(recovery.description). `onething status` shows it.")
        }
        if let seq = report.nodeBehindHub {
            Output.diagnostic(
                "onething: this database is older than the hub's record of this node (the hub applied seq \(seq)): it was restored from a backup? New entries continue after that seq; applications the hub holds that this database lacks are listed by `onething status`.")
        }
        if report.renumbered > 0 {
            Output.diagnostic("onething: \(report.renumbered) unsent entries renumbered past the seqs the hub has seen, and sent.")
        }
        if report.unknownChanges > 0 {
            Output.diagnostic(
                "onething: the hub holds \(report.unknownChanges) application(s) of this node that this database does not; `onething status` lists them.")
        }
        if let refused = report.catalogRefused {
            Output.diagnostic(
                "onething: warning: the hub's catalogue \(refused.version) was refused because \(refused.reason); this node keeps catalogue \(refused.keeps) and syncs on. Tell the hub's operator.")
        }
        if global.json {
            Output.json(report)
        } else if !report.isQuiet {
            Output.line(report.summary)
        }
    }
}

/// A progress bar on stderr for a large backlog on a terminal (never under cron).
enum ProgressBar {
    static let threshold = 1000

    static func draw(done: Int, total: Int) {
        guard total >= threshold else { return }
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\rsync: sending [\(bar)] \(done)/\(total)".utf8))
    }

    static func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
