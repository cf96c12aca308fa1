import HummingbirdCore
import Logging
import NIOCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The listening socket's first handler. Each accepted connection goes through the
/// `ConnectionTable` (admitted, possibly closing others to make room, or closed at once) and
/// gets a `ConnectionGuard` in front of its pipeline before anything of it is read.
///
/// It also keeps the listener alive: an `accept` that fails (no descriptor left, no buffer
/// memory, a client that reset before it was accepted) is not passed on, where it would end
/// the server's stream of connections; out of descriptors, it closes the quietest
/// connection and pauses accepting briefly, instead of retrying the failing `accept` at once
/// (which spins a core while nothing is served).
final class AcceptGate: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel
    typealias OutboundIn = Never
    typealias OutboundOut = Never

    /// How long accepting pauses after the process ran out of descriptors or memory.
    static let pause = TimeAmount.milliseconds(20)
    /// How often the table's counts are written to the log (when anything happened).
    static let reportInterval = TimeAmount.seconds(60)

    private let table: ConnectionTable
    private let logger: Logger
    private var paused = false
    private var readWanted = false
    private var report: RepeatedTask?
    private var lastExhaustionLogged: NIODeadline?

    init(table: ConnectionTable, logger: Logger) {
        self.table = table
        self.logger = logger
    }

    /// Puts the gate on `server` (the listening channel), then opens `gate` and asks the
    /// listener to accept: until then `AcceptAfterGuarding` held accepting back, so no
    /// connection is ever accepted unguarded.
    static func install(on server: any Channel, table: ConnectionTable, logger: Logger, opening gate: AcceptSwitch) async {
        do {
            try await server.eventLoop.submit {
                try server.pipeline.syncOperations.addHandler(AcceptGate(table: table, logger: logger), position: .first)
            }.get()
        } catch {
            logger.error(
                "The connection limits could not be put on the listening socket; the hub serves without them.",
                metadata: ["error": "\(error)"])
        }
        gate.open()
        server.read()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let table = self.table
        let logger = self.logger
        report = context.eventLoop.scheduleRepeatedTask(initialDelay: Self.reportInterval, delay: Self.reportInterval) { _ in
            Self.logCounts(table, logger)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        report?.cancel()
        report = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let child = unwrapInboundIn(data)
        let now = NIODeadline.now()
        let address = ClientAddress.key(child.remoteAddress)
        let (admission, closing) = table.admit(child, address: address, at: now)
        for other in closing {
            other.close(promise: nil)
        }
        guard case .admitted(let id) = admission else {
            // Never registered or set up: closing it frees its descriptor at once.
            child.close(promise: nil)
            return
        }
        let table = self.table
        let logger = self.logger
        child.closeFuture.whenComplete { _ in table.remove(id) }
        let install: @Sendable () -> Void = {
            do {
                try child.pipeline.syncOperations.addHandler(
                    ConnectionGuard(id: id, table: table, address: address, acceptedAt: now, logger: logger),
                    position: .first)
            } catch {
                child.close(promise: nil)
            }
        }
        // The bootstrap sets the connection up right after this, on its own event loop:
        // scheduled first, the guard is in place before it.
        if child.eventLoop.inEventLoop {
            install()
        } else {
            child.eventLoop.execute(install)
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError {
            switch error.errnoCode {
            case EMFILE, ENFILE:
                outOfDescriptors(context)
                return
            case ENOBUFS, ENOMEM:
                pause(context)
                return
            case ECONNABORTED:
                return
            default:
                break
            }
        }
        context.fireErrorCaught(error)
    }

    func read(context: ChannelHandlerContext) {
        if paused {
            readWanted = true
        } else {
            context.read()
        }
    }

    private func outOfDescriptors(_ context: ChannelHandlerContext) {
        let (closing, maxConnections) = table.makeRoom()
        for channel in closing {
            channel.close(promise: nil)
        }
        let now = NIODeadline.now()
        if lastExhaustionLogged.map({ now - $0 >= Self.reportInterval }) ?? true {
            lastExhaustionLogged = now
            let budget = DescriptorBudget.measure()
            logger.warning(
                "The hub ran out of file descriptors (RLIMIT_NOFILE \(budget.limit), \(budget.inUse) open): it now keeps at most \(maxConnections) connections open and closed the quietest \(closing.count). Lower --max-connections or raise the limit (LimitNOFILE= in onething-hub.service, ulimit -n) and restart the hub."
            )
        }
        pause(context)
    }

    private func pause(_ context: ChannelHandlerContext) {
        guard !paused else { return }
        paused = true
        context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: Self.pause) { [self] in
            paused = false
            if readWanted {
                readWanted = false
                context.read()
            }
        }
    }

    private static func logCounts(_ table: ConnectionTable, _ logger: Logger) {
        let (counts, open) = table.takeCounts()
        guard !counts.isEmpty else { return }
        let limits = table.limits
        let slow = (counts.expired[.header] ?? 0) + (counts.expired[.body] ?? 0)
        let level: Logger.Level =
            counts.refused + counts.madeRoom + counts.descriptorsExhausted > 0 ? .warning : slow > 0 ? .notice : .debug
        logger.log(
            level: level,
            "connections in the last minute",
            metadata: [
                "open": "\(open)", "max": "\(limits.maxConnections)", "max_per_address": "\(limits.maxConnectionsPerAddress)",
                "accepted": "\(counts.admitted)", "closed_to_make_room": "\(counts.madeRoom)",
                "refused_all_busy": "\(counts.refused)",
                "closed_slow_head": "\(counts.expired[.header] ?? 0)", "closed_slow_body": "\(counts.expired[.body] ?? 0)",
                "closed_idle": "\(counts.expired[.idle] ?? 0)", "out_of_descriptors": "\(counts.descriptorsExhausted)",
            ])
    }
}

@available(*, unavailable)
extension AcceptGate: Sendable {}

/// Holds accepting back until the `AcceptGate` is on the listening socket.
final class AcceptSwitch: Sendable {
    private let isOpen = Atomic<Bool>(false)

    func open() { isOpen.store(true, ordering: .releasing) }
    var opened: Bool { isOpen.load(ordering: .acquiring) }
}

/// Hummingbird's hook on the listening socket, used only to hold accepting back until the
/// gate is in place (the gate itself does the counting).
struct AcceptAfterGuarding: AvailableConnectionsDelegate {
    let gate: AcceptSwitch

    mutating func connectionOpened() {}
    mutating func connectionClosed() {}
    func isAcceptingNewConnections() -> Bool { gate.opened }
}
