import NIOHTTP2

/// Reopening inbound flow-control windows on a connection without a stream multiplexer (both echo
/// executables' call handlers): swift-nio-http2 reports each window as it shrinks, and nothing
/// reopens it unless the handler behind it does.
public enum InboundWindow {
    /// The windows swift-nio-http2 and its peers start from (HTTP/2's default); a window is reopened
    /// to this once half of it is used.
    public static let size = 65_535

    /// The WINDOW_UPDATE that reopens `window` to `size`, once half of it is used; nil before.
    /// Callers decide which streams still deserve one.
    public static func update(for window: NIOHTTP2WindowUpdatedEvent) -> HTTP2Frame? {
        guard let left = window.inboundWindowSize, left <= size / 2 else { return nil }
        return HTTP2Frame(streamID: window.streamID, payload: .windowUpdate(windowSizeIncrement: size - left))
    }
}
