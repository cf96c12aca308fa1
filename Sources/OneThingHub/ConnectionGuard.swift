import HummingbirdCore
import Logging
import NIOCore

/// The first handler of every connection's pipeline (before TLS and HTTP decoding): it sees
/// every byte arrive, keeps the connection's `ConnectionTimeline`, closes the connection at
/// its deadline, and tells the `ConnectionTable` how readily the connection gives way.
/// Request and answer boundaries come from a `RequestPhaseObserver` it places after the
/// HTTP decoder when the first bytes arrive (by then the pipeline is complete).
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let id: ConnectionTable.ID
    private let table: ConnectionTable
    private let address: String
    private let logger: Logger
    private var timeline: ConnectionTimeline
    private var reported: ConnectionStanding?
    private var channel: (any Channel)?
    private var timer: Scheduled<Void>?
    private var timerAt: NIODeadline?
    private var observing = false
    /// Bytes waiting to be sent when the answer was written or last checked.
    private var bufferedAtLastCheck: Int?
    /// Set when the HTTP pipeline could not be found: the connection is left without
    /// deadlines rather than closed while it works.
    private var exempt = false

    init(id: ConnectionTable.ID, table: ConnectionTable, address: String, acceptedAt: NIODeadline, logger: Logger) {
        self.id = id
        self.table = table
        self.address = address
        self.logger = logger
        timeline = ConnectionTimeline(acceptedAt: acceptedAt)
        reported = timeline.standing
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        refresh(on: context.eventLoop)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        channel = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        table.remove(id)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !observing {
            observing = true
            observeRequests(context)
        }
        timeline.bytesArrived(at: .now())
        refresh(on: context.eventLoop)
        context.fireChannelRead(data)
    }

    // MARK: Events from the RequestPhaseObserver (same event loop)

    func requestHead(withCredentials: Bool, eventLoop: any EventLoop) {
        timeline.requestHead(withCredentials: withCredentials, at: .now())
        refresh(on: eventLoop)
    }

    func requestEnd(eventLoop: any EventLoop) {
        timeline.requestEnd(at: .now())
        refresh(on: eventLoop)
    }

    func responseHead(status: Int) {
        timeline.responseHead(status: status)
    }

    func responseWritten(eventLoop: any EventLoop) {
        timeline.responseWritten(at: .now())
        bufferedAtLastCheck = bufferedBytes()
        refresh(on: eventLoop)
    }

    func responseEnd(eventLoop: any EventLoop) {
        timeline.responseEnd(at: .now())
        bufferedAtLastCheck = nil
        refresh(on: eventLoop)
    }

    // MARK: Deadlines and standing

    private func observeRequests(_ context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        do {
            let decoded = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(RequestPhaseObserver(guard: self), position: .before(decoded))
        } catch {
            exempt = true
            cancelTimer()
            logger.error(
                "A connection's HTTP pipeline was not found, so its request deadlines are off; this hub build does not match its Hummingbird version.",
                metadata: ["address": "\(address)"])
        }
    }

    /// Tells the table of a new standing, and arms the timer for an earlier deadline.
    private func refresh(on eventLoop: any EventLoop) {
        let standing = timeline.standing
        if standing != reported {
            reported = standing
            table.update(id, standing: standing)
        }
        guard !exempt, let deadline = timeline.deadline(table.limits)?.at else { return }
        if let timerAt, timer != nil, timerAt <= deadline { return }
        cancelTimer()
        timerAt = deadline
        timer = eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(deadline: deadline) { [self] in
            expire(on: eventLoop)
        }
    }

    private func expire(on eventLoop: any EventLoop) {
        timer = nil
        timerAt = nil
        guard !exempt, let (at, expiry) = timeline.deadline(table.limits) else { return }
        guard at <= .now() else {
            refresh(on: eventLoop)
            return
        }
        if expiry == .stalled, let buffered = bufferedBytes(), buffered < (bufferedAtLastCheck ?? Int.max) {
            // The client is taking the answer, slowly: not stalled.
            bufferedAtLastCheck = buffered
            timeline.sendProgressed(at: .now())
            refresh(on: eventLoop)
            return
        }
        table.noteExpired(expiry)
        logger.debug("closing a connection", metadata: ["reason": "\(expiry.rawValue)", "address": "\(address)"])
        channel?.close(promise: nil)
    }

    /// Bytes written by the hub and not yet taken by the kernel, nil where the channel cannot tell.
    private func bufferedBytes() -> Int? {
        try? channel?.syncOptions?.getOption(.bufferedWritableBytes)
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
        timerAt = nil
    }
}

@available(*, unavailable)
extension ConnectionGuard: Sendable {}
