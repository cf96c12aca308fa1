import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Sits after the HTTP decoder of one connection and tells its `ConnectionGuard` where each
/// request and answer begins and ends, and whether a request carried credentials and the
/// answer accepted them. It changes nothing that passes through.
final class RequestPhaseObserver: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let connection: ConnectionGuard

    init(guard connection: ConnectionGuard) {
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            connection.requestHead(
                withCredentials: request.headerFields[.authorization] != nil, eventLoop: context.eventLoop)
        case .body: break
        case .end: connection.requestEnd(eventLoop: context.eventLoop)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let response): connection.responseHead(status: response.status.code)
        case .body: break
        case .end:
            // The answer counts as sent once its end has gone out, after everything before it.
            let sent = promise ?? context.eventLoop.makePromise()
            let connection = self.connection
            let eventLoop = context.eventLoop
            sent.futureResult.assumeIsolatedUnsafeUnchecked().whenSuccess {
                connection.responseEnd(eventLoop: eventLoop)
            }
            connection.responseWritten(eventLoop: eventLoop)
            context.write(data, promise: sent)
            return
        }
        context.write(data, promise: promise)
    }
}

@available(*, unavailable)
extension RequestPhaseObserver: Sendable {}
